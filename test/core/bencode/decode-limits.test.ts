import {describe, expect, it} from 'vitest'
import type {BencodeList} from '../../../src/core/bencode/bencode-value.js'
import {decodeBencode, defaultDecodeLimits} from '../../../src/core/bencode/decode.js'
import {bytes} from './bencode-shape.js'
import {decodeFailure} from './decode-failure.js'

const nestedLists = (depth: number): Buffer => bytes('l'.repeat(depth) + 'e'.repeat(depth))

/** A list of `count` empty strings: one token for the list and one per `0:`. */
const listOfEmptyStrings = (count: number): Buffer => {
  const input = Buffer.alloc(2 * count + 2).fill('0:', 1)
  input[0] = 0x6c
  input[input.length - 1] = 0x65
  return input
}

describe('decodeBencode limits', () => {
  it('uses libtorrent limits by default: 10 MB, 99 levels (libtorrent rejects the 100th), 3 M tokens', () => {
    expect(defaultDecodeLimits).toEqual({maxBytes: 10_000_000, maxDepth: 99, maxTokens: 3_000_000})
  })

  it('accepts an input of exactly maxBytes', () => {
    expect(decodeBencode(bytes('10:abcdefghij').subarray(0, 13), {maxBytes: 13}).value).toHaveLength(10)
  })

  it('rejects an input one byte over maxBytes before reading it', () => {
    const error = decodeFailure(bytes('i1e'), {maxBytes: 2})
    expect({code: error.code, offset: error.offset}).toEqual({code: 'bencode-too-large', offset: 0})
  })

  it('rejects an input over the default 10 MB', () => {
    const error = decodeFailure(Buffer.alloc(10_000_001, 0x65))
    expect({code: error.code, offset: error.offset}).toEqual({code: 'bencode-too-large', offset: 0})
  })

  it('accepts exactly 99 nested lists', () => {
    const decoded = decodeBencode(nestedLists(99))
    expect(decoded.spanOf(decoded.value as BencodeList)).toEqual({start: 0, end: 198})
  })

  it('rejects 100 nested lists at the 100th, as libtorrent does', () => {
    const error = decodeFailure(nestedLists(100))
    expect({code: error.code, offset: error.offset}).toEqual({code: 'bencode-too-deep', offset: 99})
  })

  it('counts dictionaries towards the depth', () => {
    expect(() => decodeBencode(bytes('d1:aleee'), {maxDepth: 2})).not.toThrow()
    const error = decodeFailure(bytes('d1:aleee'), {maxDepth: 1})
    expect({code: error.code, offset: error.offset}).toEqual({code: 'bencode-too-deep', offset: 4})
  })

  it('rejects 100,000 nested lists quickly without overflowing the stack', () => {
    const input = nestedLists(100_000)
    const started = performance.now()
    const error = decodeFailure(input)
    // A hang guard (it takes milliseconds): a decoder that recursed or rescanned would take minutes.
    expect(performance.now() - started).toBeLessThan(20_000)
    expect({code: error.code, offset: error.offset}).toEqual({code: 'bencode-too-deep', offset: 99})
  })

  it('decodes a million nested lists iteratively when the depth limit allows it', () => {
    const decoded = decodeBencode(nestedLists(1_000_000), {maxDepth: 1_000_000})
    const lengths = new Map<number, number>()
    for (let list: BencodeList | undefined = decoded.value as BencodeList; list; list = list[0] as BencodeList | undefined) {
      lengths.set(list.length, (lengths.get(list.length) ?? 0) + 1)
    }
    expect(lengths).toEqual(new Map([[1, 999_999], [0, 1]]))
    expect(decoded.spanOf(decoded.value as BencodeList)).toEqual({start: 0, end: 2_000_000})
  })

  it('reports a million unclosed lists as truncated at the end', () => {
    const error = decodeFailure(bytes('l'.repeat(1_000_000)), {maxDepth: Infinity})
    expect({code: error.code, offset: error.offset}).toEqual({code: 'bencode-truncated', offset: 1_000_000})
  })

  it('accepts exactly maxTokens values', () => {
    expect(decodeBencode(bytes('li1ei2ee'), {maxTokens: 3}).value).toEqual([1, 2])
  })

  it('rejects the value past maxTokens at its offset', () => {
    const error = decodeFailure(bytes('li1ei2ei3ee'), {maxTokens: 3})
    expect({code: error.code, offset: error.offset}).toEqual({code: 'bencode-too-many-tokens', offset: 7})
  })

  it('counts dictionary keys as tokens', () => {
    const error = decodeFailure(bytes('d1:ai1ee'), {maxTokens: 2})
    expect({code: error.code, offset: error.offset}).toEqual({code: 'bencode-too-many-tokens', offset: 4})
  })

  it('accepts a list holding 3 M tokens in all under the default limit', () => {
    const decoded = decodeBencode(listOfEmptyStrings(2_999_999))
    expect(decoded.value).toHaveLength(2_999_999)
  })

  it('rejects a 10 MB list of empty strings at the 3,000,001st token', () => {
    const input = listOfEmptyStrings(4_999_999)
    expect(input.length).toBe(10_000_000)
    const error = decodeFailure(input)
    // The list is token 1, so the 3,000,000th `0:` (at 1 + 2 * 2,999,999) is one too many.
    expect({code: error.code, offset: error.offset}).toEqual({code: 'bencode-too-many-tokens', offset: 5_999_999})
  })
})
