import {nowMs} from '../clock.js'
import {UsageError} from '../../core/errors.js'
import {resolveJob} from '../../core/config/resolve-job.js'
import {type CreateOptions, type CreatedTorrent, type TorrentPlan, hashPlannedTorrent, planTorrent} from '../../core/use-cases/create-torrent.js'
import {hashWorkers} from '../../core/hash/hash-pool.js'
import {prepareOutput} from '../../core/create/output-target.js'
import {type PlanSummary, planSummary} from '../../core/create/plan-summary.js'
import type {TorrentReport} from '../../core/metainfo/torrent-report.js'
import {writeFileAtomic} from '../../core/io/write-file-atomic.js'
import type {Interrupts} from '../interrupts.js'
import type {Output} from '../output.js'
import {renderCreateSummary, renderLintWarnings, renderPlan, renderSkipped} from '../render/create-summary.js'
import {type ContextFlags, createJobContext} from './job-context.js'

export type CreateResult = (TorrentReport & {output: string}) | PlanSummary

/** The flags one torrent's run reads, as oclif (or the start-up path, src/cli/fast) parsed them. */
export interface CreateOneFlags extends ContextFlags {
  output?: string
  force?: boolean
  quiet?: boolean
  threads?: number
  'dry-run'?: boolean
}

/** What a create run prints with and is stopped by. */
export interface CreateIo {
  out: Output
  interrupts: Interrupts
  json: boolean
  version: string
  addSecrets: (values: readonly string[]) => void
}

/** `-o -` would send the torrent's bytes to a terminal: refused before anything else (and before the wizard). */
export function refuseTerminalStdout(flags: CreateOneFlags, out: Output): void {
  if (flags.output === '-' && !flags['dry-run'] && out.stdoutIsTTY) throw new UsageError('usage', 'stdout is a terminal; redirect it or use -o FILE')
}

/**
 * `mktorrent create PATH`, one torrent: its settings resolved from presets and flags, the output
 * checked before the walk, the plan, lints and hashing, the torrent written atomically (or to
 * stdout), and the summary. The oclif command runs this after its wizard; bin/run.js's start-up
 * path runs it directly for a plain command line.
 */
export async function createOne(path: string, flags: CreateOneFlags, given: ReadonlySet<string>, io: CreateIo): Promise<CreateResult> {
  refuseTerminalStdout(flags, io.out)
  const context = await createJobContext(flags, given, {version: io.version, env: process.env, cwd: process.cwd()})
  const toStdout = flags.output === '-'
  if (toStdout && io.json) throw new UsageError('usage', '--output - and --json both want stdout; choose one')
  const resolved = await resolveJob({path, presets: [], output: undefined, name: undefined, settings: {}}, context)
  io.addSecrets(resolved.secrets)
  const output = resolved.output.path
  const people = !flags.quiet && !io.json
  const progress = io.out.progress({enabled: people && io.out.stderrIsTTY})
  const options: CreateOptions = {
    ...resolved.options,
    walk: {...resolved.options.walk, skipPaths: toStdout ? [] : [output]},
    threads: flags.threads,
    onProgress: (event) => progress.update(event),
  }

  if (flags['dry-run']) {
    const plan = await planTorrent(options)
    if (people) io.out.stderr(renderSkipped(plan.walk.skipped))
    progress.finish()
    const summary = planSummary(plan)
    if (!io.json) io.out.stdout(renderPlan(summary))
    return summary
  }
  // Before the walk, which starts the hashing workers once the content is large enough.
  await prepareOutput(resolved.output, {force: flags.force === true})
  const workers = hashWorkers(flags.threads)
  const {plan, created, started} = await planAndHash({...options, workers}, people, io).finally(() => workers?.destroy())
  progress.finish()
  if (toStdout) await io.out.stdoutData(created.bytes)
  else await writeFileAtomic(output, created.bytes, {force: flags.force})
  const seconds = (nowMs() - started) / 1000
  if (people) io.out.stderr(renderCreateSummary(created.report, plan, {output, seconds, tty: io.out.stderrIsTTY}))
  return {...created.report, output}
}

async function planAndHash(options: CreateOptions, people: boolean, io: CreateIo): Promise<{plan: TorrentPlan; created: CreatedTorrent; started: number}> {
  const plan = await planTorrent(options)
  if (people) io.out.stderr(renderSkipped(plan.walk.skipped) + renderLintWarnings(plan.lints))
  const started = nowMs()
  const created = await io.interrupts.abortable((signal) => hashPlannedTorrent(plan, {...options, signal}), 'interrupted; no torrent was written')
  return {plan, created, started}
}
