export interface MagnetParts {
  /** v1 info-hash, 20 bytes. */
  infoHash?: Uint8Array | undefined
  /** v2 info-hash, 32 bytes (the full SHA-256, not the truncated form). */
  infoHashV2?: Uint8Array | undefined
  name?: string | undefined
  trackers?: string[]
  webSeeds?: string[]
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
  if (parts.name) params.push(`dn=${encodeURIComponent(parts.name)}`)
  for (const tracker of parts.trackers ?? []) params.push(`tr=${encodeURIComponent(tracker)}`)
  for (const seed of parts.webSeeds ?? []) params.push(`ws=${encodeURIComponent(seed)}`)
  return `magnet:?${params.join('&')}`
}
