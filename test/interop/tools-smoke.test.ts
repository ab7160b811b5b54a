import {createHash} from 'node:crypto'
import {readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {expect, it} from 'vitest'
import {type BencodeDict, isDict} from '../../src/core/bencode/bencode-value.js'
import {decodeBencode} from '../../src/core/bencode/decode.js'
import {encodeBencode} from '../../src/core/bencode/encode.js'
import {cMktorrentCreate, pieceLengthOf, piecesOf, readInfoDict, transmissionCreate} from '../helpers/c-tools.js'
import {describeWithTool, describeWithTools} from '../helpers/external-tools.js'
import {type LtMode, type LtTorrent, ltCreate, ltLoadValid, ltRecheck} from '../helpers/libtorrent.js'
import {type TreeSpec, withTempTree} from '../helpers/temp-tree.js'

const TRACKER = 'http://tracker.example/announce'
const TREE: TreeSpec = {'a.bin': 100_000, 'sub/b.bin': 50_000, 'c.txt': 'hello\n'}
const FLIPPED_OFFSET = 20_000

function sha1(bytes: Uint8Array): string {
  return createHash('sha1').update(bytes).digest('hex')
}

function flipByte(path: string, offset: number): void {
  const bytes = readFileSync(path)
  bytes[offset]! ^= 0xff
  writeFileSync(path, bytes)
}

/** The piece holding byte `offset` of `file`, from libtorrent's own file order (pads included). */
function pieceOf(torrent: LtTorrent, file: string, offset: number): number {
  let start = 0
  for (const entry of torrent.files) {
    if (entry.path === file) return Math.floor((start + offset) / torrent.pieceLength)
    start += entry.length
  }
  throw new Error(`${file} is not in the torrent`)
}

function decodeDict(path: string): BencodeDict {
  const {value} = decodeBencode(readFileSync(path))
  if (!isDict(value)) throw new Error(`${path} is not a dictionary`)
  return value
}

describeWithTool('libtorrent', 'ltRecheck', () => {
  it.each<LtMode>(['v1', 'v2', 'hybrid'])('finds every piece of intact %s data, then misses exactly the flipped one', async (mode) => {
    await withTempTree(TREE, ({dir, root}) => {
      const out = join(dir, `${mode}.torrent`)
      const torrent = ltCreate(root, out, {mode, pieceLength: 16_384, trackers: [TRACKER]})
      expect(ltRecheck(out, dir)).toMatchObject({ok: true, numPieces: torrent.numPieces, havePieces: torrent.numPieces, missingPieces: [], state: 'seeding', errors: []})

      flipByte(join(root, 'a.bin'), FLIPPED_OFFSET)
      expect(ltRecheck(out, dir)).toMatchObject({
        numPieces: torrent.numPieces,
        havePieces: torrent.numPieces - 1,
        missingPieces: [pieceOf(torrent, 'a.bin', FLIPPED_OFFSET)],
        state: 'downloading',
        errors: [],
      })
    })
  })

  it('finds no piece when the data is not where the torrent says', async () => {
    await withTempTree(TREE, ({dir, root}) => {
      const out = join(dir, 'v1.torrent')
      const torrent = ltCreate(root, out, {mode: 'v1', pieceLength: 16_384})
      expect(ltRecheck(out, join(dir, 'elsewhere'))).toMatchObject({havePieces: 0, missingPieces: [...Array(torrent.numPieces).keys()], errors: []})
    })
  })

  it('checks SHA-256 too on a hybrid: v2 hashes of other data are reported as inconsistent', async () => {
    await withTempTree(TREE, async ({dir, root}) => {
      const good = join(dir, 'good.torrent')
      ltCreate(root, good, {mode: 'hybrid', pieceLength: 16_384})
      // The same tree with one byte of a.bin changed gives a.bin another pieces root and piece layer.
      const other = await withTempTree(TREE, (changed) => {
        flipByte(join(changed.root, 'a.bin'), FLIPPED_OFFSET)
        const out = join(changed.dir, 'other.torrent')
        ltCreate(changed.root, out, {mode: 'hybrid', pieceLength: 16_384})
        return decodeDict(out)
      })
      const torrent = decodeDict(good)
      const fileTree = (torrent.get('info') as BencodeDict).get('file tree') as BencodeDict
      const otherTree = (other.get('info') as BencodeDict).get('file tree') as BencodeDict
      fileTree.set('a.bin', otherTree.get('a.bin')!)
      torrent.set('piece layers', other.get('piece layers')!)
      const mixed = join(dir, 'mixed.torrent')
      writeFileSync(mixed, encodeBencode(torrent))

      const loaded = ltLoadValid(mixed)
      expect(ltRecheck(mixed, dir)).toMatchObject({
        havePieces: loaded.numPieces - 1,
        missingPieces: [pieceOf(loaded, 'a.bin', FLIPPED_OFFSET)],
        errors: ['content ERROR: (217 v1 and v2 hashes do not describe the same data)'],
      })
    })
  })
})

describeWithTools(['mktorrent', 'libtorrent'], 'cMktorrentCreate', () => {
  it('writes a private v1 torrent with a source whose info-hash libtorrent agrees with', async () => {
    await withTempTree(TREE, ({dir, root}) => {
      const out = join(dir, 'mk.torrent')
      cMktorrentCreate(root, out, {pieceExponent: 15, announce: [TRACKER, 'http://b.example/a,http://c.example/a'], private: true, source: 'SRC'})
      const loaded = ltLoadValid(out)
      expect(loaded.infoHash).toBe(sha1(readInfoDict(out)))
      expect(loaded.pieceLength).toBe(32_768)
      expect(piecesOf(out).length).toBe(20 * loaded.numPieces)
      const torrent = decodeDict(out)
      const info = torrent.get('info') as BencodeDict
      expect(info.get('private')).toBe(1)
      expect(Buffer.from(info.get('source') as Uint8Array).toString()).toBe('SRC')
      expect(torrent.has('creation date')).toBe(false)
      expect(ltRecheck(out, dir)).toMatchObject({havePieces: loaded.numPieces, errors: []})
    })
  })

  it('replaces an output left by an earlier run, which mktorrent itself refuses to do', async () => {
    await withTempTree(TREE, ({dir, root}) => {
      const out = join(dir, 'mk.torrent')
      writeFileSync(out, 'stale')
      cMktorrentCreate(root, out, {pieceExponent: 16, announce: TRACKER})
      expect(pieceLengthOf(out)).toBe(65_536)
    })
  })

  it('throws with mktorrent\'s message for a piece length it refuses', async () => {
    await withTempTree(TREE, ({dir, root}) => {
      expect(() => cMktorrentCreate(root, join(dir, 'mk.torrent'), {pieceExponent: 14, announce: TRACKER})).toThrow(
        /The piece length must be a number between 15 and 28/,
      )
    })
  })
})

describeWithTools(['transmission-create', 'libtorrent'], 'transmissionCreate', () => {
  it('writes a v1 torrent whose info-hash libtorrent agrees with and whose data rechecks', async () => {
    await withTempTree(TREE, ({dir, root}) => {
      const out = join(dir, 'tr.torrent')
      transmissionCreate(root, out, {pieceKiB: 32, tracker: TRACKER})
      const loaded = ltLoadValid(out)
      expect(loaded.infoHash).toBe(sha1(readInfoDict(out)))
      expect(loaded.pieceLength).toBe(32_768)
      expect(piecesOf(out).length).toBe(20 * loaded.numPieces)
      expect(ltRecheck(out, dir)).toMatchObject({havePieces: loaded.numPieces, errors: []})
    })
  })

  it('throws when transmission-create ignores the piece size', async () => {
    await withTempTree(TREE, ({dir, root}) => {
      expect(() => transmissionCreate(root, join(dir, 'tr.torrent'), {pieceKiB: 17})).toThrow(
        'transmission-create wrote piece length 32768 instead of 17 KiB',
      )
    })
  })

  it('throws when transmission-create cannot write, although it exits 0', async () => {
    await withTempTree(TREE, ({dir, root}) => {
      expect(() => transmissionCreate(root, join(dir, 'missing', 'tr.torrent'), {pieceKiB: 32})).toThrow(
        /transmission-create did not write .*missing\/tr\.torrent/,
      )
    })
  })
})

describeWithTools(['mktorrent', 'transmission-create'], 'C mktorrent and transmission-create', () => {
  it('hash the same files in the same order to the same pieces', async () => {
    await withTempTree(TREE, ({dir, root}) => {
      cMktorrentCreate(root, join(dir, 'mk.torrent'), {pieceExponent: 15, announce: TRACKER})
      transmissionCreate(root, join(dir, 'tr.torrent'), {pieceKiB: 32})
      expect(Buffer.from(piecesOf(join(dir, 'tr.torrent')))).toEqual(Buffer.from(piecesOf(join(dir, 'mk.torrent'))))
    })
  })
})
