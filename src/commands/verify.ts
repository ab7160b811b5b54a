import {dirname} from 'node:path'
import {Args, Flags} from '@oclif/core'
import {ExitCode, InvalidTorrentError, UsageError} from '../core/errors.js'
import {verifyContent} from '../core/verify-content.js'
import type {VerifyReport} from '../core/verify/verify-report.js'
import type {WebSeedVerifyReport} from '../core/remote/web-seed-report.js'
import {BaseCommand} from '../cli/base-command.js'
import {readTorrentArgument} from '../cli/torrent-argument.js'
import {failureMessage, renderVerifyLines} from '../cli/render/verify-report.js'
import {runWebSeedVerify} from '../cli/verify-web-seeds.js'

export default class Verify extends BaseCommand<VerifyReport | WebSeedVerifyReport> {
  static override summary = 'Check local data, or what web seeds serve, against a .torrent file, per file and per piece.'

  static override description = `Checks sizes first (missing, short, long, not a regular file, unreadable), then hashes the data in parallel worker threads: SHA-1 pieces across file boundaries for v1, each file's merkle tree against its piece layer for v2, both for hybrids. A short or long file is hashed as far as it goes, as libtorrent's recheck does, so its intact pieces pass; the report says how many bytes are good and how many were hashed. Given a folder that holds the content (DIR/<name>), it says that DIR is the save path (--save-path DIR). Paths come from the torrent, so it is validated first (an unsafe torrent is refused and nothing is read), and files are looked up only inside the content folder. With --web-seed URL or --web-seeds it checks what web seeds (BEP 19) serve instead of local data: each file's length first, then the pieces by HTTP Range requests, all of them or a seeded --sample (docs/verify-output.md). On a terminal it prints a table of the files that are not OK and a summary; when stdout is a pipe, tab-separated lines (docs/verify-output.md). Exit codes: 0 all OK, 1 problems found, 3 invalid, unsafe or internally inconsistent torrent, 4 the torrent file cannot be read, 2 usage, 130/143 interrupted.`

  static override examples = [
    '<%= config.bin %> verify release.torrent',
    '<%= config.bin %> verify release.torrent ~/Downloads/release',
    '<%= config.bin %> verify --save-path ~/Downloads release.torrent',
    "<%= config.bin %> verify --file '*.mkv' --json release.torrent | jq .files",
    '<%= config.bin %> verify --fast release.torrent',
    '<%= config.bin %> verify --web-seeds mirrored.torrent',
    '<%= config.bin %> verify --web-seeds --sample 200 --json mirrored.torrent | jq .webSeeds[0].ok',
  ]

  static override args = {
    torrent: Args.string({description: 'The .torrent file ("-" for stdin; a FIFO or <(...) works too).', required: true, ignoreStdin: true}),
    content: Args.string({
      description: 'The data: the file of a single-file torrent, or the torrent\'s top folder. Default: <folder of the torrent>/<name>, or ./<name> for a torrent read from a pipe.',
      // oclif would otherwise read a missing argument from stdin, which may hold the torrent.
      ignoreStdin: true,
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
    'web-seed': Flags.string({
      multiple: true,
      multipleNonGreedy: true,
      description: 'Check the data this web seed (http or https) serves instead of local data, the torrent\'s files found under it as BEP 19 says. Repeatable.',
      helpValue: 'URL',
    }),
    'web-seeds': Flags.boolean({description: 'Check every web seed of the torrent\'s url-list (BEP 19) instead of local data.'}),
    sample: Flags.integer({
      min: 1,
      description: 'Web seeds: check N random pieces and the first and last piece of every file instead of every piece; the seed is printed.',
      helpValue: 'N',
    }),
    seed: Flags.integer({min: 0, max: 2 ** 32 - 1, dependsOn: ['sample'], helpValue: 'SEED', description: 'The seed of --sample, to repeat a sampled check exactly.'}),
  }

  async run(): Promise<VerifyReport | WebSeedVerifyReport> {
    const {args, flags} = await this.parse(Verify)
    const webSeeds = flags['web-seed'] !== undefined || flags['web-seeds']
    if (webSeeds && (args.content !== undefined || flags['save-path'] !== undefined || flags.file !== undefined)) {
      throw new UsageError('usage', '--web-seed and --web-seeds check remote data: give no content path, --save-path or --file with them')
    }
    if (!webSeeds && flags.sample !== undefined) throw new UsageError('usage', '--sample applies to web seeds: give --web-seed URL or --web-seeds')
    if (webSeeds) {
      const fail = (exitCode: number, message: string): void => this.fail(exitCode, message)
      const {bytes: torrent} = await readTorrentArgument(args.torrent)
      const {out, interrupts} = this
      const common = {torrentPath: args.torrent, torrent, out, interrupts, fail, json: this.jsonEnabled(), verbose: flags.verbose}
      return runWebSeedVerify({...common, urls: flags['web-seed'] ?? [], torrentWebSeeds: flags['web-seeds'], sample: flags.sample, seed: flags.seed, fast: flags.fast})
    }
    if (args.content !== undefined && flags['save-path'] !== undefined) {
      throw new UsageError('usage', 'give the content path or --save-path, not both')
    }
    const {bytes, label, pipe} = await readTorrentArgument(args.torrent)
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
            // A torrent from a pipe has no folder of its own: its content is looked for in the current one.
            savePath: args.content === undefined ? (flags['save-path'] ?? (pipe ? '.' : dirname(args.torrent))) : undefined,
            files: flags.file,
            fast: flags.fast,
            threads: flags.threads,
            signal,
            onProgress: (event) => progress.update(event),
          }),
        'interrupted; verification stopped',
      )
    } catch (error) {
      if (error instanceof InvalidTorrentError) throw new InvalidTorrentError(error.code, `${label}: ${error.message}`, error.offset)
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
