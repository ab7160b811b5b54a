import {createHash} from 'node:crypto'
import {describe, expect, it} from 'vitest'
import {keyFromText, type BencodeDict, type BencodeList} from '../../../src/core/bencode/bencode-value.js'
import {decodeBencode} from '../../../src/core/bencode/decode.js'
import {bytes, shapeOf, type Shape} from './bencode-shape.js'

describe('decodeBencode values', () => {
  const table: Array<{input: string; expected: Shape}> = [
    {input: 'i0e', expected: 0},
    {input: 'i42e', expected: 42},
    {input: 'i-42e', expected: -42},
    {input: 'i9007199254740991e', expected: Number.MAX_SAFE_INTEGER},
    {input: 'i-9007199254740991e', expected: -Number.MAX_SAFE_INTEGER},
    {input: '0:', expected: {bytes: ''}},
    {input: '4:spam', expected: {bytes: 'spam'}},
    {input: '3:\x00\xff:', expected: {bytes: '\x00\xff:'}},
    {input: '5:i1e4:', expected: {bytes: 'i1e4:'}},
    {input: 'le', expected: []},
    {input: 'de', expected: {dict: []}},
    {input: 'li1e4:spamlee', expected: [1, {bytes: 'spam'}, []]},
    {input: 'd3:bar4:spam3:fooi42ee', expected: {dict: [['bar', {bytes: 'spam'}], ['foo', 42]]}},
    {input: 'd1:ald1:bi-1eeee', expected: {dict: [['a', [{dict: [['b', -1]]}]]]}},
  ]

  it.each(table)('decodes $input canonically with no diagnostics', ({input, expected}) => {
    const decoded = decodeBencode(bytes(input))
    expect(shapeOf(decoded.value)).toEqual(expected)
    expect(decoded.nonCanonical).toEqual([])
    expect(decoded.nonCanonicalCount).toBe(0)
  })

  it('returns positive zero for i0e', () => {
    expect(Object.is(decodeBencode(bytes('i0e')).value, 0)).toBe(true)
  })

  it('accepts any Uint8Array, not only a Buffer', () => {
    const decoded = decodeBencode(new Uint8Array([0x6c, 0x69, 0x37, 0x65, 0x65]))
    expect(shapeOf(decoded.value)).toEqual([7])
  })
})

describe('decodeBencode spans', () => {
  it('records the exact span of every list and dictionary', () => {
    // l(0) l(1) i1e(2-4) e(5) d(6) e(7) e(8)
    const decoded = decodeBencode(bytes('lli1eedee'))
    const root = decoded.value as BencodeList
    expect(decoded.spanOf(root)).toEqual({start: 0, end: 9})
    expect(decoded.spanOf(root[0] as BencodeList)).toEqual({start: 1, end: 6})
    expect(decoded.spanOf(root[1] as BencodeDict)).toEqual({start: 6, end: 8})
  })

  it('records the span of the info dictionary inside a torrent, whose bytes give the info-hash', () => {
    const pieces = '\x01'.repeat(20)
    const info = `d6:lengthi5e4:name1:a12:piece lengthi16384e6:pieces20:${pieces}e`
    const torrent = bytes(`d8:announce3:url4:info${info}e`)
    const decoded = decodeBencode(torrent)
    const root = decoded.value as BencodeDict
    const infoDict = root.get('info') as BencodeDict

    expect(decoded.spanOf(root)).toEqual({start: 0, end: 98})
    expect(decoded.spanOf(infoDict)).toEqual({start: 22, end: 97})
    const span = decoded.spanOf(infoDict)!
    const hash = createHash('sha1').update(torrent.subarray(span.start, span.end)).digest('hex')
    expect(hash).toBe(createHash('sha1').update(bytes(info)).digest('hex'))
  })

  it('keeps the raw span of a dictionary whose keys are out of order', () => {
    const decoded = decodeBencode(bytes('d4:infod1:zi1e1:ai2eee'))
    const info = (decoded.value as BencodeDict).get('info') as BencodeDict
    expect(decoded.spanOf(info)).toEqual({start: 7, end: 21})
  })

  it('knows no span for a container it did not decode', () => {
    const decoded = decodeBencode(bytes('le'))
    expect(decoded.spanOf([])).toBeUndefined()
    expect(decoded.spanOf(new Map())).toBeUndefined()
  })
})

describe('decodeBencode byte strings', () => {
  it('returns byte strings as views into the input at their offset', () => {
    const backing = bytes('XXXXl4:spam3:egge')
    const input = backing.subarray(4)
    const [spam, egg] = decodeBencode(input).value as [Uint8Array, Uint8Array]
    expect(spam.buffer).toBe(input.buffer)
    expect(spam.byteOffset - input.byteOffset).toBe(3)
    expect(egg.byteOffset - input.byteOffset).toBe(9)
    input[3] = 0x53
    expect(Buffer.from(spam).toString('latin1')).toBe('Spam')
  })
})

describe('decodeBencode dictionary keys', () => {
  it('returns dictionaries as Maps', () => {
    expect(decodeBencode(bytes('d1:ai1ee')).value).toBeInstanceOf(Map)
  })

  it('keys an emoji by the latin1 form of its UTF-8 bytes', () => {
    const input = Buffer.concat([bytes('d4:'), Buffer.from('😀', 'utf8'), bytes('i1ee')])
    const dict = decodeBencode(input).value as BencodeDict
    expect([...dict.keys()]).toEqual(['\xf0\x9f\x98\x80'])
    expect(dict.get(keyFromText('😀'))).toBe(1)
    expect(dict.get('😀')).toBeUndefined()
  })

  it('keeps __proto__ and constructor as plain Map entries without polluting any prototype', () => {
    const decoded = decodeBencode(bytes('d9:__proto__d8:pollutedi1ee11:constructori2ee'))
    const dict = decoded.value as BencodeDict
    expect(shapeOf(dict)).toEqual({dict: [['__proto__', {dict: [['polluted', 1]]}], ['constructor', 2]]})
    expect(Object.getPrototypeOf(dict)).toBe(Map.prototype)
    expect(dict.constructor).toBe(Map)
    expect(Object.prototype).not.toHaveProperty('polluted')
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
  })
})

describe('decodeBencode non-canonical forms', () => {
  const table: Array<{name: string; input: string; expected: Shape; forms: Array<{code: string; offset: number}>}> = [
    {name: 'unsorted keys', input: 'd1:bi1e1:ai2ee', expected: {dict: [['b', 1], ['a', 2]]}, forms: [{code: 'unsorted-keys', offset: 7}]},
    {name: 'a longer key before its prefix', input: 'd2:abi1e1:ai2ee', expected: {dict: [['ab', 1], ['a', 2]]}, forms: [{code: 'unsorted-keys', offset: 8}]},
    {name: 'a leading zero in an integer', input: 'i03e', expected: 3, forms: [{code: 'leading-zero', offset: 0}]},
    {name: 'a leading zero in a string length', input: '03:abc', expected: {bytes: 'abc'}, forms: [{code: 'leading-zero', offset: 0}]},
    {name: 'a zero length written 00', input: '00:', expected: {bytes: ''}, forms: [{code: 'leading-zero', offset: 0}]},
    {name: 'negative zero', input: 'i-0e', expected: 0, forms: [{code: 'negative-zero', offset: 0}]},
    {
      name: 'negative zero with a leading zero',
      input: 'i-00e',
      expected: 0,
      forms: [{code: 'leading-zero', offset: 0}, {code: 'negative-zero', offset: 0}],
    },
    {name: 'trailing data', input: 'i1eXYZ', expected: 1, forms: [{code: 'trailing-data', offset: 3}]},
    {name: 'a stray e after the top-level value', input: 'lee', expected: [], forms: [{code: 'trailing-data', offset: 2}]},
    {
      name: 'leading zeros inside a list',
      input: 'li03e03:abce',
      expected: [3, {bytes: 'abc'}],
      forms: [{code: 'leading-zero', offset: 1}, {code: 'leading-zero', offset: 5}],
    },
    {
      name: 'an emoji key before a U+E000 key (UTF-16 order, not byte order)',
      input: 'd4:\xf0\x9f\x98\x80i1e3:\xee\x80\x80i2ee',
      expected: {dict: [['\xf0\x9f\x98\x80', 1], ['\xee\x80\x80', 2]]},
      forms: [{code: 'unsorted-keys', offset: 10}],
    },
  ]

  it.each(table)('accepts $name and reports it with its offset', ({input, expected, forms}) => {
    const decoded = decodeBencode(bytes(input))
    expect(shapeOf(decoded.value)).toEqual(expected)
    expect(decoded.nonCanonical.map(({code, offset}) => ({code, offset}))).toEqual(forms)
    expect(decoded.nonCanonicalCount).toBe(forms.length)
  })

  it('treats keys in raw byte order as sorted (U+E000 before an emoji, 0x7f before 0x80)', () => {
    const decoded = decodeBencode(bytes('d1:\x7fi0e1:\x80i0e3:\xee\x80\x80i1e4:\xf0\x9f\x98\x80i2ee'))
    expect(decoded.nonCanonical).toEqual([])
  })

  it('reports one-line messages naming the key as text', () => {
    const decoded = decodeBencode(bytes('d1:bi1e3:a\nbi2ee'))
    expect(decoded.nonCanonical).toEqual([{code: 'unsorted-keys', offset: 7, message: 'dictionary key "a\\nb" is out of order'}])
  })

  it('keeps the first 100 forms and counts them all', () => {
    const decoded = decodeBencode(bytes(`l${'i01e'.repeat(150)}e`))
    expect(decoded.nonCanonical).toHaveLength(100)
    expect(decoded.nonCanonical[99]).toMatchObject({code: 'leading-zero', offset: 1 + 99 * 4})
    expect(decoded.nonCanonicalCount).toBe(150)
  })
})
