import {describe, expect, it} from 'vitest'
import {decodeBencode} from '../../../src/core/bencode/decode.js'
import {encodeBencode} from '../../../src/core/bencode/encode.js'
import {planLayout} from '../../../src/core/content/piece-layout.js'
import {encodeInfo, planInfo} from '../../../src/core/create/encode-info.js'
import {fileList} from '../../../src/core/create/torrent-fields.js'
import {BencodeWriter} from '../../../src/core/bencode/bencode-writer.js'

const fields = {name: 'top', private: false, source: undefined, crossSeed: false}
const root = (byte: number): {root: Buffer; layer: undefined} => ({root: Buffer.alloc(32, byte), layer: undefined})

describe('encodeInfo', () => {
  it('writes a v2 file tree that nests folders and is canonical bencode', () => {
    const files = [
      {path: ['a', 'x'], length: 5},
      {path: ['a', 'y', 'z'], length: 0},
      {path: ['a.txt'], length: 7},
      {path: ['ü'], length: 1},
    ]
    const layout = planLayout('v2', 16 * 1024, files.map((file) => file.length))
    const bytes = encodeInfo(fields, layout, fileList(files), undefined, [root(1), undefined, root(2), root(3)], false)
    const leaf = (length: number, byte?: number): Map<string, unknown> =>
      new Map([['', byte === undefined ? {length} : {length, 'pieces root': Buffer.alloc(32, byte)}]])
    const expected = encodeBencode({
      'file tree': new Map<string, unknown>([
        ['a', new Map<string, unknown>([['x', leaf(5, 1)], ['y', new Map([['z', leaf(0)]])]])],
        ['a.txt', leaf(7, 2)],
        [Buffer.from('ü').toString('latin1'), leaf(1, 3)],
      ]) as never,
      'meta version': 2,
      name: 'top',
      'piece length': 16 * 1024,
    })
    expect(bytes.toString('latin1')).toBe(expected.toString('latin1'))
    expect(decodeBencode(bytes).nonCanonical).toEqual([])
  })

  it('throws when the files are not in file tree order, rather than writing unsorted keys', () => {
    const files = [{path: ['b'], length: 1}, {path: ['a'], length: 1}]
    const layout = planLayout('v2', 16 * 1024, [1, 1])
    expect(() => encodeInfo(fields, layout, fileList(files), undefined, [root(1), root(2)], false)).toThrow(/not in file tree order at "a"/)
  })

  it('throws on a name with a lone surrogate instead of writing a replacement character', () => {
    const layout = planLayout('v1', 16 * 1024, [1])
    expect(() => encodeInfo({...fields, name: 'bad\uD800'}, layout, fileList([{path: ['x'], length: 1}]), Buffer.alloc(20), [undefined], true)).toThrow(/lone UTF-16 surrogate/)
  })
})

describe('planInfo', () => {
  const files = [
    {path: ['a', 'x'], length: 5},
    {path: ['a', 'y', 'z'], length: 0},
    {path: ['ü'], length: 20_000},
  ]
  it.each(['v1', 'v2', 'hybrid'] as const)('writes the %s info dictionary with zeroed hashes, and where each hash goes', (metaVersion) => {
    const layout = planLayout(metaVersion, 16 * 1024, files.map((file) => file.length))
    const pieces = metaVersion === 'v2' ? undefined : Buffer.alloc(layout.pieceCount * 20, 0xaa)
    const merkles = files.map((file, index) => (metaVersion === 'v1' || file.length === 0 ? undefined : root(index + 1)))
    const planned = planInfo({...fields, private: true, source: 'S'}, layout, fileList(files), false)
    const filled = Buffer.from(planned.bytes)
    if (pieces !== undefined) filled.set(pieces, planned.piecesAt)
    planned.rootsAt?.forEach((at, index) => at >= 0 && filled.set(merkles[index]!.root, at))
    expect(filled.equals(encodeInfo({...fields, private: true, source: 'S'}, layout, fileList(files), pieces, merkles, false))).toBe(true)
    expect(planned.piecesAt === -1).toBe(metaVersion === 'v2')
    expect(planned.rootsAt === undefined ? undefined : [...planned.rootsAt].map((at) => at >= 0)).toEqual(metaVersion === 'v1' ? undefined : [true, false, true])
  })
})

describe('BencodeWriter', () => {
  it('writes text, bytes and integers as bencode, growing past the capacity it was given', () => {
    const writer = new BencodeWriter(1)
    writer.token('l').text('ascii').text('ü 😀 text').text('').integer(-12).integer(0).integer(10).integer(2 ** 53 - 1).bytes(new Uint8Array(3)).raw(Buffer.from('i7e')).token('e')
    expect(writer.finish().toString('latin1')).toBe(`l5:ascii${Buffer.from('12:ü 😀 text').toString('latin1')}0:i-12ei0ei10ei9007199254740991e3:\0\0\0i7ee`)
    expect(decodeBencode(writer.finish()).value).toHaveLength(9)
  })
})
