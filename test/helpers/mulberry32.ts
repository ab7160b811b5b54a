/**
 * mulberry32: a tiny, fast, deterministic 32-bit generator, for test payloads, benchmark data and
 * documented examples that must be the same bytes on every run (its quality does not matter there).
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return (t ^ (t >>> 14)) >>> 0
  }
}

/** The same sequence as fractions in [0, 1). */
export function mulberry32Fraction(seed: number): () => number {
  const next = mulberry32(seed)
  return () => next() / 2 ** 32
}
