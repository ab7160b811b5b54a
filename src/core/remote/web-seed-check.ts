import {setTimeout as sleep} from 'node:timers/promises'
import type {PieceFailure} from '../hash/hash-task.js'
import type {DiskCheck} from '../verify/check-files.js'
import {PieceChecker, PieceFlag} from '../verify/piece-checker.js'
import {buildReport} from '../verify/verify-report.js'
import {type VerifyPlan, fileBytesIn} from '../verify/verify-plan.js'
import {maskUrl} from './mask-url.js'
import {WebSeedHasher} from './web-seed-hasher.js'
import {type WebSeedHttpOptions, WebSeedFetchError, destroyAgents, webSeedAgents} from './web-seed-http.js'
import {fetchWebSeedBytes, probeWebSeedFile} from './web-seed-probe.js'
import type {WebSeedFile, WebSeedFileStatus, WebSeedResult} from './web-seed-report.js'
import {type WebSeedLayout, webSeedFileUrls, webSeedUrlProblem} from './web-seed-url.js'

export interface WebSeedCheckSettings {
  plan: VerifyPlan
  layout: WebSeedLayout
  /** One flag per piece: the pieces to fetch and hash. */
  wanted: Uint8Array
  fast: boolean
  connections: number
  timeoutMs: number
  retries: number
  maxRedirects: number
  signal?: AbortSignal
  /** Bytes fetched and hashed so far grew by `bytes`. */
  onBytes?: (bytes: number) => void
}

/** Bytes of pieces fetched per job: a few Range requests each, several jobs in flight. */
const JOB_BYTES = 4 * 1024 * 1024

interface FileState {
  status: WebSeedFileStatus
  remoteLength: number | null
  detail: string | null
  /** Where to fetch it (after redirects). */
  url: string
  rangeSupport: boolean
}

/** Checks one web seed: every file's size first, then the wanted pieces, as local verify does. */
export async function checkWebSeed(base: string, settings: WebSeedCheckSettings): Promise<WebSeedResult> {
  const {plan} = settings
  const shown = maskUrl(base)
  const problem = webSeedUrlProblem(base)
  const empty = {total: plan.pieceCount, checked: 0, good: 0, bad: [], inconsistent: []}
  if (problem !== undefined) return {url: shown, ok: false, error: problem, notes: [], rangeSupport: null, pieces: empty, files: [], bytesVerified: 0}
  const urls = webSeedFileUrls(base, settings.layout)
  // File names come from the torrent and are public: only the web seed's own part is masked.
  const shownUrls = urls.map((url) => (url.startsWith(new URL(base).href) ? maskUrl(base) + url.slice(new URL(base).href.length) : maskUrl(url)))
  const agents = webSeedAgents(settings.connections)
  const http: WebSeedHttpOptions = {timeoutMs: settings.timeoutMs, maxRedirects: settings.maxRedirects, signal: settings.signal, agents}
  const run = new SeedRun(settings, http)
  try {
    const states = await run.probeAll(urls)
    const checker = new PieceChecker(plan)
    const wanted = states.some((state) => state.status === 'ok' && !state.rangeSupport) ? new Uint8Array(plan.pieceCount).fill(1) : settings.wanted
    plan.files.forEach((file, index) => {
      if (states[index]!.status === 'ok') return
      for (let piece = file.firstPiece; piece < file.firstPiece + file.pieceCount; piece++) if (wanted[piece]) checker.markUnread(piece, 1)
    })
    let bytesVerified = 0
    if (!settings.fast) {
      const streaming = wanted !== settings.wanted
      bytesVerified = streaming ? await run.stream(states, checker) : await run.fetchPieces(states, checker, wanted)
    }
    return {...result(shown, shownUrls, plan, states, checker, bytesVerified), notes: clientNotes(base, plan)}
  } finally {
    destroyAgents(agents)
  }
}

class SeedRun {
  /** A failure that says the host cannot be reached: later requests fail with it at once. */
  private unreachable: WebSeedFetchError | undefined

  constructor(
    private readonly settings: WebSeedCheckSettings,
    private readonly http: WebSeedHttpOptions,
  ) {}

  async probeAll(urls: string[]): Promise<FileState[]> {
    const {plan} = this.settings
    const states = plan.files.map((file, index): FileState => {
      // Clients never request an empty file or a BEP 47 symlink: they have no bytes to fetch.
      const status = file.length === 0 || file.symlink ? 'ok' : 'skipped'
      return {status, remoteLength: null, detail: file.length === 0 ? 'empty: not requested' : file.symlink ? 'a symbolic link: not requested' : null, url: urls[index]!, rangeSupport: true}
    })
    const needed = plan.files.flatMap((file, index) => (states[index]!.status === 'skipped' && this.needs(index) ? [index] : []))
    await eachLimited(needed, this.settings.connections, async (index) => {
      const file = plan.files[index]!
      const state = states[index]!
      try {
        const probe = await this.attempt(() => probeWebSeedFile(state.url, this.http))
        state.remoteLength = probe.length
        state.url = probe.url
        state.rangeSupport = probe.rangeSupport
        if (probe.length === file.length) state.status = 'ok'
        else Object.assign(state, {status: probe.length < file.length ? 'short' : 'long', detail: `${probe.length} of ${file.length} bytes`})
      } catch (error) {
        fail(state, error)
      }
    })
    return states
  }

  /** Whether any wanted piece holds bytes of file `index` (or it is a file without pieces). */
  private needs(index: number): boolean {
    const file = this.settings.plan.files[index]!
    for (let piece = file.firstPiece; piece < file.firstPiece + file.pieceCount; piece++) if (this.settings.wanted[piece]) return true
    return false
  }

  /** Runs `request`, again after a pause when it fails in a way worth retrying, up to `retries` more times. */
  private async attempt<T>(request: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      if (this.unreachable !== undefined) throw this.unreachable
      try {
        return await request()
      } catch (error) {
        if (!(error instanceof WebSeedFetchError)) throw error
        if (!error.retryable || attempt >= this.settings.retries) {
          if (error.kind === 'network-error' && error.unreachable) this.unreachable = error
          throw error
        }
        await sleep(250 * 2 ** attempt, undefined, {signal: this.settings.signal})
      }
    }
  }

  /** Range requests for runs of wanted pieces, `connections` runs in flight. */
  async fetchPieces(states: FileState[], checker: PieceChecker, wanted: Uint8Array): Promise<number> {
    const {plan} = this.settings
    const perJob = Math.max(1, Math.floor(JOB_BYTES / plan.pieceLength))
    const jobs: Array<[first: number, count: number]> = []
    const usable = (piece: number): boolean => wanted[piece] === 1 && (checker.flags[piece]! & PieceFlag.unread) === 0
    for (let piece = 0; piece < plan.pieceCount; ) {
      if (!usable(piece)) {
        piece++
        continue
      }
      let end = piece + 1
      while (end < plan.pieceCount && end - piece < perJob && usable(end)) end++
      jobs.push([piece, end - piece])
      piece = end
    }
    let bytesVerified = 0
    await eachLimited(jobs, this.settings.connections, async ([first, count]) => {
      const hasher = new WebSeedHasher(plan, first, count)
      await this.feedSegments(hasher, states, false)
      bytesVerified += accept(plan, checker, hasher)
    })
    return bytesVerified
  }

  /** For a server that ignores Range: every file read whole, in order, and every piece checked. */
  async stream(states: FileState[], checker: PieceChecker): Promise<number> {
    const {plan} = this.settings
    const hasher = new WebSeedHasher(plan, 0, plan.pieceCount)
    await this.feedSegments(hasher, states, true)
    return accept(plan, checker, hasher)
  }

  /**
   * Feeds the hasher its range of the layout: pads as zeros, file bytes fetched. A fetch that
   * fails after its retries fails the file's pieces, and the file is not asked for again.
   */
  private async feedSegments(hasher: WebSeedHasher, states: FileState[], whole: boolean): Promise<void> {
    const {plan} = this.settings
    while (!hasher.done) {
      const at = hasher.offset
      const segment = segmentIndex(plan, at)
      const file = plan.segmentFile[segment]!
      const segmentEnd = plan.segmentStart[segment]! + plan.segmentLength[segment]!
      const pieceRunEnd = Math.min((hasher.firstPiece + hasher.pieceCount) * plan.pieceLength, plan.layoutLength)
      const length = Math.min(segmentEnd, pieceRunEnd) - at
      if (file === -1) {
        hasher.feedZeros(length)
        continue
      }
      const state = states[file]!
      if (state.status !== 'ok') {
        hasher.skip(length)
        continue
      }
      const fileStart = at - plan.segmentStart[segment]!
      try {
        await this.attempt(async () => {
          // A retry asks only for the bytes not yet hashed; a whole-file read cannot resume.
          const done = hasher.offset - at
          if (done > 0 && whole) throw new WebSeedFetchError('network-error', `the connection broke after ${done} of ${length} bytes`, false)
          await fetchWebSeedBytes(state.url, fileStart + done, length - done, whole, (chunk) => {
            hasher.feed(chunk, true)
            this.settings.onBytes?.(chunk.length)
          }, this.http)
        })
      } catch (error) {
        if (state.status === 'ok') fail(state, error)
        hasher.skip(at + length - hasher.offset)
      }
    }
  }
}

/** Compares a hashed run with the torrent; returns the file bytes of its pieces that could be judged. */
function accept(plan: VerifyPlan, checker: PieceChecker, hasher: WebSeedHasher): number {
  const failures: PieceFailure[] = [...hasher.failed].map((piece) => ({piece, code: 'read-failed', path: '', message: ''}))
  checker.accept(hasher.firstPiece, hasher.pieceCount, hasher.sha1, hasher.roots, failures)
  let bytes = 0
  for (let piece = hasher.firstPiece; piece < hasher.firstPiece + hasher.pieceCount; piece++) {
    if (hasher.failed.has(piece)) continue
    bytes += fileBytesIn(plan, piece * plan.pieceLength, Math.min((piece + 1) * plan.pieceLength, plan.layoutLength))
  }
  return bytes
}

function fail(state: FileState, error: unknown): void {
  if (!(error instanceof WebSeedFetchError)) throw error
  state.status = error.kind
  state.detail = error.message
}

function segmentIndex(plan: VerifyPlan, offset: number): number {
  let low = 0
  let high = plan.segmentStart.length - 1
  while (low < high) {
    const middle = (low + high + 1) >>> 1
    if (plan.segmentStart[middle]! <= offset) low = middle
    else high = middle - 1
  }
  return low
}

/** Runs `task` on every item, at most `limit` at a time; the first error stops new tasks and is thrown once all running ones end. */
async function eachLimited<T>(items: T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  let failure: {error: unknown} | undefined
  const worker = async (): Promise<void> => {
    while (failure === undefined && next < items.length) {
      const item = items[next++]!
      try {
        await task(item)
      } catch (error) {
        failure ??= {error}
      }
    }
  }
  await Promise.all(Array.from({length: Math.min(limit, items.length)}, worker))
  if (failure !== undefined) throw failure.error
}

function result(url: string, shownUrls: string[], plan: VerifyPlan, states: FileState[], checker: PieceChecker, bytesVerified: number): WebSeedResult {
  // Local verify's report gives the piece totals, each file's bad pieces and the corrupt details.
  const checks = new Map<number, DiskCheck>()
  states.forEach((state, index) => {
    checks.set(index, {status: state.status === 'ok' ? 'ok' : 'unreadable', diskPath: undefined, diskLength: state.remoteLength, mtimeMs: 0, ino: 0, detail: state.detail})
  })
  const selected = states.map((state) => state.status !== 'skipped')
  const report = buildReport({plan, content: url, fast: false, selected, checks, checker, readFailures: new Map(), bytesVerified, extraFiles: []})
  const noRange = 'the server ignores Range requests (answers 200), so clients cannot fetch pieces from it; verified by reading whole files'
  const files = report.files.map((verified, index): WebSeedFile => {
    const state = states[index]!
    let status: WebSeedFileStatus = state.status
    let detail = state.detail
    if (status === 'ok' && verified.status === 'corrupt') [status, detail] = ['corrupt', verified.detail]
    if (!state.rangeSupport && (status === 'ok' || status === 'corrupt')) {
      detail = detail === null ? noRange : `${detail}; ${noRange}`
      if (status === 'ok') status = 'no-range-support'
    }
    return {path: verified.path, url: shownUrls[index]!, length: verified.length, status, badPieces: verified.badPieces, remoteLength: state.remoteLength, detail}
  })
  const asked = states.filter((state) => state.remoteLength !== null)
  return {
    url,
    ok: report.pieces.bad.length === 0 && report.pieces.inconsistent.length === 0 && files.every((file) => file.status === 'ok' || file.status === 'skipped'),
    error: null,
    notes: [],
    rangeSupport: asked.length === 0 ? null : asked.every((state) => state.rangeSupport),
    pieces: report.pieces,
    files,
    bytesVerified,
  }
}

/**
 * libtorrent 2.0.8 gives a v2-only torrent a tail pad file, so one file whose length is not a
 * multiple of the piece length counts as two and is fetched from URL + `/` + its name, not from
 * the URL itself as BEP 19 says (test/interop/web-seed-interop.test.ts records its requests).
 */
function clientNotes(base: string, plan: VerifyPlan): string[] {
  const file = plan.files[0]
  if (plan.metaVersion !== 'v2' || !plan.singleFile || new URL(base).href.endsWith('/') || file === undefined || file.length % plan.pieceLength === 0) return []
  return ['libtorrent 2.0 (qBittorrent, Deluge) asks for this URL + "/" + the file name instead, as for a torrent of several files: end the URL with "/" to serve every client the same file']
}
