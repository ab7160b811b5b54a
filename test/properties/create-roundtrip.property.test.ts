import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {dirname, join} from 'node:path'
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {type BencodeDict, isBytes, isDict} from '../../src/core/bencode/bencode-value.js'
import {decodeBencode} from '../../src/core/bencode/decode.js'
import {createTorrent} from '../../src/core/use-cases/create-torrent.js'
import type {MetaVersion} from '../../src/core/metainfo/metainfo.js'
import {verifyContent} from '../../src/core/use-cases/verify-content.js'
import {encode, hybridInfo, payload, v1MultiInfo, v2Info} from '../helpers/torrent-builder.js'
import {type TreeFile, nonEmptyTree, pieceLength, treeFiles} from './random-tree.js'

// create on random trees, checked against test/helpers/torrent-builder.ts, an independent reading
// of BEP 3/52; then one byte flipped must change exactly the piece that holds it, and nothing else.
// And the round trip through verify: what create wrote verifies, and after one flipped byte verify
// names exactly that piece and the files holding bytes of it.

interface Content {
  root: string
  files: Array<TreeFile & {data: Buffer}>
}

function writeTree(files: TreeFile[]): Content {
  const root = join(mkdtempSync(join(tmpdir(), 'mktorrent-roundtrip-')), 'content')
  const withData = files.map((file, index) => ({...file, data: payload(file.length, index + 1)}))
  for (const file of withData) {
    const path = join(root, ...file.path)
    mkdirSync(dirname(path), {recursive: true})
    writeFileSync(path, file.data)
  }
  return {root, files: withData}
}

/** The info dictionary and piece layers the independent builder makes of the same content. */
function expectedParts(metaVersion: MetaVersion, files: Content['files'], length: number): {info: Buffer; layers?: Buffer} {
  const entries = files.map((file) => ({path: file.path, data: file.data}))
  if (metaVersion === 'v1') return {info: encode(v1MultiInfo('content', entries, length))}
  const {info, layers} = metaVersion === 'v2' ? v2Info('content', entries, length) : hybridInfo('content', entries, length)
  return {info: encode(info), layers: encode(layers)}
}

async function create(root: string, metaVersion: MetaVersion, length: number): Promise<{info: Buffer; layers?: Buffer; dict: BencodeDict}> {
  const {bytes} = await createTorrent({path: root, metaVersion, pieceLength: length, threads: 1})
  const decoded = decodeBencode(bytes)
  const top = decoded.value as BencodeDict
  const info = top.get('info') as BencodeDict
  const span = decoded.spanOf(info)!
  const layers = top.get('piece layers')
  return {info: Buffer.from(bytes.subarray(span.start, span.end)), layers: isDict(layers) ? encode(layers) : undefined, dict: info}
}

/** 20-byte SHA-1 pieces, or for v2 the pieces roots in file order followed by the layers' hashes. */
function hashesOf(created: {dict: BencodeDict; layers?: Buffer}): Buffer[] {
  const pieces = created.dict.get('pieces')
  if (isBytes(pieces)) return Array.from({length: pieces.length / 20}, (_, i) => Buffer.from(pieces.subarray(i * 20, i * 20 + 20)))
  const found: Buffer[] = []
  const walk = (node: BencodeDict): void => {
    for (const key of [...node.keys()].sort()) {
      const child = node.get(key) as BencodeDict
      if (key === '') found.push(Buffer.from((child.get('pieces root') as Uint8Array | undefined) ?? []))
      else walk(child)
    }
  }
  walk(created.dict.get('file tree') as BencodeDict)
  return found
}

/** Where each file starts in the piece address space: concatenated in v1, piece-aligned in v2 and hybrids. */
function fileStarts(metaVersion: MetaVersion, files: Content['files'], length: number): number[] {
  let start = 0
  return files.map((file) => {
    const at = start
    start += metaVersion === 'v1' ? file.length : Math.ceil(file.length / length) * length
    return at
  })
}

/** Which piece holds byte `offset` of file `index`. */
function pieceOf(metaVersion: MetaVersion, files: Content['files'], index: number, offset: number, length: number): number {
  return Math.floor((fileStarts(metaVersion, files, length)[index]! + offset) / length)
}

/** The files with at least one byte in `piece`. */
function filesIn(metaVersion: MetaVersion, files: Content['files'], piece: number, length: number): string[] {
  const starts = fileStarts(metaVersion, files, length)
  return files.filter((file, i) => file.length > 0 && starts[i]! < (piece + 1) * length && starts[i]! + file.length > piece * length).map((file) => file.path.join('/'))
}

/** A non-empty file of the tree and an offset in it, from two random naturals. */
function pickByte(files: Content['files'], fileChoice: number, offsetChoice: number): {file: Content['files'][number]; index: number; offset: number} {
  const nonEmpty = files.map((file, index) => ({file, index})).filter(({file}) => file.length > 0)
  const {file, index} = nonEmpty[fileChoice % nonEmpty.length]!
  return {file, index, offset: offsetChoice % file.length}
}

const metaVersions = fc.constantFrom<MetaVersion>('v1', 'v2', 'hybrid')

describe('create on random trees', () => {
  it('writes the same info and piece layers as an independent builder, and a flipped byte changes exactly its piece', async () => {
    await fc.assert(
      fc.asyncProperty(metaVersions, nonEmptyTree, pieceLength, fc.nat(), fc.nat(), async (metaVersion, tree, length, fileChoice, offsetChoice) => {
        const content = writeTree(treeFiles(tree))
        try {
          const created = await create(content.root, metaVersion, length)
          const expected = expectedParts(metaVersion, content.files, length)
          expect(created.info.toString('latin1')).toBe(expected.info.toString('latin1'))
          expect(created.layers?.toString('hex')).toBe(expected.layers?.toString('hex'))

          const {file, index, offset} = pickByte(content.files, fileChoice, offsetChoice)
          file.data[offset]! ^= 0xff
          writeFileSync(join(content.root, ...file.path), file.data)
          const flipped = await create(content.root, metaVersion, length)
          expect(flipped.info.equals(expectedParts(metaVersion, content.files, length).info)).toBe(true)
          const before = hashesOf(created)
          const after = hashesOf(flipped)
          const changed = before.flatMap((hash, i) => (hash.equals(after[i]!) ? [] : [i]))
          if (metaVersion === 'v2') {
            // One pieces root per file, in file order: only the flipped file's changes.
            expect(changed).toEqual([index])
          } else expect(changed).toEqual([pieceOf(metaVersion, content.files, index, offset, length)])
        } finally {
          rmSync(dirname(content.root), {recursive: true, force: true})
        }
      }),
      {numRuns: 60},
    )
  })
})

describe('create then verify on random trees', () => {
  it('verifies what create wrote, then names exactly the piece of one flipped byte and the files in it', async () => {
    await fc.assert(
      fc.asyncProperty(metaVersions, nonEmptyTree, pieceLength, fc.nat(), fc.nat(), async (metaVersion, tree, length, fileChoice, offsetChoice) => {
        const content = writeTree(treeFiles(tree))
        try {
          const {bytes} = await createTorrent({path: content.root, metaVersion, pieceLength: length, threads: 1})
          // BEP 52 reads a v2 file tree of one top-level file as a single-file torrent (libtorrent too,
          // even when `name` says otherwise), so its content is that file rather than the folder.
          const only = content.files.length === 1 && content.files[0]!.path.length === 1
          const target = metaVersion === 'v2' && only ? join(content.root, content.files[0]!.path[0]!) : content.root
          const intact = await verifyContent({torrent: bytes, content: target, threads: 1})
          expect(intact).toMatchObject({ok: true, pieces: {bad: [], inconsistent: []}, extraFiles: []})
          expect(intact.pieces.checked).toBe(intact.pieces.total)
          expect(intact.bytesVerified).toBe(content.files.reduce((sum, file) => sum + file.length, 0))

          const {file, index, offset} = pickByte(content.files, fileChoice, offsetChoice)
          file.data[offset]! ^= 0xff
          writeFileSync(join(content.root, ...file.path), file.data)
          const piece = pieceOf(metaVersion, content.files, index, offset, length)
          const damaged = await verifyContent({torrent: bytes, content: target, threads: 1})
          expect(damaged.ok).toBe(false)
          expect(damaged.pieces).toMatchObject({bad: [piece], inconsistent: []})
          const blamed = damaged.files.filter((verified) => verified.status !== 'ok')
          expect(blamed.map((verified) => `${verified.path} ${verified.status} ${verified.badPieces}`)).toEqual(
            filesIn(metaVersion, content.files, piece, length).map((path) => `${path} corrupt ${piece}`),
          )
        } finally {
          rmSync(dirname(content.root), {recursive: true, force: true})
        }
      }),
      {numRuns: 60},
    )
  })
})
