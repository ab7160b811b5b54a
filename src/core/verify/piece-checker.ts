import {fileMerkle} from '../hash/file-merkle.js'
import type {PieceFailure} from '../hash/hash-task.js'
import {BLOCK_SIZE, HASH_SIZE, SHA1_SIZE, log2, sha256, zeroSubtreeRoot} from '../hash/merkle.js'
import type {VerifyPlan} from './verify-plan.js'

/** Per-piece flags. A piece is bad when it has any flag but `checked`. */
export const PieceFlag = {
  checked: 1,
  /** Its SHA-1 differs from the v1 `pieces` entry. */
  v1Bad: 2,
  /** Its merkle subtree differs from the piece layer (or the file's pieces root). */
  v2Bad: 4,
  /** It could not be hashed: it touches a file that is missing, the wrong size or unreadable. */
  unread: 8,
} as const

/**
 * Compares hashed pieces with the torrent, on the main thread as results arrive: memory is one
 * byte per piece, plus the piece roots of any file whose piece layer the torrent lacks, whose
 * pieces can then only be judged together against its pieces root.
 */
export class PieceChecker {
  readonly flags: Uint8Array
  /** Files judged only as a whole (no piece layer) whose root did not match. */
  readonly unlocated = new Set<number>()
  private readonly owner: Int32Array | undefined
  private readonly pieceHeight: number
  private readonly pending = new Map<number, {roots: Uint8Array; left: number}>()

  constructor(private readonly plan: VerifyPlan) {
    this.flags = new Uint8Array(plan.pieceCount)
    this.pieceHeight = log2(plan.pieceLength / BLOCK_SIZE)
    if (plan.metaVersion !== 'v1') {
      // v2 pieces never span files (BEP 52), so each piece has one owner.
      this.owner = new Int32Array(plan.pieceCount).fill(-1)
      plan.files.forEach((file, index) => this.owner!.fill(index, file.firstPiece, file.firstPiece + file.pieceCount))
    }
  }

  markUnread(first: number, count: number): void {
    for (let piece = first; piece < first + count; piece++) this.flags[piece]! |= PieceFlag.checked | PieceFlag.unread
  }

  accept(first: number, count: number, sha1: Uint8Array | undefined, roots: Uint8Array | undefined, failures: PieceFailure[]): void {
    const failed = new Set(failures.map((failure) => failure.piece))
    for (let n = 0; n < count; n++) {
      const piece = first + n
      this.flags[piece]! |= PieceFlag.checked
      if (failed.has(piece)) {
        this.flags[piece]! |= PieceFlag.unread
        continue
      }
      if (sha1 && this.plan.sha1 && !equal(sha1, n * SHA1_SIZE, this.plan.sha1, piece * SHA1_SIZE, SHA1_SIZE)) this.flags[piece]! |= PieceFlag.v1Bad
      if (roots) this.checkV2(piece, roots.subarray(n * HASH_SIZE, (n + 1) * HASH_SIZE))
    }
  }

  private checkV2(piece: number, root: Uint8Array): void {
    const index = this.owner![piece]!
    const file = index === -1 ? undefined : this.plan.files[index]!
    if (file?.v2 === undefined) return
    const n = piece - file.firstPiece
    if (file.pieceCount === 1) {
      if (!equal(root, 0, file.v2.root, 0, HASH_SIZE)) this.flags[piece]! |= PieceFlag.v2Bad
      return
    }
    if (file.v2.layer === undefined) return this.collect(index, n, root)
    const lifted = n === file.pieceCount - 1 ? this.lift(root, file.length - n * this.plan.pieceLength) : root
    if (!equal(lifted, 0, file.v2.layer, n * HASH_SIZE, HASH_SIZE)) this.flags[piece]! |= PieceFlag.v2Bad
  }

  /** A short last piece's root, raised to a full piece's height with all-zero subtrees (BEP 52). */
  private lift(root: Uint8Array, bytes: number): Uint8Array {
    let node = root
    for (let height = Math.ceil(Math.log2(Math.ceil(bytes / BLOCK_SIZE))); height < this.pieceHeight; height++) {
      node = sha256(Buffer.concat([node, zeroSubtreeRoot(height)]))
    }
    return node
  }

  /**
   * Without a piece layer only the whole file can be judged: once all its pieces are in, its root
   * is compared with the pieces root. When it fails, the pieces SHA-1 also failed carry the blame
   * in a hybrid; otherwise every piece of the file does.
   */
  private collect(index: number, n: number, root: Uint8Array): void {
    const file = this.plan.files[index]!
    let entry = this.pending.get(index)
    if (entry === undefined) {
      entry = {roots: new Uint8Array(file.pieceCount * HASH_SIZE), left: file.pieceCount}
      this.pending.set(index, entry)
    }
    entry.roots.set(root, n * HASH_SIZE)
    if (--entry.left > 0) return
    this.pending.delete(index)
    const {root: computed} = fileMerkle(file.length, this.plan.pieceLength, entry.roots)
    if (equal(computed, 0, file.v2!.root, 0, HASH_SIZE)) return
    const pieces = Array.from({length: file.pieceCount}, (_, i) => file.firstPiece + i)
    const v1Failed = pieces.filter((piece) => (this.flags[piece]! & PieceFlag.v1Bad) !== 0)
    for (const piece of v1Failed.length > 0 ? v1Failed : pieces) this.flags[piece]! |= PieceFlag.v2Bad
    if (v1Failed.length === 0) this.unlocated.add(index)
  }
}

export function isBad(flags: number): boolean {
  return (flags & ~PieceFlag.checked) !== 0
}

/** A piece that one hash of a hybrid accepts and the other rejects: the torrent contradicts itself. */
export function isInconsistent(flags: number): boolean {
  if ((flags & PieceFlag.unread) !== 0) return false
  return ((flags & PieceFlag.v1Bad) === 0) !== ((flags & PieceFlag.v2Bad) === 0)
}

function equal(a: Uint8Array, aStart: number, b: Uint8Array, bStart: number, length: number): boolean {
  return Buffer.compare(a.subarray(aStart, aStart + length), b.subarray(bStart, bStart + length)) === 0
}
