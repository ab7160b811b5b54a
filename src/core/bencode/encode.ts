import {RawBencode} from './raw-bencode.js'

/**
 * What the encoder accepts: integers (safe-integer numbers or bigints), byte strings (Uint8Array),
 * text (encoded as UTF-8), lists, dictionaries given either as a Map with byte-string keys (as
 * the decoder returns them) or as a plain object with text keys, and RawBencode (copied as is).
 * Object properties whose value is `undefined` are left out, so optional fields can be written inline.
 */
export type Encodable =
  | RawBencode
  | number
  | bigint
  | string
  | Uint8Array
  | readonly Encodable[]
  | ReadonlyMap<string, Encodable>
  | {readonly [key: string]: Encodable | undefined}

export class EncodeError extends Error {
  readonly code = 'bencode-unencodable'
}

const chunkSize = 64 * 1024

/**
 * Canonical bencode (BEP 3): dictionary keys sorted as raw bytes, no leading zeros. Anything that
 * cannot be encoded exactly (a fraction, NaN, null, a boolean, text with a lone surrogate) throws
 * instead of being rounded, dropped or coerced.
 */
export function encodeBencode(value: Encodable): Buffer {
  const out = new ByteSink()
  const pending: Array<Encodable | typeof END> = [value]
  while (pending.length > 0) {
    const item = pending.pop()!
    if (item === END) out.byte(0x65)
    else if (typeof item === 'number') out.ascii(`i${integerText(item)}e`)
    else if (typeof item === 'bigint') out.ascii(`i${item}e`)
    else if (typeof item === 'string') out.string(textBytes(item))
    else if (item instanceof Uint8Array) out.string(item)
    else if (item instanceof RawBencode) out.raw(item.bytes)
    else if (Array.isArray(item)) {
      out.byte(0x6c)
      pending.push(END)
      for (let i = item.length - 1; i >= 0; i--) pending.push(item[i] as Encodable)
    } else if (item instanceof Map) {
      pushDict(out, pending, [...(item as ReadonlyMap<string, Encodable>)].map(([key, entry]) => [byteStringKey(key), entry]))
    } else if (isPlainObject(item)) {
      const entries = Object.entries(item).filter((entry): entry is [string, Encodable] => entry[1] !== undefined)
      pushDict(out, pending, entries.map(([key, entry]) => [textBytes(key).toString('latin1'), entry]))
    } else throw new EncodeError(`cannot bencode a value of type ${describeType(item)}`)
  }
  return out.finish()
}

const END = Symbol('end')

function pushDict(out: ByteSink, pending: Array<Encodable | typeof END>, entries: Array<[string, Encodable]>): void {
  // Byte-string keys hold one char per byte, so `<` on them is the raw byte order BEP 3 asks for.
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  for (let i = 1; i < entries.length; i++) {
    if (entries[i]![0] === entries[i - 1]![0]) throw new EncodeError(`duplicate dictionary key ${JSON.stringify(entries[i]![0])}`)
  }
  out.byte(0x64)
  pending.push(END)
  for (let i = entries.length - 1; i >= 0; i--) {
    const [key, entry] = entries[i]!
    pending.push(entry, Buffer.from(key, 'latin1'))
  }
}

function integerText(value: number): string {
  if (!Number.isSafeInteger(value)) throw new EncodeError(`cannot bencode ${value} exactly: integers only, within ±(2^53-1)`)
  return Object.is(value, -0) ? '0' : String(value)
}

function textBytes(text: string): Buffer {
  if (!text.isWellFormed()) throw new EncodeError('cannot bencode text with a lone UTF-16 surrogate as UTF-8')
  return Buffer.from(text, 'utf8')
}

/** A Map key is already a byte string (one char per byte); anything else would be silently truncated by latin1. */
function byteStringKey(key: unknown): string {
  if (typeof key !== 'string' || !/^[\x00-\xff]*$/.test(key)) {
    throw new EncodeError('cannot bencode a Map key that is not a byte string (chars U+0000 to U+00FF); use keyFromText for text')
  }
  return key
}

function isPlainObject(value: unknown): value is {readonly [key: string]: Encodable | undefined} {
  if (typeof value !== 'object' || value === null) return false
  const prototype = Object.getPrototypeOf(value)
  return prototype === Object.prototype || prototype === null
}

function describeType(value: unknown): string {
  if (value === null) return 'null'
  if (typeof value === 'object') return value.constructor?.name ?? 'object'
  return typeof value
}

/** Collects output in large chunks so encoding a big `pieces` string does not copy it twice. */
class ByteSink {
  private readonly chunks: Uint8Array[] = []
  private buffer = Buffer.allocUnsafe(chunkSize)
  private used = 0

  byte(value: number): void {
    if (this.used === this.buffer.length) this.flush()
    this.buffer[this.used++] = value
  }

  ascii(text: string): void {
    if (this.used + text.length > this.buffer.length) this.flush()
    // Only a bigint of more than 64 Ki digits gets here; Buffer#write would silently truncate it.
    if (text.length > this.buffer.length) {
      this.chunks.push(Buffer.from(text, 'latin1'))
      return
    }
    this.used += this.buffer.write(text, this.used, 'latin1')
  }

  string(bytes: Uint8Array): void {
    this.ascii(`${bytes.length}:`)
    this.raw(bytes)
  }

  raw(bytes: Uint8Array): void {
    if (bytes.length > this.buffer.length - this.used) {
      this.flush()
      this.chunks.push(bytes)
      return
    }
    this.buffer.set(bytes, this.used)
    this.used += bytes.length
  }

  finish(): Buffer {
    this.flush()
    return Buffer.concat(this.chunks)
  }

  private flush(): void {
    if (this.used > 0) this.chunks.push(this.buffer.subarray(0, this.used))
    this.buffer = Buffer.allocUnsafe(chunkSize)
    this.used = 0
  }
}
