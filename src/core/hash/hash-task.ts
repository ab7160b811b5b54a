/**
 * The messages between the hashing pool and its one worker file (ARCHITECTURE.md principle 8).
 * Workers get the job once, then piece ranges; they read the bytes themselves and return digests
 * only, so no file data crosses threads.
 */

/** What every worker of one run knows: the files, and how pieces map onto them. */
export interface HashJob {
  pieceLength: number
  /** Length of the piece address space (files and pads). */
  layoutLength: number
  /** SHA-1 of every piece (v1, hybrid). */
  sha1: boolean
  /** Per piece, the merkle root over its 16 KiB leaves, padded to a power of two (v2, hybrid). */
  sha256: boolean
  files: Array<{diskPath: string; length: number; mtimeMs: number; ino: number}>
  /** The layout as parallel arrays: segment i is file `segmentFile[i]` (or -1 for a pad). */
  segmentFile: Int32Array
  segmentStart: Float64Array
  segmentLength: Float64Array
}

export interface HashTask {
  kind: 'hash-pieces'
  firstPiece: number
  pieceCount: number
}

export type HashResult =
  | {ok: true; sha1: Uint8Array | undefined; roots: Uint8Array | undefined}
  | {ok: false; code: 'content-changed' | 'read-failed'; path: string; message: string}
