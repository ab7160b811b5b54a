import {Worker} from 'node:worker_threads'
import type {Finding, Outcome} from './inspect-outcome.js'
import type {VerifyOutcome} from './verify-outcome.js'

/** Bytes to inspect, or a file to read first as `info` does. */
export interface SandboxInput {
  bytes?: Uint8Array
  path?: string
  /** Misbehaves on purpose, so tests can show the sandbox catches each kind of failure. */
  probe?: 'hang' | 'out-of-memory' | 'exit'
}

export interface SandboxResult {
  outcome: Outcome | Finding
  /** What `verify --save-path` made of the torrent, when the sandbox verifies (its findings are in `outcome`). */
  verify?: VerifyOutcome
  /** Time the input took in the worker (for the slowest-input report, never asserted). */
  ms: number
}

export interface SandboxOptions {
  /** Longest time one input may take before it counts as a hang: a guard, not a benchmark. */
  timeoutMs: number
  /** V8 heap limit of the worker; going past it counts as out of memory. */
  heapMb: number
  /** Inputs sent to the worker in one message. */
  batchSize?: number
  /** Also verify each torrent `info` could read, with the content in this folder (a real path, no links out). */
  verifySavePath?: string
}

const WATCH_EVERY_MS = 25

/**
 * Runs inspectOutcome (and verifyOutcome) over inputs in a worker thread with a heap limit. The worker answers each
 * input as it finishes; a watchdog turns silence longer than `timeoutMs` into a hang. A hang or a
 * dead worker (out of memory, a crash) is recorded against the input the worker was on, read from
 * shared memory, and a fresh worker goes on with the inputs after it.
 */
export class Sandbox {
  private worker: Worker | undefined
  private readonly current = new SharedArrayBuffer(4)

  constructor(private readonly options: SandboxOptions) {}

  async run(inputs: SandboxInput[]): Promise<SandboxResult[]> {
    const results: SandboxResult[] = []
    const batchSize = this.options.batchSize ?? 200
    while (results.length < inputs.length) {
      results.push(...(await this.runBatch(inputs.slice(results.length, results.length + batchSize))))
    }
    return results
  }

  async close(): Promise<void> {
    const worker = this.worker
    this.worker = undefined
    await worker?.terminate()
  }

  /** Results for the batch, or for a prefix of it when the worker failed (ending with the finding). */
  private async runBatch(batch: SandboxInput[]): Promise<SandboxResult[]> {
    const worker = await this.start()
    const current = new Int32Array(this.current)
    Atomics.store(current, 0, 0)
    const results: SandboxResult[] = []
    return new Promise((resolve) => {
      let lastAnswer = performance.now()
      // Only our own listeners: Worker keeps internal ones (removeAllListeners would stop its messages).
      const detach = (): void => {
        clearInterval(watchdog)
        worker.off('message', onMessage).off('error', onError).off('exit', onExit)
      }
      const stop = (kind: Finding['kind'], message: string): void => {
        detach()
        this.worker = undefined
        void worker.terminate()
        // Answers still in flight are simply recomputed by the next batch.
        if (Atomics.load(current, 0) === results.length) results.push({outcome: {kind, message}, ms: performance.now() - lastAnswer})
        resolve(results)
      }
      const onMessage = (result: SandboxResult): void => {
        results.push(result)
        lastAnswer = performance.now()
        if (results.length < batch.length) return
        detach()
        resolve(results)
      }
      const onError = (error: Error & {code?: string}): void => {
        stop(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'out-of-memory' : 'crash', `${error.code ?? 'Error'}: ${error.message}`)
      }
      const onExit = (code: number): void => stop('crash', `the worker exited with code ${code}`)
      const watchdog = setInterval(() => {
        if (performance.now() - lastAnswer > this.options.timeoutMs) stop('hang', `no answer within ${this.options.timeoutMs} ms`)
      }, WATCH_EVERY_MS)
      worker.on('message', onMessage).on('error', onError).on('exit', onExit)
      worker.postMessage(batch)
    })
  }

  private async start(): Promise<Worker> {
    if (this.worker !== undefined) return this.worker
    const worker = new Worker(new URL('./ts-worker.mjs', import.meta.url), {
      workerData: {entry: new URL('./sandbox-worker.ts', import.meta.url).href, current: this.current, verifySavePath: this.options.verifySavePath},
      resourceLimits: {maxOldGenerationSizeMb: this.options.heapMb, maxYoungGenerationSizeMb: 16},
    })
    await new Promise<void>((resolve, reject) => {
      const ready = (): void => {
        worker.off('error', reject)
        resolve()
      }
      worker.once('message', ready).once('error', reject)
    })
    this.worker = worker
    return worker
  }
}
