import {dirname} from 'node:path'
import {Args, Flags} from '@oclif/core'
import {ExitCode, InvalidTorrentError, UsageError} from '../core/errors.js'
import {readTorrentFile} from '../core/torrent-file.js'
import {verifyContent} from '../core/verify-content.js'
import type {VerifyReport} from '../core/verify/verify-report.js'
import {BaseCommand} from '../cli/base-command.js'
import {failureMessage, renderVerifyLines} from '../cli/render/verify-report.js'

export default class Verify extends BaseCommand<VerifyReport> {
  static override summary = 'Check local data against a .torrent file, per file and per piece.'

  static override description = `Checks sizes first (missing, short, long, not a regular file, unreadable), then hashes the data in parallel worker threads: SHA-1 pieces across file boundaries for v1, each file's merkle tree against its piece layer for v2, both for hybrids. Paths come from the torrent, so it is validated first (an unsafe torrent is refused and nothing is read), and files are looked up only inside the content folder. On a terminal it prints a table of the files that are not OK and a summary; when stdout is a pipe, tab-separated lines (docs/verify-output.md). Exit codes: 0 all OK, 1 problems found, 3 invalid, unsafe or internally inconsistent torrent, 4 the torrent file cannot be read, 2 usage, 130/143 interrupted.`

  static override examples = [
    '<%= config.bin %> verify release.torrent',
    '<%= config.bin %> verify release.torrent ~/Downloads/release',
    '<%= config.bin %> verify --save-path ~/Downloads release.torrent',
    "<%= config.bin %> verify --file '*.mkv' --json release.torrent | jq .files",
    '<%= config.bin %> verify --fast release.torrent',
  ]

  static override args = {
    torrent: Args.string({description: 'The .torrent file.', required: true}),
    content: Args.string({
      description: 'The data: the file of a single-file torrent, or the torrent\'s top folder. Default: <folder of the torrent>/<name>.',
    }),
  }

  static override flags = {
    'save-path': Flags.string({description: 'The folder the content was downloaded to: the content is DIR/<name>.', helpValue: 'DIR'}),
    file: Flags.string({
      multiple: true,
      // One value per --file, so `--file '*.mkv' release.torrent` keeps the torrent as an argument.
      multipleNonGreedy: true,
      description: 'Verify only files matching this glob (on the path inside the torrent; as create --include); in v1 the pieces they share with other files are checked too. Repeatable.',
      helpValue: 'GLOB',
    }),
    fast: Flags.boolean({description: 'Check sizes only: nothing is hashed.'}),
    verbose: Flags.boolean({char: 'v', description: 'List every file, not only those that are not OK.'}),
    threads: Flags.integer({char: 't', min: 1, max: 256, description: 'Hashing threads; by default the number of available CPUs.'}),
  }

  async run(): Promise<VerifyReport> {
    const {args, flags} = await this.parse(Verify)
    if (args.content !== undefined && flags['save-path'] !== undefined) {
      throw new UsageError('usage', 'give the content path or --save-path, not both')
    }
    const bytes = await readTorrentFile(args.torrent)
    const people = !this.jsonEnabled()
    const progress = this.out.progress({enabled: people && this.out.stderrIsTTY})
    const started = performance.now()
    let report: VerifyReport
    try {
      report = await this.interrupts.abortable(
        (signal) =>
          verifyContent({
            torrent: bytes,
            content: args.content,
            savePath: args.content === undefined ? (flags['save-path'] ?? dirname(args.torrent)) : undefined,
            files: flags.file,
            fast: flags.fast,
            threads: flags.threads,
            signal,
            onProgress: (event) => progress.update(event),
          }),
        'interrupted; verification stopped',
      )
    } catch (error) {
      if (error instanceof InvalidTorrentError) throw new InvalidTorrentError(error.code, `${args.torrent}: ${error.message}`, error.offset)
      throw error
    } finally {
      progress.finish()
    }
    const seconds = (performance.now() - started) / 1000
    if (people) {
      if (this.out.stdoutIsTTY) {
        // Loaded only for a terminal, as in `info`: cli-table3 costs start-up time pipes never need.
        const {renderVerifyTable} = await import('../cli/render/verify-table.js')
        this.out.stdout(renderVerifyTable(report, {color: this.out.color, verbose: flags.verbose, seconds}))
      } else this.out.stdout(renderVerifyLines(report, flags.verbose))
    }
    const failure = failureMessage(report)
    if (failure !== undefined) this.fail(report.pieces.inconsistent.length > 0 ? ExitCode.invalidTorrent : ExitCode.verifyFailed, failure)
    return report
  }
}
