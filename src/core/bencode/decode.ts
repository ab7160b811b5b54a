import {BencodeError} from './bencode-error.js'
import type {BencodeDict, BencodeList, BencodeValue} from './bencode-value.js'
import {prescanTokens} from './token-prescan.js'

export interface DecodeLimits {
  /** Largest input accepted, in bytes (libtorrent: 10 MB). */
  maxBytes: number
  /** Deepest nesting of lists and dictionaries accepted. */
  maxDepth: number
  /** Most values and keys in one input (libtorrent: 3 M). */
  maxTokens: number
}

/**
 * libtorrent's load limits. Its max_decode_depth of 100 already rejects a 100th level of nesting
 * (python3-libtorrent 2.0.8: 99 nested lists decode, 100 do not), so the deepest we accept is 99.
 */
export const defaultDecodeLimits: Readonly<DecodeLimits> = {maxBytes: 10_000_000, maxDepth: 99, maxTokens: 3_000_000}

/** Forms BEP 3 forbids a writer to produce but that readers meet in the wild (spec.md section 1). */
export type NonCanonicalCode = 'unsorted-keys' | 'leading-zero' | 'negative-zero' | 'trailing-data'

export interface NonCanonicalForm {
  code: NonCanonicalCode
  /** Byte offset of the offending token. */
  offset: number
  message: string
}

export interface Span {
  start: number
  end: number
}

export interface Decoded {
  value: BencodeValue
  /** The first non-canonical forms found (at most `maxReportedForms`); `nonCanonicalCount` counts all. */
  nonCanonical: NonCanonicalForm[]
  nonCanonicalCount: number
  /**
   * Where the top-level value, or a list or dictionary directly inside it, sits in the input, so a
   * hash can be taken over the exact bytes (BEP 3: the info-hash covers `info` as found in the
   * file). Deeper containers give undefined. Byte strings are zero-copy views into the input, so
   * their place is their `byteOffset`.
   */
  spanOf(container: BencodeList | BencodeDict): Span | undefined
}

const maxReportedForms = 100
const maxSafeDigits = 16
const EMPTY = new Uint8Array(0)
/** A placeholder until a list's end; never handed out. */
const EMPTY_LIST: BencodeList = []

const enum Byte {
  colon = 0x3a,
  minus = 0x2d,
  zero = 0x30,
  nine = 0x39,
  d = 0x64,
  e = 0x65,
  i = 0x69,
  l = 0x6c,
}

/** An open list or dictionary. One shape for both, so the decoding loop reads frames monomorphically. */
interface Frame {
  isDict: boolean
  /** Dictionaries: the Map. Lists: the list is made on close, of the items in `items` from `firstItem`. */
  value: BencodeList | BencodeDict
  firstItem: number
  start: number
  /** Dictionaries: the key whose value comes next; undefined while a key is expected. */
  pendingKey: string | undefined
  previousKey: string | undefined
}

/** Dictionary keys up to this length are looked up in the decoder's key cache. */
const CACHED_KEY_LENGTH = 32

/**
 * Decodes bencode strictly and iteratively (no recursion, so deep nesting cannot overflow the stack).
 * Malformed syntax, duplicate keys and inputs beyond `limits` throw a BencodeError; non-canonical
 * forms are accepted and reported, because v1 torrents with them load in libtorrent and their
 * info-hash must stay the hash of their raw bytes. Integers outside ±(2^53−1) are rejected: a
 * torrent needs none, and a JS number could not hold them exactly.
 */
export function decodeBencode(input: Uint8Array, limits: Partial<DecodeLimits> = {}): Decoded {
  const {maxBytes, maxDepth, maxTokens} = {...defaultDecodeLimits, ...limits}
  if (input.length > maxBytes) {
    throw new BencodeError('bencode-too-large', `the input is ${input.length} bytes, over the limit of ${maxBytes}`, 0)
  }
  // Every value takes a byte at least, so only an input longer than the limit can break it.
  if (input.length > maxTokens) prescanTokens(input, maxTokens, maxDepth)

  const text = Buffer.from(input.buffer, input.byteOffset, input.length)
  const spans = new Map<object, Span>()
  const nonCanonical: NonCanonicalForm[] = []
  let nonCanonicalCount = 0
  const stack: Frame[] = []
  /**
   * The items of the open lists, innermost last. A list is made at its end, of exactly its items:
   * pushing into an empty array reserves 16 slots, which a torrent's two-element paths of 200,000
   * files would keep (11 MB, and the garbage collector's time to copy it).
   */
  const items: BencodeValue[] = []
  let pos = 0
  let tokens = 0
  let root: BencodeValue | undefined

  const report = (code: NonCanonicalCode, offset: number, message: string): void => {
    nonCanonicalCount++
    if (nonCanonical.length < maxReportedForms) nonCanonical.push({code, offset, message})
  }

  const countToken = (): void => {
    if (++tokens > maxTokens) {
      throw new BencodeError('bencode-too-many-tokens', `more than ${maxTokens} values`, pos)
    }
  }

  /** Skips the decimal digits at `pos`. */
  const skipDigits = (): void => {
    while (pos < input.length && input[pos]! >= Byte.zero && input[pos]! <= Byte.nine) pos++
  }

  /** Parses the digits in [start, end), which are known to be all decimal digits. */
  const digitsValue = (start: number, end: number, what: string): number => {
    let first = start
    while (first < end - 1 && input[first] === Byte.zero) first++
    if (end - first > maxSafeDigits) {
      throw new BencodeError('bencode-integer-range', `${what} has ${end - first} digits, beyond 2^53-1`, start)
    }
    // Exact while below 2^53, and at or above it once the true value is (every step rounds
    // monotonically): the same verdict as Number() of the text, without making the text.
    let value = 0
    for (let at = first; at < end; at++) value = value * 10 + (input[at]! - Byte.zero)
    if (!Number.isSafeInteger(value)) {
      throw new BencodeError('bencode-integer-range', `${what} ${Number(text.toString('latin1', first, end))} is beyond 2^53-1`, start)
    }
    return value
  }

  /** Reads a string's length and colon; `pos` is then at its first byte. */
  const readStringLength = (): number => {
    const start = pos
    skipDigits()
    const digitsEnd = pos
    if (pos >= input.length) throw new BencodeError('bencode-truncated', 'the input ends inside a string length', pos)
    if (input[pos] !== Byte.colon) throw new BencodeError('bencode-syntax', "expected ':' after a string length", pos)
    if (digitsEnd - start > 1 && input[start] === Byte.zero) {
      report('leading-zero', start, 'string length with a leading zero')
    }
    const length = digitsValue(start, digitsEnd, 'string length')
    pos++
    if (length > input.length - pos) {
      throw new BencodeError(
        'bencode-truncated',
        `a string of ${length} bytes runs past the end of the input (${input.length - pos} bytes left)`,
        start,
      )
    }
    return length
  }

  const readByteString = (): Uint8Array => {
    const length = readStringLength()
    const bytes = length === 0 ? EMPTY : input.subarray(pos, pos + length)
    pos += length
    return bytes
  }

  const readInteger = (): number => {
    const start = pos
    pos++
    const negative = input[pos] === Byte.minus
    if (negative) pos++
    const digitsStart = pos
    skipDigits()
    const digits = {start: digitsStart, end: pos}
    if (pos >= input.length) throw new BencodeError('bencode-truncated', 'the input ends inside an integer', start)
    if (input[pos] !== Byte.e) throw new BencodeError('bencode-syntax', "expected a digit or 'e' in an integer", pos)
    if (digits.end === digits.start) throw new BencodeError('bencode-syntax', 'an integer has no digits', start)
    pos++
    const value = digitsValue(digits.start, digits.end, 'integer')
    if (digits.end - digits.start > 1 && input[digits.start] === Byte.zero) {
      report('leading-zero', start, 'integer with a leading zero')
    }
    if (negative && value === 0) {
      report('negative-zero', start, 'integer -0')
      return 0
    }
    return negative ? -value : value
  }

  // The last key seen of each length and first byte: a torrent repeats a few keys (`length`,
  // `path`) for every file, and reusing the string spares making it, and hashing it in the Map.
  const keyCache = new Array<string | undefined>((CACHED_KEY_LENGTH + 1) * 256).fill(undefined)
  const readKey = (length: number): string => {
    if (length === 0 || length > CACHED_KEY_LENGTH) return text.toString('latin1', pos, pos + length)
    const slot = length * 256 + input[pos]!
    const cached = keyCache[slot]
    if (cached !== undefined) {
      let same = true
      for (let i = 1; i < length; i++) {
        if (cached.charCodeAt(i) !== input[pos + i]) {
          same = false
          break
        }
      }
      if (same) return cached
    }
    const key = text.toString('latin1', pos, pos + length)
    keyCache[slot] = key
    return key
  }

  const attach = (value: BencodeValue): void => {
    const parent = stack[stack.length - 1]
    if (parent === undefined) root = value
    else if (!parent.isDict) items.push(value)
    else {
      const dict = parent.value as BencodeDict
      dict.set(parent.pendingKey!, value)
      parent.pendingKey = undefined
    }
  }

  const open = (frame: Frame): void => {
    if (stack.length >= maxDepth) {
      throw new BencodeError('bencode-too-deep', `nesting deeper than ${maxDepth} levels`, pos)
    }
    stack.push(frame)
    pos++
  }

  const close = (): void => {
    pos++
    const frame = stack.pop()!
    if (!frame.isDict) {
      frame.value = items.slice(frame.firstItem)
      items.length = frame.firstItem
    }
    // Only the top level and its direct children: deeper spans are never asked for, and keeping
    // them costs about 15 MB on a torrent of 100,000 files.
    if (stack.length < 2) spans.set(frame.value, {start: frame.start, end: pos})
    attach(frame.value)
  }

  do {
    if (pos >= input.length) {
      throw new BencodeError('bencode-truncated', stack.length > 0 ? 'the input ends inside a list or dictionary' : 'the input is empty', pos)
    }
    const byte = input[pos]!
    const top = stack[stack.length - 1]

    if (top !== undefined && top.isDict && top.pendingKey === undefined) {
      if (byte === Byte.e) {
        close()
        continue
      }
      if (byte < Byte.zero || byte > Byte.nine) {
        throw new BencodeError('bencode-syntax', "expected a dictionary key (a byte string) or 'e'", pos)
      }
      countToken()
      const keyOffset = pos
      const length = readStringLength()
      const key = readKey(length)
      pos += length
      if ((top.value as BencodeDict).has(key)) {
        throw new BencodeError('bencode-duplicate-key', `duplicate dictionary key ${describeKey(key)}`, keyOffset)
      }
      if (top.previousKey !== undefined && key < top.previousKey) {
        report('unsorted-keys', keyOffset, `dictionary key ${describeKey(key)} is out of order`)
      }
      top.previousKey = key
      top.pendingKey = key
      continue
    }

    if (byte === Byte.e) {
      if (top !== undefined && !top.isDict) {
        close()
        continue
      }
      throw new BencodeError('bencode-syntax', "unexpected 'e' where a value was expected", pos)
    }

    countToken()
    if (byte === Byte.i) attach(readInteger())
    else if (byte >= Byte.zero && byte <= Byte.nine) attach(readByteString())
    else if (byte === Byte.l) open({isDict: false, value: EMPTY_LIST, firstItem: items.length, start: pos, pendingKey: undefined, previousKey: undefined})
    else if (byte === Byte.d) {
      open({isDict: true, value: new Map(), firstItem: 0, start: pos, pendingKey: undefined, previousKey: undefined})
    } else {
      throw new BencodeError('bencode-syntax', `unexpected byte 0x${byte.toString(16).padStart(2, '0')} where a value was expected`, pos)
    }
  } while (stack.length > 0)

  if (pos < input.length) report('trailing-data', pos, `${input.length - pos} bytes of trailing data after the end`)

  return {
    value: root!,
    nonCanonical,
    nonCanonicalCount,
    spanOf: (container) => spans.get(container),
  }
}

/** A key, quoted, as readable text for a one-line message. */
export function describeKey(key: string): string {
  const text = Buffer.from(key, 'latin1').toString('utf8')
  const quoted = JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text)
  return quoted
}
