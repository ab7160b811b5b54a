import type {VerifyPlan} from '../verify/verify-plan.js'

/**
 * The pieces a sampled check looks at: `count` pieces drawn at random from the whole torrent, plus
 * the first and last piece of every file (where a wrong length or a truncated upload shows), and
 * every piece of a v2 file whose piece layer the torrent lacks. The draw depends only on the
 * seed, so a run can be repeated exactly. Returns one flag per piece.
 */
export function samplePieces(plan: VerifyPlan, count: number, seed: number): Uint8Array {
  const wanted = new Uint8Array(plan.pieceCount)
  for (const file of plan.files) {
    if (file.pieceCount === 0) continue
    // A v2 file without its piece layer can only be judged whole, against its pieces root.
    if (file.v2 !== undefined && file.v2.layer === undefined) wanted.fill(1, file.firstPiece, file.firstPiece + file.pieceCount)
    wanted[file.firstPiece] = 1
    wanted[file.firstPiece + file.pieceCount - 1] = 1
  }
  const draws = Math.min(count, plan.pieceCount)
  if (draws === plan.pieceCount) return wanted.fill(1)
  // A partial Fisher-Yates shuffle: the first `draws` slots end up a uniform sample without repeats.
  const order = new Int32Array(plan.pieceCount)
  for (let i = 0; i < order.length; i++) order[i] = i
  const next = splitMix32(seed)
  for (let i = 0; i < draws; i++) {
    const j = i + Math.floor(next() * (order.length - i))
    const picked = order[j]!
    order[j] = order[i]!
    order[i] = picked
    wanted[picked] = 1
  }
  return wanted
}

/** A small seeded generator of floats in [0, 1): SplitMix32's mixing of a Weyl sequence. */
function splitMix32(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x9e3779b9) >>> 0
    let z = state
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b)
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35)
    return ((z ^ (z >>> 16)) >>> 0) / 2 ** 32
  }
}
