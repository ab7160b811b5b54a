/**
 * The messages between the hashing pool and its one worker file (ARCHITECTURE.md principle 8).
 * Each task carries the job in shared memory (WorkerJob) and a range of pieces; workers read the
 * bytes themselves and return digests only, so no file data crosses threads.
 */
import type {JobFile, PackedFiles} from './job-files.js'

/** What every worker of one run knows: the files, and how pieces map onto them. */
export interface HashJob {
  pieceLength: number
  /** Length of the piece address space (files and pads). */
  layoutLength: number
  /** SHA-1 of every piece (v1, hybrid). */
  sha1: boolean
  /** Per piece, the merkle root over its 16 KiB leaves, padded to a power of two (v2, hybrid). */
  sha256: boolean
  files: JobFile[]
  /** The layout as parallel arrays: segment i is file `segmentFile[i]` (or -1 for a pad). */
  segmentFile: Int32Array
  segmentStart: Float64Array
  segmentLength: Float64Array
}

/**
 * A job as the tasks take it: in the pool its files and layout arrays are in shared memory. Create
 * hands its files packed already (ContentFiles.packed); the pool packs a list of objects itself.
 */
export type WorkerJob = Omit<HashJob, 'files'> & {files: JobFile[] | PackedFiles}

/** What the pool sends a worker for each task. */
export interface TaskMessage {
  job: WorkerJob
  task: HashTask
}

/** `create`: hash a range of pieces; any read problem fails the whole task. */
export interface HashPiecesTask {
  kind: 'hash-pieces'
  firstPiece: number
  pieceCount: number
}

/**
 * `verify`: hash a range of pieces whose files were checked beforehand; a read problem fails only
 * the pieces it touches, and the rest of the range is still hashed.
 */
export interface VerifyPiecesTask {
  kind: 'verify-pieces'
  firstPiece: number
  pieceCount: number
}

export type HashTask = HashPiecesTask | VerifyPiecesTask

export type HashResult =
  | {ok: true; sha1: Uint8Array | undefined; roots: Uint8Array | undefined}
  | {ok: false; code: 'content-changed' | 'read-failed'; path: string; message: string}

/** A piece of a verify task that could not be read: its digests are left as zeros. */
export interface PieceFailure {
  piece: number
  code: 'content-changed' | 'read-failed'
  /** The file that failed, as its `diskPath` in the job. */
  path: string
  message: string
}

export interface VerifyPiecesResult {
  sha1: Uint8Array | undefined
  roots: Uint8Array | undefined
  failures: PieceFailure[]
}

/** The result type of each task kind. */
export type TaskResult<T extends HashTask> = T extends VerifyPiecesTask ? VerifyPiecesResult : HashResult
