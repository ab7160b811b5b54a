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
/** Up to this many digits every number is below 2^53: only longer ones need checking digit by digit. */
const maxUncheckedDigits = 15
const maxSafeDigits = 16
const EMPTY = new Uint8Array(0)

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
  return decodeValues(input, maxDepth, maxTokens)
}

/**
 * The decoding loop, written for the code V8 runs before it optimises: verify decodes a torrent
 * once per process, so most of it runs in the interpreter and baseline tiers, where every call,
 * property load and byte read costs tens of instructions. Hence one function whose state is local
 * variables, each byte read once, and the rare cases (errors, non-canonical forms, numbers of more
 * than 15 digits) in functions of their own. This halved decoding a torrent of 10,000 files, from
 * ~570 to ~290 million instructions (docs/performance.md).
 */
function decodeValues(input: Uint8Array, maxDepth: number, maxTokens: number): Decoded {
  const end = input.length
  const {buffer, byteOffset} = input
  const text = Buffer.from(buffer, byteOffset, end)
  const spans = new Map<object, Span>()
  const forms: FormLog = {forms: [], count: 0}
  /**
   * The items of the open lists, innermost last. A list is made at its end, of exactly its items:
   * pushing into an empty array reserves 16 slots, which a torrent's two-element paths of 200,000
   * files would keep (11 MB, and the garbage collector's time to copy it).
   */
  const items: BencodeValue[] = []
  // The open container's state, in locals; its parents' state is saved at their depth.
  let depth = 0
  /** The open dictionary, or undefined when the open container is a list. */
  let dict: BencodeDict | undefined
  /** The key whose value comes next in `dict`; undefined while a key is expected. */
  let pendingKey: string | undefined
  let previousKey: string | undefined
  let start = 0
  /** Where the open list's items start in `items`. */
  let firstItem = 0
  const savedDicts: Array<BencodeDict | undefined> = []
  const savedPendingKeys: Array<string | undefined> = []
  const savedPreviousKeys: Array<string | undefined> = []
  const savedStarts: number[] = []
  const savedFirstItems: number[] = []
  // The last key seen of each length and first byte: a torrent repeats a few keys (`length`,
  // `path`) for every file, and reusing the string spares making it, and hashing it in the Map.
  const keyCache = new Array<string | undefined>((CACHED_KEY_LENGTH + 1) * 256).fill(undefined)
  let pos = 0
  let tokens = 0
  let root: BencodeValue | undefined

  // Reads past the end give undefined, which compares false with every digit: the digit loops
  // below stop there, and the check after each loop tells a cut input from a wrong byte.
  for (;;) {
    if (pos >= end) {
      throw new BencodeError('bencode-truncated', depth > 0 ? 'the input ends inside a list or dictionary' : 'the input is empty', pos)
    }
    let byte = input[pos]!
    let value: BencodeValue

    if (byte === Byte.e && depth > 0 && (dict === undefined || pendingKey === undefined)) {
      pos++
      let done: BencodeList | BencodeDict
      if (dict === undefined) {
        done = items.slice(firstItem)
        items.length = firstItem
      } else done = dict
      // Only the top level and its direct children: deeper spans are never asked for, and keeping
      // them costs about 15 MB on a torrent of 100,000 files.
      if (depth <= 2) spans.set(done, {start, end: pos})
      depth--
      if (depth === 0) {
        root = done
        break
      }
      dict = savedDicts[depth - 1]
      pendingKey = savedPendingKeys[depth - 1]
      previousKey = savedPreviousKeys[depth - 1]
      start = savedStarts[depth - 1]!
      firstItem = savedFirstItems[depth - 1]!
      value = done
    } else {
      // A dictionary key is a byte string like any other; only what is made of it differs.
      const isKey = dict !== undefined && pendingKey === undefined
      if (isKey && (byte < Byte.zero || byte > Byte.nine)) {
        throw new BencodeError('bencode-syntax', "expected a dictionary key (a byte string) or 'e'", pos)
      }
      if (byte === Byte.e) throw new BencodeError('bencode-syntax', "unexpected 'e' where a value was expected", pos)
      if (++tokens > maxTokens) throw tooManyTokens(maxTokens, pos)
      if (byte >= Byte.zero && byte <= Byte.nine) {
        const lengthStart = pos
        let length = 0
        do {
          length = length * 10 + byte - Byte.zero
          byte = input[++pos]!
        } while (byte >= Byte.zero && byte <= Byte.nine)
        if ((pos - lengthStart > 1 && input[lengthStart] === Byte.zero) || pos - lengthStart > maxUncheckedDigits || byte !== Byte.colon || length > end - pos - 1) {
          length = checkStringLength(input, lengthStart, pos, forms)
        }
        pos++
        if (isKey) {
          let key: string | undefined
          if (length > 0 && length <= CACHED_KEY_LENGTH) {
            const slot = length * 256 + input[pos]!
            key = keyCache[slot]
            if (key !== undefined) {
              let at = 1
              while (at < length && key.charCodeAt(at) === input[pos + at]) at++
              if (at < length) key = undefined
            }
            if (key === undefined) {
              key = text.toString('latin1', pos, pos + length)
              keyCache[slot] = key
            }
          } else key = text.toString('latin1', pos, pos + length)
          pos += length
          if (dict!.has(key)) {
            throw new BencodeError('bencode-duplicate-key', `duplicate dictionary key ${describeKey(key)}`, lengthStart)
          }
          if (previousKey !== undefined && key < previousKey) {
            report(forms, 'unsorted-keys', lengthStart, `dictionary key ${describeKey(key)} is out of order`)
          }
          previousKey = key
          pendingKey = key
          continue
        }
        // Buffer's own subarray: a view made otherwise (new Uint8Array, Reflect.construct with
        // Buffer) is a Buffer of another shape, and made validating the torrent ~180 M instructions dearer.
        value = length === 0 ? EMPTY : text.subarray(pos, pos + length)
        pos += length
      } else if (byte === Byte.i) {
        const integerStart = pos
        byte = input[++pos]!
        const negative = byte === Byte.minus
        if (negative) byte = input[++pos]!
        const digitsStart = pos
        let integer = 0
        while (byte >= Byte.zero && byte <= Byte.nine) {
          integer = integer * 10 + byte - Byte.zero
          byte = input[++pos]!
        }
        const digits = pos - digitsStart
        if (byte !== Byte.e || digits === 0 || digits > maxUncheckedDigits || (digits > 1 && input[digitsStart] === Byte.zero) || (negative && integer === 0)) {
          integer = checkInteger(input, integerStart, digitsStart, pos, negative, forms)
        } else if (negative) integer = -integer
        pos++
        value = integer
      } else if (byte === Byte.l || byte === Byte.d) {
        if (depth >= maxDepth) throw new BencodeError('bencode-too-deep', `nesting deeper than ${maxDepth} levels`, pos)
        if (depth > 0) {
          savedDicts[depth - 1] = dict
          savedPendingKeys[depth - 1] = pendingKey
          savedPreviousKeys[depth - 1] = previousKey
          savedStarts[depth - 1] = start
          savedFirstItems[depth - 1] = firstItem
        }
        dict = byte === Byte.d ? new Map() : undefined
        pendingKey = undefined
        previousKey = undefined
        start = pos
        firstItem = items.length
        depth++
        pos++
        continue
      } else {
        throw new BencodeError('bencode-syntax', `unexpected byte 0x${byte.toString(16).padStart(2, '0')} where a value was expected`, pos)
      }
    }

    if (depth === 0) {
      root = value
      break
    }
    if (dict === undefined) items.push(value)
    else {
      dict.set(pendingKey!, value)
      pendingKey = undefined
    }
  }

  if (pos < end) report(forms, 'trailing-data', pos, `${end - pos} bytes of trailing data after the end`)

  return {
    value: root,
    nonCanonical: forms.forms,
    nonCanonicalCount: forms.count,
    spanOf: (container) => spans.get(container),
  }
}

/** The non-canonical forms found so far. */
interface FormLog {
  forms: NonCanonicalForm[]
  count: number
}

function report(log: FormLog, code: NonCanonicalCode, offset: number, message: string): void {
  log.count++
  if (log.forms.length < maxReportedForms) log.forms.push({code, offset, message})
}

function tooManyTokens(maxTokens: number, pos: number): BencodeError {
  return new BencodeError('bencode-too-many-tokens', `more than ${maxTokens} values`, pos)
}

/**
 * A string length whose digits span [start, digitsEnd) and that the fast path did not accept:
 * cut short, no colon, a leading zero, many digits, or past the end. Throws, or reports and
 * returns the length.
 */
function checkStringLength(input: Uint8Array, start: number, digitsEnd: number, forms: FormLog): number {
  if (digitsEnd >= input.length) throw new BencodeError('bencode-truncated', 'the input ends inside a string length', digitsEnd)
  if (input[digitsEnd] !== Byte.colon) throw new BencodeError('bencode-syntax', "expected ':' after a string length", digitsEnd)
  if (digitsEnd - start > 1 && input[start] === Byte.zero) report(forms, 'leading-zero', start, 'string length with a leading zero')
  const length = digitsValue(input, start, digitsEnd, 'string length')
  const left = input.length - digitsEnd - 1
  if (length > left) {
    throw new BencodeError('bencode-truncated', `a string of ${length} bytes runs past the end of the input (${left} bytes left)`, start)
  }
  return length
}

/**
 * An integer (`i` at `start`, digits in [digitsStart, digitsEnd)) that the fast path did not
 * accept: malformed, cut short, many digits, a leading zero or -0. Throws, or reports and returns it.
 */
function checkInteger(input: Uint8Array, start: number, digitsStart: number, digitsEnd: number, negative: boolean, forms: FormLog): number {
  if (digitsEnd >= input.length) throw new BencodeError('bencode-truncated', 'the input ends inside an integer', start)
  if (input[digitsEnd] !== Byte.e) throw new BencodeError('bencode-syntax', "expected a digit or 'e' in an integer", digitsEnd)
  if (digitsEnd === digitsStart) throw new BencodeError('bencode-syntax', 'an integer has no digits', start)
  const value = digitsValue(input, digitsStart, digitsEnd, 'integer')
  if (digitsEnd - digitsStart > 1 && input[digitsStart] === Byte.zero) report(forms, 'leading-zero', start, 'integer with a leading zero')
  if (negative && value === 0) {
    report(forms, 'negative-zero', start, 'integer -0')
    return 0
  }
  return negative ? -value : value
}

/** Parses the digits in [start, end), which are known to be all decimal digits. */
function digitsValue(input: Uint8Array, start: number, end: number, what: string): number {
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
    const digits = Buffer.from(input.buffer, input.byteOffset, input.length).toString('latin1', first, end)
    throw new BencodeError('bencode-integer-range', `${what} ${Number(digits)} is beyond 2^53-1`, start)
  }
  return value
}

/** A key, quoted, as readable text for a one-line message. */
export function describeKey(key: string): string {
  const text = Buffer.from(key, 'latin1').toString('utf8')
  const quoted = JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text)
  return quoted
}
