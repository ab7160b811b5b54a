import {randomInt} from 'node:crypto'
import {UsageError} from '../errors.js'
import {fileBytesIn, planVerify} from '../verify/verify-plan.js'
import {validTorrent} from '../use-cases/verify-content.js'
import {maskUrl} from './mask-url.js'
import {checkWebSeed} from './web-seed-check.js'
import type {WebSeedVerifyReport} from './web-seed-report.js'
import {samplePieces} from './web-seed-sample.js'
import {webSeedUrlProblem} from './web-seed-url.js'

export interface WebSeedVerifyOptions {
  /** The .torrent file's bytes. */
  torrent: Uint8Array
  /** Web seed URLs to check (`--web-seed`). */
  urls?: string[]
  /** Also check every URL of the torrent's BEP 19 `url-list` (`--web-seeds`). */
  torrentWebSeeds?: boolean
  /** Check this many random pieces plus the first and last piece of every file, instead of all. */
  sample?: number
  /** The sample's seed (an unsigned 32-bit integer); random when not given, and reported. */
  seed?: number
  /** Sizes only: no piece is fetched. */
  fast?: boolean
  /** Requests in flight per web seed; default 4. */
  connections?: number
  /** Longest wait for a connection, headers or the next bytes; default 30 s. */
  timeoutMs?: number
  /** More tries after a timeout, a broken connection or a 5xx; default 2. */
  retries?: number
  /** Redirects followed per request; default 5. */
  maxRedirects?: number
  signal?: AbortSignal
  onProgress?: (progress: {phase: 'hashing'; bytesDone: number; bytesTotal: number}) => void
}

/**
 * Checks the data web seeds serve against a torrent (BEP 19): for each URL, every file's length
 * first, then the pieces, fetched with Range requests and hashed here. The torrent is validated
 * first (exit 3 when invalid); what the servers do wrong is the report, not an error.
 */
export async function verifyWebSeeds(options: WebSeedVerifyOptions): Promise<WebSeedVerifyReport> {
  const metainfo = validTorrent(options.torrent)
  for (const url of options.urls ?? []) {
    const problem = webSeedUrlProblem(url)
    if (problem !== undefined) throw new UsageError('invalid-url', `--web-seed ${maskUrl(url)}: ${problem}`)
  }
  const urls = [...new Set([...(options.urls ?? []), ...(options.torrentWebSeeds ? metainfo.webSeeds : [])])]
  if (urls.length === 0) {
    throw new UsageError('no-web-seeds', options.torrentWebSeeds ? 'the torrent lists no web seeds (url-list); give one with --web-seed URL' : 'no web seed to check')
  }
  const plan = planVerify(metainfo)
  const seed = options.sample === undefined ? undefined : (options.seed ?? randomInt(0, 2 ** 32)) >>> 0
  const wanted = seed === undefined ? new Uint8Array(plan.pieceCount).fill(1) : samplePieces(plan, options.sample!, seed)
  let bytesTotal = 0
  if (!options.fast) {
    wanted.forEach((flag, piece) => {
      if (flag) bytesTotal += fileBytesIn(plan, piece * plan.pieceLength, Math.min((piece + 1) * plan.pieceLength, plan.layoutLength))
    })
    bytesTotal *= urls.length
  }
  let bytesDone = 0
  const onBytes = (bytes: number): void => {
    bytesDone += bytes
    options.onProgress?.({phase: 'hashing', bytesDone, bytesTotal: Math.max(bytesTotal, bytesDone)})
  }
  const webSeeds = await Promise.all(
    urls.map((url) =>
      checkWebSeed(url, {
        plan,
        layout: {singleFile: plan.singleFile, name: metainfo.name, files: plan.files},
        wanted,
        fast: options.fast ?? false,
        connections: options.connections ?? 4,
        timeoutMs: options.timeoutMs ?? 30_000,
        retries: options.retries ?? 2,
        maxRedirects: options.maxRedirects ?? 5,
        signal: options.signal,
        onBytes,
      }),
    ),
  )
  return {
    ok: webSeeds.every((result) => result.ok),
    metaVersion: plan.metaVersion,
    name: plan.name,
    fast: options.fast ?? false,
    sample: seed === undefined ? null : {pieces: options.sample!, seed},
    webSeeds,
  }
}
