import {createHash, hash, type Hash} from 'node:crypto'
import {BLOCK_SIZE, HASH_SIZE, SHA1_SIZE, foldInPlace} from '../hash/merkle.js'
import type {VerifyPlan} from '../verify/verify-plan.js'

/**
 * Hashes a run of pieces from bytes arriving in layout order, as `hashPieces` does from disk:
 * SHA-1 per piece over files and pads (v1, hybrid) and per piece the merkle root of its file
 * bytes' 16 KiB leaves (v2, hybrid; BEP 52), on the main thread with node:crypto. Bytes that could
 * not be fetched are skipped, and the pieces they touch are failed instead of hashed.
 */
export class WebSeedHasher {
  readonly sha1: Uint8Array | undefined
  readonly roots: Uint8Array | undefined
  /** Pieces that touch bytes which were skipped. */
  readonly failed = new Set<number>()
  private position: number
  private readonly end: number
  private piece: number
  private pieceHash: Hash | undefined
  private readonly leaves: Buffer | undefined
  private leafCount = 0
  private readonly leaf: Buffer | undefined
  private leafFill = 0

  constructor(
    private readonly plan: VerifyPlan,
    readonly firstPiece: number,
    readonly pieceCount: number,
  ) {
    const {pieceLength} = plan
    this.piece = firstPiece
    this.position = firstPiece * pieceLength
    this.end = Math.min((firstPiece + pieceCount) * pieceLength, plan.layoutLength)
    if (plan.metaVersion !== 'v2') {
      this.sha1 = new Uint8Array(pieceCount * SHA1_SIZE)
      this.pieceHash = createHash('sha1')
    }
    if (plan.metaVersion !== 'v1') {
      this.roots = new Uint8Array(pieceCount * HASH_SIZE)
      // One slot more than the leaves of a piece: foldInPlace pads an odd level in place.
      this.leaves = Buffer.alloc((pieceLength / BLOCK_SIZE + 1) * HASH_SIZE)
      this.leaf = Buffer.alloc(BLOCK_SIZE)
    }
  }

  /** Layout offset of the next byte expected. */
  get offset(): number {
    return this.position
  }

  get done(): boolean {
    return this.position >= this.end
  }

  /** Bytes of a file (`fileData`) or of a pad, at the current offset. */
  feed(bytes: Uint8Array, fileData: boolean): void {
    let data = bytes
    while (data.length > 0) {
      const take = Math.min(data.length, this.pieceEnd() - this.position)
      const part = data.subarray(0, take)
      this.pieceHash?.update(part)
      if (this.leaves !== undefined) {
        // BEP 52: leaves cover file bytes only; the pad after a file's last byte has none.
        if (fileData) this.addLeafBytes(part)
        else this.flushLeaf()
      }
      this.advance(take)
      data = data.subarray(take)
    }
  }

  /** Zeros of a BEP 47 pad, `length` bytes. */
  feedZeros(length: number): void {
    const zeros = Buffer.alloc(Math.min(length, 64 * 1024))
    for (let left = length; left > 0; left -= zeros.length) this.feed(left >= zeros.length ? zeros : zeros.subarray(0, left), false)
  }

  /** Passes over `length` bytes that could not be fetched: the pieces holding them fail. */
  skip(length: number): void {
    if (length <= 0) return
    const {pieceLength} = this.plan
    const last = Math.floor((this.position + length - 1) / pieceLength)
    for (let piece = Math.floor(this.position / pieceLength); piece <= last; piece++) this.failed.add(piece)
    for (let left = length; left > 0; ) {
      const take = Math.min(left, this.pieceEnd() - this.position)
      this.leafFill = 0
      this.advance(take)
      left -= take
    }
  }

  private pieceEnd(): number {
    return Math.min((this.piece + 1) * this.plan.pieceLength, this.end)
  }

  private advance(bytes: number): void {
    this.position += bytes
    if (this.position === this.pieceEnd()) this.finishPiece()
  }

  private addLeafBytes(bytes: Uint8Array): void {
    const leaf = this.leaf!
    for (let at = 0; at < bytes.length; ) {
      const take = Math.min(bytes.length - at, BLOCK_SIZE - this.leafFill)
      leaf.set(bytes.subarray(at, at + take), this.leafFill)
      this.leafFill += take
      at += take
      if (this.leafFill === BLOCK_SIZE) this.flushLeaf()
    }
  }

  /** The leaf being filled, hashed as it is: a file's last leaf may be short (BEP 52). */
  private flushLeaf(): void {
    if (this.leafFill === 0) return
    this.leaves!.set(hash('sha256', this.leaf!.subarray(0, this.leafFill), 'buffer'), this.leafCount++ * HASH_SIZE)
    this.leafFill = 0
  }

  private finishPiece(): void {
    const n = this.piece - this.firstPiece
    const good = !this.failed.has(this.piece)
    if (this.pieceHash !== undefined) {
      const digest = this.pieceHash.digest()
      if (good) this.sha1!.set(digest, n * SHA1_SIZE)
      this.pieceHash = createHash('sha1')
    }
    if (this.leaves !== undefined) {
      this.flushLeaf()
      if (good && this.leafCount > 0) this.roots!.set(foldInPlace(this.leaves, this.leafCount), n * HASH_SIZE)
      this.leafCount = 0
    }
    this.piece++
  }
}
