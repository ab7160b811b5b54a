import {availableParallelism} from 'node:os'
import {Piscina} from 'piscina'
import {IoError} from '../errors.js'
import type {HashJob, HashPiecesTask, HashResult, HashTask, TaskResult} from './hash-task.js'
import {HASH_SIZE} from './merkle.js'
import {runTask} from './run-task.js'

/** Bytes of layout per task: big enough to amortise messaging, small enough to balance. */
export const TASK_BYTES = 16 * 1024 * 1024
/** Below this, starting workers costs more than it saves: hash on the calling thread. */
const INLINE_BYTES = 8 * 1024 * 1024
const TASKS_IN_FLIGHT_PER_THREAD = 3
/** How often the pool is checked for having lost every worker. */
const WATCHDOG_MS = 200
const SHA1_SIZE = 20

export interface HashRunOptions {
  /** Worker threads; 1 hashes on the calling thread. Default: available parallelism. */
  threads?: number
  /** Called with the layout bytes hashed so far. */
  onProgress?: (bytesDone: number) => void
  signal?: AbortSignal
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

/** Hashes every piece of a job, in a piscina pool or inline for small jobs. */
export async function hashAllPieces(job: HashJob, options: HashRunOptions = {}): Promise<PieceHashes> {
  const pieceCount = Math.ceil(job.layoutLength / job.pieceLength)
  const piecesPerTask = Math.max(1, Math.floor(TASK_BYTES / job.pieceLength))
  const tasks: HashPiecesTask[] = []
  for (let first = 0; first < pieceCount; first += piecesPerTask) {
    tasks.push({kind: 'hash-pieces', firstPiece: first, pieceCount: Math.min(piecesPerTask, pieceCount - first)})
  }
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
    options.onProgress?.(bytesDone)
  }

  await runHashTasks(job, tasks, store, {...options, bytes: job.layoutLength})
  return output
}

export interface TaskRunOptions {
  threads?: number
  signal?: AbortSignal
  /** Layout bytes the tasks cover: small runs are hashed on the calling thread. */
  bytes: number
}

/**
 * Runs tasks of any kind in a piscina pool on the one worker file, or inline for small runs, and
 * hands each result to `onResult` as it arrives. The first error (from a worker or from `onResult`)
 * stops the run and is rethrown once the tasks in flight have settled.
 */
export async function runHashTasks<T extends HashTask>(
  job: HashJob,
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
  await runInPool(job, tasks, Math.min(threads, tasks.length), onResult, options.signal)
}

async function runInPool<T extends HashTask>(
  job: HashJob,
  tasks: T[],
  threads: number,
  store: (task: T, result: TaskResult<T>) => void,
  signal: AbortSignal | undefined,
): Promise<void> {
  const pool = new Piscina({...workerFile(), minThreads: threads, maxThreads: threads, workerData: job, idleTimeout: 1000})
  const inFlight = new Set<Promise<void>>()
  let failure: unknown
  // piscina stops replacing workers that die while starting, and then leaves queued tasks pending
  // forever; with no worker left, fail the queued tasks instead of waiting on them.
  const stranded = new AbortController()
  const watchdog = setInterval(() => {
    if (pool.threads.length > 0) return
    failure ??= new Error('the hashing worker threads exited while starting')
    stranded.abort()
  }, WATCHDOG_MS)
  const taskSignal = signal === undefined ? stranded.signal : AbortSignal.any([signal, stranded.signal])
  try {
    for (const task of tasks) {
      if (failure !== undefined) break
      signal?.throwIfAborted()
      const running: Promise<void> = pool
        .run(task, {signal: taskSignal})
        .then((result: TaskResult<T>) => store(task, result))
        .catch((error: unknown) => {
          failure ??= error
        })
        .finally(() => inFlight.delete(running))
      inFlight.add(running)
      if (inFlight.size >= threads * TASKS_IN_FLIGHT_PER_THREAD) await Promise.race(inFlight)
    }
    await Promise.all(inFlight)
    if (failure !== undefined) throw failure
    signal?.throwIfAborted()
  } finally {
    clearInterval(watchdog)
    await pool.destroy()
  }
}

/** The compiled worker, or the TypeScript source through tsx when running from src (tests, bin/dev.js). */
function workerFile(): {filename: string; execArgv?: string[]} {
  const fromSource = import.meta.url.endsWith('.ts')
  const filename = new URL(fromSource ? './hash-worker.ts' : './hash-worker.js', import.meta.url).href
  return fromSource ? {filename, execArgv: ['--import', 'tsx']} : {filename}
}
