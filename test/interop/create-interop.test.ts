import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {cMktorrentCreate, piecesOf, readInfoDict, transmissionCreate} from '../helpers/c-tools.js'
import {describeWithTool} from '../helpers/external-tools.js'
import {type LtMode, ltCreate, ltLoadValid, ltRecheck} from '../helpers/libtorrent.js'
// runCli here is runWarmCli: bin/run.js in a warm process, start-up paid once per file (test/helpers/warm-cli.ts).
import {runWarmCli as runCli} from '../helpers/warm-cli.js'
import {type TreeSpec, withTempTree} from '../helpers/temp-tree.js'
import {sha1} from '../helpers/torrent-builder.js'

const TRACKER = 'http://tracker.example/announce'
const KiB = 1024

/**
 * Every shape the issue names at a 16 KiB piece length: an empty file, nested folders, a file of
 * exactly one piece, one a byte longer, emoji and CJK names, and both `sub/x` and `sub.txt` (whose
 * order differs between a whole-path sort and the v2 tree's per-folder sort).
 */
const AMBIGUOUS_TREE: TreeSpec = {
  'empty.dat': '',
  'exact.bin': 16 * KiB,
  'over.bin': 16 * KiB + 1,
  'nested/a/b/c.txt': 'deep\n',
  'sub/x': 40_000,
  'sub.txt': 5_000,
  '😀 smile.txt': 'emoji\n',
  '数据.bin': 70_000,
  'Ｚ wide.txt': 300,
  'B.txt': 'upper\n',
  'a.txt': 'lower\n',
}

/** No name is a prefix of another, so every tool's file order is the same (C mktorrent sorts whole paths). */
const PLAIN_TREE: TreeSpec = {
  'a.bin': 100_000,
  'b/c.bin': 33_000,
  'b/d.bin': 16 * KiB,
  'e.txt': 'hello\n',
  'f.bin': 250_001,
}

interface Ours {
  infoHash: string | null
  infoHashV2: string | null
  issues: unknown[]
}

async function ourCreate(content: string, out: string, args: string[]): Promise<Ours> {
  const result = await runCli(['create', content, '-o', out, '--no-date', '--no-created-by', '-q', ...args])
  expect(result.stderr).toBe('')
  expect(result.status).toBe(0)
  // The trees here are tiny on purpose, so a hybrid's padding dwarfs its payload; that lint is expected.
  const info = await runCli(['info', '--json', '--allow', 'pad-overhead', out])
  expect(info.status).toBe(0)
  return JSON.parse(info.stdout) as Ours
}

const modeFlag: Record<LtMode, string> = {v1: 'v1', v2: 'v2', hybrid: 'hybrid'}

describeWithTool('libtorrent', 'create: same info-hashes as libtorrent create_torrent', () => {
  it.each<[Exclude<LtMode, 'v1'>, number]>([
    ['v2', 16 * KiB],
    ['v2', 64 * KiB],
    ['hybrid', 16 * KiB],
    ['hybrid', 32 * KiB],
  ])('%s at %i-byte pieces on a tree with empty, exact, one-over, nested, emoji and CJK files', async (mode, pieceLength) => {
    await withTempTree(AMBIGUOUS_TREE, async ({dir, root}) => {
      const lt = ltCreate(root, join(dir, 'lt.torrent'), {mode, pieceLength, trackers: [TRACKER]})
      const ours = await ourCreate(root, join(dir, 'ours.torrent'), ['--meta-version', modeFlag[mode], '-l', String(pieceLength), '-a', TRACKER])
      expect({infoHash: ours.infoHash, infoHashV2: ours.infoHashV2}).toEqual({infoHash: lt.infoHash, infoHashV2: lt.infoHashV2})
      expect(ours.issues).toEqual([])
    })
  })

  it.each<Exclude<LtMode, 'v1'>>(['v2', 'hybrid'])('%s of a single file of several pieces with a short last piece', async (mode) => {
    await withTempTree({'movie.bin': 5 * 16 * KiB + 123}, async ({dir, root}) => {
      const file = join(root, 'movie.bin')
      const lt = ltCreate(file, join(dir, 'lt.torrent'), {mode, pieceLength: 16 * KiB})
      const ours = await ourCreate(file, join(dir, 'ours.torrent'), ['--meta-version', mode, '-l', '16KiB'])
      expect({infoHash: ours.infoHash, infoHashV2: ours.infoHashV2}).toEqual({infoHash: lt.infoHash, infoHashV2: lt.infoHashV2})
    })
  })

  it('hybrid of a folder holding one file: unpadded, like a single file', async () => {
    await withTempTree({'only.bin': 50_000}, async ({dir, root}) => {
      const lt = ltCreate(root, join(dir, 'lt.torrent'), {mode: 'hybrid', pieceLength: 16 * KiB})
      const ours = await ourCreate(root, join(dir, 'ours.torrent'), ['--hybrid', '-l', '16KiB'])
      expect({infoHash: ours.infoHash, infoHashV2: ours.infoHashV2}).toEqual({infoHash: lt.infoHash, infoHashV2: lt.infoHashV2})
    })
  })

  it('hybrid private torrents hash alike: the private flag sits inside info (BEP 27)', async () => {
    await withTempTree(PLAIN_TREE, async ({dir, root}) => {
      const lt = ltCreate(root, join(dir, 'lt.torrent'), {mode: 'hybrid', pieceLength: 32 * KiB, private: true, trackers: [TRACKER]})
      const ours = await ourCreate(root, join(dir, 'ours.torrent'), ['--hybrid', '-l', '15', '-p', '-a', TRACKER])
      expect(ours.infoHash).toBe(lt.infoHash)
      expect(ours.infoHashV2).toBe(lt.infoHashV2)
    })
  })
})

describeWithTool('libtorrent', 'create: libtorrent checks our torrents against the data', () => {
  it.each<LtMode>(['v1', 'v2', 'hybrid'])('finds every piece of a %s torrent we made', async (mode) => {
    await withTempTree(AMBIGUOUS_TREE, async ({dir, root}) => {
      const out = join(dir, 'ours.torrent')
      await ourCreate(root, out, ['--meta-version', mode, '-l', '16KiB', '-a', TRACKER])
      const loaded = ltLoadValid(out)
      expect(ltRecheck(out, dir)).toMatchObject({ok: true, numPieces: loaded.numPieces, havePieces: loaded.numPieces, missingPieces: [], errors: []})
    })
  })

  it('lists the same files as libtorrent in a v2 torrent we made, in the same order', async () => {
    await withTempTree(AMBIGUOUS_TREE, async ({dir, root}) => {
      const lt = ltCreate(root, join(dir, 'lt.torrent'), {mode: 'hybrid', pieceLength: 16 * KiB})
      const out = join(dir, 'ours.torrent')
      await ourCreate(root, out, ['--hybrid', '-l', '16KiB'])
      expect(ltLoadValid(out).files).toEqual(lt.files)
    })
  })
})

describeWithTool('mktorrent', 'create: v1 info-hashes equal C mktorrent 1.1', () => {
  it.each([15, 16, 18])('a multi-file tree at -l %i', async (exponent) => {
    await withTempTree(PLAIN_TREE, async ({dir, root}) => {
      const theirs = join(dir, 'c.torrent')
      cMktorrentCreate(root, theirs, {pieceExponent: exponent, announce: TRACKER})
      const ours = await ourCreate(root, join(dir, 'ours.torrent'), ['-l', String(exponent), '-a', TRACKER])
      expect(ours.infoHash).toBe(sha1(readInfoDict(theirs)).toString('hex'))
    })
  })

  it('a single file, private, with a source tag', async () => {
    await withTempTree({'image.iso': 300_000}, async ({dir, root}) => {
      const file = join(root, 'image.iso')
      const theirs = join(dir, 'c.torrent')
      cMktorrentCreate(file, theirs, {pieceExponent: 15, announce: [`${TRACKER},http://backup.example/a`, 'udp://t2.example:6969'], private: true, source: 'SRC'})
      const ours = await ourCreate(file, join(dir, 'ours.torrent'), ['-l', '15', '-a', `${TRACKER},http://backup.example/a`, '-a', 'udp://t2.example:6969', '-p', '-s', 'SRC'])
      expect(ours.infoHash).toBe(sha1(readInfoDict(theirs)).toString('hex'))
    })
  })
})

describeWithTool('transmission-create', 'create: v1 piece hashes equal transmission-create 3.00', () => {
  it.each([32, 64])('the same pieces bytes for a multi-file tree at %i KiB', async (pieceKiB) => {
    await withTempTree(PLAIN_TREE, async ({dir, root}) => {
      const theirs = join(dir, 'tr.torrent')
      transmissionCreate(root, theirs, {pieceKiB})
      const out = join(dir, 'ours.torrent')
      await ourCreate(root, out, ['-l', `${pieceKiB}KiB`])
      expect(Buffer.from(piecesOf(out)).equals(Buffer.from(piecesOf(theirs)))).toBe(true)
    })
  })
})

describe('create: reproducible output', () => {
  it('writes byte-identical torrents from the same input with --no-date and --no-created-by', async () => {
    await withTempTree(AMBIGUOUS_TREE, async ({dir, root}) => {
      await ourCreate(root, join(dir, 'one.torrent'), ['--hybrid', '-a', TRACKER, '-l', '16KiB'])
      await ourCreate(root, join(dir, 'two.torrent'), ['--hybrid', '-a', TRACKER, '-l', '16KiB', '-t', '1'])
      expect(readFileSync(join(dir, 'one.torrent')).equals(readFileSync(join(dir, 'two.torrent')))).toBe(true)
    })
  })
})
