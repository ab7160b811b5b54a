import {join, resolve} from 'node:path'
import {compileGlobs} from '../content/glob.js'
import {InvalidTorrentError, UsageError, abortErrorOr} from '../errors.js'
import {hashWorkers, pieceTasks, runHashTasks, runThreads} from '../hash/hash-pool.js'
import {type HashWorkers, INLINE_BYTES} from '../hash/hash-workers.js'
import type {PieceFailure, TaskResult, VerifyPiecesTask, WorkerJob} from '../hash/hash-task.js'
import {FILE_STATS, NOT_SEEN, packPaths, sharedFloat64} from '../hash/job-files.js'
import {HASH_SIZE, SHA1_SIZE} from '../hash/merkle.js'
import type {Metainfo} from '../metainfo/metainfo.js'
import {parseMetainfo} from '../metainfo/parse-metainfo.js'
import {type DiskCheck, checkFiles, locateFiles} from '../verify/check-files.js'
import {findExtraFiles} from '../verify/extra-files.js'
import {FolderListings} from '../verify/folder-listings.js'
import {savePathHint} from '../verify/save-path-hint.js'
import {PieceChecker, PieceFlag} from '../verify/piece-checker.js'
import {type VerifyReport, buildReport} from '../verify/verify-report.js'
import {type PlannedFile, type VerifyPlan, fileBytesIn, planVerify} from '../verify/verify-plan.js'

export type VerifyProgress = {phase: 'scanning'; filesSeen: number} | {phase: 'hashing'; bytesDone: number; bytesTotal: number}

export interface VerifyOptions {
  /** The .torrent file's bytes. */
  torrent: Uint8Array
  /** The data: the file of a single-file torrent, or the torrent's top folder. */
  content?: string
  /** The folder holding the content, as a client's download folder: the content is `savePath/<name>` (a single file's own name). */
  savePath?: string
  /** Globs on the path inside the torrent (src/core/content/glob.ts): only matching files are verified. */
  files?: string[]
  /** Check sizes only; hash nothing. */
  fast?: boolean
  /** Hashing threads; default: available parallelism. */
  threads?: number
  /** Stops the work: the call then rejects with AbortError (`name === 'AbortError'`). */
  signal?: AbortSignal
  onProgress?: (progress: VerifyProgress) => void
}

/**
 * Checks data against a torrent: sizes first, then every v1 piece and v2 merkle subtree, per file
 * and per piece (spec.md 6.4). The torrent is validated before anything is opened: an invalid or
 * unsafe one throws InvalidTorrentError (exit 3). Problems with the data are the report, not errors.
 * Once `signal` fires it throws AbortError.
 */
export async function verifyContent(options: VerifyOptions): Promise<VerifyReport> {
  const workers = options.fast ? undefined : hashWorkers(options.threads)
  try {
    return await verifyWith(options, workers)
  } catch (error) {
    throw abortErrorOr(error, options.signal)
  } finally {
    await workers?.destroy()
  }
}

async function verifyWith(options: VerifyOptions, workers: HashWorkers | undefined): Promise<VerifyReport> {
  // The workers boot while the torrent is decoded and validated (~100 ms for 10,000 files), not
  // only once the plan is made: spawned first, since decoding keeps this thread busy.
  await workers?.prepare(lengthHint(options.torrent))
  const plan = planVerify(validTorrent(options.torrent))
  if (options.content === undefined && options.savePath === undefined) throw new UsageError('usage', 'give the content path or the save path')
  // A single file is saved under its own name, which in v2 is its file tree key, not `name` (BEP 52;
  // libtorrent ignores `name` there too): the two differ in a v2 torrent of a folder holding one file.
  const content = resolve(options.content ?? join(options.savePath!, plan.singleFile ? plan.files[0]!.path : plan.name))
  const selected = selectFiles(plan, options.files ?? [])
  const wanted = new Uint8Array(plan.pieceCount)
  plan.files.forEach((file, index) => {
    if (selected[index]) wanted.fill(1, file.firstPiece, file.firstPiece + file.pieceCount)
  })
  // The workers boot while the files are located.
  const wantedBytes = wanted.reduce((sum, flag) => sum + flag, 0) * plan.pieceLength
  void workers?.prepare(wantedBytes)
  const run: VerifyRun = {plan, content, wanted, needed: neededFiles(plan, selected, wanted), checker: new PieceChecker(plan), hashed: {bytesHashed: 0, failures: []}, options, workers, listings: new FolderListings()}
  const checks = options.fast ? await lookOnly(run) : await hashThenLook(run)
  const readFailures = new Map<number, {failure: PieceFailure; check: DiskCheck}>()
  const {failures} = run.hashed
  if (failures.length > 0) {
    const byPath = new Map<string, number>()
    for (const [index, check] of checks) if (check.diskPath !== undefined) byPath.set(check.diskPath, index)
    const failed = new Map<number, PieceFailure>()
    for (const failure of failures) {
      const index = byPath.get(failure.path)
      if (index !== undefined && !failed.has(index)) failed.set(index, failure)
    }
    // A file a look found whole but a read failed on (it changed in between): looked at again to say why.
    const again = await checkFiles(content, plan.singleFile, plan.files, [...failed.keys()], {signal: options.signal})
    for (const [index, failure] of failed) readFailures.set(index, {failure, check: again.get(index)!})
  }
  const hint = options.content === undefined ? null : savePathHint(content, plan, checks)
  const extraFiles = run.extraFiles ?? []
  return buildReport({plan, content, fast: options.fast ?? false, selected, checks, checker: run.checker, readFailures, bytesHashed: run.hashed.bytesHashed, extraFiles, hint})
}

/** One verify run's plan, choices and results so far. */
interface VerifyRun {
  plan: VerifyPlan
  content: string
  /** Per piece: 1 when a selected file has bytes in it. */
  wanted: Uint8Array
  /** The files to look at: the selected ones, and in v1 those sharing a piece with them. */
  needed: number[]
  checker: PieceChecker
  hashed: HashedPieces
  options: VerifyOptions
  workers: HashWorkers | undefined
  /** The content's folders, each listed once. */
  listings: FolderListings
  /** The content folder's entries the torrent does not list, found while the pieces hash. */
  extraFiles?: string[]
}

/** `--fast`: every needed file is looked at, nothing is read; a piece touching a file that is not whole fails. */
async function lookOnly(run: VerifyRun): Promise<Map<number, DiskCheck>> {
  const {plan, options} = run
  run.extraFiles = extraFilesOf(run)
  const checks = await checkFiles(run.content, plan.singleFile, plan.files, run.needed, {
    signal: options.signal,
    onProgress: (filesSeen) => options.onProgress?.({phase: 'scanning', filesSeen}),
  })
  for (const index of run.needed) markUnread(run, index, checks.get(index)!)
  return checks
}

/**
 * Hashes first, then looks at the files that could not be read (docs/ARCHITECTURE.md): a look at
 * each of 10,000 files before hashing, as `create`'s walk needs, cost verify ~6 % more CPU than
 * create (docs/performance.md).
 * - The first round reads every wanted piece at the paths found under the folders' real paths. A
 *   file read by one task is held to the torrent's length and, from its open to its close, to what
 *   its open found (NOT_SEEN); a file read by several tasks is looked at first, so that all of them
 *   hold it to one look, as before this design. A piece that could not be read is deferred.
 * - The files of deferred pieces, and those with nothing to read (empty files, symbolic links), are
 *   then looked at as `--fast` looks (checkFiles). The deferred pieces that may still be read (a
 *   symbolic link inside the content folder, the intact start of a short file, a long file, a file
 *   that changed while read) are read again in a second round, held to that look, whose failures
 *   are final.
 */
async function hashThenLook(run: VerifyRun): Promise<Map<number, DiskCheck>> {
  const {plan, wanted, checker, needed, options} = run
  const {signal} = options
  /** What is reported of each needed file: found whole in its folder's listing until a look says otherwise. */
  const checks = locateFiles(run.content, plan.singleFile, plan.files, needed, run.listings)
  /** Per piece: 1 when it was not read in the first round, for a look at its files to decide. */
  const deferred = new Uint8Array(plan.pieceCount)
  for (const index of needed) {
    const file = plan.files[index]!
    if (!checks.has(index)) deferred.fill(1, file.firstPiece, file.firstPiece + file.pieceCount)
  }
  const progress = new HashingProgress(options.onProgress, payloadOf(plan, pieceRuns(plan.pieceCount, (piece) => wanted[piece] === 1)))
  const threads = runThreads({...run.options, workers: run.workers})
  const firstTasks = pieceTasks('verify-pieces', pieceRuns(plan.pieceCount, (piece) => wanted[piece] === 1 && deferred[piece] === 0), plan.pieceLength, threads)
  const looks = await checkFiles(run.content, plan.singleFile, plan.files, readBySeveral(plan, needed, checks, firstTasks), {signal})
  for (const [index, check] of looks) checks.set(index, check)
  let extrasFound = false
  const findExtras = (): void => {
    if (extrasFound) return
    extrasFound = true
    run.extraFiles = extraFilesOf(run)
    run.listings.clear()
  }
  if (firstTasks.length > 0) {
    const first = hashingJob(plan, firstTasks, checks)
    const hashing = runHashTasks(first.job, firstTasks, storeFirstRound(storeResults(plan, checker, run.hashed, progress), deferred), {threads: options.threads, signal, bytes: first.layoutBytes, workers: run.workers})
    // Between this thread's first hashing tasks, once the workers have theirs: done before, it
    // delayed both by ~10 ms on 10,000 files.
    const between = setImmediate(findExtras)
    try {
      await hashing
    } finally {
      clearImmediate(between)
    }
  }
  findExtras()
  const lateLooks = needed.filter((index) => !looks.has(index) && (!checks.has(index) || touchesDeferred(plan.files[index]!, deferred)))
  for (const [index, check] of await checkFiles(run.content, plan.singleFile, plan.files, lateLooks, {signal})) looks.set(index, check)
  for (const [index, check] of looks) {
    checks.set(index, check)
    markUnread(run, index, check)
  }
  const judgedUnread = (piece: number): boolean => deferred[piece] === 1 && wanted[piece] === 1 && (checker.flags[piece]! & PieceFlag.unread) !== 0
  // Pieces judged without being read count as done, so progress reaches its total.
  progress.add(payloadOf(plan, pieceRuns(plan.pieceCount, judgedUnread)))
  const againTasks = pieceTasks('verify-pieces', pieceRuns(plan.pieceCount, (piece) => deferred[piece] === 1 && wanted[piece] === 1 && !judgedUnread(piece)), plan.pieceLength, threads)
  if (againTasks.length > 0) {
    // Only files looked at have bytes in these pieces.
    const again = hashingJob(plan, againTasks, checks)
    await runHashTasks(again.job, againTasks, storeResults(plan, checker, run.hashed, progress), {threads: options.threads, signal, bytes: again.layoutBytes, workers: run.workers})
  }
  return checks
}

/** Whether a file has bytes in a deferred piece, or none at all (an empty file, a symbolic link): then only a look can judge it. */
function touchesDeferred(file: PlannedFile, deferred: Uint8Array): boolean {
  if (file.pieceCount === 0) return true
  for (let piece = file.firstPiece; piece < file.firstPiece + file.pieceCount; piece++) if (deferred[piece] === 1) return true
  return false
}

/**
 * The located files that more than one task of `tasks` reads: looked at before the first round,
 * so that every task holds them to one look. At most one a task boundary: a few on 10,000 files.
 */
function readBySeveral(plan: VerifyPlan, needed: number[], located: ReadonlyMap<number, DiskCheck>, tasks: VerifyPiecesTask[]): number[] {
  const taskOf = new Int32Array(plan.pieceCount).fill(-1)
  tasks.forEach((task, n) => taskOf.fill(n, task.firstPiece, task.firstPiece + task.pieceCount))
  return needed.filter((index) => {
    const file = plan.files[index]!
    return located.has(index) && file.pieceCount > 1 && taskOf[file.firstPiece] !== taskOf[file.firstPiece + file.pieceCount - 1]
  })
}

function extraFilesOf(run: VerifyRun): string[] {
  return run.plan.singleFile ? [] : findExtraFiles(run.content, run.plan.files, run.listings)
}

/** Marks the wanted pieces of a file that are not to be read, from what a look at it found, as failed unread. */
function markUnread(run: VerifyRun, index: number, check: DiskCheck): void {
  const {plan, wanted, checker} = run
  const file = plan.files[index]!
  for (let piece = firstUnreadPiece(plan, file, check, run.options.fast ?? false); piece < file.firstPiece + file.pieceCount; piece++) {
    if (wanted[piece]) checker.markUnread(piece, 1)
  }
}

/**
 * About the bytes a torrent's files add up to, from its bytes before they are decoded: only a hint
 * for starting the workers early, since the decoded plan decides what is hashed, and where.
 * - A v1 or hybrid torrent gives it in two keys: its piece count (`6:pieces`, 20 bytes a piece) and
 *   its piece length, every piece but the last being whole.
 * - Otherwise (v2) it is the sum of the file tree's `6:lengthi...e` keys, read until they pass
 *   INLINE_BYTES. On a v1 list of 10,000 files that loop took ~2,000 searches, and V8 compiled it
 *   on the core the workers need (verify of 10,000 files, single-threaded: 6,930 -> 6,717 M
 *   instructions without it).
 */
function lengthHint(torrent: Uint8Array): number {
  const bytes = Buffer.from(torrent.buffer, torrent.byteOffset, torrent.length)
  const pieceLength = numberAfter(bytes, PIECE_LENGTH_KEY, Byte.e)
  const piecesBytes = numberAfter(bytes, PIECES_KEY, Byte.colon)
  // At least every piece but the last is whole: a torrent of one short piece starts no workers.
  if (pieceLength !== undefined && piecesBytes !== undefined && piecesBytes % 20 === 0 && piecesBytes > 0) return (piecesBytes / 20 - 1) * pieceLength + 1
  let sum = 0
  for (let at = bytes.indexOf(LENGTH_KEY); at !== -1 && sum <= INLINE_BYTES; at = bytes.indexOf(LENGTH_KEY, at + LENGTH_KEY.length)) {
    sum += numberAt(bytes, at + LENGTH_KEY.length, Byte.e) ?? 0
  }
  return sum
}

/** The decimal number right after the first `key`, if `end` follows it. */
function numberAfter(bytes: Buffer, key: Buffer, end: number): number | undefined {
  const at = bytes.indexOf(key)
  return at === -1 ? undefined : numberAt(bytes, at + key.length, end)
}

/** The decimal number of up to 15 digits at `first`, if `end` follows it. */
function numberAt(bytes: Buffer, first: number, end: number): number | undefined {
  let value = 0
  let index = first
  for (; index < bytes.length && index < first + 15 && bytes[index]! >= Byte.zero && bytes[index]! <= Byte.nine; index++) value = value * 10 + bytes[index]! - Byte.zero
  return index > first && bytes[index] === end ? value : undefined
}

const enum Byte {
  zero = 0x30,
  nine = 0x39,
  colon = 0x3a,
  e = 0x65,
}

const PIECE_LENGTH_KEY = Buffer.from('12:piece lengthi', 'latin1')
const PIECES_KEY = Buffer.from('6:pieces', 'latin1')
const LENGTH_KEY = Buffer.from('6:lengthi', 'latin1')

/**
 * The first piece of a file that is not hashed: its pieces all pass this one. A short file is read
 * up to its size on disk, as libtorrent's recheck does, so its intact leading pieces can pass; the
 * piece holding the cut and those after it fail unread. A long file is read over the torrent's
 * length only. A file the torrent gives no piece layer for is judged whole (PieceChecker), so a
 * short one fails every piece. `--fast` reads nothing: every piece of a file that is not `ok` fails.
 */
function firstUnreadPiece(plan: VerifyPlan, file: PlannedFile, check: DiskCheck, fast: boolean): number {
  if (check.status === 'ok') return file.firstPiece + file.pieceCount
  if (fast || check.diskPath === undefined || check.diskLength === null) return file.firstPiece
  if (check.status === 'long') return file.firstPiece + file.pieceCount
  if (file.v2 !== undefined && file.v2.layer === undefined && file.pieceCount > 1) return file.firstPiece
  return Math.floor((file.offset + check.diskLength) / plan.pieceLength)
}

/** Parses the torrent and refuses it when validation (the rules of `info`, unsafe paths included) finds an error. */
export function validTorrent(bytes: Uint8Array): Metainfo {
  // Only errors refuse a torrent here: the warnings that cost to find are left out.
  const {metainfo, issues} = parseMetainfo(bytes, {errorsOnly: true})
  const errors = issues.filter((issue) => issue.severity === 'error')
  if (errors.length > 0) {
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more errors; mktorrent info lists them)` : ''
    throw new InvalidTorrentError(errors[0]!.code, `the torrent is invalid or unsafe, so no content was read: ${errors[0]!.message}${more}`)
  }
  return metainfo
}

function selectFiles(plan: VerifyPlan, patterns: string[]): boolean[] {
  if (patterns.length === 0) return plan.files.map(() => true)
  const matches = compileGlobs(patterns)
  const selected = plan.files.map((file) => matches(file.path, false))
  if (!selected.includes(true)) {
    throw new UsageError('no-match', `--file ${patterns.map((pattern) => JSON.stringify(pattern)).join(', ')} matches no file of the torrent`)
  }
  return selected
}

/** The files to look at: the selected ones, and in v1 those sharing a piece with them. */
function neededFiles(plan: VerifyPlan, selected: boolean[], wanted: Uint8Array): number[] {
  const wantedBefore = new Int32Array(plan.pieceCount + 1)
  for (let piece = 0; piece < plan.pieceCount; piece++) wantedBefore[piece + 1] = wantedBefore[piece]! + wanted[piece]!
  const needed: number[] = []
  plan.files.forEach((file, index) => {
    const touchesWanted = wantedBefore[file.firstPiece + file.pieceCount]! > wantedBefore[file.firstPiece]!
    if (selected[index] || (file.pieceCount > 0 && touchesWanted)) needed.push(index)
  })
  return needed
}

interface HashedPieces {
  /** Payload bytes whose pieces were read, failures excepted. */
  bytesHashed: number
  failures: PieceFailure[]
}

/** The pieces in [0, count) that `include` takes, in runs `[first, end)`. */
function pieceRuns(count: number, include: (piece: number) => boolean): Array<[number, number]> {
  const runs: Array<[number, number]> = []
  for (let piece = 0; piece < count; ) {
    if (!include(piece)) {
      piece++
      continue
    }
    let end = piece + 1
    while (end < count && include(end)) end++
    runs.push([piece, end])
    piece = end
  }
  return runs
}

/** The file bytes (pads excluded) of runs of pieces. */
function payloadOf(plan: VerifyPlan, runs: Array<[number, number]>): number {
  let bytes = 0
  for (const [first, end] of runs) bytes += fileBytesIn(plan, first * plan.pieceLength, Math.min(end * plan.pieceLength, plan.layoutLength))
  return bytes
}

/**
 * Hashing progress in payload bytes, as create counts it (not v2 and hybrid's padding to piece
 * boundaries), towards every wanted piece's payload: a piece judged without being read (a file
 * missing or cut short) counts once it is judged.
 */
class HashingProgress {
  private bytesDone = 0

  constructor(
    private readonly onProgress: VerifyOptions['onProgress'],
    private readonly bytesTotal: number,
  ) {
    this.report()
  }

  add(payload: number): void {
    this.bytesDone += payload
    this.report()
  }

  private report(): void {
    this.onProgress?.({phase: 'hashing', bytesDone: this.bytesDone, bytesTotal: this.bytesTotal})
  }
}

/**
 * The job for tasks over runs of pieces, each file of the torrent read at the path its check gives
 * (none: its pieces fail) and held to it: the size found, short or long, its mtime and inode (a
 * worker refuses a file that changed since); a file not looked at only to its length in the
 * torrent and to what its open finds (NOT_SEEN).
 */
function hashingJob(plan: VerifyPlan, tasks: VerifyPiecesTask[], checks: ReadonlyMap<number, DiskCheck>): {job: WorkerJob; layoutBytes: number} {
  const {pieceLength} = plan
  let layoutBytes = 0
  for (const task of tasks) layoutBytes += Math.min((task.firstPiece + task.pieceCount) * pieceLength, plan.layoutLength) - task.firstPiece * pieceLength
  const fileCount = plan.files.length
  const stats = sharedFloat64(fileCount * FILE_STATS)
  for (let index = 0; index < fileCount; index++) {
    const check = checks.get(index)
    stats[index * FILE_STATS] = check?.diskLength ?? plan.files[index]!.length
    stats[index * FILE_STATS + 1] = check?.mtimeMs ?? 0
    stats[index * FILE_STATS + 2] = check?.ino ?? NOT_SEEN
  }
  const job: WorkerJob = {
    pieceLength,
    layoutLength: plan.layoutLength,
    sha1: plan.metaVersion !== 'v2',
    sha256: plan.metaVersion !== 'v1',
    files: {base: new Uint8Array(0), ...packPaths(fileCount, (index) => checks.get(index)?.diskPath ?? ''), stats},
    segmentFile: plan.segmentFile,
    segmentStart: plan.segmentStart,
    segmentLength: plan.segmentLength,
  }
  return {job, layoutBytes}
}

/** What takes each hashing task's result, as it arrives. */
type StoreResult = (task: VerifyPiecesTask, result: TaskResult<VerifyPiecesTask>) => void

/**
 * Takes each task's result in the first round: the pieces read are stored as `store` stores any,
 * and a piece that could not be read is only `deferred` until its files are looked at.
 */
function storeFirstRound(store: StoreResult, deferred: Uint8Array): StoreResult {
  return (task, result) => {
    const failed = new Set(result.failures.map((failure) => failure.piece))
    for (const [first, end] of pieceRuns(task.pieceCount, (n) => !failed.has(task.firstPiece + n))) {
      const read = {sha1: result.sha1?.subarray(first * SHA1_SIZE, end * SHA1_SIZE), roots: result.roots?.subarray(first * HASH_SIZE, end * HASH_SIZE), failures: []}
      store({...task, firstPiece: task.firstPiece + first, pieceCount: end - first}, read)
    }
    for (const piece of failed) deferred[piece] = 1
  }
}

/** Takes each task's result: its pieces' verdicts, the payload hashed, the pieces that could not be read. */
function storeResults(
  plan: VerifyPlan,
  checker: PieceChecker,
  hashed: HashedPieces,
  progress: HashingProgress,
): StoreResult {
  const {pieceLength, layoutLength} = plan
  return (task, result) => {
    checker.accept(task.firstPiece, task.pieceCount, result.sha1, result.roots, result.failures)
    const start = task.firstPiece * pieceLength
    const payload = fileBytesIn(plan, start, Math.min(start + task.pieceCount * pieceLength, layoutLength))
    hashed.bytesHashed += payload
    for (const failure of result.failures) {
      hashed.bytesHashed -= fileBytesIn(plan, failure.piece * pieceLength, Math.min((failure.piece + 1) * pieceLength, layoutLength))
      hashed.failures.push(failure)
    }
    progress.add(payload)
  }
}
