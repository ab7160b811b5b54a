import type {Piscina} from 'piscina'
import type {HashTask, TaskMessage, TaskResult, WorkerJob} from './hash-task.js'

const TASKS_IN_FLIGHT_PER_THREAD = 3
/** How often the pool is checked for having lost every worker. */
const WATCHDOG_MS = 200
/** The workerData of every hashing worker: the job comes with each task, not at start. */
export const HASH_WORKER_DATA = 'mktorrent-hash-worker'

/**
 * Up to this many bytes, starting workers costs more than it saves: hash on the calling thread.
 * Measured (docs/performance.md): at 64 MiB one thread is faster in wall time for v1 and v2 and
 * always cheaper in CPU (starting two workers costs ~0.1 CPU-s); two threads win from ~128 MiB.
 */
export const INLINE_BYTES = 64 * 1024 * 1024

/**
 * The hashing worker threads (piscina, on the one worker file). They start on the first run, or
 * earlier through `prepare` as soon as the caller knows the run will be large enough, so that they
 * boot (~50 ms and ~55 CPU-ms each) while the main thread is still walking and planning; the job
 * travels with each task, in shared memory.
 */
export class HashWorkers {
  private started: Promise<Piscina> | undefined

  constructor(readonly threads: number) {}

  /** Starts the threads now if a run of `bytes` would use them. */
  prepare(bytes: number): void {
    // A failure to start surfaces from run(); here it must not become an unhandled rejection.
    if (bytes > INLINE_BYTES) this.pool().catch(() => undefined)
  }

  /**
   * Runs the tasks, handing each result to `store` as it arrives. The first error (from a worker or
   * from `store`) stops the run and is rethrown once the tasks in flight have settled.
   */
  async run<T extends HashTask>(job: WorkerJob, tasks: T[], store: (task: T, result: TaskResult<T>) => void, signal: AbortSignal | undefined): Promise<void> {
    const pool = await this.pool()
    const {threads} = this
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
        const message: TaskMessage = {job, task}
        const running: Promise<void> = pool
          .run(message, {signal: taskSignal})
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
    }
  }

  /** Stops the threads, freeing their memory; a later run starts them again. */
  async destroy(): Promise<void> {
    const pool = this.started
    this.started = undefined
    await (await pool)?.destroy()
  }

  /** piscina is imported on first use: runs that hash inline never load it (start-up). */
  private pool(): Promise<Piscina> {
    this.started ??= import('piscina').then(
      ({Piscina}) => new Piscina({...workerFile(), minThreads: this.threads, maxThreads: this.threads, workerData: HASH_WORKER_DATA}),
    )
    return this.started
  }
}

/** Set by the CLI bundle (scripts/bundle-cli.js): the worker file relative to the bundle. */
declare const MKTORRENT_HASH_WORKER: string | undefined

/** The compiled worker, or the TypeScript source through tsx when running from src (tests, bin/dev.js). */
function workerFile(): {filename: string; execArgv?: string[]} {
  const fromSource = import.meta.url.endsWith('.ts')
  const bundled = typeof MKTORRENT_HASH_WORKER === 'string' ? MKTORRENT_HASH_WORKER : undefined
  const filename = new URL(bundled ?? (fromSource ? './hash-worker.ts' : './hash-worker.js'), import.meta.url).href
  return fromSource ? {filename, execArgv: ['--import', 'tsx']} : {filename}
}
