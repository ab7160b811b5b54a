import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {dirname, join} from 'node:path'
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {type BencodeDict, isBytes, isDict} from '../../src/core/bencode/bencode-value.js'
import {decodeBencode} from '../../src/core/bencode/decode.js'
import {createTorrent} from '../../src/core/create-torrent.js'
import type {MetaVersion} from '../../src/core/metainfo/metainfo.js'
import {encode, hybridInfo, payload, v1MultiInfo, v2Info} from '../helpers/torrent-builder.js'
import {type TreeFile, nonEmptyTree, pieceLength, treeFiles} from './random-tree.js'

// create on random trees, checked against test/helpers/torrent-builder.ts, an independent reading
// of BEP 3/52 (until `verify` exists, this is the re-hash side of the round trip); then one byte
// flipped must change exactly the piece that holds it, and nothing else.

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

/** Which piece holds byte `offset` of file `index`: concatenated in v1, piece-aligned in a hybrid. */
function pieceOf(metaVersion: MetaVersion, files: Content['files'], index: number, offset: number, length: number): number {
  let start = 0
  for (const file of files.slice(0, index)) start += metaVersion === 'v1' ? file.length : Math.ceil(file.length / length) * length
  return Math.floor((start + offset) / length)
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

          const nonEmpty = content.files.map((file, index) => ({file, index})).filter(({file}) => file.length > 0)
          const {file, index} = nonEmpty[fileChoice % nonEmpty.length]!
          const offset = offsetChoice % file.length
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
