import {resolve, sep} from 'node:path'
import {type CreateOptions, type CreatedTorrent, type TorrentPlan, hashPlannedTorrent, planTorrent} from '../use-cases/create-torrent.js'
import {type OutputTarget, prepareOutput} from '../create/output-target.js'
import {UsageError} from '../errors.js'
import {hashWorkers} from '../hash/hash-pool.js'
import {writeFileAtomic} from '../io/write-file-atomic.js'

/** One job of a batch, resolved by the caller; `error` when resolving it failed (a bad preset). */
export interface BatchEntry {
  /** The content path as the user gave it, for the reports. */
  label: string
  options?: CreateOptions
  output?: OutputTarget
  error?: unknown
}

export type BatchOutcome =
  | {index: number; label: string; ok: true; created: CreatedTorrent; output: string; seconds: number}
  | {index: number; label: string; ok: true; planned: TorrentPlan; output: string}
  | {index: number; label: string; ok: false; error: unknown}

export interface BatchProgress {
  /** 0-based index of the job being hashed, and how many are to be hashed. */
  job: number
  jobs: number
  label: string
  bytesDone: number
  bytesTotal: number
}

export interface BatchRunOptions {
  /** Replace existing outputs (each one still checked before any hashing). */
  force: boolean
  /** Stop at the first failed job; the jobs after it are not run. */
  failFast: boolean
  /** Plan every job and report the plans; nothing is hashed or written. */
  dryRun: boolean
  threads?: number
  signal?: AbortSignal
  /** A job is done: written, planned (dry run) or failed. Failures before hashing come first. */
  onOutcome: (outcome: BatchOutcome) => void
  /** A job was planned (its lints and skipped entries can be shown before hashing starts). */
  onPlanned?: (index: number, plan: TorrentPlan) => void
  onProgress?: (progress: BatchProgress) => void
}

export interface BatchSummary {
  succeeded: number
  /** Failed jobs in the order they failed; the first one's exit code is the run's. */
  failures: Array<{index: number; error: unknown}>
  /** Jobs never run because of failFast. */
  notRun: number
}

/**
 * The batch's outputs that sit inside a job's content, which its walk must leave out (as a single
 * create leaves out its own output). Matched by path, not by realpath: resolving every output for
 * every job made a batch of n jobs cost n² realpath calls.
 */
function outputsInside(content: string, outputs: readonly string[]): string[] {
  const folder = resolve(content) + sep
  return outputs.filter((output) => output.startsWith(folder))
}

interface Planned {
  index: number
  entry: BatchEntry & {options: CreateOptions; output: OutputTarget}
  plan: TorrentPlan
}

/**
 * Makes many torrents in one process with one pool of hashing workers (docs/config.md, "Batch").
 * Every job is first resolved, its output checked and its content planned, so the problems that
 * need no hashing (exit 2, 4 or 5) of every job are reported before any hashing starts; then the
 * planned jobs are hashed one after the other and written atomically, never leaving a partial file.
 */
export async function runBatch(entries: readonly BatchEntry[], options: BatchRunOptions): Promise<BatchSummary> {
  const summary: BatchSummary = {succeeded: 0, failures: [], notRun: 0}
  const fail = (index: number, error: unknown): boolean => {
    summary.failures.push({index, error})
    options.onOutcome({index, label: entries[index]!.label, ok: false, error})
    summary.notRun = options.failFast ? entries.length - summary.succeeded - summary.failures.length : 0
    return options.failFast
  }
  const outputs = entries.flatMap((entry) => (entry.output === undefined || entry.output.path === '-' ? [] : [entry.output.path]))
  const firstWriter = new Map<string, number>()
  const workers = options.dryRun ? undefined : hashWorkers(options.threads)
  try {
    const planned: Planned[] = []
    for (const [index, entry] of entries.entries()) {
      options.signal?.throwIfAborted()
      try {
        if (entry.error !== undefined) throw entry.error
        const {options: create, output} = entry
        if (create === undefined || output === undefined) throw new Error('a batch job without options or output')
        const earlier = firstWriter.get(output.path)
        if (earlier !== undefined) throw new UsageError('duplicate-output', `${output.path} is also the output of job ${earlier + 1} (${entries[earlier]!.label}); give each job its own output or name`)
        firstWriter.set(output.path, index)
        if (!options.dryRun) await prepareOutput(output, {force: options.force})
        const plan = await planTorrent({...create, workers, walk: {...create.walk, skipPaths: [...(create.walk?.skipPaths ?? []), ...outputsInside(create.path, outputs)]}})
        options.onPlanned?.(index, plan)
        planned.push({index, entry: {...entry, options: create, output}, plan})
      } catch (error) {
        if (fail(index, error)) return summary
      }
    }
    if (options.dryRun) {
      for (const {index, entry, plan} of planned) options.onOutcome({index, label: entry.label, ok: true, planned: plan, output: entry.output.path})
      summary.succeeded = planned.length
      return summary
    }
    const bytesTotal = planned.reduce((sum, {plan}) => sum + plan.layout.layoutLength, 0)
    let bytesBefore = 0
    for (const [job, {index, entry, plan}] of planned.entries()) {
      options.signal?.throwIfAborted()
      const progress = (bytesDone: number): void => options.onProgress?.({job, jobs: planned.length, label: entry.label, bytesDone: bytesBefore + bytesDone, bytesTotal})
      progress(0)
      try {
        const started = performance.now()
        const created = await hashPlannedTorrent(plan, {
          ...entry.options,
          workers,
          keepWorkers: true,
          signal: options.signal,
          onProgress: (event) => event.phase === 'hashing' && progress(event.bytesDone),
        })
        await writeFileAtomic(entry.output.path, created.bytes, {force: options.force})
        summary.succeeded++
        options.onOutcome({index, label: entry.label, ok: true, created, output: entry.output.path, seconds: (performance.now() - started) / 1000})
      } catch (error) {
        if (options.signal?.aborted) throw error
        if (fail(index, error)) return summary
      }
      bytesBefore += plan.layout.layoutLength
    }
    return summary
  } finally {
    await workers?.destroy()
  }
}
