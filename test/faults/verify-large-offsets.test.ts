import {createHash} from 'node:crypto'
import {closeSync, mkdirSync, mkdtempSync, openSync, readSync, rmSync, writeFileSync, writeSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {pseudoRandomBytes} from '../helpers/temp-tree.js'
import {type Dict, merkleRoot, pieceLayer, torrent, v2Torrent} from '../helpers/torrent-builder.js'
import {sparseFile, start} from './fault-helpers.js'

// `verify` where offsets cross 2^32: a sparse a.bin of 4 GiB + 100,000 bytes with a few real bytes
// around 2^32, then b.bin (300,000 bytes). Hashing all 4 GiB costs seconds, so the torrents are
// built here from the few pieces that hold data (a piece of holes has a known hash) and verify runs
// with `--file b.bin`: in v1 it checks the one piece b.bin shares with a.bin's tail, read past 4 GiB
// into a.bin; in v2 and hybrids only b.bin's own piece, past 4 GiB in the piece address space.
// The three torrents were checked once against the sparse tree with libtorrent 2.0.8
// (`/usr/bin/python3 test/interop/libtorrent-tool.py recheck <torrent> <dir>`: every piece good,
// 3 to 12 s each) and with a whole `mktorrent verify` (ok), both too slow for the suite.
const KiB = 1024
const L = 1024 * KiB
const TWO_32 = 2 ** 32
const LENGTH_A = TWO_32 + 100_000
const B = pseudoRandomBytes(300_000, 11)
const MARKS: Array<[number, number]> = [
  [TWO_32 - 1, 0x11],
  [TWO_32, 0x22],
  [TWO_32 + 70_000, 0x33],
]
const PIECES_A = Math.ceil(LENGTH_A / L)
let dir: string
let root: string

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'mktorrent-verify-4g-'))
  root = join(dir, 'content')
  mkdirSync(root)
  sparseFile(join(root, 'a.bin'), LENGTH_A, MARKS)
  writeFileSync(join(root, 'b.bin'), B)
})

afterAll(() => {
  rmSync(dir, {recursive: true, force: true})
})

/** Bytes [start, end) of a.bin, read at their real offsets. */
function readA(start: number, end: number): Buffer {
  const bytes = Buffer.alloc(end - start)
  const fd = openSync(join(root, 'a.bin'), 'r')
  readSync(fd, bytes, 0, bytes.length, start)
  closeSync(fd)
  return bytes
}

/** The a.bin pieces that hold written bytes; every other one is all holes. */
const dataPieces = new Set(MARKS.map(([offset]) => Math.floor(offset / L)))

const sha1 = (data: Uint8Array): Buffer => createHash('sha1').update(data).digest()
const sha256 = (data: Uint8Array): Buffer => createHash('sha256').update(data).digest()

/** a.bin's BEP 52 piece layer and pieces root, reading only its data pieces. */
function aMerkle(): {layer: Buffer; root: Buffer} {
  const zeroPiece = pieceLayer(Buffer.alloc(L), L)
  const layer = Array.from({length: PIECES_A}, (_, piece) =>
    dataPieces.has(piece) || piece === PIECES_A - 1 ? pieceLayer(readA(piece * L, Math.min((piece + 1) * L, LENGTH_A)), L) : zeroPiece,
  )
  // Up to the root over the piece layer, padded with the root of a piece of 32-zero-byte leaves (BEP 52).
  let pad: Buffer = Buffer.alloc(32)
  for (let leaves = L / (16 * KiB); leaves > 1; leaves /= 2) pad = sha256(Buffer.concat([pad, pad]))
  let level: Buffer[] = [...layer]
  while (level.length > 1) {
    if (level.length % 2 === 1) level.push(pad)
    const up: Buffer[] = []
    for (let i = 0; i < level.length; i += 2) up.push(sha256(Buffer.concat([level[i]!, level[i + 1]!])))
    level = up
    pad = sha256(Buffer.concat([pad, pad]))
  }
  return {layer: Buffer.concat(layer), root: level[0]!}
}

/** SHA-1 of each piece of a.bin in the v1 layout, where piece PIECES_A - 1 also holds `tail`. */
function aSha1(tail: Buffer): Buffer[] {
  const zero = sha1(Buffer.alloc(L))
  return Array.from({length: PIECES_A}, (_, piece) => {
    if (piece === PIECES_A - 1) return sha1(Buffer.concat([readA(piece * L, LENGTH_A), tail]))
    return dataPieces.has(piece) ? sha1(readA(piece * L, (piece + 1) * L)) : zero
  })
}

function writeTorrent(name: string, bytes: Buffer): string {
  const path = join(dir, name)
  writeFileSync(path, bytes)
  return path
}

function v1Torrent(): string {
  // One piece holds a.bin's last 100,000 bytes and all of b.bin: 300,000 + 100,000 < L.
  const info = {name: 'content', 'piece length': L, files: [{length: LENGTH_A, path: ['a.bin']}, {length: B.length, path: ['b.bin']}], pieces: Buffer.concat(aSha1(B))}
  return writeTorrent('v1.torrent', torrent(info))
}

function v2OrHybridTorrent(hybrid: boolean): string {
  const a = aMerkle()
  const v2: Dict = {
    name: 'content',
    'piece length': L,
    'meta version': 2,
    'file tree': {'a.bin': {'': {length: LENGTH_A, 'pieces root': a.root}}, 'b.bin': {'': {length: B.length, 'pieces root': merkleRoot(B)}}},
  }
  const layers = new Map([[a.root.toString('latin1'), a.layer]])
  if (!hybrid) return writeTorrent('v2.torrent', v2Torrent(v2, layers))
  // libtorrent's hybrid list: each file padded to a piece boundary, the last one too (spec.md 5.2).
  const padA = L - (LENGTH_A % L)
  const padB = L - B.length
  const files = [
    {length: LENGTH_A, path: ['a.bin']},
    {length: padA, path: ['.pad', String(padA)], attr: 'p'},
    {length: B.length, path: ['b.bin']},
    {length: padB, path: ['.pad', String(padB)], attr: 'p'},
  ]
  const pieces = Buffer.concat([...aSha1(Buffer.alloc(padA)), sha1(Buffer.concat([B, Buffer.alloc(padB)]))])
  return writeTorrent('hybrid.torrent', v2Torrent({...v2, files, pieces}, layers))
}

/** Flips one byte of a file in place, at any offset; flipping again restores it. */
function flip(file: string, offset: number): void {
  const fd = openSync(join(root, file), 'r+')
  const byte = Buffer.alloc(1)
  readSync(fd, byte, 0, 1, offset)
  byte[0]! ^= 0xff
  writeSync(fd, byte, 0, 1, offset)
  closeSync(fd)
}

interface Report {
  ok: boolean
  pieces: {total: number; checked: number; bad: number[]}
  files: Array<{path: string; status: string; badPieces: number[]}>
}

async function verifyB(torrentPath: string): Promise<{status: number | null; report: Report}> {
  const result = await start(['verify', '--json', '--file', 'b.bin', torrentPath, root]).done
  return {status: result.status, report: JSON.parse(result.stdout.toString()) as Report}
}

const statuses = (report: Report): string[] => report.files.map((file) => `${file.path} ${file.status} ${file.badPieces}`)

describe('verify past 4 GiB, on sparse files', () => {
  it('v1: checks the piece b.bin shares with a.bin past 4 GiB, then finds a byte flipped in either', async () => {
    const torrentPath = v1Torrent()
    const piece = PIECES_A - 1
    expect(await verifyB(torrentPath)).toMatchObject({status: 0, report: {ok: true, pieces: {total: PIECES_A, checked: 1, bad: []}}})
    for (const [file, offset] of [['b.bin', 123_456], ['a.bin', TWO_32 + 50_000]] as const) {
      flip(file, offset)
      const {status, report} = await verifyB(torrentPath)
      flip(file, offset)
      expect(status).toBe(1)
      expect(report.pieces.bad).toEqual([piece])
      expect(statuses(report)).toEqual(['a.bin skipped ', `b.bin corrupt ${piece}`])
    }
  })

  for (const hybrid of [false, true]) {
    it(`${hybrid ? 'hybrid' : 'v2'}: checks b.bin at its piece past 4 GiB of the piece address space, then finds a flipped byte`, async () => {
      const torrentPath = v2OrHybridTorrent(hybrid)
      // a.bin's pieces, then b.bin's one, at layout offset (PIECES_A) * L > 2^32.
      const piece = PIECES_A
      expect(await verifyB(torrentPath)).toMatchObject({status: 0, report: {ok: true, pieces: {total: PIECES_A + 1, checked: 1, bad: []}}})
      flip('b.bin', 299_999)
      const {status, report} = await verifyB(torrentPath)
      flip('b.bin', 299_999)
      expect(status).toBe(1)
      expect(report.pieces.bad).toEqual([piece])
      expect(statuses(report)).toEqual(['a.bin skipped ', `b.bin corrupt ${piece}`])
    })
  }
})
