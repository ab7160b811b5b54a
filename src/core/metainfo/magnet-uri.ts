import type {Metainfo} from './metainfo.js'

export interface MagnetParts {
  /** v1 info-hash, 20 bytes. */
  infoHash?: Uint8Array | undefined
  /** v2 info-hash, 32 bytes (the full SHA-256, not the truncated form). */
  infoHashV2?: Uint8Array | undefined
  name?: string | undefined
  trackers?: string[]
  webSeeds?: string[]
}

export interface TorrentMagnetOptions {
  /** Add a `tr` for every tracker (the default); false leaves them out, so clients use the DHT. */
  trackers?: boolean
}

/** multihash prefix: 0x12 = sha2-256, 0x20 = 32 bytes (BEP 9, v2 form). */
const SHA256_MULTIHASH = '1220'

/**
 * A BEP 9 magnet URI: `btih` for v1, `btmh` for v2, both for a hybrid (as libtorrent writes them),
 * then `dn`, each `tr` and each `ws`, with values percent-encoded.
 */
export function magnetUri(parts: MagnetParts): string {
  const params: string[] = []
  if (parts.infoHash) params.push(`xt=urn:btih:${Buffer.from(parts.infoHash).toString('hex')}`)
  if (parts.infoHashV2) params.push(`xt=urn:btmh:${SHA256_MULTIHASH}${Buffer.from(parts.infoHashV2).toString('hex')}`)
  if (parts.name) params.push(`dn=${escapeValue(parts.name)}`)
  for (const tracker of parts.trackers ?? []) params.push(`tr=${escapeValue(tracker)}`)
  for (const seed of parts.webSeeds ?? []) params.push(`ws=${escapeValue(seed)}`)
  return `magnet:?${params.join('&')}`
}

/** The parts of a torrent's magnet link: every tracker of every tier in order, every BEP 19 web seed. */
export function torrentMagnetParts(metainfo: Metainfo, options: TorrentMagnetOptions = {}): MagnetParts & {trackers: string[]; webSeeds: string[]} {
  return {
    infoHash: metainfo.infoHash,
    infoHashV2: metainfo.infoHashV2,
    name: Buffer.from(metainfo.name).toString('utf8'),
    trackers: options.trackers === false ? [] : metainfo.announce.flat(),
    webSeeds: metainfo.webSeeds,
  }
}

/** The magnet link `info` shows and `magnet` prints. */
export function torrentMagnet(metainfo: Metainfo, options: TorrentMagnetOptions = {}): string {
  return magnetUri(torrentMagnetParts(metainfo, options))
}

/** encodeURIComponent, plus `'`, so the unescaped set is libtorrent's: letters, digits and `-_.!~*()`. */
function escapeValue(text: string): string {
  return encodeURIComponent(text).replaceAll("'", '%27')
}
