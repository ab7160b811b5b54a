import {createHash, hash} from 'node:crypto'

/** BEP 52: the merkle tree's leaves are SHA-256 hashes of 16 KiB blocks. */
export const BLOCK_SIZE = 16 * 1024
export const HASH_SIZE = 32
/** BEP 3: a v1 piece hash is a SHA-1 digest. */
export const SHA1_SIZE = 20

export function sha256(data: Uint8Array): Buffer {
  return hash('sha256', data, 'buffer')
}

/**
 * Writes SHA-256 of `data` into `target` at `offset`. The digest comes as a 'binary' (latin1)
 * string, one char per byte, which costs less than a Buffer: each Buffer result is a fresh backing
 * store, ~1.3 µs a call, as much as hashing the 64 bytes of a merkle node and ~8 % of hashing a
 * 16 KiB leaf.
 */
export function sha256Into(data: Uint8Array, target: Buffer, offset: number): void {
  target.write(hash('sha256', data, 'binary'), offset, 'binary')
}

export function sha1(data: Uint8Array): Buffer {
  return createHash('sha1').update(data).digest()
}

const zeroSubtreeCache: Buffer[] = [Buffer.alloc(HASH_SIZE)]

/**
 * The root of a subtree of `2^height` leaves that lie wholly past the end of a file. BEP 52 sets
 * such leaves to 32 zero bytes (not the hash of a zero block), so the roots are built up from those.
 */
export function zeroSubtreeRoot(height: number): Buffer {
  while (zeroSubtreeCache.length <= height) {
    const below = zeroSubtreeCache.at(-1)!
    zeroSubtreeCache.push(sha256(Buffer.concat([below, below])))
  }
  return zeroSubtreeCache[height]!
}

/**
 * Folds `count` hashes at the start of `nodes`, nodes of `height` (0: leaves), up to their merkle
 * root in place: each level is padded, when odd, with the root of an all-zero subtree of its height
 * (BEP 52), so the result is the root over the nodes padded to a power of two. `nodes` needs room
 * for one hash more than an odd `count`. Returns a view of the root; no buffer per node.
 */
export function foldInPlace(nodes: Buffer, count: number, height = 0): Buffer {
  const pairs = pairViews(nodes, Math.ceil(count / 2))
  for (; count > 1; height++) {
    if (count % 2 === 1) nodes.set(zeroSubtreeRoot(height), count++ * HASH_SIZE)
    for (let i = 0; i < count / 2; i++) sha256Into(pairs[i]!, nodes, i * HASH_SIZE)
    count /= 2
  }
  return nodes.subarray(0, HASH_SIZE)
}

const pairViewCache = new WeakMap<Buffer, Buffer[]>()

/**
 * Views of the 64-byte node pairs of a buffer, made once for a buffer folded again and again (a
 * worker's leaf buffer): a subarray per node hash cost ~20 % of the fold.
 */
function pairViews(nodes: Buffer, pairs: number): Buffer[] {
  let views = pairViewCache.get(nodes)
  if (views === undefined) pairViewCache.set(nodes, (views = []))
  for (let i = views.length; i < pairs; i++) views.push(nodes.subarray(2 * i * HASH_SIZE, (2 * i + 2) * HASH_SIZE))
  return views
}

/**
 * Folds one layer of a merkle tree (concatenated 32-byte hashes) up to its root. The layer is padded
 * to a power of two with `padHash`, the root of an all-zero subtree of the layer's height.
 */
export function merkleRootOfLayer(layer: Uint8Array, padHash: Uint8Array): Buffer {
  const count = layer.length / HASH_SIZE
  if (!Number.isInteger(count) || count === 0) throw new RangeError('a merkle layer is a non-empty multiple of 32 bytes')
  let width = 1
  while (width < count) width *= 2
  const nodes = Buffer.allocUnsafe(width * HASH_SIZE)
  nodes.set(layer)
  for (let i = count; i < width; i++) nodes.set(padHash, i * HASH_SIZE)
  return foldInPlace(nodes, width)
}

/** log2 of a power of two. */
export function log2(powerOfTwo: number): number {
  return Math.round(Math.log2(powerOfTwo))
}
