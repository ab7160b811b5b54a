import {BLOCK_SIZE, HASH_SIZE, log2, merkleRootOfLayer, sha256, zeroSubtreeRoot} from './merkle.js'

export interface FileMerkle {
  /** BEP 52 `pieces root`. */
  root: Buffer
  /** BEP 52 `piece layers` value, for files longer than one piece. */
  layer: Buffer | undefined
}

/**
 * A file's merkle root and piece layer from the per-piece roots the workers computed. Each piece
 * root covers that piece's leaves padded to a power of two. A file of one piece keeps exactly that
 * (BEP 52: a small file's tree is padded to the next power of two only). In a longer file the last
 * piece may be short, so its root is lifted to a full piece's height with all-zero right subtrees,
 * and the layer is padded with the root of an all-zero piece.
 */
export function fileMerkle(length: number, pieceLength: number, pieceRoots: Uint8Array): FileMerkle {
  const pieces = Math.ceil(length / pieceLength)
  if (pieces === 1) return {root: Buffer.from(pieceRoots.subarray(0, HASH_SIZE)), layer: undefined}
  const pieceHeight = log2(pieceLength / BLOCK_SIZE)
  const layer = Buffer.from(pieceRoots.subarray(0, pieces * HASH_SIZE))
  const lastLeaves = Math.ceil((length - (pieces - 1) * pieceLength) / BLOCK_SIZE)
  // The last root and, beside it, each zero subtree in turn: one 64-byte buffer, hashed in place.
  const pair = Buffer.allocUnsafe(2 * HASH_SIZE)
  pair.set(layer.subarray((pieces - 1) * HASH_SIZE))
  for (let height = Math.ceil(Math.log2(lastLeaves)); height < pieceHeight; height++) {
    pair.set(zeroSubtreeRoot(height), HASH_SIZE)
    pair.set(sha256(pair))
  }
  layer.set(pair.subarray(0, HASH_SIZE), (pieces - 1) * HASH_SIZE)
  return {root: merkleRootOfLayer(layer, zeroSubtreeRoot(pieceHeight)), layer}
}
