import {type BatchEntry, type BatchOutcome, type BatchSummary, runBatch} from '../../core/batch/run-batch.js'
import type {BatchJob} from '../../core/config/batch-file.js'
import {type JobContext, resolveJob} from '../../core/config/resolve-job.js'
import type {ResolvedPresets} from '../../core/config/load-config.js'
import {planSummary} from '../../core/create/plan-summary.js'
import {type ErrorSummary, summarise} from '../report-error.js'
import type {Interrupts} from '../interrupts.js'
import type {Output} from '../output.js'
import {renderCreateSummary, renderLintWarnings, renderSkipped} from '../render/create-summary.js'
import {BatchProgressLine} from './batch-progress.js'

export interface BatchIo {
  out: Output
  interrupts: Interrupts
  json: boolean
  quiet: boolean
  columns: () => number | undefined
  addSecrets: (values: readonly string[]) => void
}

export interface BatchRun {
  force: boolean
  failFast: boolean
  dryRun: boolean
  threads: number | undefined
}

/**
 * `create --batch FILE` and `create a b c` (docs/config.md, "Batch"): resolves every job, runs
 * them in one batch and reports one line per job, JSON lines with --json. Returns the exit code:
 * 0 when every job succeeded, else that of the first job (in the batch's order) that failed.
 */
export async function createBatch(io: BatchIo, jobs: readonly BatchJob[], context: JobContext, run: BatchRun): Promise<number> {
  const cache = new Map<string, Promise<ResolvedPresets>>()
  const entries: BatchEntry[] = []
  for (const job of jobs) {
    try {
      const {options, output, secrets} = await resolveJob(job, context, cache)
      io.addSecrets(secrets)
      entries.push({label: job.path, options: {...options, threads: run.threads}, output})
    } catch (error) {
      entries.push({label: job.path, error})
    }
  }
  const people = !io.quiet && !io.json
  const progress = new BatchProgressLine({write: io.out.stderr, columns: io.columns}, people && io.out.stderrIsTTY)
  const errors = new Map<number, ErrorSummary>()
  const report = (outcome: BatchOutcome): void => {
    const path = outcome.label
    if (!outcome.ok) {
      const error = summarise(outcome.error as Error, 'create')
      errors.set(outcome.index, error)
      if (io.json) io.out.stdout(`${JSON.stringify({path, error})}\n`)
      progress.line(`mktorrent: error: ${path}: ${error.message}\n`)
      return
    }
    if ('planned' in outcome) {
      if (io.json) io.out.stdout(`${JSON.stringify({path, ...planSummary(outcome.planned), output: outcome.output})}\n`)
      else progress.line(`planned ${outcome.output}: ${outcome.planned.metaVersion}, ${outcome.planned.walk.files.length} files, ${outcome.planned.walk.totalLength} bytes, ${outcome.planned.layout.pieceCount} pieces of ${outcome.planned.pieceLength}\n`)
      return
    }
    if (io.json) io.out.stdout(`${JSON.stringify({path, ...outcome.created.report, output: outcome.output})}\n`)
    else if (people) progress.line(renderCreateSummary(outcome.created.report, outcome.created.plan, {output: outcome.output, seconds: outcome.seconds, tty: false}))
  }
  let summary: BatchSummary
  try {
    summary = await io.interrupts.abortable(
      (signal) =>
        runBatch(entries, {
          ...run,
          signal,
          onOutcome: report,
          onPlanned: (index, plan) => {
            if (!people) return
            const notes = renderSkipped(plan.walk.skipped) + renderLintWarnings(plan.lints)
            const label = entries[index]!.label
            for (const line of notes.split('\n').filter((text) => text !== '')) progress.line(`${line.replace(/^(mktorrent: \w+: )?/, `$1${label}: `)}\n`)
          },
          onProgress: (state) => progress.update(state),
        }),
      'interrupted; the torrents reported as created are complete, and no other was written',
    )
  } finally {
    progress.finish()
  }
  if (people && jobs.length > 1) {
    const notRun = summary.notRun > 0 ? `, ${summary.notRun} not run (--fail-fast)` : ''
    const verb = run.dryRun ? 'planned' : 'created'
    io.out.stderr(`batch: ${summary.succeeded} of ${jobs.length} ${verb}, ${summary.failures.length} failed${notRun}\n`)
  }
  const first = Math.min(...summary.failures.map((failure) => failure.index))
  return Number.isFinite(first) ? errors.get(first)!.exitCode : 0
}
