import {Args, Flags} from '@oclif/core'
import {ExitCode} from '../core/errors.js'
import {parseValidTorrent} from '../core/use-cases/parse-valid-torrent.js'
import {checkTrackers, defaultTrackerTimeoutMs} from '../core/remote/tracker-check.js'
import type {TrackersReport} from '../core/remote/tracker-report.js'
import {readTorrentFile} from '../core/io/torrent-file.js'
import {BaseCommand} from '../cli/base-command.js'
import {parseTimeout} from '../cli/flags.js'
import {renderTrackersLines, trackersFailureMessage} from '../cli/render/trackers-report.js'

export default class Trackers extends BaseCommand<TrackersReport> {
  static override summary = "Ask every tracker of a .torrent file whether it answers, and how many peers it knows of the torrent."

  static override description = `Asks every tracker of every tier at once, each within --timeout: HTTP and HTTPS trackers with a scrape (BEP 48) when the announce URL has the /announce form, otherwise with an announce that registers nothing (event=stopped, numwant=0); UDP trackers with a BEP 15 connect and scrape. v2 and hybrid torrents are asked for their v2 info-hash truncated to 20 bytes (BEP 52), hybrids for both hashes. Reports for each tracker whether it answered, why not (dns, refused, timeout, tls, network, http-status, redirect, tracker-failure, malformed-reply), the time it took, and its seeders, leechers and completed counts. WebSocket (ws://, wss://) trackers are listed as not checked. Passkeys and credentials in URLs are masked. On a terminal it prints a table; when stdout is a pipe, tab-separated lines (docs/trackers-output.md). Only this command asks trackers: info stays offline. Exit codes: 0 every tracker asked answered, 1 some did not, 3 invalid torrent, 4 unreadable file, 2 usage.`

  static override examples = [
    '<%= config.bin %> trackers tracked.torrent',
    '<%= config.bin %> trackers --timeout 5 --json tracked.torrent | jq -c ".trackers[] | {url, status, swarms}"',
    '<%= config.bin %> trackers --tier 2 tracked.torrent',
  ]

  static override args = {
    torrent: Args.string({description: 'The .torrent file to read.', required: true}),
  }

  static override flags = {
    timeout: Flags.string({
      description: `How long each tracker has for its whole answer (name lookup, connection, TLS, redirects, UDP resends): seconds, or with a unit (500ms, 2.5s). Default: ${defaultTrackerTimeoutMs / 1000}.`,
      helpValue: 'TIME',
    }),
    tier: Flags.integer({
      multiple: true,
      multipleNonGreedy: true,
      min: 1,
      description: 'Ask only the trackers of this tier (from 1, as info numbers them). Repeatable.',
      helpValue: 'N',
    }),
    url: Flags.string({
      multiple: true,
      multipleNonGreedy: true,
      description: 'Ask only this tracker, given as the torrent spells it. Repeatable.',
      helpValue: 'URL',
    }),
  }

  async run(): Promise<TrackersReport> {
    const {args, flags} = await this.parse(Trackers)
    const timeoutMs = flags.timeout === undefined ? defaultTrackerTimeoutMs : parseTimeout(flags.timeout)
    const bytes = await readTorrentFile(args.torrent)
    const {metainfo} = parseValidTorrent(bytes, args.torrent)
    const report = await this.interrupts.abortable(
      (signal) =>
        checkTrackers(metainfo, {timeoutMs, tiers: flags.tier, urls: flags.url, signal, userAgent: `mktorrent/${this.config.version}`}),
      'interrupted; the trackers were not all asked',
    )
    if (!this.jsonEnabled()) {
      if (this.out.stdoutIsTTY) {
        // Loaded only for a terminal, as in `info` and `verify`.
        const {renderTrackersTable} = await import('../cli/render/trackers-table.js')
        this.out.stdout(renderTrackersTable(report, this.out.color))
      } else this.out.stdout(renderTrackersLines(report))
      if (report.counts.trackers === report.counts.notChecked) {
        const why = report.counts.trackers === 0 ? 'the torrent lists none' : 'none of its trackers can be checked'
        this.out.stderr(`mktorrent: note: no tracker was asked: ${why}\n`)
      }
    }
    const failure = trackersFailureMessage(report)
    if (failure !== undefined) this.fail(ExitCode.verifyFailed, failure)
    return report
  }
}
