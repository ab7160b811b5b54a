/**
 * Files of the wrong size against libtorrent 2.0.8's recheck (test/interop/libtorrent-tool.py
 * `recheck`): libtorrent makes the torrent, the file is cut or extended, and our bad pieces must be
 * exactly the pieces libtorrent does not have. Offsets come from libtorrent's own file list (pads
 * included), so no piece number is computed by the code under test.
 */
import {appendFile, readFile, truncate} from 'node:fs/promises'
import {join} from 'node:path'
import {expect, it} from 'vitest'
import {verifyContent} from '../../src/core/use-cases/verify-content.js'
import type {VerifyReport} from '../../src/core/verify/verify-report.js'
import {describeWithTool} from '../helpers/external-tools.js'
import {type LtMode, type LtTorrent, ltCreate, ltRecheck} from '../helpers/libtorrent.js'
import {type TreeSpec, withTempTree} from '../helpers/temp-tree.js'

const TREE: TreeSpec = {'a.bin': 100_000, 'sub/b.bin': 50_000, 'c.txt': 'hello\n', 'd.bin': 70_000}
const MODES: LtMode[] = ['v1', 'v2', 'hybrid']
const PIECE_LENGTHS = [16_384, 32_768, 65_536]

/** Where a file starts in libtorrent's piece address space. */
function offsetOf(lt: LtTorrent, path: string): number {
  let offset = 0
  for (const file of lt.files) {
    if (file.path === `content/${path}` || file.path === path) return offset
    offset += file.length
  }
  throw new Error(`${path} is not in libtorrent's file list`)
}

interface Damage {
  title: string
  path: string
  short: boolean
  /** The file's new size, from its length and start in libtorrent's layout. */
  size: (length: number, offset: number, pieceLength: number) => number
}

const DAMAGES: Damage[] = [
  // a.bin is the first file in every layout here, so this cut is inside the torrent's first piece.
  {title: 'cut inside the first piece', path: 'a.bin', short: true, size: () => 1000},
  // The end of the piece a.bin starts in (a.bin, 100,000 bytes, is longer than any piece length here).
  {title: 'cut exactly on a piece boundary', path: 'a.bin', short: true, size: (_length, offset, pieceLength) => (Math.floor(offset / pieceLength) + 1) * pieceLength - offset},
  {title: 'cut to nothing', path: 'd.bin', short: true, size: () => 0},
  {title: 'one byte short', path: 'sub/b.bin', short: true, size: (length) => length - 1},
  {title: 'longer by 5,000 bytes', path: 'd.bin', short: false, size: (length) => length + 5000},
  {title: 'longer by a piece and a byte', path: 'sub/b.bin', short: false, size: (length, _offset, pieceLength) => length + pieceLength + 1},
]

async function resize(path: string, size: number): Promise<void> {
  const length = (await readFile(path)).length
  if (size <= length) await truncate(path, size)
  else await appendFile(path, Buffer.alloc(size - length, 0x5a))
}

function expectSameAsLibtorrent(report: VerifyReport, torrentPath: string, saveDir: string, path: string, size: number, length: number): void {
  const recheck = ltRecheck(torrentPath, saveDir)
  expect(recheck.errors).toEqual([])
  expect(report.pieces.total).toBe(recheck.numPieces)
  expect(report.pieces.bad).toEqual(recheck.missingPieces)
  const file = report.files.find((entry) => entry.path === path)!
  expect(file).toMatchObject({status: size < length ? 'short' : 'long', diskLength: size})
  if (size > length) {
    expect(recheck.missingPieces).toEqual([])
    expect(file.bytesGood).toBe(length)
  } else expect(recheck.missingPieces.length).toBeGreaterThan(0)
  expect(report.ok).toBe(false)
}

describeWithTool('libtorrent', 'verify on files of the wrong size, against libtorrent', () => {
  for (const mode of MODES) {
    for (const pieceLength of PIECE_LENGTHS) {
      it.each(DAMAGES)(`${mode}, ${pieceLength / 1024} KiB pieces, a file $title: our bad pieces are those libtorrent does not have`, async ({path, short, size}) => {
        await withTempTree(TREE, async ({dir, root}) => {
          const torrentPath = join(dir, `${mode}.torrent`)
          const lt = ltCreate(root, torrentPath, {mode, pieceLength})
          const length = lt.files.find((file) => file.path.endsWith(path))!.length
          const newSize = size(length, offsetOf(lt, path), pieceLength)
          expect(newSize < length).toBe(short)
          await resize(join(root, path), newSize)
          const report = await verifyContent({torrent: await readFile(torrentPath), content: root, threads: 1})
          expectSameAsLibtorrent(report, torrentPath, dir, path, newSize, length)
        })
      })
    }
  }

  it.each(MODES)('a single-file %s torrent whose file is cut inside its third piece: our bad pieces are those libtorrent does not have', async (mode) => {
    await withTempTree({'one.bin': 300_000}, async ({root}) => {
      const torrentPath = join(root, 'one.torrent')
      ltCreate(join(root, 'one.bin'), torrentPath, {mode, pieceLength: 32_768})
      await truncate(join(root, 'one.bin'), 2 * 32_768 + 123)
      const report = await verifyContent({torrent: await readFile(torrentPath), savePath: root, threads: 1})
      expectSameAsLibtorrent(report, torrentPath, root, 'one.bin', 2 * 32_768 + 123, 300_000)
      expect(report.pieces.bad[0]).toBe(2)
    })
  })
})
