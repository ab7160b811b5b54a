import {describe, expect, it} from 'vitest'
import {decodeBencode} from '../../../src/core/bencode/decode.js'
import {encodeBencode} from '../../../src/core/bencode/encode.js'
import {planLayout} from '../../../src/core/content/piece-layout.js'
import {encodeInfo} from '../../../src/core/create/encode-info.js'
import {type BencodeSink, BencodeCounter, BencodeWriter} from '../../../src/core/bencode/bencode-writer.js'

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
    const bytes = encodeInfo(fields, layout, files, undefined, [root(1), undefined, root(2), root(3)], false)
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
    expect(() => encodeInfo(fields, layout, files, undefined, [root(1), root(2)], false)).toThrow(/not in file tree order at "a"/)
  })

  it('throws on a name with a lone surrogate instead of writing a replacement character', () => {
    const layout = planLayout('v1', 16 * 1024, [1])
    expect(() => encodeInfo({...fields, name: 'bad\uD800'}, layout, [{path: ['x'], length: 1}], Buffer.alloc(20), [undefined], true)).toThrow(/lone UTF-16 surrogate/)
  })
})

describe('BencodeCounter', () => {
  it('counts exactly the bytes BencodeWriter writes, for text, bytes and integers', () => {
    const calls = (out: BencodeSink): void => {
      out.token('l').text('ascii').text('ü 😀 text').text('').integer(-12).integer(0).bytes(new Uint8Array(300)).token('d').text('k').integer(2 ** 53 - 1).token('e').token('e')
    }
    const writer = new BencodeWriter(1)
    const counter = new BencodeCounter()
    calls(writer)
    calls(counter)
    expect(counter.length).toBe(writer.finish().length)
    expect(decodeBencode(writer.finish()).value).toHaveLength(7)
  })
})
