import {createHash} from 'node:crypto'
import {closeSync, mkdirSync, mkdtempSync, openSync, readSync, rmSync, writeFileSync, writeSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {planLayout} from '../../src/core/content/piece-layout.js'
import {walkContent} from '../../src/core/content/walk-content.js'
import {hashPieces} from '../../src/core/hash/hash-pieces.js'
import type {HashJob} from '../../src/core/hash/hash-task.js'
import type {MetaVersion} from '../../src/core/metainfo/metainfo.js'
import {pseudoRandomBytes} from '../helpers/temp-tree.js'
import {sparseFile, start} from './fault-helpers.js'

// A tree whose offsets cross 2^32: a sparse file of 4 GiB + 100,000 bytes with a few real bytes
// around the 2^32 boundary, then a 300,000-byte file that starts beyond it. Hashing all 4 GiB
// costs seconds, so the pieces that matter are hashed on their own (hashPieces over a piece
// range, as a worker does) and compared with a reference that reads the files at offsets computed
// here in BigInt, sharing no code with src/.
const KiB = 1024
const L = 1024 * KiB
const TWO_32 = 2 ** 32
const LENGTH_A = TWO_32 + 100_000
const B = pseudoRandomBytes(300_000, 7)
const MARKS: Array<[number, number]> = [
  [TWO_32 - 1, 0x11],
  [TWO_32, 0x22],
  [TWO_32 + 70_000, 0x33],
]
let dir: string
let root: string

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'mktorrent-4g-'))
  root = join(dir, 'content')
  mkdirSync(root)
  sparseFile(join(root, 'a.bin'), LENGTH_A, MARKS)
  writeFileSync(join(root, 'b.bin'), B)
})

afterAll(() => {
  rmSync(dir, {recursive: true, force: true})
})

/** The hash job create would build for this tree (src/core/use-cases/create-torrent.ts). */
async function jobFor(metaVersion: MetaVersion): Promise<HashJob> {
  const walk = await walkContent(root)
  const layout = planLayout(metaVersion, L, walk.files.map((file) => file.length))
  return {
    pieceLength: L,
    layoutLength: layout.layoutLength,
    sha1: metaVersion !== 'v2',
    sha256: metaVersion !== 'v1',
    files: walk.files.map(({diskPath, length, mtimeMs, ino}) => ({diskPath, length, mtimeMs, ino})),
    segmentFile: layout.segmentFile,
    segmentStart: layout.segmentStart,
    segmentLength: layout.segmentLength,
  }
}

/** File starts in the piece address space: concatenated (v1) or each on a piece boundary (BEP 52). */
function fileStarts(metaVersion: MetaVersion): {a: bigint; b: bigint; end: bigint} {
  const length = BigInt(LENGTH_A)
  const piece = BigInt(L)
  const b = metaVersion === 'v1' ? length : ((length + piece - 1n) / piece) * piece
  const end = metaVersion === 'v1' ? b + BigInt(B.length) : ((b + BigInt(B.length) + piece - 1n) / piece) * piece
  return {a: 0n, b, end}
}

/** The bytes of piece `index`, read straight from the files; pads are zeros. */
function referencePiece(metaVersion: MetaVersion, index: number): Buffer {
  const {b, end} = fileStarts(metaVersion)
  const start = BigInt(index) * BigInt(L)
  const stop = start + BigInt(L) < end ? start + BigInt(L) : end
  const piece = Buffer.alloc(Number(stop - start))
  const copy = (file: string, fileStart: bigint, fileLength: number): void => {
    const from = start > fileStart ? start : fileStart
    const to = stop < fileStart + BigInt(fileLength) ? stop : fileStart + BigInt(fileLength)
    if (from >= to) return
    const fd = openSync(join(root, file), 'r')
    readSync(fd, piece, Number(from - start), Number(to - from), Number(from - fileStart))
    closeSync(fd)
  }
  copy('a.bin', 0n, LENGTH_A)
  copy('b.bin', b, B.length)
  return piece
}

function sha1(data: Uint8Array): Buffer {
  return createHash('sha1').update(data).digest()
}

/** BEP 52: SHA-256 of each 16 KiB block, folded pairwise; a full piece has a power-of-two count. */
function fullPieceRoot(piece: Buffer): Buffer {
  let level: Buffer[] = []
  for (let offset = 0; offset < piece.length; offset += 16 * KiB) level.push(createHash('sha256').update(piece.subarray(offset, offset + 16 * KiB)).digest())
  while (level.length > 1) {
    const up: Buffer[] = []
    for (let i = 0; i < level.length; i += 2) up.push(createHash('sha256').update(Buffer.concat([level[i]!, level[i + 1]!])).digest())
    level = up
  }
  return level[0]!
}

const boundary = Math.floor(TWO_32 / L)

describe('pieces across the 2^32 boundary and beyond, hashed from real sparse files', () => {
  for (const metaVersion of ['v1', 'hybrid'] as const) {
    it(`${metaVersion}: the layout holds every byte once, in ${metaVersion === 'v1' ? 'concatenated' : 'piece-aligned'} offsets`, async () => {
      const job = await jobFor(metaVersion)
      const {b, end} = fileStarts(metaVersion)
      expect(job.layoutLength).toBe(Number(end))
      expect([...job.segmentStart]).toEqual(metaVersion === 'v1' ? [0, Number(b)] : [0, LENGTH_A, Number(b), Number(b) + B.length])
      expect([...job.segmentFile]).toEqual(metaVersion === 'v1' ? [0, 1] : [0, -1, 1, -1])
    })

    it(`${metaVersion}: SHA-1 of the pieces at the boundary and of the last ones match the reference`, async () => {
      const job = await jobFor(metaVersion)
      const pieceCount = Math.ceil(job.layoutLength / L)
      // The two pieces before 2^32 (piece 4096 starts exactly there) and the last three.
      for (const [first, count] of [[boundary - 2, 2], [pieceCount - 3, 3]] as const) {
        const result = hashPieces(job, {kind: 'hash-pieces', firstPiece: first, pieceCount: count})
        expect(result.ok).toBe(true)
        const expected = Buffer.concat(Array.from({length: count}, (_, n) => sha1(referencePiece(metaVersion, first + n))))
        expect(Buffer.from(result.ok ? result.sha1! : [])).toEqual(expected)
      }
    })
  }

  it('hybrid: the per-piece merkle roots of the full pieces at the boundary match BEP 52', async () => {
    const job = await jobFor('hybrid')
    const result = hashPieces(job, {kind: 'hash-pieces', firstPiece: boundary - 2, pieceCount: 2})
    expect(result.ok).toBe(true)
    const expected = Buffer.concat([boundary - 2, boundary - 1].map((index) => fullPieceRoot(referencePiece('hybrid', index))))
    expect(Buffer.from(result.ok ? result.roots! : [])).toEqual(expected)
  })

  it('a byte flipped beyond 4 GiB changes exactly the piece that holds it', async () => {
    const offset = TWO_32 + 50_000
    const first = Math.floor(offset / L) - 2
    const before = hashPieces(await jobFor('v1'), {kind: 'hash-pieces', firstPiece: first, pieceCount: 3})
    const fd = openSync(join(root, 'a.bin'), 'r+')
    writeSync(fd, Buffer.from([0xff]), 0, 1, offset)
    closeSync(fd)
    const after = hashPieces(await jobFor('v1'), {kind: 'hash-pieces', firstPiece: first, pieceCount: 3})
    if (!before.ok || !after.ok) throw new Error('hashing failed')
    const changed = [0, 1, 2].filter((n) => !Buffer.from(before.sha1!.subarray(n * 20, n * 20 + 20)).equals(after.sha1!.subarray(n * 20, n * 20 + 20)))
    expect(changed.map((n) => first + n)).toEqual([Math.floor(offset / L)])
    expect(Buffer.from(after.sha1!.subarray(40, 60))).toEqual(sha1(referencePiece('v1', Math.floor(offset / L))))
    const restore = openSync(join(root, 'a.bin'), 'r+')
    writeSync(restore, Buffer.from([0]), 0, 1, offset)
    closeSync(restore)
  })
})

describe('create --dry-run on the tree past 4 GiB (the real binary)', () => {
  for (const metaVersion of ['v1', 'hybrid'] as const) {
    it(`${metaVersion}: exact lengths, piece count and padding`, async () => {
      const result = await start(['create', '--dry-run', '--json', '--meta-version', metaVersion, '-l', '1MiB', root]).done
      expect(result.status).toBe(0)
      const {end, b} = fileStarts(metaVersion)
      expect(JSON.parse(result.stdout.toString())).toMatchObject({
        totalLength: LENGTH_A + B.length,
        pieceCount: Number((end + BigInt(L) - 1n) / BigInt(L)),
        padBytes: metaVersion === 'v1' ? 0 : Number(end - b - BigInt(B.length) + (b - BigInt(LENGTH_A))),
        files: [
          {path: 'a.bin', length: LENGTH_A},
          {path: 'b.bin', length: B.length},
        ],
      })
    })
  }
})
