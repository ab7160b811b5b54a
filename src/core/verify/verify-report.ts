import type {PieceFailure} from '../hash/hash-task.js'
import type {MetaVersion} from '../metainfo/metainfo.js'
import type {DiskCheck} from './check-files.js'
import {PieceFlag, type PieceChecker, isBad, isInconsistent} from './piece-checker.js'
import type {PlannedFile, VerifyPlan} from './verify-plan.js'

export type FileStatus = 'ok' | 'missing' | 'short' | 'long' | 'corrupt' | 'not-a-file' | 'unreadable' | 'skipped'

/** One file of the torrent as `verify --json` reports it (docs/verify-output.md). */
export interface VerifiedFile {
  /** '/'-joined, relative to the torrent's top folder, as in `info --json`. */
  path: string
  length: number
  status: FileStatus
  /** Failed pieces that hold bytes of this file, ascending. */
  badPieces: number[]
  /** Size of the regular file found on disk, else null. */
  diskLength: number | null
  /** Why, for people: `900 of 1000 bytes, 512 intact`, `a folder`, `permission denied`; null when nothing to add. */
  detail: string | null
  /** Its bytes in pieces that passed: intact, whatever its status; null when not hashed (`--fast`, skipped). */
  bytesGood: number | null
}

/** A likely mix-up in the paths given, for people and scripts. */
export interface VerifyHint {
  /** `content-is-save-path`: nothing of the torrent is at the content path, which holds an entry named like the torrent's content. */
  code: 'content-is-save-path'
  /** That entry: the content the user probably meant. */
  path: string
  message: string
}

/**
 * What `mktorrent verify --json` prints. A contract: fields may be added, never renamed or
 * removed (docs/verify-output.md).
 */
export interface VerifyReport {
  /** Every file ok (or skipped), no bad piece, no inconsistent piece. */
  ok: boolean
  metaVersion: MetaVersion
  /** The absolute path of the content checked: the file, or the torrent's top folder. */
  content: string
  pieces: {
    total: number
    /** Pieces judged: hashed, or failed without hashing because a file they touch is not whole. */
    checked: number
    good: number
    bad: number[]
    /** Hybrid only: pieces one hash accepts and the other rejects (libtorrent's error 217). */
    inconsistent: number[]
  }
  files: VerifiedFile[]
  name: string
  /** Sizes only (`--fast`): no piece was hashed. */
  fast: boolean
  /** The name `bytesHashed` had first; the same number, kept because contract fields are never removed. */
  bytesVerified: number
  /** Entries in the content folder that the torrent does not list; a folder ends in `/`. */
  extraFiles: string[]
  /** File bytes read and hashed (pads excluded), good or bad. */
  bytesHashed: number
  /** Bytes of the verified files in pieces that passed (the sum of their `bytesGood`); null with `--fast`. */
  bytesGood: number | null
  hint: VerifyHint | null
}

export interface ReportInput {
  plan: VerifyPlan
  content: string
  fast: boolean
  selected: boolean[]
  checks: Map<number, DiskCheck>
  checker: PieceChecker
  /** Files whose read failed while hashing, with what a second look at them found. */
  readFailures: Map<number, {failure: PieceFailure; check: DiskCheck}>
  bytesHashed: number
  extraFiles: string[]
  /** Default: none. */
  hint?: VerifyHint | null
}

export function buildReport(input: ReportInput): VerifyReport {
  const {plan, checker} = input
  const {flags} = checker
  const bad: number[] = []
  const inconsistent: number[] = []
  let checked = 0
  flags.forEach((flag, piece) => {
    if ((flag & PieceFlag.checked) === 0) return
    checked++
    if (isBad(flag)) bad.push(piece)
    if (plan.metaVersion === 'hybrid' && isInconsistent(flag)) inconsistent.push(piece)
  })
  const files: VerifiedFile[] = []
  let bytesGoodTotal = 0
  for (let index = 0; index < plan.files.length; index++) {
    const verified = verifiedFile(input, index)
    bytesGoodTotal += verified.bytesGood ?? 0
    files.push(verified)
  }
  const ok = bad.length === 0 && inconsistent.length === 0 && files.every((file) => file.status === 'ok' || file.status === 'skipped')
  return {
    ok,
    metaVersion: plan.metaVersion,
    content: input.content,
    pieces: {total: plan.pieceCount, checked, good: checked - bad.length, bad, inconsistent},
    files,
    name: plan.name,
    fast: input.fast,
    bytesVerified: input.bytesHashed,
    extraFiles: input.extraFiles,
    bytesHashed: input.bytesHashed,
    bytesGood: input.fast ? null : bytesGoodTotal,
    hint: input.hint ?? null,
  }
}

/** One file's line of the report, from its check, its pieces and any failed read. */
function verifiedFile(input: ReportInput, index: number): VerifiedFile {
  const {plan, checker} = input
  const {flags} = checker
  const file = plan.files[index]!
  const check = input.checks.get(index)
  if (!input.selected[index]) return fileResult(file, 'skipped', [], null, null, check)
  const badPieces: number[] = []
  let bytesGood: number | null = input.fast ? null : 0
  for (let piece = file.firstPiece; piece < file.firstPiece + file.pieceCount; piece++) {
    if (isBad(flags[piece]!)) badPieces.push(piece)
    else if (bytesGood !== null) bytesGood += overlap(file, piece * plan.pieceLength, (piece + 1) * plan.pieceLength)
  }
  const failed = input.readFailures.get(index)
  if (failed !== undefined) {
    const {failure, check: again} = failed
    if (again.status !== 'ok') return fileResult(file, again.status, badPieces, again.detail, bytesGood, again)
    return fileResult(file, 'unreadable', badPieces, failure.code === 'content-changed' ? 'changed while it was being verified' : failure.message, bytesGood, again)
  }
  if (check !== undefined && check.status !== 'ok') return fileResult(file, check.status, badPieces, check.detail, bytesGood, check)
  if (badPieces.length === 0) return fileResult(file, 'ok', badPieces, null, bytesGood, check)
  return fileResult(file, 'corrupt', badPieces, corruptDetail(checker, index, badPieces), bytesGood, check)
}

function fileResult(file: PlannedFile, status: FileStatus, badPieces: number[], detail: string | null, bytesGood: number | null, disk: DiskCheck | undefined): VerifiedFile {
  return {
    path: file.path,
    length: file.length,
    status,
    badPieces,
    diskLength: disk?.diskLength ?? null,
    detail: (status === 'short' || status === 'long') && bytesGood !== null ? `${detail}, ${bytesGood} intact` : detail,
    bytesGood,
  }
}

/** Bytes of `file` in layout bytes [start, end). */
function overlap(file: PlannedFile, start: number, end: number): number {
  return Math.max(0, Math.min(end, file.offset + file.length) - Math.max(start, file.offset))
}

function corruptDetail(checker: PieceChecker, index: number, badPieces: number[]): string | null {
  if (checker.unlocated.has(index)) return 'the torrent has no piece layer for this file, so its bad pieces cannot be told apart'
  // v1: a piece shared with a file that could not be read fails without saying anything of this one.
  if (badPieces.every((piece) => checker.flags[piece]! === (PieceFlag.checked | PieceFlag.unread))) {
    return 'shares pieces with a missing or damaged file'
  }
  return null
}
