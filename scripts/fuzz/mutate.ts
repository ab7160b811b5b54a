// Byte-level mutations of bencoded input for the fuzzer: bit flips, interesting bytes and integers,
// length-prefix edits, chunk splices and deletions, and nesting wraps, stacked one to four deep.

/** xorshift32: small, seeded, and good enough to pick mutations. */
export class Rng {
  private state: number

  constructor(seed: number) {
    this.state = seed >>> 0 || 0x9e3779b9
  }

  next(): number {
    let x = this.state
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    this.state = x >>> 0
    return this.state
  }

  /** An integer in [0, bound). */
  below(bound: number): number {
    return bound <= 0 ? 0 : this.next() % bound
  }

  pick<T>(items: readonly T[]): T {
    return items[this.below(items.length)]!
  }
}

const INTERESTING_BYTES = [0x00, 0xff, 0x7f, 0x80, 0x3a, 0x65, 0x69, 0x6c, 0x64, 0x2d, 0x30, 0x39, 0x2f, 0x5c, 0x2e, 0x20]
const INTERESTING_INTEGERS = [
  '0', '-0', '00', '1', '-1', '15', '16', '20', '32', '16383', '16384', '16385', '32768', '65535', '2147483647', '2147483648',
  '4294967295', '4294967296', '9007199254740991', '9007199254740992', '-9007199254740992', '18446744073709551616', '99999999999',
]
const TOKENS = ['le', 'de', 'i0e', 'i-1e', '0:', 'e', 'l', 'd', '1:/', '2:..', '4:path', '6:length', '4:name', '5:files', '12:piece length']

const ascii = (text: string): Uint8Array => Buffer.from(text, 'latin1')

function splice(input: Uint8Array, start: number, deleteCount: number, insert: Uint8Array): Uint8Array {
  return Buffer.concat([input.subarray(0, start), insert, input.subarray(start + deleteCount)])
}

/** The runs of ASCII digits in the input, as [start, end) pairs. */
function digitRuns(input: Uint8Array): Array<[number, number]> {
  const runs: Array<[number, number]> = []
  for (let i = 0; i < input.length; i++) {
    if (input[i]! < 0x30 || input[i]! > 0x39) continue
    const start = i
    while (i < input.length && input[i]! >= 0x30 && input[i]! <= 0x39) i++
    runs.push([start, i])
  }
  return runs
}

/** Where the bencoded value starting at `start` ends, or -1 (a tiny iterative skipper). */
export function valueEnd(input: Uint8Array, start: number): number {
  let pos = start
  let depth = 0
  do {
    const byte = input[pos]
    if (byte === undefined) return -1
    if (byte === 0x65) {
      if (depth === 0) return -1
      depth--
      pos++
    } else if (byte === 0x6c || byte === 0x64) {
      depth++
      pos++
    } else if (byte === 0x69) {
      const end = input.indexOf(0x65, pos)
      if (end === -1) return -1
      pos = end + 1
    } else if (byte >= 0x30 && byte <= 0x39) {
      const colon = input.indexOf(0x3a, pos)
      if (colon === -1) return -1
      pos = colon + 1 + Number(Buffer.from(input.subarray(pos, colon)).toString('latin1'))
      if (!Number.isSafeInteger(pos) || pos > input.length) return -1
    } else return -1
  } while (depth > 0)
  return pos
}

type Mutator = (input: Uint8Array, rng: Rng, others: readonly Uint8Array[]) => Uint8Array

const MUTATORS: Record<string, Mutator> = {
  bitFlip(input, rng) {
    const out = Uint8Array.from(input)
    for (let n = 1 + rng.below(4); n > 0 && out.length > 0; n--) out[rng.below(out.length)]! ^= 1 << rng.below(8)
    return out
  },
  interestingByte(input, rng) {
    if (input.length === 0) return ascii(rng.pick(TOKENS))
    const out = Uint8Array.from(input)
    out[rng.below(out.length)] = rng.pick(INTERESTING_BYTES)
    return out
  },
  interestingInteger(input, rng) {
    const runs = digitRuns(input)
    if (runs.length === 0) return input
    const [start, end] = rng.pick(runs)
    return splice(input, start, end - start, ascii(rng.pick(INTERESTING_INTEGERS)))
  },
  lengthPrefix(input, rng) {
    const runs = digitRuns(input).filter(([, end]) => input[end] === 0x3a)
    if (runs.length === 0) return input
    const [start, end] = rng.pick(runs)
    const length = Number(Buffer.from(input.subarray(start, end)).toString('latin1'))
    const edited = rng.pick([length + 1, length - 1, 0, length * 2, length + 20, 2 ** 31, 2 ** 32 + length, input.length])
    return splice(input, start, end - start, ascii(String(edited)))
  },
  spliceChunk(input, rng, others) {
    const donor = rng.below(4) === 0 ? input : rng.pick(others)
    if (donor.length === 0) return input
    const from = rng.below(donor.length)
    const chunk = donor.subarray(from, from + 1 + rng.below(Math.min(256, donor.length - from)))
    const at = rng.below(input.length + 1)
    return splice(input, at, rng.below(2) === 0 ? 0 : Math.min(chunk.length, input.length - at), chunk)
  },
  deleteChunk(input, rng) {
    if (input.length === 0) return input
    const at = rng.below(input.length)
    return splice(input, at, 1 + rng.below(Math.min(64, input.length - at)), new Uint8Array(0))
  },
  insertToken(input, rng) {
    return splice(input, rng.below(input.length + 1), 0, ascii(rng.pick(TOKENS)))
  },
  nestingWrap(input, rng) {
    const starts: number[] = []
    for (let i = 0; i < input.length; i++) if (input[i] === 0x6c || input[i] === 0x64 || input[i] === 0x69) starts.push(i)
    if (starts.length === 0) return input
    const start = rng.pick(starts)
    const end = valueEnd(input, start)
    if (end === -1) return input
    const levels = rng.pick([1, 2, 5, 50, 98, 99, 100, 1000])
    const dict = rng.below(2) === 0
    const open = ascii((dict ? 'd1:k' : 'l').repeat(levels))
    return Buffer.concat([input.subarray(0, start), open, input.subarray(start, end), ascii('e'.repeat(levels)), input.subarray(end)])
  },
}

const NAMES = Object.keys(MUTATORS)

/** One to four stacked mutations of `input`; `others` are splice donors. */
export function mutate(input: Uint8Array, rng: Rng, others: readonly Uint8Array[]): Uint8Array {
  let out = input
  for (let n = 1 + rng.below(4); n > 0; n--) out = MUTATORS[rng.pick(NAMES)]!(out, rng, others)
  return out
}
