import type {JsonValue} from '../core/bencode/to-json.js'
import type {TorrentReport} from '../core/metainfo/torrent-report.js'
import {BaseCommand} from '../cli/base-command.js'
import {infoArgs, infoFlags} from '../cli/info-flags.js'
import {showInfo} from '../cli/show-info.js'

export default class Info extends BaseCommand<TorrentReport | JsonValue> {
  static override summary = 'Show and validate what a .torrent file holds.'

  static override description = `Prints the torrent's name, info-hashes (v1 and v2), size, pieces, trackers, web seeds, magnet link and file tree, then every validation issue and lint found. On a terminal the summary is a table; when stdout is a pipe it is one "key<TAB>value" line per fact. Exit codes: 0 valid (warnings allowed), 3 invalid or unsafe, 4 unreadable file, 2 usage.`

  static override examples = [
    '<%= config.bin %> info release.torrent',
    '<%= config.bin %> info --json release.torrent | jq .infoHash',
    '<%= config.bin %> info --strict --padding hybrid.torrent',
  ]

  static override args = infoArgs
  static override flags = infoFlags

  async run(): Promise<TorrentReport | JsonValue> {
    const {args, flags} = await this.parse(Info)
    const request = {torrent: args.torrent, json: this.jsonEnabled(), raw: flags.raw, strict: flags.strict, padding: flags.padding, allow: flags.allow ?? []}
    const {result, failure} = await showInfo(request, this.out)
    if (failure !== undefined) this.fail(failure.exitCode, failure.message)
    return result
  }
}
