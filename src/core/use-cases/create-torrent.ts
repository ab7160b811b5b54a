import {type ContentWalk} from '../content/content-file.js'
import {autoPieceLength} from '../content/piece-length.js'
import {type PieceLayout, payloadBytesIn, planLayout} from '../content/piece-layout.js'
import {type WalkOptions, walkContent} from '../content/walk-content.js'
import {buildTorrent} from '../create/build-torrent.js'
import type {TorrentFields} from '../create/torrent-fields.js'
import {checkCreateOptions, nameWarnings} from '../create/check-create-options.js'
import {createdReport} from '../create/created-report.js'
import {assertLoadableSize} from '../create/loadable-size.js'
import {abortErrorOr} from '../errors.js'
import {lintPlan} from '../create/plan-lints.js'
import {type PlannedInfo, planInfo} from '../create/encode-info.js'
import {type TrackerLimits, assertPieceLengthWithin, assertTorrentSizeWithin, pieceLengthCeiling, plannedTorrentLength} from '../create/tracker-limits.js'
import {formatBytes} from '../bytes.js'
import {type FileMerkle, fileMerkle} from '../hash/file-merkle.js'
import {hashAllPieces, hashWorkers} from '../hash/hash-pool.js'
import type {HashWorkers} from '../hash/hash-workers.js'
import {HASH_SIZE} from '../hash/merkle.js'
import {inspectTorrent} from './inspect-torrent.js'
import {withoutAllowed} from '../metainfo/lint-torrent.js'
import type {MetaVersion} from '../metainfo/metainfo.js'
import type {TorrentReport} from '../metainfo/torrent-report.js'
import type {ValidationIssue} from '../metainfo/validation-issue.js'

/**
 * Hashing progress counts payload bytes, as the content's size is given: never the BEP 47 pads or
 * the piece alignment of v2 and hybrid, which can be many times the payload for small files.
 */
export type CreateProgress =
  | {phase: 'scanning'; filesSeen: number}
  | {phase: 'hashing'; bytesDone: number; bytesTotal: number}

/**
 * What to make a torrent of, and the fields to put in it. planTorrent checks every field before the
 * walk (create/check-create-options.ts): one a client could not use throws a UsageError (exit 2)
 * whose message names the `create` flag that sets it.
 */
export interface CreateOptions extends Partial<Omit<TorrentFields, 'name'>> {
  /** The file or folder to make a torrent of. */
  path: string
  metaVersion?: MetaVersion
  /** Bytes; a power of two from 16 KiB to 256 MiB. Default: autoPieceLength (docs/piece-length.md). */
  pieceLength?: number
  /** The torrent's name; default: the file or folder name. */
  name?: string
  walk?: Omit<WalkOptions, 'onProgress'>
  /** Lint codes to leave out of the plan and the report (`--allow`). */
  allow?: ReadonlySet<string>
  /** Hashing threads; default: available parallelism. */
  threads?: number
  /**
   * Hashing workers the caller made (hashWorkers) and destroys: the walk starts them as soon as
   * the content is large enough, so they boot while it goes on, and hashing stops them when done.
   * Without them, hashing starts its own.
   */
  workers?: HashWorkers
  /** Stops the work: the call then rejects with AbortError (`name === 'AbortError'`). */
  signal?: AbortSignal
  onProgress?: (progress: CreateProgress) => void
  /** A tracker's limits (a preset's maxPieceLength, maxTorrentSize): the auto piece length keeps within them; otherwise exit 2 before hashing. */
  limits?: TrackerLimits
  /** Leave `workers` running after hashing, for the next torrent of a batch (the caller destroys them). */
  keepWorkers?: boolean
}

/** Everything decided before hashing: what `create --dry-run` shows. */
export interface TorrentPlan {
  name: string
  metaVersion: MetaVersion
  walk: ContentWalk
  pieceLength: number
  /** Why this piece length: given, or the auto policy's reasoning. */
  pieceLengthReason: string
  layout: PieceLayout
  /** Pad bytes in the layout (hashed by SHA-1 in a hybrid). */
  padBytes: number
  /** Warnings about the torrent this plan makes (docs/validation.md, "Lints"), the name's first. */
  lints: ValidationIssue[]
  /** Bytes of the bencoded info dictionary (exact: hashes have fixed sizes). */
  infoLength: number
  /** The info dictionary, written but for its hashes. */
  info: PlannedInfo
}

export interface CreatedTorrent {
  plan: TorrentPlan
  /** The .torrent file's bytes. */
  bytes: Buffer
  /** What `info --json` would say of it. */
  report: TorrentReport
}

/**
 * Walks the content and plans the pieces, without reading any file's data. Options are checked
 * first (checkCreateOptions): an invalid one throws a UsageError (exit 2) before the walk.
 */
export async function planTorrent(options: CreateOptions): Promise<TorrentPlan> {
  checkCreateOptions(options)
  const metaVersion = options.metaVersion ?? 'v1'
  const walk = await walkContent(options.path, {
    ...options.walk,
    onProgress: (filesSeen) => options.onProgress?.({phase: 'scanning', filesSeen}),
    onBytes: (bytes) => void options.workers?.prepare(bytes),
  })
  const files = walk.columns
  const fileLengths = files.lengths()
  const limits = options.limits ?? {}
  if (options.pieceLength !== undefined) assertPieceLengthWithin(options.pieceLength, limits)
  const auto = options.pieceLength === undefined ? autoPieceLength({metaVersion, fileLengths}) : undefined
  const ceiling = pieceLengthCeiling(limits)
  let pieceLength = options.pieceLength ?? Math.min(auto!.pieceLength, ceiling)
  let pieceLengthReason = auto === undefined ? 'given with --piece-length' : auto.pieceLength > ceiling ? `${auto.reason}, capped at ${formatBytes(ceiling)} by maxPieceLength` : auto.reason
  const name = options.name ?? walk.name
  const lintedFields = {name, private: options.private ?? false, source: options.source, crossSeed: options.crossSeed ?? false, announce: options.announce ?? []}
  let layout = planLayout(metaVersion, pieceLength, fileLengths)
  let info = planInfo(lintedFields, layout, files, walk.singleFile)
  if (limits.maxTorrentSize !== undefined) {
    // Larger pieces make a smaller torrent: the auto choice grows until the tracker takes it.
    const from = pieceLength
    while (auto !== undefined && plannedTorrentLength(options, layout, walk, info.bytes.length) > limits.maxTorrentSize && pieceLength * 2 <= ceiling) {
      pieceLength *= 2
      layout = planLayout(metaVersion, pieceLength, fileLengths)
      info = planInfo(lintedFields, layout, files, walk.singleFile)
    }
    if (pieceLength > from) pieceLengthReason += `, raised from ${formatBytes(from)} to ${formatBytes(pieceLength)} so the .torrent stays within maxTorrentSize`
    assertTorrentSizeWithin(plannedTorrentLength(options, layout, walk, info.bytes.length), limits, auto !== undefined)
  }
  const padBytes = layout.layoutLength - walk.totalLength
  return {
    name,
    metaVersion,
    walk,
    pieceLength,
    pieceLengthReason,
    layout,
    padBytes,
    lints: withoutAllowed([...nameWarnings(name), ...lintPlan(lintedFields, layout, walk, info.bytes.length)], options.allow ?? new Set()),
    infoLength: info.bytes.length,
    info,
  }
}

/** Makes a v1, v2 or hybrid torrent of a file or folder. */
export async function createTorrent(options: CreateOptions): Promise<CreatedTorrent> {
  const workers = options.workers ?? hashWorkers(options.threads)
  try {
    const withWorkers = {...options, workers}
    return await hashPlannedTorrent(await planTorrent(withWorkers), withWorkers)
  } catch (error) {
    throw abortErrorOr(error, options.signal)
  } finally {
    if (options.workers === undefined) await workers?.destroy()
  }
}

/** Hashes the content of a plan and encodes the torrent. */
export async function hashPlannedTorrent(plan: TorrentPlan, options: CreateOptions): Promise<CreatedTorrent> {
  const {layout, walk} = plan
  const files = walk.columns
  let payloadDone = 0
  assertLoadableSize(layout, files.lengths(), plan.infoLength, options.allow ?? new Set())
  const hashes = await hashAllPieces(
    {
      pieceLength: layout.pieceLength,
      layoutLength: layout.layoutLength,
      sha1: layout.metaVersion !== 'v2',
      sha256: layout.metaVersion !== 'v1',
      files: files.packed(),
      segmentFile: layout.segmentFile,
      segmentStart: layout.segmentStart,
      segmentLength: layout.segmentLength,
    },
    {
      threads: options.threads,
      workers: options.workers,
      signal: options.signal,
      onProgress: (_, done) => {
        payloadDone += payloadBytesIn(layout, done.firstPiece, done.pieceCount)
        options.onProgress?.({phase: 'hashing', bytesDone: payloadDone, bytesTotal: walk.totalLength})
      },
    },
  ).catch((error: unknown) => Promise.reject(abortErrorOr(error, options.signal)))
  // The threads are done: their memory is better freed before the torrent is built.
  if (options.keepWorkers !== true) await options.workers?.destroy()
  const merkles: Array<FileMerkle | undefined> = []
  for (let index = 0; index < files.count; index++) {
    const length = files.length(index)
    if (hashes.roots === undefined || length === 0) {
      merkles.push(undefined)
      continue
    }
    const first = layout.firstPiece[index]!
    const count = Math.ceil(length / layout.pieceLength)
    merkles.push(fileMerkle(length, layout.pieceLength, hashes.roots.subarray(first * HASH_SIZE, (first + count) * HASH_SIZE)))
  }
  const fields: TorrentFields = {
    name: plan.name,
    announce: options.announce ?? [],
    webSeeds: options.webSeeds ?? [],
    httpSeeds: options.httpSeeds ?? [],
    dhtNodes: options.dhtNodes ?? [],
    private: options.private ?? false,
    source: options.source,
    comment: options.comment,
    createdBy: options.createdBy,
    creationDate: options.creationDate,
    crossSeed: options.crossSeed ?? false,
  }
  const {bytes, infoBytes} = buildTorrent(fields, layout, files, hashes.sha1, merkles, walk.singleFile, plan.info)
  const allow = options.allow ?? new Set()
  const report = createdReport({fields, layout, walk, pieces: hashes.sha1, merkles, infoBytes, allow}) ?? readBack(bytes, allow)
  return {plan, bytes, report}
}

/**
 * Validates what we built with the validator `info` uses, for the torrents whose report cannot be
 * told from what `create` knows (createdReport): an error here is our bug. The size limits are
 * lifted: a torrent over them is valid, and the info-too-large lint says what it means.
 */
function readBack(bytes: Buffer, allow: ReadonlySet<string>): TorrentReport {
  const {report} = inspectTorrent(bytes, {allow, limits: {maxBytes: bytes.length, maxTokens: bytes.length}})
  const errors = report.issues.filter((issue) => issue.severity === 'error')
  if (errors.length > 0) throw new Error(`the torrent we built does not validate: ${errors.map((issue) => issue.message).join('; ')}`)
  return report
}
