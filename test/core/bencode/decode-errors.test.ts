import {describe, expect, it} from 'vitest'
import {BencodeError} from '../../../src/core/bencode/bencode-error.js'
import {decodeBencode} from '../../../src/core/bencode/decode.js'
import {InvalidTorrentError} from '../../../src/core/errors.js'
import {bytes} from './bencode-shape.js'
import {decodeFailure} from './decode-failure.js'

describe('decodeBencode errors', () => {
  const table: Array<{name: string; input: string; code: string; offset: number}> = [
    {name: 'empty input', input: '', code: 'bencode-truncated', offset: 0},
    {name: 'an integer with no digits (ie)', input: 'ie', code: 'bencode-syntax', offset: 0},
    {name: 'a bare minus sign (i-e)', input: 'i-e', code: 'bencode-syntax', offset: 0},
    {name: 'a fraction (i1.5e)', input: 'i1.5e', code: 'bencode-syntax', offset: 2},
    {name: 'a double minus (i--1e)', input: 'i--1e', code: 'bencode-syntax', offset: 2},
    {name: 'a plus sign (i+1e)', input: 'i+1e', code: 'bencode-syntax', offset: 1},
    {name: 'a minus inside the digits (i1-2e)', input: 'i1-2e', code: 'bencode-syntax', offset: 2},
    {name: 'an integer of 2^53', input: 'i9007199254740992e', code: 'bencode-integer-range', offset: 1},
    {name: 'an integer of -2^53', input: 'i-9007199254740992e', code: 'bencode-integer-range', offset: 2},
    {name: 'a 400-digit integer', input: `i${'1'.repeat(400)}e`, code: 'bencode-integer-range', offset: 1},
    {name: 'a 17-digit string length', input: '10000000000000000:', code: 'bencode-integer-range', offset: 0},
    {name: 'a negative string length as a key (d-3:e)', input: 'd-3:e', code: 'bencode-syntax', offset: 1},
    {name: 'a negative string length in a list (l-3:e)', input: 'l-3:e', code: 'bencode-syntax', offset: 1},
    {name: 'a string length far past the end (99999999999:)', input: '99999999999:', code: 'bencode-truncated', offset: 0},
    {name: 'a string running past the end inside a list', input: 'l99999999999:abce', code: 'bencode-truncated', offset: 1},
    {name: 'a string length without a colon', input: '4spam', code: 'bencode-syntax', offset: 1},
    {name: 'a duplicate key', input: 'd1:ai1e1:ai2ee', code: 'bencode-duplicate-key', offset: 7},
    {name: 'a duplicate key that is also out of order', input: 'd1:ai1e1:bi2e1:ai3ee', code: 'bencode-duplicate-key', offset: 13},
    {name: 'an integer key (di1ei2ee)', input: 'di1ei2ee', code: 'bencode-syntax', offset: 1},
    {name: 'a list key', input: 'dlei1ee', code: 'bencode-syntax', offset: 1},
    {name: 'a key with no value', input: 'd1:ae', code: 'bencode-syntax', offset: 4},
    {name: 'a stray e at the top level', input: 'e', code: 'bencode-syntax', offset: 0},
    {name: 'an unknown byte at the top level', input: 'x', code: 'bencode-syntax', offset: 0},
    {name: 'a NUL byte inside a list', input: 'l\x00e', code: 'bencode-syntax', offset: 1},
    {name: 'a string cut short', input: '4:spa', code: 'bencode-truncated', offset: 0},
    {name: 'an integer cut short', input: 'i12', code: 'bencode-truncated', offset: 0},
    {name: 'a string length cut short', input: '12', code: 'bencode-truncated', offset: 2},
    {name: 'an unclosed list', input: 'li1e', code: 'bencode-truncated', offset: 4},
    {name: 'a dictionary that ends after a key', input: 'd3:abc', code: 'bencode-truncated', offset: 6},
  ]

  it.each(table)('rejects $name with $code at byte $offset', ({input, code, offset}) => {
    const error = decodeFailure(bytes(input))
    expect({code: error.code, offset: error.offset}).toEqual({code, offset})
  })

  it('throws a BencodeError that is an InvalidTorrentError with exit code 3', () => {
    const error = decodeFailure(bytes('i1.5e'))
    expect(error).toBeInstanceOf(BencodeError)
    expect(error).toBeInstanceOf(InvalidTorrentError)
    expect(error.name).toBe('BencodeError')
    expect(error.exitCode).toBe(3)
    expect(error.message).toBe("invalid bencode at byte 2: expected a digit or 'e' in an integer")
  })

  it.each(table)('words the error for $name as one line starting with its offset', ({input, offset}) => {
    const {message} = decodeFailure(bytes(input))
    expect(message.startsWith(`invalid bencode at byte ${offset}: `)).toBe(true)
    expect(message).not.toMatch(/[\r\n\u2028\u2029]/)
  })

  it('escapes a duplicate key with a newline so the message stays on one line', () => {
    const error = decodeFailure(bytes('d3:a\nbi1e3:a\nbi2ee'))
    expect(error.message).toBe('invalid bencode at byte 9: duplicate dictionary key "a\\nb"')
  })

  it('throws for every proper prefix of a valid nested value and never returns', () => {
    const valid = bytes('d8:announce3:url4:infod5:filesld6:lengthi-12e4:pathl1:a2:bceee4:name0:e1:xli1eleee')
    expect(() => decodeBencode(valid)).not.toThrow()
    const codes = new Set<string>()
    for (let length = 0; length < valid.length; length++) {
      const error = decodeFailure(valid.subarray(0, length))
      expect(error.offset, `prefix of ${length} bytes`).toBeLessThanOrEqual(length)
      codes.add(error.code)
    }
    expect([...codes]).toEqual(['bencode-truncated'])
  })
})
