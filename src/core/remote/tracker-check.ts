import {randomBytes, randomInt} from 'node:crypto'
import type {Metainfo} from '../metainfo/metainfo.js'
import {totalLength} from '../metainfo/metainfo.js'
import {UsageError} from '../errors.js'
import {maskUrl} from './mask-url.js'
import {TrackerError, networkError} from './tracker-error.js'
import {httpGet} from './tracker-http-get.js'
import {type Counts, failureReasonOf, parseAnnounceReply, parseScrapeReply} from './tracker-reply.js'
import type {SwarmCounts, TrackerMethod, TrackerResult, TrackersReport} from './tracker-report.js'
import {percentEncodeBytes, trackerTarget, withQuery} from './tracker-url.js'
import {udpScrape} from './tracker-udp.js'

export interface CheckTrackersOptions {
  /** Each tracker's whole exchange (name lookup, connection, TLS, redirects, resends) ends by then. Default 10 s. */
  timeoutMs?: number
  /** Only these tiers (from 1). */
  tiers?: number[]
  /** Only these announce URLs, as the torrent spells them. */
  urls?: string[]
  /** Trackers asked at the same time. */
  concurrency?: number
  /** Aborts every request (Ctrl-C): the check rejects with the signal's reason. */
  signal?: AbortSignal
  userAgent?: string
  /** First UDP resend after this long, then doubling; default 1 s. */
  udpRetryMs?: number
}

export const defaultTrackerTimeoutMs = 10_000

interface Hash {
  version: 'v1' | 'v2'
  bytes: Uint8Array
}

/**
 * Asks every tracker of the torrent (or those the filters keep), in parallel, how many peers it
 * knows, without joining the swarm: HTTP(S) with a BEP 48 scrape, or an announce with
 * `event=stopped` and `numwant=0` where the URL has no scrape form; UDP with BEP 15. For v2 and
 * hybrid torrents the v2 info-hash is asked truncated to 20 bytes, as BEP 52 says clients announce it.
 */
export async function checkTrackers(metainfo: Metainfo, options: CheckTrackersOptions = {}): Promise<TrackersReport> {
  const timeoutMs = options.timeoutMs ?? defaultTrackerTimeoutMs
  const hashes: Hash[] = []
  if (metainfo.infoHash !== undefined) hashes.push({version: 'v1', bytes: metainfo.infoHash})
  if (metainfo.infoHashV2 !== undefined) hashes.push({version: 'v2', bytes: metainfo.infoHashV2.subarray(0, 20)})
  const selected = selectTrackers(metainfo.announce, options)
  const context: Context = {
    hashes,
    timeoutMs,
    left: totalLength(metainfo),
    userAgent: options.userAgent ?? 'mktorrent',
    udpRetryMs: options.udpRetryMs ?? 1000,
    signal: options.signal,
    // Trackers such as bittorrent-tracker know a peer by address and port: a stopped announce from
    // this machine on a client's port would drop that client from the swarm. A random port will not.
    peerPort: randomInt(49152, 65536),
    peerId: Buffer.concat([Buffer.from('-MK0100-'), Buffer.from(randomBytes(9).toString('base64url'))]),
  }
  const trackers = await mapLimited(selected, options.concurrency ?? 32, ({tier, url}) => checkOne(tier, url, context))
  options.signal?.throwIfAborted()
  const counts = {
    trackers: trackers.length,
    answered: trackers.filter((tracker) => tracker.status === 'ok').length,
    failed: trackers.filter((tracker) => tracker.status === 'failed').length,
    notChecked: trackers.filter((tracker) => tracker.status === 'not-checked').length,
  }
  return {
    ok: counts.failed === 0,
    name: Buffer.from(metainfo.name).toString('utf8'),
    metaVersion: metainfo.metaVersion,
    infoHashes: hashes.map(({version, bytes}) => ({version, infoHash: hex(bytes)})),
    timeoutMs,
    trackers,
    counts,
  }
}

function selectTrackers(tiers: string[][], options: CheckTrackersOptions): Array<{tier: number; url: string}> {
  for (const tier of options.tiers ?? []) {
    if (!Number.isInteger(tier) || tier < 1 || tier > tiers.length) {
      throw new UsageError('no-match', `the torrent has no tier ${tier} (it has ${tiers.length === 1 ? '1 tier' : `${tiers.length} tiers`})`)
    }
  }
  const all = tiers.flatMap((urls, index) => urls.map((url) => ({tier: index + 1, url})))
  for (const url of options.urls ?? []) {
    if (!all.some((tracker) => tracker.url === url)) throw new UsageError('no-match', `the torrent has no tracker ${maskUrl(url)}`)
  }
  return all.filter(
    ({tier, url}) => (options.tiers === undefined || options.tiers.includes(tier)) && (options.urls === undefined || options.urls.includes(url)),
  )
}

interface Context {
  hashes: Hash[]
  timeoutMs: number
  left: number
  userAgent: string
  udpRetryMs: number
  signal: AbortSignal | undefined
  peerPort: number
  peerId: Buffer
}

/** The exchange with one tracker, under its own deadline; never rejects unless the whole check is aborted. */
async function checkOne(tier: number, announce: string, context: Context): Promise<TrackerResult> {
  context.signal?.throwIfAborted()
  const target = trackerTarget(announce)
  const base = {tier, url: maskUrl(announce), protocol: protocolOf(announce), reachable: false, latencyMs: null, swarms: []}
  if (target.kind === 'not-checked') return {...base, status: 'not-checked', method: null, errorClass: null, message: target.reason}
  if (target.kind === 'invalid') return {...base, status: 'failed', method: null, errorClass: target.errorClass, message: target.reason}

  const deadline = new AbortController()
  const seconds = context.timeoutMs / 1000
  const timer = setTimeout(() => deadline.abort(new TrackerError('timeout', `no answer within ${seconds} s`, false)), context.timeoutMs)
  const onCancel = (): void => deadline.abort(context.signal?.reason)
  context.signal?.addEventListener('abort', onCancel, {once: true})
  let reachable = false
  const onReachable = (): void => void (reachable = true)
  let method: TrackerMethod = target.kind === 'udp' ? 'udp-scrape' : target.scrapeUrl === undefined ? 'announce' : 'scrape'
  const started = performance.now()
  try {
    let counts: Counts[]
    if (target.kind === 'udp') {
      counts = await udpScrape(target.host, target.port, context.hashes.map((hash) => hash.bytes), {signal: deadline.signal, retryMs: context.udpRetryMs, onReachable})
    } else {
      counts = await askHttp(target.url, target.scrapeUrl, context, deadline.signal, onReachable, (next) => void (method = next))
    }
    const warnings = [...new Set(counts.flatMap((each) => (each.warning === undefined ? [] : [each.warning])))]
    const warning = warnings.length === 0 ? undefined : warnings.join('; ')
    const latencyMs = Math.round(performance.now() - started)
    const swarms: SwarmCounts[] = context.hashes.map((hash, index) => {
      const {listed, seeders, leechers, completed} = counts[index]!
      return {version: hash.version, infoHash: hex(hash.bytes), listed, seeders, leechers, completed}
    })
    return {...base, status: 'ok', reachable: true, method, latencyMs, errorClass: null, message: warning ?? null, swarms}
  } catch (error) {
    if (context.signal?.aborted) throw context.signal.reason
    const failure = networkError(error, hostOf(announce), reachable)
    const message = failure.errorClass === 'timeout' && target.kind === 'http' ? httpTimeout(reachable, seconds) : failure.message
    return {...base, status: 'failed', reachable: reachable || failure.reachable, method, errorClass: failure.errorClass, message}
  } finally {
    clearTimeout(timer)
    context.signal?.removeEventListener('abort', onCancel)
    // A hybrid's second announce may still be in flight when the first failed: it ends here, not never.
    deadline.abort(new TrackerError('timeout', 'the check of this tracker is over', false))
  }
}

/** HTTP(S): a scrape where the URL has one, an announce otherwise or after a 404; `onMethod` hears of the switch. */
async function askHttp(
  announce: URL,
  scrape: URL | undefined,
  context: Context,
  signal: AbortSignal,
  onReachable: () => void,
  onMethod: (method: TrackerMethod) => void,
): Promise<Counts[]> {
  const get = async (url: URL): Promise<Buffer> => {
    const reply = await httpGet(url, {signal, userAgent: context.userAgent, onReachable})
    if (reply.status === 200) return reply.body
    const reason = failureReasonOf(reply.body)
    const text = `HTTP ${reply.status}${reply.statusText === '' ? '' : ` ${reply.statusText}`}${reason === undefined ? '' : `: ${reason}`}`
    throw new TrackerError('http-status', text, true, reply.status)
  }
  if (scrape !== undefined) {
    try {
      const body = await get(withQuery(scrape, context.hashes.map((hash) => ['info_hash', percentEncodeBytes(hash.bytes)])))
      return parseScrapeReply(body, context.hashes.map((hash) => hash.bytes))
    } catch (error) {
      // A tracker may follow the announce URL convention without serving scrapes: ask it the other way.
      if (!(error instanceof TrackerError && error.httpStatus === 404)) throw error
    }
  }
  onMethod('announce')
  // One announce per hash: an announce names one torrent.
  return Promise.all(context.hashes.map(async (hash) => parseAnnounceReply(await get(withQuery(announce, announceParams(hash, context))))))
}

/** BEP 3 parameters for an announce that registers nothing: `event=stopped`, `numwant=0`. */
function announceParams(hash: Hash, context: Context): Array<[string, string]> {
  return [
    ['info_hash', percentEncodeBytes(hash.bytes)],
    ['peer_id', percentEncodeBytes(context.peerId)],
    ['port', String(context.peerPort)],
    ['uploaded', '0'],
    ['downloaded', '0'],
    ['left', String(context.left)],
    ['event', 'stopped'],
    ['numwant', '0'],
    ['compact', '1'],
    ['no_peer_id', '1'],
  ]
}

/** Runs `work` over `items` with at most `limit` at a time; results in item order. */
async function mapLimited<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length)
  let next = 0
  const lanes = Array.from({length: Math.min(limit, items.length)}, async () => {
    while (next < items.length) {
      const index = next++
      results[index] = await work(items[index]!)
    }
  })
  await Promise.all(lanes)
  return results
}

/** Whether an HTTP tracker timed out before or after accepting the connection: a dead host, or a stuck tracker. */
function httpTimeout(connected: boolean, seconds: number): string {
  return connected ? `connected, but no reply within ${seconds} s` : `no connection within ${seconds} s`
}

function protocolOf(url: string): string {
  return /^([a-z][a-z0-9+.-]*):/iu.exec(url)?.[1]?.toLowerCase() ?? ''
}

function hostOf(url: string): string {
  try {
    const parsed = new URL(url)
    return parsed.host
  } catch {
    return maskUrl(url)
  }
}

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex')
}
