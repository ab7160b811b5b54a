import {describe, expect, it} from 'vitest'
import {keyFromText, type BencodeValue} from '../../../src/core/bencode/bencode-value.js'
import {decodeBencode} from '../../../src/core/bencode/decode.js'
import {bencodeToJson, type JsonValue} from '../../../src/core/bencode/to-json.js'
import {bytes} from './bencode-shape.js'

const jsonOf = (input: string): JsonValue => bencodeToJson(decodeBencode(bytes(input)).value)

describe('bencodeToJson', () => {
  const table: Array<{name: string; input: string; expected: JsonValue}> = [
    {name: 'an integer as a number', input: 'i-42e', expected: -42},
    {name: 'ASCII bytes as text', input: '4:spam', expected: 'spam'},
    {name: 'UTF-8 bytes as text', input: '6:\xc3\xa9\xf0\x9f\x98\x80', expected: 'é😀'},
    {name: 'an empty byte string as empty text', input: '0:', expected: ''},
    {name: 'bytes that are not UTF-8 as hex', input: '3:a\xffb', expected: {hex: '61ff62'}},
    {name: 'a UTF-8-encoded surrogate as hex', input: '3:\xed\xa0\x80', expected: {hex: 'eda080'}},
    {name: 'an overlong UTF-8 form as hex', input: '2:\xc0\xaf', expected: {hex: 'c0af'}},
    {name: 'a list as an array', input: 'li1e1:ale2:\xff\xfee', expected: [1, 'a', [], {hex: 'fffe'}]},
    {name: 'a dictionary as an object', input: 'd1:ai1e1:bli2eee', expected: {a: 1, b: [2]}},
    {name: 'a UTF-8 key as text', input: 'd4:\xf0\x9f\x98\x80i1ee', expected: {'😀': 1}},
    {name: 'a key that is not UTF-8 as 0x and hex', input: 'd2:\xff\x00i1ee', expected: {'0xff00': 1}},
  ]

  it.each(table)('converts $name', ({input, expected}) => {
    expect(jsonOf(input)).toEqual(expected)
  })

  it('converts a torrent to the exact JSON text, pieces as hex', () => {
    const input = `d8:announce9:http://t/4:infod6:lengthi3e4:name3:a\xc3\xa96:pieces4:\x00\x01\xfe\xffee`
    expect(JSON.stringify(jsonOf(input))).toBe(
      '{"announce":"http://t/","info":{"length":3,"name":"aé","pieces":{"hex":"0001feff"}}}',
    )
  })

  it('keeps the key order of the dictionary for text keys', () => {
    expect(Object.keys(jsonOf('d1:zi1e1:ai2e1:mi3ee') as object)).toEqual(['z', 'a', 'm'])
  })

  it('makes a __proto__ key an own property without touching any prototype', () => {
    const json = jsonOf('d9:__proto__d8:pollutedi1eee') as Record<string, JsonValue>
    expect(Object.keys(json)).toEqual(['__proto__'])
    expect(JSON.stringify(json)).toBe('{"__proto__":{"polluted":1}}')
    expect(Object.getPrototypeOf(json)).toBeNull()
    expect(Object.prototype).not.toHaveProperty('polluted')
  })

  it('converts hand-built values, reading Map keys as byte strings', () => {
    const value: BencodeValue = new Map<string, BencodeValue>([[keyFromText('név'), [new Uint8Array([0xff])]]])
    expect(bencodeToJson(value)).toEqual({név: [{hex: 'ff'}]})
  })
})
