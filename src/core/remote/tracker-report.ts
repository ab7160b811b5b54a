/**
 * What `checkTrackers` returns and `mktorrent trackers --json` prints: a contract
 * (docs/trackers-output.md). Fields may be added, never renamed or removed.
 */

/** `ok`: the tracker answered; `failed`: it did not (see `errorClass`); `not-checked`: we cannot ask it. */
export type TrackerStatus = 'ok' | 'failed' | 'not-checked'

export type TrackerErrorClass =
  | 'dns'
  | 'refused'
  | 'timeout'
  | 'tls'
  | 'network'
  | 'http-status'
  | 'redirect'
  | 'tracker-failure'
  | 'malformed-reply'
  | 'invalid-url'
  | 'unsupported-scheme'

/** HTTP(S): BEP 48 scrape, or an announce that registers nothing; UDP: BEP 15 connect and scrape. */
export type TrackerMethod = 'scrape' | 'announce' | 'udp-scrape'

/** One info-hash as one tracker counts it. */
export interface SwarmCounts {
  /** `v1`: the SHA-1 info-hash; `v2`: the SHA-256 info-hash truncated to 20 bytes (BEP 52). */
  version: 'v1' | 'v2'
  /** The 20-byte hash asked for, 40 lower-case hex digits. */
  infoHash: string
  /** False when a scrape reply leaves this hash out: the tracker does not know the torrent. */
  listed: boolean
  seeders: number | null
  leechers: number | null
  completed: number | null
}

export interface TrackerResult {
  /** BEP 12 tier, from 1 as `info` numbers them. */
  tier: number
  /** The announce URL with passkeys and credentials masked (maskUrl). */
  url: string
  /** The URL's scheme without the colon (`http`, `udp`, `wss`, ...); empty when it does not parse. */
  protocol: string
  status: TrackerStatus
  /** The host accepted a connection or sent a packet, whatever followed. */
  reachable: boolean
  method: TrackerMethod | null
  /** Milliseconds from the first request (name lookup included) to the last reply; null without a reply. */
  latencyMs: number | null
  errorClass: TrackerErrorClass | null
  /** For people: what went wrong, why it was not checked, or the tracker's `warning message`. */
  message: string | null
  /** One entry per info-hash asked for, in `infoHashes` order; empty unless `status` is `ok`. */
  swarms: SwarmCounts[]
}

export interface TrackersReport {
  /** No tracker failed (trackers not checked do not count). */
  ok: boolean
  name: string
  metaVersion: 'v1' | 'v2' | 'hybrid'
  /** The 20-byte hashes asked for: v1, then the truncated v2 (BEP 52), as hex. */
  infoHashes: Array<{version: 'v1' | 'v2'; infoHash: string}>
  timeoutMs: number
  trackers: TrackerResult[]
  counts: {trackers: number; answered: number; failed: number; notChecked: number}
}
