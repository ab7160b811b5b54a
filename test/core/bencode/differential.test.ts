import bencode from 'bencode'
import {describe, expect, it} from 'vitest'
import type {BencodeDict} from '../../../src/core/bencode/bencode-value.js'
import {decodeBencode} from '../../../src/core/bencode/decode.js'
import {encodeBencode} from '../../../src/core/bencode/encode.js'
import {bytes, shapeOf, shapeOfNpm} from './bencode-shape.js'
import {decodeFailure} from './decode-failure.js'
import {Random, randomValue, toNpmValue} from './random-bencode.js'

const seed = 0x5eed_b0de
const count = 500
const samples = (() => {
  const random = new Random(seed)
  return Array.from({length: count}, () => randomValue(random))
})()

const hex = (data: Uint8Array): string => Buffer.from(data.buffer, data.byteOffset, data.length).toString('hex')

describe('differential against the npm bencode package on canonical data', () => {
  it('generates varied samples: every type, nesting and both integer extremes', () => {
    const text = samples.map((value) => encodeBencode(value).toString('latin1')).join('')
    for (const fragment of ['d', 'l', ':', 'i-9007199254740991e', 'i9007199254740991e']) expect(text).toContain(fragment)
    expect(samples.filter((value) => value instanceof Map).length).toBeGreaterThan(50)
  })

  it(`encodes ${count} random values to the same bytes as the npm package (seed ${seed})`, () => {
    samples.forEach((value, index) => {
      expect(hex(encodeBencode(value)), `sample ${index}`).toBe(hex(bencode.encode(toNpmValue(value))))
    })
  })

  it(`decodes those bytes to the same values as the npm package (seed ${seed})`, () => {
    samples.forEach((value, index) => {
      const encoded = encodeBencode(value)
      expect(shapeOf(decodeBencode(encoded).value), `sample ${index}`).toEqual(shapeOfNpm(bencode.decode(encoded)))
    })
  })

  it('decodes what it encodes to the original value, reporting nothing', () => {
    samples.forEach((value, index) => {
      const decoded = decodeBencode(encodeBencode(value))
      expect(shapeOf(decoded.value), `sample ${index}`).toEqual(shapeOf(value))
      expect(decoded.nonCanonicalCount, `sample ${index}`).toBe(0)
    })
  })

  it('re-encodes decoded canonical bytes byte for byte', () => {
    samples.forEach((value, index) => {
      const canonical = Buffer.from(bencode.encode(toNpmValue(value)))
      expect(hex(encodeBencode(decodeBencode(canonical).value)), `sample ${index}`).toBe(hex(canonical))
    })
  })
})

describe('where we deliberately differ from the npm bencode package', () => {
  it('flags its UTF-16 key order (an emoji before U+E000) as unsorted keys', () => {
    const theirs = Buffer.from(bencode.encode({'\uE000': 1, '\u{1F600}': 2}))
    expect(theirs.toString('latin1')).toBe('d4:\xf0\x9f\x98\x80i2e3:\xee\x80\x80i1ee')
    expect(decodeBencode(theirs).nonCanonical.map(({code, offset}) => ({code, offset}))).toEqual([{code: 'unsorted-keys', offset: 10}])
    expect(encodeBencode({'\uE000': 1, '\u{1F600}': 2}).toString('latin1')).toBe('d3:\xee\x80\x80i1e4:\xf0\x9f\x98\x80i2ee')
  })

  it('reports unsorted input and keeps its raw span, where theirs accepts it silently and re-sorts it', () => {
    const input = bytes('d4:infod1:bi1e1:ai2eee')
    const ours = decodeBencode(input)
    const info = (ours.value as BencodeDict).get('info') as BencodeDict
    expect(ours.nonCanonical.map(({code, offset}) => ({code, offset}))).toEqual([{code: 'unsorted-keys', offset: 14}])
    expect(ours.spanOf(info)).toEqual({start: 7, end: 21})
    expect(input.subarray(7, 21).toString('latin1')).toBe('d1:bi1e1:ai2ee')

    const theirs = bencode.decode(input) as {info: object}
    expect(theirs).toEqual({info: {b: 1, a: 2}})
    expect(Buffer.from(bencode.encode(theirs.info)).toString('latin1')).toBe('d1:ai2e1:bi1ee')
  })

  // Their decoder is never run on `d-3:e`: a negative length moves its cursor backwards and it loops
  // forever (`l-3:e` exhausts memory instead). Ours refuses the length's minus sign.
  it('refuses d-3:e, which the npm decoder would loop on forever', () => {
    const error = decodeFailure(bytes('d-3:e'))
    expect({code: error.code, offset: error.offset}).toEqual({code: 'bencode-syntax', offset: 1})
  })

  it('reports 100,000 nested lists as too deep where theirs overflows the stack', () => {
    const input = bytes('l'.repeat(100_000) + 'e'.repeat(100_000))
    expect(() => bencode.decode(input)).toThrow(RangeError)
    expect(decodeFailure(input).code).toBe('bencode-too-deep')
  })

  it('refuses the fraction i1.5e, which theirs truncates to 1', () => {
    expect(bencode.decode(bytes('i1.5e'))).toBe(1)
    expect(decodeFailure(bytes('i1.5e')).code).toBe('bencode-syntax')
  })

  it('keeps a __proto__ key as an entry, where theirs replaces the prototype of the result', () => {
    const input = bytes('d9:__proto__d1:xi1eee')
    const theirs = bencode.decode(input) as Record<string, unknown>
    expect(Object.keys(theirs)).toEqual([])
    expect(theirs['x']).toBe(1)
    expect(shapeOf(decodeBencode(input).value)).toEqual({dict: [['__proto__', {dict: [['x', 1]]}]]})
  })

  it('encodes a bigint, which theirs drops leaving a key without a value', () => {
    expect(Buffer.from(bencode.encode({a: 1n})).toString('latin1')).toBe('d1:ae')
    expect(encodeBencode({a: 1n}).toString('latin1')).toBe('d1:ai1ee')
  })
})
