import {availableParallelism} from 'node:os'
import {IoError} from '../errors.js'
import type {HashPiecesTask, HashResult, HashTask, TaskResult, WorkerJob} from './hash-task.js'
import {HashWorkers, INLINE_BYTES} from './hash-workers.js'
import {packFiles} from './job-files.js'
import {HASH_SIZE, SHA1_SIZE} from './merkle.js'
import {runTask} from './run-task.js'

/** Bytes of layout per task: big enough to amortise messaging, small enough to balance. */
export const TASK_BYTES = 16 * 1024 * 1024

export interface HashRunOptions {
  /** Worker threads; 1 hashes on the calling thread. Default: available parallelism. */
  threads?: number
  /** Called with the layout bytes hashed so far, and the pieces just hashed. */
  onProgress?: (bytesDone: number, done: {firstPiece: number; pieceCount: number}) => void
  signal?: AbortSignal
  /** The caller's workers (hashWorkers). */
  workers?: HashWorkers
}

export interface PieceHashes {
  /** Concatenated 20-byte SHA-1 piece hashes (when the job asked for them). */
  sha1: Uint8Array | undefined
  /** Concatenated 32-byte per-piece merkle roots (when the job asked for them). */
  roots: Uint8Array | undefined
}

export function defaultThreads(): number {
  return availableParallelism()
}

/** The hashing threads a run uses: its workers' (the calling thread included), else `threads`, else every core. */
export function runThreads(options: {threads?: number; workers?: HashWorkers}): number {
  return options.workers?.threads ?? options.threads ?? defaultThreads()
}

/** Hashes every piece of a job, in a piscina pool or inline for small jobs. */
export async function hashAllPieces(job: WorkerJob, options: HashRunOptions = {}): Promise<PieceHashes> {
  const pieceCount = Math.ceil(job.layoutLength / job.pieceLength)
  const tasks = pieceTasks('hash-pieces', [[0, pieceCount]], job.pieceLength, runThreads(options))
  const output: PieceHashes = {
    sha1: job.sha1 ? new Uint8Array(pieceCount * SHA1_SIZE) : undefined,
    roots: job.sha256 ? new Uint8Array(pieceCount * HASH_SIZE) : undefined,
  }
  let bytesDone = 0
  const store = (task: HashPiecesTask, result: HashResult): void => {
    if (!result.ok) throw new IoError(result.code, result.message, result.path)
    output.sha1?.set(result.sha1!, task.firstPiece * SHA1_SIZE)
    output.roots?.set(result.roots!, task.firstPiece * HASH_SIZE)
    bytesDone = Math.min(job.layoutLength, bytesDone + task.pieceCount * job.pieceLength)
    options.onProgress?.(bytesDone, task)
  }

  await runHashTasks(job, tasks, store, {...options, bytes: job.layoutLength})
  return output
}

/**
 * Tasks over runs of pieces (`[first, end)`, in order), TASK_BYTES each, except that the last
 * stretch, one full task per thread, is cut in quarters: otherwise one worker can be left hashing a
 * whole task while the others idle, up to ~30 ms warm (500 small files) and ~100 ms on a cold disk.
 */
export function pieceTasks<K extends HashTask['kind']>(kind: K, runs: ReadonlyArray<readonly [number, number]>, pieceLength: number, threads: number): Array<Extract<HashTask, {kind: K}>> {
  const piecesPerTask = Math.max(1, Math.floor(TASK_BYTES / pieceLength))
  const total = runs.reduce((sum, [first, end]) => sum + end - first, 0)
  const tailStart = Math.max(0, total - threads * piecesPerTask)
  const tasks: HashTask[] = []
  let done = 0
  for (const [runFirst, runEnd] of runs) {
    for (let first = runFirst; first < runEnd; ) {
      const size = done < tailStart ? Math.min(piecesPerTask, tailStart - done) : Math.max(1, Math.floor(piecesPerTask / 4))
      const count = Math.min(size, runEnd - first)
      tasks.push({kind, firstPiece: first, pieceCount: count})
      first += count
      done += count
    }
  }
  return tasks as Array<Extract<HashTask, {kind: K}>>
}

export interface TaskRunOptions {
  threads?: number
  signal?: AbortSignal
  /** Layout bytes the tasks cover: small runs are hashed on the calling thread. */
  bytes: number
  /** The caller's workers (hashWorkers); otherwise a run that needs them starts its own. */
  workers?: HashWorkers
}

/**
 * Hashing workers for a run of up to `threads` threads (the calling thread and `threads - 1`
 * workers) that the caller can start early (HashWorkers.prepare) and must destroy; undefined for
 * one thread, which hashes inline.
 */
export function hashWorkers(threads = defaultThreads()): HashWorkers | undefined {
  return threads > 1 ? new HashWorkers(threads) : undefined
}

/**
 * Runs tasks of any kind on the hashing workers, or inline for small runs, and hands each result
 * to `onResult` as it arrives. The first error (from a worker or from `onResult`) stops the run
 * and is rethrown once the tasks in flight have settled.
 */
export async function runHashTasks<T extends HashTask>(
  job: WorkerJob,
  tasks: T[],
  onResult: (task: T, result: TaskResult<T>) => void,
  options: TaskRunOptions,
): Promise<void> {
  if (tasks.length === 0) return
  const threads = Math.max(1, options.threads ?? defaultThreads())
  if (threads === 1 || options.bytes <= INLINE_BYTES) {
    for (const task of tasks) {
      options.signal?.throwIfAborted()
      onResult(task, runTask(job, task))
      // Yield so progress timers and signal handlers run between tasks.
      await new Promise((resolve) => setImmediate(resolve))
    }
    return
  }
  const shared = shareJob(job)
  if (options.workers !== undefined) return options.workers.run(shared, tasks, onResult, options.signal)
  const workers = new HashWorkers(Math.min(threads, tasks.length))
  try {
    await workers.run(shared, tasks, onResult, options.signal)
  } finally {
    await workers.destroy()
  }
}

/** The job in shared memory, so every task can carry it without copying it; what is there already stays. */
function shareJob(job: WorkerJob): WorkerJob {
  const shared = <A extends Float64Array | Int32Array>(array: A): A => {
    if (array.buffer instanceof SharedArrayBuffer) return array
    const copy = new (array.constructor as new (buffer: SharedArrayBuffer) => A)(new SharedArrayBuffer(array.byteLength))
    copy.set(array)
    return copy
  }
  return {
    ...job,
    files: Array.isArray(job.files) ? packFiles(job.files) : job.files,
    segmentFile: shared(job.segmentFile),
    segmentStart: shared(job.segmentStart),
    segmentLength: shared(job.segmentLength),
  }
}
