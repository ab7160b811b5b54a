import {setTimeout as sleep} from 'node:timers/promises'
import {segmentAt} from '../content/piece-layout.js'
import type {PieceFailure} from '../hash/hash-task.js'
import {PieceChecker, PieceFlag} from '../verify/piece-checker.js'
import {type VerifyPlan, fileBytesIn} from '../verify/verify-plan.js'
import {maskUrl} from './mask-url.js'
import {WebSeedHasher} from './web-seed-hasher.js'
import {type WebSeedHttpOptions, WebSeedFetchError, destroyAgents, webSeedAgents} from './web-seed-http.js'
import {fetchWebSeedBytes, probeWebSeedFile} from './web-seed-probe.js'
import type {WebSeedResult} from './web-seed-report.js'
import {type FileState, clientNotes, webSeedResult} from './web-seed-result.js'
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

/** Checks one web seed: every file's size first, then the wanted pieces, as local verify does. */
export async function checkWebSeed(base: string, settings: WebSeedCheckSettings): Promise<WebSeedResult> {
  const {plan} = settings
  const shown = maskUrl(base)
  const problem = webSeedUrlProblem(base)
  const empty = {total: plan.pieceCount, checked: 0, good: 0, bad: [], inconsistent: []}
  if (problem !== undefined) return {url: shown, ok: false, error: problem, notes: [], rangeSupport: null, pieces: empty, files: [], bytesHashed: 0, bytesGood: 0}
  const urls = webSeedFileUrls(base, settings.layout)
  // File names come from the torrent and are public: only the web seed's own part is masked.
  const shownUrl = (url: string): string => (url.startsWith(new URL(base).href) ? maskUrl(base) + url.slice(new URL(base).href.length) : maskUrl(url))
  const shownUrls = urls.map(shownUrl)
  const agents = webSeedAgents(settings.connections)
  const http: WebSeedHttpOptions = {timeoutMs: settings.timeoutMs, maxRedirects: settings.maxRedirects, signal: settings.signal, agents}
  const run = new SeedRun(settings, http)
  try {
    const states = await run.probeAll(urls)
    const checker = new PieceChecker(plan)
    // A server ignoring Range is read whole, so every piece gets checked.
    const streaming = states.some((state) => state.status === 'ok' && !state.rangeSupport)
    const wanted = streaming ? new Uint8Array(plan.pieceCount).fill(1) : settings.wanted
    plan.files.forEach((file, index) => {
      if (states[index]!.status === 'ok') return
      for (let piece = file.firstPiece; piece < file.firstPiece + file.pieceCount; piece++) if (wanted[piece]) checker.markUnread(piece, 1)
    })
    let bytesHashed = 0
    if (!settings.fast) {
      bytesHashed = streaming ? await run.stream(states, checker) : await run.fetchPieces(states, checker, wanted)
    }
    return {...webSeedResult(shown, shownUrls, plan, states, checker, bytesHashed), notes: clientNotes(base, plan, settings.layout, urls, shownUrl)}
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
    let bytesHashed = 0
    await eachLimited(jobs, this.settings.connections, async ([first, count]) => {
      const hasher = new WebSeedHasher(plan, first, count)
      await this.feedSegments(hasher, states, false)
      bytesHashed += accept(plan, checker, hasher)
    })
    return bytesHashed
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
      const segment = segmentAt(plan.segmentStart, at)
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
      let previous: WebSeedFetchError | undefined
      try {
        await this.attempt(async () => {
          // A retry asks only for the bytes not yet hashed; a whole-file read cannot resume.
          const done = hasher.offset - at
          if (done > 0 && whole && previous !== undefined) throw new WebSeedFetchError(previous.kind, previous.message, false)
          try {
            await fetchWebSeedBytes(state.url, fileStart + done, length - done, whole, (chunk) => {
              hasher.feed(chunk, true)
              this.settings.onBytes?.(chunk.length)
            }, this.http)
          } catch (error) {
            if (error instanceof WebSeedFetchError) previous = error
            throw error
          }
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
