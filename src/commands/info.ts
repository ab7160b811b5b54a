import {Args, Flags} from '@oclif/core'
import type {JsonValue} from '../core/bencode/to-json.js'
import {LINT_CODES} from '../core/metainfo/lint-torrent.js'
import type {TorrentReport} from '../core/metainfo/torrent-report.js'
import {BaseCommand} from '../cli/base-command.js'
import {showInfo} from '../cli/show-info.js'

export default class Info extends BaseCommand<TorrentReport | JsonValue> {
  static override summary = 'Show and validate what a .torrent file holds.'

  static override description = `Prints the torrent's name, info-hashes (v1 and v2), size, pieces, trackers, web seeds, magnet link and file tree, then every validation issue and lint found. On a terminal the summary is a table; when stdout is a pipe it is one "key<TAB>value" line per fact. Exit codes: 0 valid (warnings allowed), 3 invalid or unsafe, 4 unreadable file, 2 usage.`

  static override examples = [
    '<%= config.bin %> info release.torrent',
    '<%= config.bin %> info --json release.torrent | jq .infoHash',
    '<%= config.bin %> info --strict --padding hybrid.torrent',
  ]

  static override args = {
    torrent: Args.string({description: 'The .torrent file to read ("-" for stdin; a FIFO or <(...) works too).', required: true, ignoreStdin: true}),
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
    const request = {torrent: args.torrent, json: this.jsonEnabled(), raw: flags.raw, strict: flags.strict, padding: flags.padding, allow: flags.allow ?? []}
    const {result, failure} = await showInfo(request, this.out)
    if (failure !== undefined) this.fail(failure.exitCode, failure.message)
    return result
  }
}
