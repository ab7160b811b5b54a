import {EncodeError} from './encode.js'

/**
 * Appends bencode tokens to one growing buffer, for values too large to build as an object graph
 * first (a file list of 200,000 entries). Unlike encodeBencode it does not sort: the caller writes
 * every dictionary's keys in raw byte order (BEP 3).
 */
export class BencodeWriter {
  private buffer: Buffer
  private used = 0

  /** `capacity`: the expected size, so the buffer need not grow (and be copied) on the way. */
  constructor(capacity = 64 * 1024) {
    this.buffer = Buffer.allocUnsafe(Math.max(64, capacity))
  }

  /** Bytes written so far. */
  get length(): number {
    return this.used
  }

  token(char: 'd' | 'l' | 'e'): this {
    this.reserve(1)
    this.buffer[this.used++] = char.charCodeAt(0)
    return this
  }

  integer(value: number): this {
    if (!Number.isSafeInteger(value)) throw new EncodeError(`cannot bencode ${value} exactly: integers only, within ±(2^53-1)`)
    this.reserve(24)
    this.buffer[this.used++] = 0x69
    this.digits(value)
    this.buffer[this.used++] = 0x65
    return this
  }

  text(value: string): this {
    // Most names are short ASCII: copied char by char, which is several times faster than
    // Buffer#write for a few bytes; anything else is rewritten below through Buffer#write.
    const start = this.used
    this.reserve(value.length + 24)
    this.digits(value.length)
    this.buffer[this.used++] = 0x3a
    for (let i = 0; i < value.length; i++) {
      const code = value.charCodeAt(i)
      if (code > 0x7f) {
        this.used = start
        return this.nonAscii(value)
      }
      this.buffer[this.used++] = code
    }
    return this
  }

  /**
   * Each '/'-separated element of `joined` as a text (a torrent path as the walk keeps it), in one
   * call per path; ASCII is copied char by char, anything else goes through text.
   */
  pathElements(joined: string): this {
    let start = 0
    while (start <= joined.length) {
      let end = joined.indexOf('/', start)
      if (end === -1) end = joined.length
      const length = end - start
      const mark = this.used
      this.reserve(length + 24)
      this.digits(length)
      this.buffer[this.used++] = 0x3a
      for (let i = start; i < end; i++) {
        const code = joined.charCodeAt(i)
        if (code > 0x7f) {
          this.used = mark
          this.nonAscii(joined.slice(start, end))
          break
        }
        this.buffer[this.used++] = code
      }
      start = end + 1
    }
    return this
  }

  /** Bytes that are bencode already (a constant run of tokens, an info dictionary), as they are. */
  raw(value: Uint8Array): this {
    this.reserve(value.length)
    this.buffer.set(value, this.used)
    this.used += value.length
    return this
  }

  bytes(value: Uint8Array): this {
    this.reserve(value.length + 24)
    this.digits(value.length)
    this.buffer[this.used++] = 0x3a
    this.buffer.set(value, this.used)
    this.used += value.length
    return this
  }

  /** The bytes written, without copying them. */
  finish(): Buffer {
    return this.buffer.subarray(0, this.used)
  }

  private nonAscii(value: string): this {
    if (!value.isWellFormed()) throw new EncodeError('cannot bencode text with a lone UTF-16 surrogate as UTF-8')
    const length = Buffer.byteLength(value, 'utf8')
    this.reserve(length + 24)
    this.digits(length)
    this.buffer[this.used++] = 0x3a
    this.used += this.buffer.write(value, this.used, length, 'utf8')
    return this
  }

  /** A safe integer in decimal, with room already reserved; no string made (one per file length). */
  private digits(value: number): void {
    if (value < 0) {
      this.buffer[this.used++] = 0x2d
      value = -value
    }
    let count = 1
    for (let rest = value; rest >= 10; rest = Math.floor(rest / 10)) count++
    this.used += count
    for (let at = this.used - 1; at >= this.used - count; at--) {
      this.buffer[at] = 0x30 + (value % 10)
      value = Math.floor(value / 10)
    }
  }

  private reserve(length: number): void {
    if (this.used + length <= this.buffer.length) return
    const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.used + length))
    this.buffer.copy(grown, 0, 0, this.used)
    this.buffer = grown
  }
}
