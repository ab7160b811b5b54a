import type {BencodeValue} from '../../../src/core/bencode/bencode-value.js'
import {mulberry32} from '../../helpers/mulberry32.js'

/** mulberry32: a small seeded PRNG, so a failing case can be replayed from its seed. */
export class Random {
  /** A uniform 32-bit unsigned integer. */
  readonly uint32: () => number

  constructor(seed: number) {
    this.uint32 = mulberry32(seed)
  }

  /** An integer in [0, bound). */
  below(bound: number): number {
    return this.uint32() % bound
  }
}

/** A safe integer, biased towards small values and the ±(2^53−1) edges. */
function randomInteger(random: Random): number {
  const sign = random.below(2) === 0 ? 1 : -1
  const magnitude = [
    () => random.below(10),
    () => random.below(100_000),
    () => random.below(2 ** 21) * 2 ** 32 + random.uint32(),
    () => Number.MAX_SAFE_INTEGER - random.below(3),
  ][random.below(4)]!()
  return magnitude === 0 ? 0 : sign * magnitude
}

function randomBytes(random: Random): Uint8Array {
  const length = random.below(8) === 0 ? random.below(400) : random.below(24)
  return Uint8Array.from({length}, () => random.below(256))
}

/** Printable ASCII, where a key's text, latin1 and UTF-8 forms coincide. */
function randomKey(random: Random): string {
  return String.fromCharCode(...Array.from({length: random.below(7)}, () => 0x20 + random.below(0x5f)))
}

/**
 * A random canonical value: dictionaries are Maps with distinct ASCII keys inserted in byte order,
 * exactly as the decoder returns canonical input.
 */
export function randomValue(random: Random, depth = 0): BencodeValue {
  const kind = random.below(depth >= 4 ? 2 : 4)
  if (kind === 0) return randomInteger(random)
  if (kind === 1) return randomBytes(random)
  const size = random.below(6)
  if (kind === 2) return Array.from({length: size}, () => randomValue(random, depth + 1))
  const keys = [...new Set(Array.from({length: size}, () => randomKey(random)))].sort()
  return new Map(keys.map((key) => [key, randomValue(random, depth + 1)]))
}

/** The same value as the npm `bencode` package represents it: plain objects for dictionaries. */
export function toNpmValue(value: BencodeValue): unknown {
  if (value instanceof Map) {
    const object = Object.create(null) as Record<string, unknown>
    for (const [key, entry] of value) object[key] = toNpmValue(entry)
    return object
  }
  if (Array.isArray(value)) return value.map(toNpmValue)
  return value
}
