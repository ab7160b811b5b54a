import type {MetaVersion} from '../metainfo/metainfo.js'

/**
 * A file's state on a web seed: as local verify's (`ok`, `missing`, `short`, `long`, `corrupt`,
 * `skipped`), plus what only HTTP has: `no-range-support` (right bytes, but the server ignores
 * Range requests, so clients cannot fetch pieces from it), `http-error` (any status but 2xx, 404
 * and 410), `network-error` (refused, DNS, TLS, timeout, too many redirects) and `bad-response` (a
 * Content-Range or length other than asked for, a truncated body).
 */
export type WebSeedFileStatus =
  | 'ok'
  | 'missing'
  | 'short'
  | 'long'
  | 'corrupt'
  | 'no-range-support'
  | 'http-error'
  | 'network-error'
  | 'bad-response'
  | 'skipped'

/** One file on one web seed, as `verify --web-seed --json` reports it (docs/verify-output.md). */
export interface WebSeedFile {
  path: string
  /** The URL requested for it, credentials and tokens masked. */
  url: string
  length: number
  status: WebSeedFileStatus
  /** Failed pieces holding bytes of this file, ascending. */
  badPieces: number[]
  /** The length the server gave (Content-Range or Content-Length), else null. */
  remoteLength: number | null
  detail: string | null
}

/** The check of one web seed URL. */
export interface WebSeedResult {
  /** The web seed as given, credentials and tokens masked. */
  url: string
  ok: boolean
  /** Why this URL was not checked at all (not http or https); its `files` are then empty. */
  error: string | null
  /** Not failures: how some clients will see this URL differently (docs/verify-output.md). */
  notes: string[]
  /** Whether the server answered Range requests with 206; null when no file could be asked. */
  rangeSupport: boolean | null
  pieces: {total: number; checked: number; good: number; bad: number[]; inconsistent: number[]}
  files: WebSeedFile[]
  /** File bytes fetched and hashed in pieces that could be judged (pads excluded). */
  bytesHashed: number
  /** Bytes of the files in pieces that passed, as local verify counts them. */
  bytesGood: number
}

/** What `mktorrent verify --web-seed ... --json` prints. A contract: fields may be added, never renamed or removed. */
export interface WebSeedVerifyReport {
  /** Every web seed ok. */
  ok: boolean
  metaVersion: MetaVersion
  name: string
  /** Sizes only (`--fast`): no piece was fetched. */
  fast: boolean
  /** `--sample N`: N random pieces and the first and last of every file, drawn with `seed`; null when every piece is checked. */
  sample: {pieces: number; seed: number} | null
  webSeeds: WebSeedResult[]
}
