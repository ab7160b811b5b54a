import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import type {BencodeValue} from '../../src/core/bencode/bencode-value.js'
import {decodeBencode} from '../../src/core/bencode/decode.js'
import {listedFiles, pieceCount, totalLength} from '../../src/core/metainfo/metainfo.js'
import {parseMetainfo} from '../../src/core/metainfo/parse-metainfo.js'
import {
  type Dict,
  encode,
  hybridInfo,
  payload,
  sha1,
  sha256,
  v1MultiInfo,
  v1SingleInfo,
  v2Info,
} from '../helpers/torrent-builder.js'
import {type TreeFile, nonEmptyTree, pieceLength, treeFiles} from './random-tree.js'

// Random valid torrents, built by test/helpers/torrent-builder.ts (hashing written from the spec,
// sharing no code with src/), parse with no error, the same files, and info-hashes that are the
// hashes of the info bytes exactly as written: also after rewriting them non-canonically.

type Mode = 'v1-single' | 'v1' | 'v2' | 'hybrid'

interface Built {
  info: Dict
  layers: Map<string, Buffer> | undefined
  files: TreeFile[]
}

function build(mode: Mode, files: TreeFile[], length: number): Built {
  const entries = files.map((file) => ({path: file.path, data: payload(file.length, file.path.join('/').length + file.length)}))
  if (mode === 'v1-single') {
    const data = entries.find((entry) => entry.data.length > 0)!.data
    return {info: v1SingleInfo('single.bin', data, length), layers: undefined, files: [{path: ['single.bin'], length: data.length}]}
  }
  if (mode === 'v1') return {info: v1MultiInfo('root', entries, length), layers: undefined, files}
  const {info, layers} = mode === 'v2' ? v2Info('root', entries, length) : hybridInfo('root', entries, length)
  return {info, layers, files}
}

/** The torrent bytes with the info dictionary written exactly as `infoBytes`. */
function withInfo(infoBytes: Uint8Array, layers: Map<string, Buffer> | undefined): Buffer {
  const parts = [Buffer.from('d4:info'), infoBytes]
  if (layers !== undefined) parts.push(Buffer.from('12:piece layers'), encode(layers))
  return Buffer.concat([...parts, Buffer.from('e')])
}

/**
 * An independent, deliberately sloppy encoder: dictionaries in reverse key order where `unsorted`
 * says so, and string lengths and non-negative integers with leading zeros where `zeros` says so.
 */
function encodeLoose(value: BencodeValue, choices: {unsorted: boolean[]; zeros: boolean[]}): Buffer {
  let n = 0
  const pick = (list: boolean[]): boolean => list[n++ % list.length] ?? false
  const walk = (node: BencodeValue): Buffer => {
    if (typeof node === 'number') return Buffer.from(`i${node >= 0 && pick(choices.zeros) ? '0' : ''}${node}e`)
    if (node instanceof Uint8Array) return Buffer.concat([Buffer.from(`${pick(choices.zeros) ? '0' : ''}${node.length}:`), node])
    if (Array.isArray(node)) return Buffer.concat([Buffer.from('l'), ...node.map(walk), Buffer.from('e')])
    const entries = [...node]
    if (entries.length > 1 && pick(choices.unsorted)) entries.reverse()
    const body = entries.map(([key, child]) => Buffer.concat([Buffer.from(`${key.length}:`), Buffer.from(key, 'latin1'), walk(child)]))
    return Buffer.concat([Buffer.from('d'), ...body, Buffer.from('e')])
  }
  return walk(value)
}

const modes = fc.constantFrom<Mode>('v1-single', 'v1', 'v2', 'hybrid')

describe('random valid torrents', () => {
  it('parse with no error, every file, the right size and piece count, and info-hashes of the raw info bytes', () => {
    fc.assert(
      fc.property(modes, nonEmptyTree, pieceLength, (mode, tree, length) => {
        const built = build(mode, treeFiles(tree), length)
        const infoBytes = encode(built.info)
        const {metainfo, issues} = parseMetainfo(withInfo(infoBytes, built.layers))
        expect(issues.filter((issue) => issue.severity === 'error')).toEqual([])
        expect(metainfo.metaVersion).toBe(mode === 'v1-single' ? 'v1' : mode)
        const files = listedFiles(metainfo).filter((file) => !file.padding)
        expect(files.map((file) => [file.path.map((element) => Buffer.from(element).toString('utf8')), file.length])).toEqual(
          built.files.map((file) => [file.path, file.length]),
        )
        const total = built.files.reduce((sum, file) => sum + file.length, 0)
        expect(totalLength(metainfo)).toBe(total)
        const v1Pieces = (built.info.pieces as Buffer | undefined)?.length
        if (v1Pieces !== undefined) expect(pieceCount(metainfo)).toBe(v1Pieces / 20)
        expect(metainfo.infoHash === undefined ? undefined : Buffer.from(metainfo.infoHash)).toEqual(mode === 'v2' ? undefined : sha1(infoBytes))
        expect(metainfo.infoHashV2 === undefined ? undefined : Buffer.from(metainfo.infoHashV2)).toEqual(mode.startsWith('v1') ? undefined : sha256(infoBytes))
      }),
      {numRuns: 150},
    )
  })

  it('keep hashing the info bytes as found after a non-canonical rewrite: a warning in v1, an error in v2', () => {
    fc.assert(
      fc.property(
        modes,
        nonEmptyTree,
        pieceLength,
        fc.record({unsorted: fc.array(fc.boolean(), {minLength: 1, maxLength: 9}), zeros: fc.array(fc.boolean(), {minLength: 1, maxLength: 9})}),
        (mode, tree, length, choices) => {
          const built = build(mode, treeFiles(tree), length)
          const canonical = encode(built.info)
          const loose = encodeLoose(decodeBencode(canonical).value, choices)
          fc.pre(!loose.equals(canonical))
          const {metainfo, issues} = parseMetainfo(withInfo(loose, built.layers))
          const errors = issues.filter((issue) => issue.severity === 'error').map((issue) => issue.code)
          if (mode.startsWith('v1')) {
            expect(errors).toEqual([])
            expect(issues.map((issue) => issue.code)).toContain('non-canonical-bencode')
          } else expect([...new Set(errors)]).toEqual(['non-canonical-bencode'])
          if (metainfo.infoHash !== undefined) expect(Buffer.from(metainfo.infoHash)).toEqual(sha1(loose))
          if (metainfo.infoHashV2 !== undefined) expect(Buffer.from(metainfo.infoHashV2)).toEqual(sha256(loose))
          expect(totalLength(metainfo)).toBe(built.files.reduce((sum, file) => sum + file.length, 0))
        },
      ),
      {numRuns: 150},
    )
  })
})
