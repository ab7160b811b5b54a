import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import type {BencodeValue} from '../../src/core/bencode/bencode-value.js'
import {BencodeError} from '../../src/core/bencode/bencode-error.js'
import {decodeBencode} from '../../src/core/bencode/decode.js'
import {encodeBencode} from '../../src/core/bencode/encode.js'
import {MktorrentError} from '../../src/core/errors.js'
import {inspectTorrent} from '../../src/core/use-cases/inspect-torrent.js'

/** Any bencode value our decoder can return: keys are arbitrary bytes (as latin1 strings). */
const bencodeValue: fc.Arbitrary<BencodeValue> = fc.letrec<{value: BencodeValue}>((tie) => ({
  value: fc.oneof(
    {depthSize: 'small', withCrossShrink: true},
    fc.maxSafeInteger(),
    fc.uint8Array({maxLength: 40}),
    fc.array(tie('value'), {maxLength: 5}),
    fc
      .uniqueArray(fc.tuple(fc.uint8Array({maxLength: 12}).map((bytes) => Buffer.from(bytes).toString('latin1')), tie('value')), {
        maxLength: 5,
        selector: ([key]) => key,
      })
      .map((entries) => new Map(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))),
  ),
})).value

/** Bytes that are mostly bencode's own alphabet, so they get past the first byte more often. */
const bencodeish = fc
  .array(fc.oneof(fc.constantFrom(...'deil0123456789:-e'.split('').map((c) => c.charCodeAt(0))), fc.integer({min: 0, max: 255})), {maxLength: 200})
  .map((bytes) => Uint8Array.from(bytes))

/** Byte strings as plain Uint8Arrays (the decoder returns Buffer views), for deep comparison. */
function plain(value: BencodeValue): unknown {
  if (value instanceof Uint8Array) return Uint8Array.from(value)
  if (Array.isArray(value)) return value.map(plain)
  if (value instanceof Map) return new Map([...value].map(([key, child]) => [key, plain(child)]))
  return value
}

/** The byte offset where each value (and each key) starts, in encoding order: the decoder's tokens. */
function tokenOffsets(value: BencodeValue): number[] {
  const offsets: number[] = []
  const walk = (node: BencodeValue, at: number): number => {
    offsets.push(at)
    if (typeof node === 'number') return at + `i${node}e`.length
    if (node instanceof Uint8Array) return at + `${node.length}:`.length + node.length
    let pos = at + 1
    if (Array.isArray(node)) for (const child of node) pos = walk(child, pos)
    else {
      for (const [key, child] of node) {
        offsets.push(pos)
        pos += `${key.length}:`.length + key.length
        pos = walk(child, pos)
      }
    }
    return pos + 1
  }
  walk(value, 0)
  return offsets
}

describe('bencode properties', () => {
  it('random values round-trip byte-exactly through encode and decode', () => {
    fc.assert(
      fc.property(bencodeValue, (value) => {
        const bytes = encodeBencode(value)
        const decoded = decodeBencode(bytes)
        expect(plain(decoded.value)).toEqual(plain(value))
        expect(decoded.nonCanonicalCount).toBe(0)
        expect(encodeBencode(decoded.value).equals(bytes)).toBe(true)
      }),
      {numRuns: 500},
    )
  })

  it('random bytes decode or throw a BencodeError, never anything else', () => {
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({maxLength: 200}), bencodeish), (bytes) => {
        try {
          decodeBencode(bytes)
        } catch (error) {
          expect(error).toBeInstanceOf(BencodeError)
        }
      }),
      {numRuns: 2000},
    )
  })

  it('random bytes read as a torrent give a report or our typed error, never anything else', () => {
    const torrentish = fc.tuple(bencodeValue, fc.uint8Array({maxLength: 8})).map(([value, tail]) =>
      Buffer.concat([Buffer.from('d4:info'), encodeBencode(value), tail, Buffer.from('e')]),
    )
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({maxLength: 200}), bencodeish, torrentish), (bytes) => {
        try {
          const {report} = inspectTorrent(bytes)
          expect(report.valid).toBe(report.issues.every((issue) => issue.severity !== 'error'))
        } catch (error) {
          expect(error).toBeInstanceOf(MktorrentError)
          expect((error as MktorrentError).exitCode).toBe(3)
        }
      }),
      {numRuns: 2000},
    )
  })

  it('the token limit fails exactly past the limit, at the offset of the first token too many', () => {
    fc.assert(
      fc.property(bencodeValue, fc.integer({min: 1, max: 40}), (value, maxTokens) => {
        const bytes = encodeBencode(value)
        const offsets = tokenOffsets(value)
        let thrown: BencodeError | undefined
        try {
          decodeBencode(bytes, {maxTokens, maxDepth: 1000})
        } catch (error) {
          thrown = error as BencodeError
        }
        if (offsets.length <= maxTokens) expect(thrown).toBeUndefined()
        else expect({code: thrown?.code, offset: thrown?.offset}).toEqual({code: 'bencode-too-many-tokens', offset: offsets[maxTokens]})
      }),
      {numRuns: 1000},
    )
  })
})
