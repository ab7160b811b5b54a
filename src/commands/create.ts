import {resolve} from 'node:path'
import {UsageError} from '../core/errors.js'
import {type BatchJob, loadBatchFile} from '../core/config/batch-file.js'
import type {JobContext} from '../core/config/resolve-job.js'
import {namesFolder} from '../core/create/output-target.js'
import {BaseCommand} from '../cli/base-command.js'
import {createBatch} from '../cli/create/create-batch.js'
import {createArgs, createFlags} from '../cli/create/create-flags.js'
import {runCreateWizard} from '../cli/create/create-wizard.js'
import {createJobContext} from '../cli/create/job-context.js'
import {loadPrompts, promptBlocker} from '../cli/prompts.js'
import {type CreateResult, createOne, refuseTerminalStdout} from '../cli/create/create-one.js'

export type {CreateResult} from '../cli/create/create-one.js'

type Parsed = Awaited<ReturnType<Create['parseCreate']>>

export default class Create extends BaseCommand<CreateResult | undefined> {
  static override summary = 'Create a v1, v2 or hybrid .torrent file from a file or folder.'

  static override description = `Walks the content in canonical order (the BEP 52 file tree order, for every meta version), hashes it in parallel worker threads and writes the torrent atomically: an error or Ctrl-C leaves no partial file and never touches an existing one. Lints (docs/validation.md) are shown before hashing. Without a path, or with --interactive, on a terminal, a wizard asks step by step and shows the equivalent command line. Settings can come from the presets of a config file (--preset; the default preset applies otherwise), flags overriding them; several paths or --batch FILE make one torrent per job in one run, and exit with the code of the first job that failed (docs/config.md). Exit codes: 0 written, 2 usage, 4 I/O error (including a file that changed while it was hashed), 5 output exists, 130 interrupted or cancelled.`

  static override examples = [
    '<%= config.bin %> create -a udp://tracker.example:6969/announce ./album',
    '<%= config.bin %> create --hybrid -l 16KiB -o release-hybrid.torrent ./release',
    '<%= config.bin %> create -a https://a.example/announce,https://b.example/announce -a udp://c.example:6969 -p -s MYTRACKER --no-date --no-created-by dir',
    '<%= config.bin %> create --dry-run --json ./dataset',
    '<%= config.bin %> create --preset public -o torrents/ album dataset',
  ]

  static override args = createArgs
  static override flags = createFlags
  // Several paths make a batch.
  static override strict = false

  private jsonLines = false

  async run(): Promise<CreateResult | undefined> {
    let parsed = await this.parseCreate()
    // Before the wizard too, whose questions would share the terminal with the torrent's bytes.
    refuseTerminalStdout(parsed.flags, this.out)
    if (parsed.flags.batch === undefined && (parsed.argv.length === 0 || parsed.flags.interactive)) parsed = await this.ask(parsed)
    const {flags} = parsed
    const paths = parsed.argv as string[]
    const given = new Set(parsed.raw.flatMap((token) => (token.type === 'flag' ? [token.flag] : [])))
    // Batch output is JSON lines, errors included, from here on.
    this.jsonLines = flags.batch !== undefined || paths.length > 1
    if (this.jsonLines) return this.batch(paths, flags, await createJobContext(flags, given, {version: this.config.version, env: process.env, cwd: process.cwd()}))
    const path = paths[0]
    if (path === undefined) throw new UsageError('usage', 'missing the file or folder to make a torrent of; see mktorrent create --help')
    const io = {out: this.out, interrupts: this.interrupts, json: this.jsonEnabled(), version: this.config.version, addSecrets: (values: readonly string[]) => this.addSecrets(values)}
    return createOne(path, flags, given, io)
  }

  /** JSON lines in a batch: one object per job, and an error that stops the whole batch as one more line. */
  override logJson(json: unknown): void {
    if (this.jsonLines) this.out.stdout(`${JSON.stringify(json)}\n`)
    else super.logJson(json)
  }

  /** `--batch FILE` or several paths: one torrent per job (src/cli/create/create-batch.ts). */
  private async batch(paths: string[], flags: Parsed['flags'], context: JobContext): Promise<undefined> {
    if (flags.batch !== undefined && paths.length > 0) throw new UsageError('usage', '--batch takes the paths from its file; give no path on the command line')
    if (flags.name !== undefined) throw new UsageError('usage', '--name names one torrent; in a batch, give each job its own name in the batch file')
    if (flags.output !== undefined && (flags.output === '-' || !(await namesFolder(flags.output, context.cwd)))) {
      throw new UsageError('usage', `--output ${JSON.stringify(flags.output)}: several torrents need a folder (end it with "/", or name an existing folder)`)
    }
    let jobs: BatchJob[]
    if (flags.batch === undefined) jobs = paths.map((path) => ({path, presets: [], output: undefined, name: undefined, settings: {}}))
    else {
      const file = await loadBatchFile(resolve(flags.batch), process.env)
      this.addSecrets(file.secrets)
      jobs = file.jobs
    }
    const io = {
      out: this.out,
      interrupts: this.interrupts,
      json: this.jsonEnabled(),
      quiet: flags.quiet,
      columns: () => process.stderr.columns,
      addSecrets: (values: readonly string[]) => this.addSecrets(values),
    }
    const exitCode = await createBatch(io, jobs, context, {force: flags.force, failFast: flags['fail-fast'], dryRun: flags['dry-run'], threads: flags.threads})
    if (exitCode !== 0) process.exitCode = exitCode
    return undefined
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
