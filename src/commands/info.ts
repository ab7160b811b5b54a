import {Args, Flags} from '@oclif/core'
import {decodeBencode} from '../core/bencode/decode.js'
import {type JsonValue, bencodeToJson} from '../core/bencode/to-json.js'
import {ExitCode} from '../core/errors.js'
import {inspectTorrent} from '../core/inspect-torrent.js'
import {LINT_CODES} from '../core/metainfo/lint-torrent.js'
import type {TorrentReport} from '../core/metainfo/torrent-report.js'
import {readTorrentFile} from '../core/torrent-file.js'
import {BaseCommand} from '../cli/base-command.js'
import {renderInfoLines} from '../cli/render/info-lines.js'

export default class Info extends BaseCommand<TorrentReport | JsonValue> {
  static override summary = 'Show and validate what a .torrent file holds.'

  static override description = `Prints the torrent's name, info-hashes (v1 and v2), size, pieces, trackers, web seeds, magnet link and file tree, then every validation issue and lint found. On a terminal the summary is a table; when stdout is a pipe it is one "key<TAB>value" line per fact. Exit codes: 0 valid (warnings allowed), 3 invalid or unsafe, 4 unreadable file, 2 usage.`

  static override examples = [
    '<%= config.bin %> info release.torrent',
    '<%= config.bin %> info --json release.torrent | jq .infoHash',
    '<%= config.bin %> info --strict --padding hybrid.torrent',
  ]

  static override args = {
    torrent: Args.string({description: 'The .torrent file to read.', required: true}),
  }

  static override flags = {
    padding: Flags.boolean({description: 'List BEP 47 pad files too; they are hidden by default.'}),
    raw: Flags.boolean({
      description: 'Print the whole decoded file as JSON (byte strings as text where valid UTF-8, else {"hex": ...}), without validating it.',
    }),
    strict: Flags.boolean({description: 'Treat every warning, lints included, as an error, so any issue makes the exit code 3.'}),
    allow: Flags.string({multiple: true, multipleNonGreedy: true, options: [...LINT_CODES], description: 'Silence one lint (docs/validation.md); repeatable.'}),
  }

  async run(): Promise<TorrentReport | JsonValue> {
    const {args, flags} = await this.parse(Info)
    const bytes = await readTorrentFile(args.torrent)
    if (flags.raw) {
      const raw = bencodeToJson(decodeBencode(bytes).value)
      if (!this.jsonEnabled()) this.out.stdout(`${JSON.stringify(raw, null, 2)}\n`)
      return raw
    }
    const {metainfo, report} = inspectTorrent(bytes, {strict: flags.strict, allow: new Set(flags.allow)})
    if (!this.jsonEnabled()) {
      const singleFile = metainfo.metaVersion === 'v2' ? metainfo.v2.singleFile : metainfo.v1.singleFile
      if (this.out.stdoutIsTTY) {
        // Loaded only for a terminal: cli-table3 costs start-up time that pipes never need.
        const {renderInfoTable} = await import('../cli/render/info-table.js')
        this.out.stdout(renderInfoTable(report, {color: this.out.color, padding: flags.padding, singleFile}))
      } else this.out.stdout(renderInfoLines(report, flags.padding))
    }
    const errors = report.issues.filter((issue) => issue.severity === 'error')
    if (errors.length > 0) {
      const more = errors.length > 1 ? ` (and ${errors.length - 1} more errors, listed in the output)` : ''
      this.fail(ExitCode.invalidTorrent, `${args.torrent} is not a valid torrent: ${errors[0]!.message}${more}`)
    }
    return report
  }
}
