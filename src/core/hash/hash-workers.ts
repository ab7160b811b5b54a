import type {Piscina} from 'piscina'
import type {HashTask, TaskMessage, TaskResult, WorkerJob} from './hash-task.js'
import {runTask} from './run-task.js'

/**
 * Tasks handed to each worker at once (piscina's concurrentTasksPerWorker): one running and two
 * queued in the worker's own port. The calling thread takes the workers' results only between its
 * own tasks, which take as long as theirs; with one queued task a worker often finished it first
 * and waited (~20 % of its time on v2, docs/performance.md). The last stretch of tasks is cut
 * smaller (pieceTasks), so that no worker holds a long backlog at the end.
 */
const TASKS_PER_WORKER = 3
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
 * The hashing threads of a run: the calling thread and `threads - 1` worker threads (piscina, on
 * the one worker file). The calling thread would otherwise idle while the workers hash; hashing
 * there too saves booting one worker (~50 ms and ~70 CPU-ms, more than messages and a blocked event
 * loop cost) and starts hashing before any worker is up. The workers start on the first run, or
 * earlier through `prepare` as soon as the caller knows the run will be large enough, so that they
 * boot while the main thread is still walking and planning; the job travels with each task, in
 * shared memory.
 */
export class HashWorkers {
  private started: Promise<Piscina> | undefined

  /** `threads`: hashing threads in all, the calling one included (at least 2). */
  constructor(readonly threads: number) {}

  private get workerThreads(): number {
    return Math.max(1, this.threads - 1)
  }

  /**
   * Starts the threads now if a run of `bytes` would use them. It resolves once they are spawned
   * (piscina loaded, the threads booting), never with an error: a failure to start surfaces from
   * run(). A caller about to keep this thread busy awaits it first, since loading piscina waits
   * for this thread to be free: verify's first call went unanswered until the torrent was decoded
   * and validated, and the workers booted 100-160 ms late on 10,000 files (docs/performance.md).
   */
  prepare(bytes: number): Promise<void> {
    if (bytes <= INLINE_BYTES) return Promise.resolve()
    return this.pool().then(
      () => undefined,
      () => undefined,
    )
  }

  /**
   * Runs the tasks, in order, on the workers and on the calling thread, handing each result to
   * `store` as it arrives. The first error (from a worker, the calling thread or `store`) stops the
   * run and is rethrown once the tasks in flight have settled.
   */
  async run<T extends HashTask>(job: WorkerJob, tasks: T[], store: (task: T, result: TaskResult<T>) => void, signal: AbortSignal | undefined): Promise<void> {
    const dispatch = await this.dispatch(job, tasks, store, signal)
    try {
      dispatch.feed()
      while (dispatch.failure === undefined && dispatch.next < tasks.length) {
        signal?.throwIfAborted()
        const task = tasks[dispatch.next++]!
        try {
          store(task, runTask(job, task))
        } catch (error) {
          dispatch.failure ??= error
        }
        // Lets the workers' results in (and progress timers, signal handlers), then tops them up.
        await new Promise((resolve) => setImmediate(resolve))
        dispatch.feed()
      }
      await dispatch.settled()
      signal?.throwIfAborted()
    } finally {
      dispatch.close()
    }
  }

  /**
   * Hands tasks to the workers, from `next` on, while fewer than TASKS_PER_WORKER per worker are
   * in flight. A run counts only its own tasks: callers run one at a time, and a run waits for
   * the tasks it handed out unless it is aborted, when they end with the abort.
   */
  private async dispatch<T extends HashTask>(job: WorkerJob, tasks: T[], store: (task: T, result: TaskResult<T>) => void, signal: AbortSignal | undefined) {
    signal?.throwIfAborted()
    const pool = await this.pool()
    const capacity = this.workerThreads * TASKS_PER_WORKER
    const inFlight = new Set<Promise<void>>()
    // Tasks go to piscina without an AbortSignal: piscina gives a worker one abortable task at a
    // time, which left each worker idle while the calling thread hashed before taking its result
    // (40-50 % of its time on v2, docs/performance.md). A task is instead raced against `stopped`,
    // which rejects on the caller's abort, or when piscina, having lost every worker while they
    // started, stops replacing them and would leave queued tasks pending forever. Tasks still
    // running then end with the pool (destroy).
    let stop!: (reason: unknown) => void
    const stopped = new Promise<never>((_resolve, reject) => {
      stop = reject
    })
    stopped.catch(() => undefined)
    const onAbort = (): void => stop(signal!.reason)
    signal?.addEventListener('abort', onAbort, {once: true})
    const watchdog = setInterval(() => {
      if (pool.threads.length === 0) stop(new Error('the hashing worker threads exited while starting'))
    }, WATCHDOG_MS)
    const dispatch = {
      next: 0,
      failure: undefined as unknown,
      feed: (): void => {
        while (dispatch.failure === undefined && dispatch.next < tasks.length && inFlight.size < capacity) {
          const task = tasks[dispatch.next++]!
          const message: TaskMessage = {job, task}
          const running: Promise<void> = Promise.race([pool.run(message) as Promise<TaskResult<T>>, stopped])
            .then((result) => store(task, result))
            .catch((error: unknown) => {
              dispatch.failure ??= error
            })
            .finally(() => {
              inFlight.delete(running)
            })
          inFlight.add(running)
        }
      },
      /** Resolves once the tasks in flight are stored; rejects with the first error. */
      settled: async (): Promise<void> => {
        await Promise.all(inFlight)
        if (dispatch.failure !== undefined) throw dispatch.failure
      },
      close: (): void => {
        clearInterval(watchdog)
        signal?.removeEventListener('abort', onAbort)
      },
    }
    return dispatch
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
      ({Piscina}) => new Piscina({
          ...workerFile(),
          minThreads: this.workerThreads,
          maxThreads: this.workerThreads,
          concurrentTasksPerWorker: TASKS_PER_WORKER,
          workerData: HASH_WORKER_DATA,
        }),
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
