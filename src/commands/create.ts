import {basename, resolve} from 'node:path'
import {UsageError} from '../core/errors.js'
import {type CreateOptions, type CreatedTorrent, type TorrentPlan, hashPlannedTorrent, planTorrent} from '../core/create-torrent.js'
import {hashWorkers} from '../core/hash/hash-pool.js'
import {checkCreateOptions} from '../core/create/check-create-options.js'
import {parseCreationDate} from '../core/create/creation-date.js'
import {type PlanSummary, planSummary} from '../core/create/plan-summary.js'
import type {TorrentReport} from '../core/metainfo/torrent-report.js'
import type {MetaVersion} from '../core/metainfo/metainfo.js'
import {assertWritableDestination, writeFileAtomic} from '../core/write-file-atomic.js'
import {BaseCommand} from '../cli/base-command.js'
import {createArgs, createFlags} from '../cli/create/create-flags.js'
import {runCreateWizard} from '../cli/create/create-wizard.js'
import {dhtNodes, trackerTiers} from '../cli/flags.js'
import {loadPrompts, promptBlocker} from '../cli/prompts.js'
import {renderCreateSummary, renderLintWarnings, renderPlan, renderSkipped} from '../cli/render/create-summary.js'

export type CreateResult = (TorrentReport & {output: string}) | PlanSummary

type Parsed = Pick<Awaited<ReturnType<Create['parseCreate']>>, 'args' | 'flags'>

export default class Create extends BaseCommand<CreateResult> {
  static override summary = 'Create a v1, v2 or hybrid .torrent file from a file or folder.'

  static override description = `Walks the content in canonical order (the BEP 52 file tree order, for every meta version), hashes it in parallel worker threads and writes the torrent atomically: an error or Ctrl-C leaves no partial file and never touches an existing one. Lints (docs/validation.md) are shown before hashing. Without a path, or with --interactive, on a terminal, a wizard asks step by step and shows the equivalent command line. Exit codes: 0 written, 2 usage, 4 I/O error (including a file that changed while it was hashed), 5 output exists, 130 interrupted or cancelled.`

  static override examples = [
    '<%= config.bin %> create -a udp://tracker.example:6969/announce ./album',
    '<%= config.bin %> create --hybrid -l 16KiB -o release-hybrid.torrent ./release',
    '<%= config.bin %> create -a https://a.example/announce,https://b.example/announce -a udp://c.example:6969 -p -s MYTRACKER --no-date --no-created-by dir',
    '<%= config.bin %> create --dry-run --json ./dataset',
  ]

  static override args = createArgs
  static override flags = createFlags

  async run(): Promise<CreateResult> {
    let {args, flags} = await this.parseCreate()
    // Before the wizard too, whose questions would share the terminal with the torrent's bytes.
    if (flags.output === '-' && !flags['dry-run'] && this.out.stdoutIsTTY) throw new UsageError('usage', 'stdout is a terminal; redirect it or use -o FILE')
    if (args.path === undefined || flags.interactive) ({args, flags} = await this.ask({args, flags}))
    if (args.path === undefined) throw new UsageError('usage', 'missing the file or folder to make a torrent of; see mktorrent create --help')
    const path = args.path
    const metaVersion: MetaVersion = flags.v2 ? 'v2' : flags.hybrid ? 'hybrid' : (flags['meta-version'] ?? 'v1')
    const toStdout = flags.output === '-'
    if (toStdout && this.jsonEnabled()) throw new UsageError('usage', '--output - and --json both want stdout; choose one')
    const name = flags.name ?? basename(resolve(path))
    const output = toStdout ? '-' : resolve(flags.output ?? `${name}.torrent`)
    const people = !flags.quiet && !this.jsonEnabled()
    const progress = this.out.progress({enabled: people && this.out.stderrIsTTY})

    const options: CreateOptions = {
      path,
      metaVersion,
      pieceLength: flags['piece-length'] === 'auto' ? undefined : flags['piece-length'],
      name: flags.name,
      announce: trackerTiers(flags.announce),
      webSeeds: flags['web-seed'] ?? [],
      httpSeeds: flags['http-seed'] ?? [],
      dhtNodes: dhtNodes(flags['dht-node']),
      private: flags.private,
      source: flags.source,
      comment: flags.comment,
      crossSeed: flags['cross-seed'],
      createdBy: flags['no-created-by'] ? undefined : (flags['created-by'] ?? `mktorrent ${this.config.version}`),
      creationDate: flags['no-date'] ? undefined : flags.date === undefined ? Math.floor(Date.now() / 1000) : parseCreationDate(flags.date),
      walk: {
        exclude: flags.exclude,
        include: flags.include,
        includeHidden: flags['include-hidden'],
        followSymlinks: flags['follow-symlinks'],
        skipPaths: toStdout ? [] : [output],
      },
      allow: new Set(flags.allow),
      threads: flags.threads,
      onProgress: (event) => progress.update(event),
    }
    // Before the output check (exit 5) too: a bad value is the first thing to fix.
    checkCreateOptions(options)

    if (flags['dry-run']) {
      const plan = await planTorrent(options)
      if (people) this.out.stderr(renderSkipped(plan.walk.skipped))
      progress.finish()
      const summary = planSummary(plan)
      if (!this.jsonEnabled()) this.out.stdout(renderPlan(summary))
      return summary
    }
    // Before the walk, which starts the hashing workers once the content is large enough.
    if (!toStdout) await assertWritableDestination(output, {force: flags.force})
    const workers = hashWorkers(flags.threads)
    const {plan, created, started} = await this.planAndHash({...options, workers}, people).finally(() => workers?.destroy())
    progress.finish()
    if (toStdout) await this.out.stdoutData(created.bytes)
    else await writeFileAtomic(output, created.bytes, {force: flags.force})
    const seconds = (performance.now() - started) / 1000
    if (people) this.out.stderr(renderCreateSummary(created.report, plan, {output, seconds, tty: this.out.stderrIsTTY}))
    return {...created.report, output}
  }

  private async planAndHash(options: CreateOptions, people: boolean): Promise<{plan: TorrentPlan; created: CreatedTorrent; started: number}> {
    const plan = await planTorrent(options)
    if (people) this.out.stderr(renderSkipped(plan.walk.skipped) + renderLintWarnings(plan.lints))
    const started = performance.now()
    const created = await this.interrupts.abortable((signal) => hashPlannedTorrent(plan, {...options, signal}), 'interrupted; no torrent was written')
    return {plan, created, started}
  }

  private parseCreate(argv = this.argv) {
    return this.parse(Create, argv)
  }

  /** The wizard, on a terminal only (ARCHITECTURE.md principle 10); its answers are parsed like typed flags. */
  private async ask({args, flags}: Parsed): Promise<Parsed> {
    const blocker = promptBlocker({
      stdinIsTTY: process.stdin.isTTY === true,
      stdoutIsTTY: this.out.stdoutIsTTY,
      json: this.jsonEnabled(),
      yes: flags.yes,
    })
    if (blocker !== undefined) {
      const what = args.path === undefined ? 'missing the file or folder to make a torrent of' : '--interactive cannot ask'
      throw new UsageError('usage', `${what}: the wizard needs ${blocker}; see mktorrent create --help`)
    }
    const argv = await runCreateWizard({
      prompts: await loadPrompts(),
      cwd: process.cwd(),
      write: this.out.stdout,
      argv: this.argv.filter((word) => word !== '-i' && word !== '--interactive'),
      given: {
        path: args.path,
        name: flags.name,
        metaVersion: flags.v2 ? 'v2' : flags.hybrid ? 'hybrid' : flags['meta-version'],
        announce: flags.announce,
        webSeeds: flags['web-seed'],
        private: flags.private,
        source: flags.source,
        comment: flags.comment,
        pieceLength: flags['piece-length'] === undefined ? undefined : String(flags['piece-length']),
        output: flags.output,
      },
      walk: {exclude: flags.exclude, include: flags.include, includeHidden: flags['include-hidden'], followSymlinks: flags['follow-symlinks']},
    })
    return this.parseCreate(argv)
  }
}
