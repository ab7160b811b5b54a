import {join, resolve} from 'node:path'
import {compileGlobs} from '../content/glob.js'
import {InvalidTorrentError, UsageError, abortErrorOr} from '../errors.js'
import {hashWorkers, pieceTasks, runHashTasks, runHashTasksUntil, runThreads} from '../hash/hash-pool.js'
import {type HandedOver, type HashWorkers, INLINE_BYTES} from '../hash/hash-workers.js'
import type {PieceFailure, TaskResult, VerifyPiecesTask, WorkerJob} from '../hash/hash-task.js'
import {FILE_STATS, packPaths, sharedFloat64} from '../hash/job-files.js'
import type {Metainfo} from '../metainfo/metainfo.js'
import {parseMetainfo} from '../metainfo/parse-metainfo.js'
import {type DiskCheck, checkFiles} from '../verify/check-files.js'
import {findExtraFiles} from '../verify/extra-files.js'
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
  // The workers boot while the files are checked.
  const wantedBytes = wanted.reduce((sum, flag) => sum + flag, 0) * plan.pieceLength
  void workers?.prepare(wantedBytes)
  const {signal} = options
  const fast = options.fast ?? false
  const needed = neededFiles(plan, selected, wanted)
  const checker = new PieceChecker(plan)
  /** needed[0, marked) have their unread pieces marked. */
  let marked = 0
  const markUnread = (checks: ReadonlyMap<number, DiskCheck>, upTo: number): void => {
    for (; marked < upTo; marked++) {
      const index = needed[marked]!
      const file = plan.files[index]!
      for (let piece = firstUnreadPiece(plan, file, checks.get(index)!, fast); piece < file.firstPiece + file.pieceCount; piece++) {
        if (wanted[piece]) checker.markUnread(piece, 1)
      }
    }
  }
  const hashing = new HashingProgress(options.onProgress)
  // With many files, the workers start on the pieces of the files checked first while this thread
  // checks the rest: they would otherwise wait, booted, for every file to be checked (~100 ms for
  // 10,000 files, docs/performance.md). The pieces before the first file left to check touch only
  // files checked already, so their verdicts are final.
  const earlyAt = !fast && workers !== undefined && wantedBytes > INLINE_BYTES && needed.length >= EARLY_HASHING_FILES ? needed.length / 4 : Infinity
  const threads = runThreads({...options, workers})
  let boundary = 0
  const hashed: HashedPieces = {bytesHashed: 0, failures: []}
  const store = storeResults(plan, checker, hashed, hashing)
  let handOff!: () => void
  const checked = new Promise<void>((resolve) => {
    handOff = resolve
  })
  let early: Promise<HandedOver<VerifyPiecesTask>> | undefined
  const checks = await checkFiles(content, plan.singleFile, plan.files, needed, {
    signal,
    // Hashing opens every file it reads; one it may not open is looked at again below.
    confirmReadable: fast,
    onProgress: (filesSeen, found) => {
      options.onProgress?.({phase: 'scanning', filesSeen})
      if (early !== undefined || filesSeen < earlyAt || filesSeen >= needed.length) return
      markUnread(found, filesSeen)
      boundary = plan.files[needed[filesSeen]!]!.firstPiece
      const first = hashingJob(plan, found, checker, wanted, [0, boundary], needed[filesSeen]!, hashing, threads)
      early = runHashTasksUntil(first.job, first.tasks, store, {workers: workers!, signal, handOff: checked})
      // Awaited below; until then a failure (an abort) must not be an unhandled rejection.
      early.catch(() => undefined)
    },
  })
  handOff()
  markUnread(checks, needed.length)
  // The folder's names are read while the pieces hash: readdir runs on libuv's threads, and its
  // turns on this thread fall between hashing tasks (~40 ms on 10,000 files when it came after).
  const extraFiles = plan.singleFile ? Promise.resolve([]) : findExtraFiles(content, plan.files, signal)
  extraFiles.catch(() => undefined)
  const {left, settled} = (await early) ?? {left: [], settled: Promise.resolve()}
  if (!fast) {
    // The tasks of the first files that no worker took yet come first: they are hashed with the rest.
    const rest = hashingJob(plan, checks, checker, wanted, [boundary, plan.pieceCount], plan.files.length, hashing, threads)
    hashing.start()
    const leftBytes = left.reduce((sum, task) => sum + task.pieceCount * plan.pieceLength, 0)
    await runHashTasks(rest.job, [...left, ...rest.tasks], store, {threads: options.threads, signal, bytes: rest.layoutBytes + leftBytes, workers})
  }
  await settled
  const readFailures = new Map<number, {failure: PieceFailure; check: DiskCheck}>()
  if (hashed.failures.length > 0) {
    const byPath = new Map<string, number>()
    for (const [index, check] of checks) if (check.diskPath !== undefined) byPath.set(check.diskPath, index)
    const failed = new Map<number, PieceFailure>()
    for (const failure of hashed.failures) {
      const index = byPath.get(failure.path)
      if (index !== undefined && !failed.has(index)) failed.set(index, failure)
    }
    // With access(2) this time: a file hashing could not open is reported `unreadable`, as `--fast` reports it.
    const again = await checkFiles(content, plan.singleFile, plan.files, [...failed.keys()], {signal})
    for (const [index, failure] of failed) readFailures.set(index, {failure, check: again.get(index)!})
  }
  const hint = options.content === undefined ? null : savePathHint(content, plan, checks)
  return buildReport({plan, content, fast: options.fast ?? false, selected, checks, checker, readFailures, bytesHashed: hashed.bytesHashed, extraFiles: await extraFiles, hint})
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

/** Files from which verify hashes the pieces of the first files checked while it checks the others. */
const EARLY_HASHING_FILES = 1000

interface HashedPieces {
  /** Payload bytes whose pieces were read, failures excepted. */
  bytesHashed: number
  failures: PieceFailure[]
}

/** The wanted pieces in [from, to) whose files are whole, in runs: the pieces to hash. */
function pieceRuns(checker: PieceChecker, wanted: Uint8Array, from: number, to: number): Array<[number, number]> {
  const runs: Array<[number, number]> = []
  for (let piece = from; piece < to; ) {
    if (!wanted[piece] || (checker.flags[piece]! & PieceFlag.unread) !== 0) {
      piece++
      continue
    }
    let end = piece + 1
    while (end < to && wanted[end] && (checker.flags[end]! & PieceFlag.unread) === 0) end++
    runs.push([piece, end])
    piece = end
  }
  return runs
}

/**
 * Hashing progress in payload bytes, as create counts it (not v2 and hybrid's padding to piece
 * boundaries). Silent until `start`, once every file is checked and the total is known: the pieces
 * hashed early, while files were still being checked, are counted then.
 */
class HashingProgress {
  private bytesDone = 0
  private bytesTotal = 0
  private started = false

  constructor(private readonly onProgress: VerifyOptions['onProgress']) {}

  /** Adds the payload of a run of pieces about to be hashed to the total. */
  expect(bytes: number): void {
    this.bytesTotal += bytes
  }

  start(): void {
    this.started = true
    this.report()
  }

  add(payload: number): void {
    this.bytesDone += payload
    if (this.started) this.report()
  }

  private report(): void {
    this.onProgress?.({phase: 'hashing', bytesDone: this.bytesDone, bytesTotal: this.bytesTotal})
  }
}

/**
 * The job and tasks hashing the wanted pieces in `range` whose files are whole, in runs; their
 * payload goes to `progress`'s total. The pieces touch only the first `fileCount` files: the job
 * carries only those.
 */
function hashingJob(
  plan: VerifyPlan,
  checks: ReadonlyMap<number, DiskCheck>,
  checker: PieceChecker,
  wanted: Uint8Array,
  [from, to]: [number, number],
  fileCount: number,
  progress: HashingProgress,
  threads: number,
): {job: WorkerJob; tasks: VerifyPiecesTask[]; layoutBytes: number} {
  const {pieceLength} = plan
  const runs = pieceRuns(checker, wanted, from, to)
  let layoutBytes = 0
  for (const [first, end] of runs) {
    const runEnd = Math.min(end * pieceLength, plan.layoutLength)
    layoutBytes += runEnd - first * pieceLength
    progress.expect(fileBytesIn(plan, first * pieceLength, runEnd))
  }
  // The files packed for the workers straight from the checks (job-files.ts).
  const stats = sharedFloat64(fileCount * FILE_STATS)
  for (let index = 0; index < fileCount; index++) {
    const check = checks.get(index)
    // The size the check found, short or long: a worker refuses a file whose size changed since.
    stats[index * FILE_STATS] = check?.diskLength ?? plan.files[index]!.length
    stats[index * FILE_STATS + 1] = check?.mtimeMs ?? 0
    stats[index * FILE_STATS + 2] = check?.ino ?? 0
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
  return {job, tasks: pieceTasks('verify-pieces', runs, pieceLength, threads), layoutBytes}
}

/** Takes each task's result: its pieces' verdicts, the payload hashed, the pieces that could not be read. */
function storeResults(
  plan: VerifyPlan,
  checker: PieceChecker,
  hashed: HashedPieces,
  progress: HashingProgress,
): (task: VerifyPiecesTask, result: TaskResult<VerifyPiecesTask>) => void {
  const {pieceLength, layoutLength} = plan
  return (task: VerifyPiecesTask, result: TaskResult<VerifyPiecesTask>): void => {
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
