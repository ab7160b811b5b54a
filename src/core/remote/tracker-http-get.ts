import http from 'node:http'
import https from 'node:https'
import {gunzipSync, inflateSync} from 'node:zlib'
import {maskUrl} from './mask-url.js'
import {TrackerError, networkError} from './tracker-error.js'

export interface HttpReply {
  status: number
  statusText: string
  body: Buffer
}

export interface HttpGetOptions {
  /** Aborted when the tracker's time is up; its reason is the TrackerError to report. */
  signal: AbortSignal
  userAgent: string
  /** Replies longer than this (after decompression) are refused: a scrape or announce reply is small. */
  maxBytes?: number
  maxRedirects?: number
  /** Set once the host accepted a connection. */
  onReachable?: () => void
}

const defaultMaxBytes = 1024 * 1024
const redirects = new Set([301, 302, 303, 307, 308])

/**
 * One GET to a tracker, following redirects (only to http and https, at most `maxRedirects`) and
 * reading at most `maxBytes`. Every failure is a TrackerError with its class.
 */
export async function httpGet(url: URL, options: HttpGetOptions): Promise<HttpReply> {
  const maxRedirects = options.maxRedirects ?? 5
  let current = url
  for (let hop = 0; ; hop++) {
    const reply = await getOnce(current, options)
    if (!redirects.has(reply.status) || reply.location === undefined) return reply
    if (hop === maxRedirects) throw new TrackerError('redirect', `more than ${maxRedirects} redirects`, true)
    let next: URL
    try {
      next = new URL(reply.location, current)
    } catch {
      throw new TrackerError('redirect', `a redirect to ${JSON.stringify(maskUrl(reply.location))}, which is not a URL`, true)
    }
    if (next.protocol !== 'http:' && next.protocol !== 'https:') {
      throw new TrackerError('redirect', `a redirect to ${maskUrl(next.href)}, which is not http or https`, true)
    }
    current = next
  }
}

interface RawReply extends HttpReply {
  location: string | undefined
}

function getOnce(url: URL, options: HttpGetOptions): Promise<RawReply> {
  const maxBytes = options.maxBytes ?? defaultMaxBytes
  const host = `${url.hostname}:${url.port || (url.protocol === 'https:' ? 443 : 80)}`
  const client = url.protocol === 'https:' ? https : http
  return new Promise((resolve, reject) => {
    let reachable = false
    let settled = false
    const fail = (error: unknown): void => {
      if (settled) return
      settled = true
      options.signal.removeEventListener('abort', onAbort)
      request.destroy()
      reject(networkError(error, host, reachable))
    }
    const onAbort = (): void => fail(options.signal.reason)
    // agent: false, so no keep-alive socket outlives the check and holds the process open.
    const request = client.get(url, {agent: false, headers: {'user-agent': options.userAgent, 'accept-encoding': 'gzip, deflate'}})
    request.on('socket', (socket) => {
      socket.once('connect', () => {
        reachable = true
        options.onReachable?.()
      })
    })
    request.on('error', fail)
    request.on('response', (response) => {
      reachable = true
      options.onReachable?.()
      const chunks: Buffer[] = []
      let length = 0
      response.on('data', (chunk: Buffer) => {
        length += chunk.length
        if (length > maxBytes) return fail(new TrackerError('malformed-reply', `the reply is over ${maxBytes} bytes`, true))
        chunks.push(chunk)
      })
      response.on('error', fail)
      response.on('end', () => {
        if (settled) return
        try {
          const body = decompress(Buffer.concat(chunks), response.headers['content-encoding'], maxBytes)
          settled = true
          options.signal.removeEventListener('abort', onAbort)
          const location = response.headers.location
          resolve({status: response.statusCode ?? 0, statusText: response.statusMessage ?? '', body, location})
        } catch (error) {
          fail(error)
        }
      })
    })
    if (options.signal.aborted) onAbort()
    else options.signal.addEventListener('abort', onAbort, {once: true})
  })
}

function decompress(body: Buffer, encoding: string | undefined, maxBytes: number): Buffer {
  const kind = encoding?.trim().toLowerCase()
  if (kind === undefined || kind === '' || kind === 'identity') return body
  try {
    if (kind === 'gzip' || kind === 'x-gzip') return gunzipSync(body, {maxOutputLength: maxBytes})
    if (kind === 'deflate') return inflateSync(body, {maxOutputLength: maxBytes})
  } catch (error) {
    throw new TrackerError('malformed-reply', `the ${kind} reply does not decompress (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, true)
  }
  throw new TrackerError('malformed-reply', `the reply uses the content encoding ${JSON.stringify(kind)}, which was not asked for`, true)
}
