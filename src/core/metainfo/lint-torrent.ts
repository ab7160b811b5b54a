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
  'one-file-folder',
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
  /**
   * A v2 or hybrid torrent of a folder holding one file: that file alone at the top of the file
   * tree (under another name than the torrent's, in v2). See oneFileFolder.
   */
  oneFileFolder?: {name: string; file: string}
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
  if (facts.oneFileFolder !== undefined && facts.metaVersion !== 'v1') {
    add('one-file-folder', 'info["file tree"]', oneFileFolderMessage(facts.metaVersion, facts.oneFileFolder))
  }
  return lints
}

/**
 * BEP 52: a file tree holding one file at its top is a single-file torrent, so the folder is lost.
 * libtorrent 2.0.8 names a v2 one after the file; a hybrid's v1 file list still keeps the folder,
 * and libtorrent follows it, so v1 and v2 clients disagree on where the file goes.
 */
function oneFileFolderMessage(metaVersion: 'v2' | 'hybrid', {name, file}: {name: string; file: string}): string {
  const single = `the v2 file tree holds one file, ${JSON.stringify(file)}, at its top, which BEP 52 reads as a single-file torrent`
  const fix = 'make the torrent of the file itself, or put a second file in the folder'
  if (metaVersion === 'v2') return `${single}: clients save it as ${file}, not in a folder ${JSON.stringify(name)} (libtorrent 2.0.8 also names the torrent ${JSON.stringify(file)}); ${fix}`
  return `${single} saved as ${file}, while the v1 file list saves ${name}/${file} (libtorrent 2.0.8 follows the v1 list): v1 and v2 clients put the file in different places; ${fix}`
}

/** Drops the warnings an `--allow` names; errors stay, whatever their code. */
export function withoutAllowed(issues: ValidationIssue[], allowed: ReadonlySet<string>): ValidationIssue[] {
  return issues.filter((issue) => issue.severity === 'error' || !allowed.has(issue.code))
}
