import {UsageError} from '../core/errors.js'
import type {VerifyReport} from '../core/verify/verify-report.js'
import type {WebSeedVerifyReport} from '../core/remote/web-seed-report.js'
import {BaseCommand} from '../cli/base-command.js'
import {readTorrentArgument} from '../cli/torrent-argument.js'
import {verifyArgs, verifyFlags} from '../cli/verify/verify-flags.js'
import {verifyLocal} from '../cli/verify/verify-local.js'
import {runWebSeedVerify} from '../cli/verify/verify-web-seeds.js'

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

  static override args = verifyArgs
  static override flags = verifyFlags

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
    const io = {out: this.out, interrupts: this.interrupts, json: this.jsonEnabled(), fail: (exitCode: number, message: string) => this.fail(exitCode, message)}
    return verifyLocal(args, flags, io)
  }
}
