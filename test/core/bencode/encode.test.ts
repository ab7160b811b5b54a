import bencode from 'bencode'
import {describe, expect, it} from 'vitest'
import {keyFromText} from '../../../src/core/bencode/bencode-value.js'
import {decodeBencode} from '../../../src/core/bencode/decode.js'
import {encodeBencode, EncodeError, type Encodable} from '../../../src/core/bencode/encode.js'
import {RawBencode} from '../../../src/core/bencode/raw-bencode.js'
import {bytes, shapeOf} from './bencode-shape.js'

const encoded = (value: Encodable): string => encodeBencode(value).toString('latin1')

/** The EncodeError that encoding `value` throws; fails the test if it returns or throws anything else. */
function encodeFailure(value: unknown): EncodeError {
  try {
    encodeBencode(value as Encodable)
  } catch (error) {
    if (error instanceof EncodeError) return error
    throw error
  }
  throw new Error('encodeBencode returned instead of throwing')
}

describe('encodeBencode values', () => {
  const table: Array<{name: string; value: Encodable; expected: string}> = [
    {name: 'zero', value: 0, expected: 'i0e'},
    {name: 'negative zero as zero', value: -0, expected: 'i0e'},
    {name: 'a negative integer', value: -42, expected: 'i-42e'},
    {name: 'the largest safe integer', value: Number.MAX_SAFE_INTEGER, expected: 'i9007199254740991e'},
    {name: 'the smallest safe integer', value: Number.MIN_SAFE_INTEGER, expected: 'i-9007199254740991e'},
    {name: 'a bigint of 2^64', value: 2n ** 64n, expected: 'i18446744073709551616e'},
    {name: 'a bigint of -2^63', value: -(2n ** 63n), expected: 'i-9223372036854775808e'},
    {name: 'a zero bigint', value: 0n, expected: 'i0e'},
    {name: 'text as UTF-8', value: 'é😀', expected: '6:\xc3\xa9\xf0\x9f\x98\x80'},
    {name: 'empty text', value: '', expected: '0:'},
    {name: 'bytes', value: new Uint8Array([0, 0xff, 0x3a]), expected: '3:\x00\xff:'},
    {name: 'only the bytes of a view', value: bytes('xxspamxx').subarray(2, 6), expected: '4:spam'},
    {name: 'an empty list', value: [], expected: 'le'},
    {name: 'an empty dictionary', value: {}, expected: 'de'},
    {name: 'an empty Map', value: new Map(), expected: 'de'},
    {name: 'nested lists and dictionaries', value: [1, ['a', {k: []}]], expected: 'li1el1:ad1:kleeee'},
  ]

  it.each(table)('encodes $name', ({value, expected}) => {
    expect(encoded(value)).toBe(expected)
  })

  it('returns a Buffer', () => {
    expect(Buffer.isBuffer(encodeBencode(1))).toBe(true)
  })

  it('writes every digit of a bigint longer than the 64 KiB output chunk', () => {
    const digits = '7'.repeat(70_000)
    expect(encoded([BigInt(digits), 1])).toBe(`li${digits}ei1ee`)
  })
})

describe('encodeBencode dictionaries', () => {
  it('sorts object keys', () => {
    expect(encoded({b: 1, a: 2, c: {z: [], y: 0}})).toBe('d1:ai2e1:bi1e1:cd1:yi0e1:zleee')
  })

  it('puts a key before the longer keys it prefixes', () => {
    expect(encoded({ab: 1, a: 2, '': 3})).toBe('d0:i3e1:ai2e2:abi1ee')
  })

  it('sorts keys by UTF-8 bytes: ASCII, then U+E000, then an emoji', () => {
    expect(encoded({'\u{1F600}': 1, '\uE000': 2, z: 3})).toBe('d1:zi3e3:\xee\x80\x80i2e4:\xf0\x9f\x98\x80i1ee')
  })

  it('differs from the npm bencode package, which sorts the emoji before U+E000 (UTF-16 order)', () => {
    const value = {'\u{1F600}': 1, '\uE000': 2, z: 3}
    expect(Buffer.from(bencode.encode(value)).toString('latin1')).toBe('d1:zi3e4:\xf0\x9f\x98\x80i1e3:\xee\x80\x80i2ee')
    expect(encoded(value)).not.toBe(Buffer.from(bencode.encode(value)).toString('latin1'))
  })

  it('takes Map keys as byte strings, so keyFromText gives the same bytes as an object key', () => {
    const map = new Map([[keyFromText('\u{1F600}'), 1], [keyFromText('\uE000'), 2], ['z', 3]])
    expect(encoded(map)).toBe(encoded({'\u{1F600}': 1, '\uE000': 2, z: 3}))
  })

  it('writes a Map key U+00E9 as the single byte 0xE9 but an object key é as UTF-8', () => {
    expect(encoded(new Map([['é', 1]]))).toBe('d1:\xe9i1ee')
    expect(encoded({é: 1})).toBe('d2:\xc3\xa9i1ee')
  })

  it('sorts Map keys whatever their insertion order', () => {
    expect(encoded(new Map([['b', 1], ['\x80', 2], ['a', 3]]))).toBe('d1:ai3e1:bi1e1:\x80i2ee')
  })

  it('re-encodes a decoded dictionary byte for byte', () => {
    const input = 'd4:infod1:ai-1ee3:\xee\x80\x80i1e4:\xf0\x9f\x98\x80i2ee'
    expect(decodeBencode(bytes(input)).nonCanonical).toEqual([])
    expect(encoded(decodeBencode(bytes(input)).value)).toBe(input)
  })

  it('leaves out object properties whose value is undefined', () => {
    expect(encoded({a: undefined, b: 1, c: {d: undefined}})).toBe('d1:bi1e1:cdee')
  })

  it('encodes a __proto__ own property as an ordinary key', () => {
    expect(encoded(JSON.parse('{"__proto__": {"x": 1}, "a": 2}') as Encodable)).toBe('d9:__proto__d1:xi1ee1:ai2ee')
  })

  it('encodes an object without a prototype', () => {
    const object = Object.create(null) as Record<string, Encodable>
    object['k'] = 1
    expect(encoded(object)).toBe('d1:ki1ee')
  })
})

describe('encodeBencode with RawBencode', () => {
  it('copies the raw bytes as they are, without re-encoding or sorting them', () => {
    const unsorted = bytes('d4:name1:x6:lengthi5ee')
    expect(encoded({a: 1, info: new RawBencode(unsorted), z: 'end'})).toBe('d1:ai1e4:infod4:name1:x6:lengthi5ee1:z3:ende')
  })

  it('copies only the bytes of a view, as a decoded span gives them', () => {
    const input = bytes('d4:infod1:ai-0eee')
    const decoded = decodeBencode(input)
    const info = (decoded.value as Map<string, Encodable>).get('info') as Map<string, Encodable>
    const span = decoded.spanOf(info as never)!
    expect(encoded(new Map([['info', new RawBencode(input.subarray(span.start, span.end))]]))).toBe('d4:infod1:ai-0eee')
  })

  it('copies raw bytes longer than the 64 KiB output chunk whole', () => {
    const large = Buffer.concat([bytes('200000:'), Buffer.alloc(200_000, 0x61)])
    const output = encodeBencode(['ab', new RawBencode(large), 'cd'])
    expect(output.equals(Buffer.concat([bytes('l2:ab'), large, bytes('2:cde')]))).toBe(true)
  })
})

describe('encodeBencode refusals', () => {
  class Point {
    x = 1
  }
  const table: Array<{name: string; value: unknown; message: string}> = [
    {name: 'a fraction', value: 1.5, message: 'cannot bencode 1.5 exactly: integers only, within ±(2^53-1)'},
    {name: 'NaN', value: Number.NaN, message: 'cannot bencode NaN exactly: integers only, within ±(2^53-1)'},
    {name: 'Infinity', value: Infinity, message: 'cannot bencode Infinity exactly: integers only, within ±(2^53-1)'},
    {name: '-Infinity', value: -Infinity, message: 'cannot bencode -Infinity exactly: integers only, within ±(2^53-1)'},
    {name: 'the number 2^53', value: 2 ** 53, message: 'cannot bencode 9007199254740992 exactly: integers only, within ±(2^53-1)'},
    {name: 'null', value: null, message: 'cannot bencode a value of type null'},
    {name: 'undefined', value: undefined, message: 'cannot bencode a value of type undefined'},
    {name: 'true', value: true, message: 'cannot bencode a value of type boolean'},
    {name: 'false', value: false, message: 'cannot bencode a value of type boolean'},
    {name: 'a symbol', value: Symbol('s'), message: 'cannot bencode a value of type symbol'},
    {name: 'a function', value: () => 1, message: 'cannot bencode a value of type function'},
    {name: 'a Date', value: new Date(0), message: 'cannot bencode a value of type Date'},
    {name: 'a Set', value: new Set([1]), message: 'cannot bencode a value of type Set'},
    {name: 'a class instance', value: new Point(), message: 'cannot bencode a value of type Point'},
    {name: 'a lone high surrogate', value: '\uD800', message: 'cannot bencode text with a lone UTF-16 surrogate as UTF-8'},
    {name: 'a lone low surrogate', value: 'a\uDC00b', message: 'cannot bencode text with a lone UTF-16 surrogate as UTF-8'},
    {name: 'null inside a list', value: [1, null], message: 'cannot bencode a value of type null'},
    {name: 'undefined inside a list', value: [undefined], message: 'cannot bencode a value of type undefined'},
    {name: 'a fraction deep in a dictionary', value: {a: {b: [0.5]}}, message: 'cannot bencode 0.5 exactly: integers only, within ±(2^53-1)'},
    {name: 'a boolean dictionary value', value: {private: true}, message: 'cannot bencode a value of type boolean'},
    {name: 'an undefined Map value', value: new Map([['a', undefined]]), message: 'cannot bencode a value of type undefined'},
    {name: 'an object key with a lone surrogate', value: {'\uD800': 1}, message: 'cannot bencode text with a lone UTF-16 surrogate as UTF-8'},
    {
      name: 'a Map key with a char above U+00FF',
      value: new Map([['\u{1F600}', 1]]),
      message: 'cannot bencode a Map key that is not a byte string (chars U+0000 to U+00FF); use keyFromText for text',
    },
    {
      name: 'a Map key that is not a string',
      value: new Map([[1, 1]]),
      message: 'cannot bencode a Map key that is not a byte string (chars U+0000 to U+00FF); use keyFromText for text',
    },
  ]

  it.each(table)('refuses $name with an EncodeError', ({value, message}) => {
    const error = encodeFailure(value)
    expect({code: error.code, message: error.message}).toEqual({code: 'bencode-unencodable', message})
  })

  // Duplicate keys cannot be built: a Map and an object hold each key once, and UTF-8 is one-to-one on
  // well-formed text. The one collision text could make (a lone surrogate and U+FFFD both becoming
  // EF BF BD) is refused as a lone surrogate before keys are compared.
  it('refuses a lone-surrogate key that would collide with U+FFFD as a surrogate, not a duplicate', () => {
    const error = encodeFailure({'\uD800': 1, '\uFFFD': 2})
    expect(error.message).toBe('cannot bencode text with a lone UTF-16 surrogate as UTF-8')
  })
})

describe('encodeBencode sizes', () => {
  it('round-trips a 200 KB byte string between small ones', () => {
    const large = Uint8Array.from({length: 200_000}, (_, i) => (i * 7919) % 251)
    const output = encodeBencode(['ab', large, 'cd'])
    expect(output.length).toBe(1 + 4 + 7 + 200_000 + 4 + 1)
    expect(output.subarray(0, 12).toString('latin1')).toBe('l2:ab200000:')
    expect(shapeOf(decodeBencode(output).value)).toEqual([{bytes: 'ab'}, {bytes: Buffer.from(large).toString('latin1')}, {bytes: 'cd'}])
  })

  it('round-trips many small strings across 64 KiB output chunks', () => {
    const items = Array.from({length: 10_000}, (_, i) => `item-${String(i).padStart(8, '0')}`)
    const output = encodeBencode(items)
    expect(output.length).toBe(2 + 10_000 * 16)
    expect(shapeOf(decodeBencode(output).value)).toEqual(items.map((item) => ({bytes: item})))
  })

  it('encodes 10,000 nested lists without recursion', () => {
    let value: Encodable[] = []
    for (let i = 1; i < 10_000; i++) value = [value]
    expect(encoded(value)).toBe('l'.repeat(10_000) + 'e'.repeat(10_000))
  })

  it('encodes 10,000 nested dictionaries without recursion', () => {
    let value: Encodable = {}
    for (let i = 1; i < 10_000; i++) value = {a: value}
    expect(encoded(value)).toBe('d1:a'.repeat(9_999) + 'd' + 'e'.repeat(10_000))
  })
})
