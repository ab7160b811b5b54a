import {formatBytes} from '../bytes.js'
import {MAX_PAD_SHARE, MIN_PIECE_LENGTH} from '../content/piece-length.js'
import type {MetaVersion} from './metainfo.js'
import type {ValidationIssue} from './validation-issue.js'

/**
 * Lints: warnings about torrents that are valid but will disappoint (docs/validation.md, "Lints").
 * The two piece-length lints share their code with the validation warnings a v1 torrent gets, so
 * `--allow` silences both; in v2 and hybrid those are errors, which nothing silences.
 */
export const LINT_CODES = [
  'private-without-tracker',
  'piece-length-too-small',
  'piece-length-not-power-of-two',
  'many-pieces',
  'info-too-large',
  'pad-overhead',
] as const

export type LintCode = (typeof LINT_CODES)[number]

/** Above this many pieces some clients and trackers slow down or refuse a torrent. */
export const MANY_PIECES = 50_000
/** libtorrent's default `max_buffer_size` for a .torrent file, so an info dict above it cannot load. */
export const LARGE_INFO_BYTES = 10_000_000

/** What the lints look at, from a parsed torrent (`info`) or from a plan (`create`). */
export interface LintFacts {
  metaVersion: MetaVersion
  private: boolean
  trackerCount: number
  pieceLength: number
  pieceCount: number
  /** Size of the bencoded `info` dictionary. */
  infoLength: number
  /** Payload bytes, pads excluded. */
  totalLength: number
  /** BEP 47 pad bytes hashed on top of the payload. */
  padBytes: number
}

export function lintTorrent(facts: LintFacts): ValidationIssue[] {
  const lints: ValidationIssue[] = []
  const add = (code: LintCode, path: string, message: string): void => void lints.push({severity: 'warning', code, path, message})
  const {pieceLength} = facts
  if (facts.private && facts.trackerCount === 0) {
    add('private-without-tracker', 'info.private', 'the torrent is private but lists no tracker: private torrents turn off DHT and peer exchange (BEP 27), so peers cannot find each other until a tracker is added (-a URL)')
  }
  if (pieceLength > 0 && (pieceLength & (pieceLength - 1)) !== 0) {
    add('piece-length-not-power-of-two', 'info["piece length"]', `the piece length ${pieceLength} is not a power of two: BEP 52 forbids it and many v1 clients mishandle it`)
  } else if (pieceLength > 0 && pieceLength < MIN_PIECE_LENGTH) {
    add('piece-length-too-small', 'info["piece length"]', `the piece length ${formatBytes(pieceLength)} is below 16 KiB, the size of one request: clients work harder for nothing, and BEP 52 forbids it`)
  }
  if (facts.pieceCount > MANY_PIECES) {
    const enough = 2 ** Math.ceil(Math.log2(facts.totalLength / MANY_PIECES))
    const hint = enough > pieceLength ? `; ${formatBytes(enough)} pieces or larger keep the payload under that` : ''
    add('many-pieces', 'info["piece length"]', `${facts.pieceCount.toLocaleString('en-US')} pieces, more than ~${MANY_PIECES.toLocaleString('en-US')}: some clients and trackers slow down or refuse such torrents${hint}`)
  }
  if (facts.infoLength > LARGE_INFO_BYTES) {
    add('info-too-large', 'info', `the info dictionary is ${formatBytes(facts.infoLength)}, over ~10 MB: libtorrent refuses such .torrent files by default and magnet downloads (BEP 9) fetch it slowly; use larger pieces or fewer files`)
  }
  if (facts.totalLength > 0 && facts.padBytes > facts.totalLength * MAX_PAD_SHARE) {
    const share = Math.round((facts.padBytes / facts.totalLength) * 100)
    add('pad-overhead', 'info.files', `padding is ${share}% of the payload (${formatBytes(facts.padBytes)} of zeros hashed with SHA-1): smaller pieces or a v2-only torrent avoid it`)
  }
  return lints
}

/** Drops the warnings an `--allow` names; errors stay, whatever their code. */
export function withoutAllowed(issues: ValidationIssue[], allowed: ReadonlySet<string>): ValidationIssue[] {
  return issues.filter((issue) => issue.severity === 'error' || !allowed.has(issue.code))
}
