import {execFileSync} from 'node:child_process'
import {appendFile, mkdir, rename, rm, symlink, truncate} from 'node:fs/promises'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {INLINE_BYTES} from '../../../src/core/hash/hash-workers.js'
import {type VerifyProgress, verifyContent} from '../../../src/core/use-cases/verify-content.js'
import type {VerifiedFile} from '../../../src/core/verify/verify-report.js'
import {BLOCK, KiB} from '../../helpers/torrent-builder.js'
import {type TreeSpec, withTempTree} from '../../helpers/temp-tree.js'
import {MODES, type Mode, bytesInPieces, fileOffsets, flipByte, multiFileTorrent, pieceAt, piecesOfFile, readTree, singleFileTorrent} from '../../helpers/verify-torrents.js'

const L = 64 * KiB

interface LayoutCase {
  title: string
  files: Record<string, number>
  flip: [path: string, offset: number]
}

// A v2 tree with one file at its top is a single-file torrent (BEP 52), so every case has two or more.
const LAYOUTS: LayoutCase[] = [
  {title: 'files that end exactly on piece boundaries', files: {a: L, b: L, c: L}, flip: ['b', 0]},
  {title: 'the last byte of a piece', files: {a: 2 * L, b: 100}, flip: ['a', L - 1]},
  {title: 'a piece spanning three files', files: {a: L / 2, b: 1000, c: L}, flip: ['b', 500]},
  {title: 'empty files between data', files: {a: 0, b: 5000, 'c/d': 0, e: 3 * L}, flip: ['e', 2 * L + 7]},
  {title: 'a short last piece', files: {x: 2 * L + L / 2 + 3, y: 1}, flip: ['x', 2 * L + L / 2 + 2]},
  {title: 'one-piece files of 1, 3 and 4 leaves', files: {a: 100, b: 2 * BLOCK + 5, c: L}, flip: ['b', 2 * BLOCK + 1]},
  {title: 'a last piece of one short leaf', files: {a: 3 * L + 10, b: 1}, flip: ['a', 3 * L + 9]},
]

/** Paths in tree order with their lengths, and the torrent of the tree. */
async function setUp(root: string, spec: Record<string, number>, mode: Mode, options: {v1Pads?: boolean} = {}) {
  const files = await readTree(root, Object.keys(spec))
  return {paths: files.map((file) => file.path), lengths: files.map((file) => file.data.length), torrent: multiFileTorrent('content', files, mode, L, options)}
}

function okFile(path: string, length: number): VerifiedFile {
  return {path, length, status: 'ok', badPieces: [], diskLength: length, detail: null, bytesGood: length}
}

describe.each(MODES)('verifyContent on %s torrents', (mode) => {
  it.each(LAYOUTS)('finds every piece good, then exactly the flipped piece bad: $title', async ({files: spec, flip}) => {
    await withTempTree(spec, async ({root}) => {
      const {paths, lengths, torrent} = await setUp(root, spec, mode)
      const intact = await verifyContent({torrent, content: root, threads: 1})
      const pieceCount = mode === 'v1' ? Math.ceil(lengths.reduce((a, b) => a + b, 0) / L) : lengths.reduce((sum, length) => sum + Math.ceil(length / L), 0)
      expect(intact).toMatchObject({ok: true, metaVersion: mode, pieces: {total: pieceCount, checked: pieceCount, good: pieceCount, bad: [], inconsistent: []}})
      expect(intact.files).toEqual(paths.map((path, index) => okFile(path, lengths[index]!)))

      const [path, offset] = flip
      const index = paths.indexOf(path)
      await flipByte(join(root, ...path.split('/')), offset)
      const bad = pieceAt(lengths, mode, L, index, offset)
      const report = await verifyContent({torrent, content: root, threads: 1})
      expect(report.ok).toBe(false)
      expect(report.pieces).toEqual({total: pieceCount, checked: pieceCount, good: pieceCount - 1, bad: [bad], inconsistent: []})
      // v1: every file with bytes in the failed piece is corrupt (the contract), however few are its own.
      expect(report.files).toEqual(
        paths.map((file, i) =>
          piecesOfFile(lengths, mode, L, i).includes(bad)
            ? {...okFile(file, lengths[i]!), status: 'corrupt', badPieces: [bad], bytesGood: lengths[i]! - bytesInPieces(lengths, mode, L, i, [bad])}
            : okFile(file, lengths[i]!),
        ),
      )
      expect(report.bytesGood).toBe(lengths.reduce((a, b) => a + b, 0) - lengths.reduce((sum, _, i) => sum + bytesInPieces(lengths, mode, L, i, [bad]), 0))
    })
  })

  it('verifies a single-file torrent, whose content is the file itself', async () => {
    await withTempTree({'single.bin': 2 * L + 300}, async ({root}) => {
      const file = join(root, 'single.bin')
      const [single] = await readTree(root, ['single.bin'])
      const torrent = singleFileTorrent('single.bin', single!.data, mode, L)
      expect(await verifyContent({torrent, content: file, threads: 1})).toMatchObject({ok: true, content: file, files: [okFile('single.bin', 2 * L + 300)]})
      await flipByte(file, L + 1)
      expect(await verifyContent({torrent, savePath: root, threads: 1})).toMatchObject({ok: false, pieces: {bad: [1]}, files: [{status: 'corrupt', badPieces: [1]}]})
    })
  })

  it('hashes over the inline threshold in the worker pool and finds the flipped piece', async () => {
    const spec = {'big.bin': INLINE_BYTES + 1024 * KiB + 5, 'small.bin': 1000}
    await withTempTree(spec, async ({root}) => {
      const {torrent, lengths, paths} = await setUp(root, spec, mode)
      await flipByte(join(root, 'big.bin'), 5 * 1024 * KiB)
      const report = await verifyContent({torrent, content: root, threads: 2})
      expect(report.pieces.bad).toEqual([pieceAt(lengths, mode, L, paths.indexOf('big.bin'), 5 * 1024 * KiB)])
      expect(report.bytesHashed).toBe(lengths.reduce((a, b) => a + b, 0))
      expect(report.bytesVerified).toBe(report.bytesHashed)
    })
  })
})

interface SizeCase {
  title: string
  status: VerifiedFile['status']
  damage: (path: string) => Promise<void>
  diskLength: number | null
  detail: string | null
}

const SIZED: TreeSpec = {a: L / 2 + 10, b: L + 20, c: 3000}
const B_LENGTH = L + 20

const SIZE_CASES: SizeCase[] = [
  {title: 'a deleted file is missing', status: 'missing', damage: (path) => rm(path), diskLength: null, detail: null},
  {
    title: 'a folder in place of a file is not a file',
    status: 'not-a-file',
    damage: async (path) => {
      await rm(path)
      await mkdir(path)
    },
    diskLength: null,
    detail: 'a folder',
  },
  {
    title: 'a FIFO in place of a file is not a file, and is never opened',
    status: 'not-a-file',
    damage: async (path) => {
      await rm(path)
      execFileSync('mkfifo', [path])
    },
    diskLength: null,
    detail: 'a FIFO, socket or device, which is never opened',
  },
]

describe.each(MODES)('verifyContent size checks on %s torrents', (mode) => {
  it.each(SIZE_CASES)('$title: its pieces fail unread, and in v1 the files sharing them are corrupt', async ({status, damage, diskLength, detail}) => {
    await withTempTree(SIZED, async ({root}) => {
      const {paths, lengths, torrent} = await setUp(root, SIZED as Record<string, number>, mode)
      await damage(join(root, 'b'))
      const report = await verifyContent({torrent, content: root, threads: 1})
      const badOfB = piecesOfFile(lengths, mode, L, 1)
      expect(report.ok).toBe(false)
      expect(report.pieces.bad).toEqual(badOfB)
      expect(report.files[1]).toEqual({path: 'b', length: B_LENGTH, status, badPieces: badOfB, diskLength, detail, bytesGood: 0})
      expectNeighbours(report.files, paths, lengths, mode, badOfB)
    })
  })
})

/** Files a and c of SIZED: intact, and in v1 corrupt where they share a failed piece with b. */
function expectNeighbours(files: VerifiedFile[], paths: string[], lengths: number[], mode: Mode, badOfB: number[]): void {
  for (const i of [0, 2]) {
    const shared = piecesOfFile(lengths, mode, L, i).filter((piece) => badOfB.includes(piece))
    const expected =
      shared.length === 0
        ? okFile(paths[i]!, lengths[i]!)
        : {...okFile(paths[i]!, lengths[i]!), status: 'corrupt', badPieces: shared, detail: 'shares pieces with a missing or damaged file', bytesGood: lengths[i]! - bytesInPieces(lengths, mode, L, i, shared)}
    expect(files[i]).toEqual(expected)
  }
  if (mode !== 'v1') expect(files.filter((file) => file.status === 'corrupt')).toEqual([])
}

// b starts inside piece 0 in v1 (at L/2 + 10) and on piece 1 in v2 and hybrid.
const CUTS: Array<[title: string, size: number]> = [
  ['cut to nothing', 0],
  ['cut inside its first piece', 100],
  ['cut exactly where a piece of v2 and hybrid ends', L],
  ['cut exactly where a piece of v1 ends', L - (L / 2 + 10)],
  ['one byte short', B_LENGTH - 1],
]

describe.each(MODES)('verifyContent on short and long files of %s torrents', (mode) => {
  it.each(CUTS)('a file %s is short: its intact leading pieces pass, the piece holding the cut and those after fail', async (_title, size) => {
    await withTempTree(SIZED, async ({root}) => {
      const {paths, lengths, torrent} = await setUp(root, SIZED as Record<string, number>, mode)
      await truncate(join(root, 'b'), size)
      const report = await verifyContent({torrent, content: root, threads: 1})
      // The cut is at layout byte offset(b) + size: the piece holding that byte is the first one missing bytes.
      const firstMissing = Math.floor((fileOffsets(lengths, mode, L)[1]! + size) / L)
      const badOfB = piecesOfFile(lengths, mode, L, 1).filter((piece) => piece >= firstMissing)
      const good = B_LENGTH - bytesInPieces(lengths, mode, L, 1, badOfB)
      expect(report.ok).toBe(false)
      expect(report.pieces.bad).toEqual(badOfB)
      expect(report.files[1]).toEqual({path: 'b', length: B_LENGTH, status: 'short', badPieces: badOfB, diskLength: size, detail: `${size} of ${B_LENGTH} bytes, ${good} intact`, bytesGood: good})
      expectNeighbours(report.files, paths, lengths, mode, badOfB)
    })
  })

  it.each([
    ['by a byte', 1],
    ['by a piece and more', L + 3],
  ])('a file longer %s is long: its pieces are hashed over the torrent length and pass', async (_title, extra) => {
    await withTempTree(SIZED, async ({root}) => {
      const {paths, lengths, torrent} = await setUp(root, SIZED as Record<string, number>, mode)
      await appendFile(join(root, 'b'), Buffer.alloc(extra, 0xaa))
      const report = await verifyContent({torrent, content: root, threads: 1})
      expect(report).toMatchObject({ok: false, pieces: {bad: [], good: report.pieces.total}, bytesHashed: lengths.reduce((a, b) => a + b, 0)})
      expect(report.files[1]).toEqual({path: 'b', length: B_LENGTH, status: 'long', badPieces: [], diskLength: B_LENGTH + extra, detail: `${B_LENGTH + extra} of ${B_LENGTH} bytes, ${B_LENGTH} intact`, bytesGood: B_LENGTH})
      expectNeighbours(report.files, paths, lengths, mode, [])
    })
  })

  it('with fast, fails every piece of a short or long file unread', async () => {
    await withTempTree(SIZED, async ({root}) => {
      const {lengths, torrent} = await setUp(root, SIZED as Record<string, number>, mode)
      await truncate(join(root, 'b'), L - 1)
      await appendFile(join(root, 'c'), 'x')
      const report = await verifyContent({torrent, content: root, fast: true})
      const unread = [...piecesOfFile(lengths, mode, L, 1), ...piecesOfFile(lengths, mode, L, 2)]
      expect(report).toMatchObject({fast: true, bytesHashed: 0, bytesGood: null, pieces: {bad: [...new Set(unread)]}})
      expect(report.files.map(({status, detail, bytesGood}) => ({status, detail, bytesGood}))).toEqual([
        mode === 'v1' ? {status: 'corrupt', detail: 'shares pieces with a missing or damaged file', bytesGood: null} : {status: 'ok', detail: null, bytesGood: null},
        {status: 'short', detail: `${L - 1} of ${B_LENGTH} bytes`, bytesGood: null},
        {status: 'long', detail: '3001 of 3000 bytes', bytesGood: null},
      ])
    })
  })
})

describe('verifyContent on a short file in the worker pool', () => {
  // One mode is enough: the pool's path is the same for all, and hybrid reads for both hashes.
  it('hashes the intact pieces of a short file in the worker pool, over the inline threshold (hybrid)', async () => {
    const mode: Mode = 'hybrid'
    const spec = {'big.bin': INLINE_BYTES + 1024 * KiB + 5, 'small.bin': 1000}
    await withTempTree(spec, async ({root}) => {
      const {torrent, lengths, paths} = await setUp(root, spec, mode)
      const big = paths.indexOf('big.bin')
      // Still more than INLINE_BYTES to hash, so the pool hashes it.
      const size = INLINE_BYTES + 512 * KiB + 3
      await truncate(join(root, 'big.bin'), size)
      const report = await verifyContent({torrent, content: root, threads: 2})
      const firstMissing = Math.floor((fileOffsets(lengths, mode, L)[big]! + size) / L)
      const badOfBig = piecesOfFile(lengths, mode, L, big).filter((piece) => piece >= firstMissing)
      const good = lengths[big]! - bytesInPieces(lengths, mode, L, big, badOfBig)
      expect(report.pieces.bad).toEqual(badOfBig)
      expect(report.files[big]).toMatchObject({status: 'short', badPieces: badOfBig, bytesGood: good})
      expect(report.bytesGood).toBe(good + 1000 - lengths.reduce((sum, _, i) => (i === big ? sum : sum + bytesInPieces(lengths, mode, L, i, badOfBig)), 0))
    })
  })
})

/** Over 1,000 files and INLINE_BYTES: the pool hashes, and a big file is read by several tasks. */
function manyFiles(): Record<string, number> {
  const spec: Record<string, number> = {'z/big.bin': INLINE_BYTES + 5}
  for (let i = 0; i < 1200; i++) spec[`d${Math.floor(i / 300)}/f${String(i).padStart(4, '0')}`] = 1000 + ((i * 37) % 3000)
  return spec
}

describe.each(MODES)('verifyContent on %s torrents of many files in the worker pool', (mode) => {
  it('finds the same damage in the first files, the last ones and a big file as hashing inline does', async () => {
    const spec = manyFiles()
    await withTempTree(spec, async ({root}) => {
      const {torrent, lengths, paths} = await setUp(root, spec, mode)
      const early = paths.indexOf('d0/f0010')
      const gone = paths.indexOf('d0/f0020')
      const late = paths.indexOf('d3/f1100')
      const big = paths.indexOf('z/big.bin')
      await flipByte(join(root, 'd0/f0010'), 500)
      await rm(join(root, 'd0/f0020'))
      await rm(join(root, 'd3/f1100'))
      await flipByte(join(root, 'z/big.bin'), 3 * 1024 * KiB)
      const events: VerifyProgress[] = []
      const pooled = await verifyContent({torrent, content: root, threads: 2, onProgress: (event) => void events.push(event)})

      const missing = [...piecesOfFile(lengths, mode, L, gone), ...piecesOfFile(lengths, mode, L, late)]
      const bad = [pieceAt(lengths, mode, L, early, 500), ...missing, pieceAt(lengths, mode, L, big, 3 * 1024 * KiB)]
      expect(pooled.pieces.bad).toEqual([...new Set(bad)].sort((a, b) => a - b))
      expect(pooled.files[gone]).toMatchObject({status: 'missing'})
      expect(pooled.files[late]).toMatchObject({status: 'missing'})
      expect(pooled.files[early]).toMatchObject({status: 'corrupt'})
      const unread = lengths.reduce((sum, _, i) => sum + bytesInPieces(lengths, mode, L, i, [...new Set(missing)]), 0)
      expect(pooled.bytesHashed).toBe(lengths.reduce((a, b) => a + b, 0) - unread)
      expect(await verifyContent({torrent, content: root, threads: 1})).toEqual(pooled)

      // Hashing is reported from the start, towards every file's bytes: a missing file's count
      // once it is found missing. The total never changes and is reached; nothing is scanned first.
      expect(events.every((event) => event.phase === 'hashing')).toBe(true)
      const hashing = events as Array<Extract<VerifyProgress, {phase: 'hashing'}>>
      expect(new Set(hashing.map((event) => event.bytesTotal))).toEqual(new Set([lengths.reduce((a, b) => a + b, 0)]))
      expect(hashing.at(-1)!.bytesDone).toBe(hashing[0]!.bytesTotal)
    })
  })

  it('hashes a file reached through a symbolic link, and the files after it, as hashing inline does', async () => {
    const spec = manyFiles()
    await withTempTree(spec, async ({root}) => {
      const {torrent, lengths, paths} = await setUp(root, spec, mode)
      // The first round reads no symbolic link (its folder's listing shows a link): the linked file
      // is read once a look found where it leads, the files after it at the paths their folders list.
      await mkdir(join(root, 'elsewhere'))
      await rename(join(root, 'd1/f0400'), join(root, 'elsewhere/f0400'))
      await symlink('../elsewhere/f0400', join(root, 'd1/f0400'))
      const linked = paths.indexOf('d1/f0400')
      const after = paths.indexOf('d2/f0700')
      await flipByte(join(root, 'elsewhere/f0400'), 10)
      await flipByte(join(root, 'd2/f0700'), 20)
      const pooled = await verifyContent({torrent, content: root, threads: 2})

      expect(pooled.pieces.bad).toEqual([pieceAt(lengths, mode, L, linked, 10), pieceAt(lengths, mode, L, after, 20)])
      expect(pooled.files[linked]).toMatchObject({status: 'corrupt'})
      expect(pooled.bytesHashed).toBe(lengths.reduce((a, b) => a + b, 0))
      expect(await verifyContent({torrent, content: root, threads: 1})).toEqual(pooled)
    })
  })

  it('rejects with AbortError when aborted while the workers hash', async () => {
    const spec = manyFiles()
    await withTempTree(spec, async ({root}) => {
      const {torrent} = await setUp(root, spec, mode)
      const controller = new AbortController()
      const error = await verifyContent({
        torrent,
        content: root,
        threads: 2,
        signal: controller.signal,
        onProgress: (event) => void (event.phase === 'hashing' && event.bytesDone > 0 && controller.abort()),
      }).catch((caught: unknown) => caught)
      expect(error).toMatchObject({name: 'AbortError', code: 'aborted'})
    })
  })
})
