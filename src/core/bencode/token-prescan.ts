import {BencodeError} from './bencode-error.js'

/**
 * Counts the values of a large input without building any, and throws the decoder's
 * `bencode-too-many-tokens` error when there are more than `maxTokens`. A flood of 3 million
 * empty strings would otherwise be materialised as a 3-million-element list (~100 MB) before the
 * limit is hit. The scan gives up at the first malformed byte or past `maxDepth`, leaving the
 * decoder to report those with its own message; it counts exactly as the decoder does (every key,
 * string, integer, list and dictionary), so the error names the same offset.
 */
export function prescanTokens(input: Uint8Array, maxTokens: number, maxDepth: number): void {
  let pos = 0
  let tokens = 0
  let depth = 0
  const end = input.length
  do {
    if (pos >= end) return
    const byte = input[pos]!
    if (byte === E) {
      if (depth === 0) return
      depth--
      pos++
      continue
    }
    if (++tokens > maxTokens) throw new BencodeError('bencode-too-many-tokens', `more than ${maxTokens} values`, pos)
    if (byte === L || byte === D) {
      if (++depth > maxDepth) return
      pos++
    } else if (byte === I) {
      pos++
      if (input[pos] === MINUS) pos++
      const start = pos
      while (pos < end && isDigit(input[pos]!)) pos++
      if (pos === start || input[pos] !== E) return
      pos++
    } else if (isDigit(byte)) {
      let length = 0
      while (pos < end && isDigit(input[pos]!)) {
        length = length * 10 + input[pos]! - ZERO
        if (length > end) return
        pos++
      }
      if (input[pos] !== COLON) return
      pos += 1 + length
      if (pos > end) return
    } else return
  } while (depth > 0)
}

const E = 0x65
const L = 0x6c
const D = 0x64
const I = 0x69
const MINUS = 0x2d
const COLON = 0x3a
const ZERO = 0x30

function isDigit(byte: number): boolean {
  return byte >= ZERO && byte <= ZERO + 9
}
