import {realpath, stat} from 'node:fs/promises'
import {resolve} from 'node:path'
import {Args, Flags} from '@oclif/core'
import {type EditedTorrent, editTorrent} from '../core/edit/edit-torrent.js'
import type {FieldChange} from '../core/edit/field-changes.js'
import type {TorrentEdits} from '../core/edit/torrent-edits.js'
import {ExitCode, MktorrentError, UsageError} from '../core/errors.js'
import type {TorrentReport} from '../core/metainfo/torrent-report.js'
import {ioError} from '../core/io/torrent-file.js'
import {assertWritableDestination, removePendingTempFilesSync, writeFileAtomic} from '../core/io/write-file-atomic.js'
import {BaseCommand} from '../cli/base-command.js'
import {editFlags, editsFromFlags} from '../cli/edit-flags.js'
import {takePairFlag} from '../cli/pair-flag.js'
import {renderEditDiff} from '../cli/render/edit-diff.js'
import {renderEditSummary, renderEditWarnings} from '../cli/render/edit-summary.js'
import {readTorrentArgument, torrentLabel} from '../cli/torrent-argument.js'

/** What `edit --json` prints for each torrent (docs/edit-output.md): the `info --json` report and more. */
export interface EditResult extends TorrentReport {
  input: string
  /** Where the torrent was (or, in a dry run, would be) written; "-" for stdout; null for nowhere. */
  output: string | null
  written: boolean
  infoHashChanged: boolean
  previousInfoHash: string | null
  previousInfoHashV2: string | null
  changes: FieldChange[]
}

interface PlannedEdit {
  input: string
  output: string | null
  /** The file actually replaced: --in-place follows a symbolic link to its target. */
  destination: string | null
  inPlace: boolean
  /** The input's permissions, kept by --in-place. */
  mode: number | undefined
  original: Buffer
  edited: EditedTorrent
}

export default class Edit extends BaseCommand<EditResult | EditResult[]> {
  static override summary = 'Change trackers, web seeds, comment and other fields of .torrent files without rehashing.'

  static override description = `Edits the fields around the content: trackers, web seeds, comment, "created by" and creation date. These sit outside the info dictionary, so the info-hash stays the same: the original bytes of info are kept exactly, and every key mktorrent does not know is kept too. --private and --source edit info itself, which gives the torrent a new info-hash (a warning says so). Invalid torrents are refused. Writes atomically to -o PATH, or over each input with --in-place; a torrent read from stdin ("-") is written to stdout unless -o is given; --dry-run shows what would change. Exit codes: 0 done, 2 usage, 3 invalid torrent, 4 I/O error, 5 output exists.`

  static override examples = [
    '<%= config.bin %> edit fixtures/torrents/lt-hybrid-tree.torrent -a udp://tracker.example:6969/announce --dry-run',
    '<%= config.bin %> edit fixtures/torrents/lt-v1-tree.torrent --replace-announce http://tracker.example/announce https://tracker.example/announce -o edited.torrent --force',
    '<%= config.bin %> edit edited.torrent --comment "mirror of the 2024 release" --no-date --in-place',
    '<%= config.bin %> edit edited.torrent --private --source MYTRACKER --in-place --json',
    '<%= config.bin %> edit fixtures/torrents/*.torrent --clear-announce -a http://new.example/announce --dry-run',
  ]

  static override args = {
    torrent: Args.string({description: 'The .torrent files to edit ("-" for stdin, alone; its edited torrent goes to stdout unless -o is given).', required: true, multiple: true, ignoreStdin: true}),
  }

  static override flags = {
    ...editFlags,
    output: Flags.string({char: 'o', helpValue: 'PATH', description: 'Write the edited torrent here ("-" for stdout); only with one input.', exclusive: ['in-place']}),
    'in-place': Flags.boolean({description: 'Replace each input with its edited version (atomically, keeping its permissions).', exclusive: ['output']}),
    force: Flags.boolean({char: 'f', description: 'Replace the -o file if it exists (otherwise exit 5).'}),
    'dry-run': Flags.boolean({description: 'Show a field-by-field diff of what would change, and write nothing.'}),
    quiet: Flags.boolean({char: 'q', description: 'Print nothing on stderr but errors.'}),
  }

  async run(): Promise<EditResult | EditResult[]> {
    const {pairs, rest} = takePairFlag(this.argv, '--replace-announce')
    const {argv, flags} = await this.parse(Edit, rest)
    const inputs = argv as string[]
    const edits = editsFromFlags(flags, pairs)
    const dryRun = flags['dry-run']
    if (inputs.includes('-')) {
      if (inputs.length > 1) throw new UsageError('usage', '"-" (a torrent from stdin) is edited alone, not with other torrents')
      if (flags['in-place']) throw new UsageError('usage', '--in-place cannot replace stdin; write to -o PATH or to stdout')
      if (this.jsonEnabled() && flags.output === undefined && !dryRun) throw new UsageError('usage', '--json and the edited torrent from stdin both want stdout; give -o PATH')
      // A torrent from stdin goes back to stdout unless -o says otherwise, as a filter does.
      flags.output ??= dryRun ? undefined : '-'
    }
    if (!dryRun && flags.output === undefined && !flags['in-place']) {
      throw new UsageError('usage', 'say where to write: -o PATH, or --in-place to replace the input (--dry-run only shows the changes)')
    }
    if (flags.output !== undefined && inputs.length > 1) throw new UsageError('usage', `-o takes one input, but ${inputs.length} torrents were given; use --in-place for several`)
    if (flags.output === '-' && this.jsonEnabled()) throw new UsageError('usage', '--output - and --json both want stdout; choose one')

    const planned = await this.planAll(inputs, edits, {output: flags.output, inPlace: flags['in-place'], force: flags.force, dryRun})
    if (!flags.quiet) for (const plan of planned) this.out.stderr(renderEditWarnings(torrentLabel(plan.input), plan.edited))
    const results: EditResult[] = []
    for (const plan of planned) {
      const written = dryRun ? false : await this.write(plan, flags.force)
      if (dryRun && !this.jsonEnabled()) this.out.stdout(renderEditDiff(diffOf(plan)))
      if (!dryRun && !flags.quiet && !this.jsonEnabled()) this.out.stderr(renderEditSummary(torrentLabel(plan.input), plan.output, plan.edited, written))
      results.push(resultOf(plan, written))
    }
    return results.length === 1 ? results[0]! : results
  }

  /** Reads and edits every torrent before anything is written, so one bad input leaves all files alone. */
  private async planAll(inputs: string[], edits: TorrentEdits, options: {output?: string; inPlace: boolean; force: boolean; dryRun: boolean}): Promise<PlannedEdit[]> {
    const planned: PlannedEdit[] = []
    const failures: MktorrentError[] = []
    for (const input of inputs) {
      try {
        planned.push(await planEdit(input, edits, options))
      } catch (error) {
        if (!(error instanceof MktorrentError)) throw error
        failures.push(error)
      }
    }
    if (failures.length === 0) return planned
    if (inputs.length === 1) throw failures[0]!
    for (const failure of failures) this.out.stderr(`mktorrent: error: ${failure.message}\n`)
    const first = failures[0]!
    throw new MktorrentError(first.code, `${failures.length} of ${inputs.length} torrents cannot be edited (see above), so none was written`, first.exitCode)
  }

  /** Writes one torrent; an in-place edit that changes no byte leaves the file untouched. */
  private async write(plan: PlannedEdit, force: boolean): Promise<boolean> {
    if (plan.output === '-') {
      this.out.stdout(plan.edited.bytes)
      return true
    }
    if (plan.inPlace && plan.original.equals(plan.edited.bytes)) return false
    await withTempCleanupOnSignal(() => writeFileAtomic(plan.destination!, plan.edited.bytes, {force: force || plan.inPlace, mode: plan.mode}))
    return true
  }
}

async function planEdit(input: string, edits: TorrentEdits, options: {output?: string; inPlace: boolean; force: boolean; dryRun: boolean}): Promise<PlannedEdit> {
  const {bytes: original, label, pipe} = await readTorrentArgument(input)
  const edited = editTorrent(original, edits, label)
  if (options.inPlace) {
    if (pipe) throw new UsageError('usage', `--in-place cannot replace ${input}, a FIFO; write to -o PATH instead`)
    let destination: string
    let mode: number
    try {
      destination = await realpath(input)
      mode = (await stat(destination)).mode & 0o7777
    } catch (error) {
      throw ioError(error, input)
    }
    return {input, output: input, destination, inPlace: true, mode, original, edited}
  }
  if (options.output === undefined || options.output === '-') {
    return {input, output: options.output ?? null, destination: null, inPlace: false, mode: undefined, original, edited}
  }
  const destination = resolve(options.output)
  if (!options.dryRun) await assertWritableDestination(destination, {force: options.force})
  return {input, output: options.output, destination, inPlace: false, mode: undefined, original, edited}
}

function diffOf(plan: PlannedEdit) {
  return {input: torrentLabel(plan.input), output: plan.output, changes: plan.edited.changes, before: plan.edited.before.report, after: plan.edited.after.report}
}

function resultOf(plan: PlannedEdit, written: boolean): EditResult {
  const {before, after, changes, infoChanged} = plan.edited
  return {
    ...after.report,
    input: plan.input,
    output: plan.output,
    written,
    infoHashChanged: infoChanged,
    previousInfoHash: before.report.infoHash,
    previousInfoHashV2: before.report.infoHashV2,
    changes,
  }
}

/** Ctrl-C or SIGTERM while writing: remove the temp file (the destination is never half-written) and exit. */
async function withTempCleanupOnSignal<T>(work: () => Promise<T>): Promise<T> {
  const onSignal = (signal: NodeJS.Signals) => {
    removePendingTempFilesSync()
    process.exit(signal === 'SIGTERM' ? ExitCode.terminated : ExitCode.interrupted)
  }
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)
  try {
    return await work()
  } finally {
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
  }
}
