import {Args, Flags} from '@oclif/core'
import {torrentMagnet, torrentMagnetParts} from '../core/metainfo/magnet-uri.js'
import type {MetaVersion} from '../core/metainfo/metainfo.js'
import {parseValidTorrent} from '../core/use-cases/parse-valid-torrent.js'
import {BaseCommand} from '../cli/base-command.js'
import {readTorrentArgument} from '../cli/torrent-argument.js'

/** What `magnet --json` prints (docs/magnet-output.md). */
export interface MagnetResult {
  magnet: string
  name: string
  metaVersion: MetaVersion
  infoHash: string | null
  infoHashV2: string | null
  /** The `tr` parameters, in order: every tracker of every tier, or none with --no-trackers. */
  trackers: string[]
  /** The `ws` parameters (BEP 19 web seeds). */
  webSeeds: string[]
}

export default class Magnet extends BaseCommand<MagnetResult> {
  static override summary = 'Print the magnet link of a .torrent file.'

  static override description = `Prints the BEP 9 magnet URI on stdout, the same one "info" shows: xt=urn:btih:<v1 info-hash> for v1, xt=urn:btmh:1220<v2 info-hash> for v2, both for a hybrid, then dn (the name), a tr for every tracker in tier order and a ws for every web seed. Exit codes: 0 printed, 3 invalid torrent, 4 unreadable file, 2 usage.`

  static override examples = [
    '<%= config.bin %> magnet fixtures/torrents/lt-hybrid-tree.torrent',
    '<%= config.bin %> magnet --no-trackers fixtures/torrents/lt-v1-tree.torrent',
    '<%= config.bin %> magnet --json fixtures/torrents/lt-v2-tree.torrent',
  ]

  static override args = {
    torrent: Args.string({description: 'The .torrent file to read ("-" for stdin; a FIFO or <(...) works too).', required: true, ignoreStdin: true}),
  }

  static override flags = {
    'no-trackers': Flags.boolean({description: 'Leave out the tr parameters, so clients find peers through the DHT only.'}),
  }

  async run(): Promise<MagnetResult> {
    const {args, flags} = await this.parse(Magnet)
    const {bytes, label} = await readTorrentArgument(args.torrent)
    const {metainfo} = parseValidTorrent(bytes, label)
    const options = {trackers: !flags['no-trackers']}
    const parts = torrentMagnetParts(metainfo, options)
    const magnet = torrentMagnet(metainfo, options)
    if (!this.jsonEnabled()) this.out.stdout(`${magnet}\n`)
    const hex = (hash: Uint8Array | undefined): string | null => (hash === undefined ? null : Buffer.from(hash).toString('hex'))
    return {
      magnet,
      name: parts.name ?? '',
      metaVersion: metainfo.metaVersion,
      infoHash: hex(metainfo.infoHash),
      infoHashV2: hex(metainfo.infoHashV2),
      trackers: parts.trackers,
      webSeeds: parts.webSeeds,
    }
  }
}
