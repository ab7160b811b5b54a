import http, {type IncomingHttpHeaders, type IncomingMessage} from 'node:http'
import https from 'node:https'

/** How a request to a web seed failed, as the report names it. */
export type WebSeedFailureKind = 'missing' | 'http-error' | 'network-error' | 'bad-response'

export class WebSeedFetchError extends Error {
  constructor(
    readonly kind: WebSeedFailureKind,
    message: string,
    /** Worth another try: a timeout, a reset, a truncated body, a 5xx or 429. */
    readonly retryable: boolean,
    /** The host could not be reached at all (refused, DNS, TLS, no answer): its other files would fail alike. */
    readonly unreachable = false,
  ) {
    super(message)
  }
}

export interface WebSeedHttpOptions {
  /** Longest wait for a connection, the headers, or the next bytes of a body. */
  timeoutMs: number
  maxRedirects: number
  signal?: AbortSignal
  agents: WebSeedAgents
}

export interface WebSeedAgents {
  http: http.Agent
  https: https.Agent
}

/** Keep-alive agents for one web seed: at most `connections` sockets to each host. */
export function webSeedAgents(connections: number): WebSeedAgents {
  const options = {keepAlive: true, maxSockets: connections, maxFreeSockets: connections}
  return {http: new http.Agent(options), https: new https.Agent(options)}
}

export function destroyAgents(agents: WebSeedAgents): void {
  agents.http.destroy()
  agents.https.destroy()
}

export interface WebSeedResponse {
  status: number
  headers: IncomingHttpHeaders
  body: IncomingMessage
  /** The URL that answered, after redirects. */
  url: string
}

const redirectStatuses = new Set([301, 302, 303, 307, 308])

/** A GET, optionally of bytes [start, end] (inclusive, as HTTP writes ranges), following redirects to http(s) only. */
export async function webSeedGet(url: string, range: [number, number] | undefined, options: WebSeedHttpOptions): Promise<WebSeedResponse> {
  let current = url
  for (let redirects = 0; ; redirects++) {
    const response = await getOnce(current, range, options)
    if (!redirectStatuses.has(response.status)) return response
    response.body.destroy()
    const location = response.headers.location
    if (location === undefined) throw new WebSeedFetchError('bad-response', `HTTP ${response.status} without a Location header`, false)
    if (redirects >= options.maxRedirects) throw new WebSeedFetchError('network-error', `more than ${options.maxRedirects} redirects`, false)
    let next: URL
    try {
      next = new URL(location, current)
    } catch {
      throw new WebSeedFetchError('bad-response', 'a redirect to something that is not a URL', false)
    }
    if (next.protocol !== 'http:' && next.protocol !== 'https:') {
      throw new WebSeedFetchError('network-error', `a redirect to ${next.protocol.slice(0, -1)}, not followed: only http and https are`, false)
    }
    current = next.href
  }
}

function getOnce(url: string, range: [number, number] | undefined, options: WebSeedHttpOptions): Promise<WebSeedResponse> {
  return new Promise((resolve, reject) => {
    const target = new URL(url)
    const secure = target.protocol === 'https:'
    const headers: Record<string, string> = {'user-agent': 'mktorrent-verify', 'accept-encoding': 'identity'}
    if (range !== undefined) headers.range = `bytes=${range[0]}-${range[1]}`
    let timedOut = false
    const request = (secure ? https : http).get(target, {
      headers,
      agent: secure ? options.agents.https : options.agents.http,
      // Before the socket connects too (a host that never answers a SYN), then idle time on it.
      timeout: options.timeoutMs,
      signal: options.signal,
    })
    request.on('timeout', () => {
      timedOut = true
      request.destroy()
    })
    request.on('error', (error) => reject(networkError(error, timedOut, options)))
    request.on('response', (body) => {
      body.on('error', () => {})
      // The request's timeout keeps watching the socket while the body is read: readBody reports it.
      resolve({status: body.statusCode ?? 0, headers: body.headers, body, url})
    })
  })
}

function networkError(error: Error, timedOut: boolean, options: WebSeedHttpOptions): Error {
  if (options.signal?.aborted) return options.signal.reason instanceof Error ? options.signal.reason : error
  if (timedOut) return new WebSeedFetchError('network-error', `no answer within ${options.timeoutMs / 1000} s`, true, true)
  const code = (error as NodeJS.ErrnoException).code
  const known: Record<string, string> = {
    ECONNREFUSED: 'connection refused',
    ECONNRESET: 'connection reset',
    ENOTFOUND: 'host not found (DNS)',
    EAI_AGAIN: 'host name lookup failed (DNS)',
    EHOSTUNREACH: 'host unreachable',
    ENETUNREACH: 'network unreachable',
    EPIPE: 'connection closed',
  }
  if (code !== undefined && code in known) return new WebSeedFetchError('network-error', `${known[code]} (${code})`, code !== 'ENOTFOUND', code !== 'ECONNRESET' && code !== 'EPIPE')
  if (code?.startsWith('ERR_TLS') || code?.startsWith('CERT_') || /certificate|ssl|tls/i.test(error.message)) {
    return new WebSeedFetchError('network-error', `TLS: ${error.message}`, false, true)
  }
  return new WebSeedFetchError('network-error', code === undefined ? error.message : `${error.message} (${code})`, true)
}

/** A response that is not the data: 404 and 410 mean the file is missing, any other status is reported as it is. */
export function statusError(response: WebSeedResponse): WebSeedFetchError {
  const {status} = response
  const text = `HTTP ${status}${response.body.statusMessage ? ` ${response.body.statusMessage}` : ''}`
  if (status === 404 || status === 410) return new WebSeedFetchError('missing', text, false)
  return new WebSeedFetchError('http-error', text, status >= 500 || status === 429)
}

/**
 * Reads exactly `expected` bytes of a body into `onChunk`, and never more: a body announcing or
 * sending more is cut off (its socket closed) and reported, one ending early is reported as
 * truncated; an idle socket times out.
 */
export async function readBody(response: WebSeedResponse, expected: number, onChunk: (chunk: Buffer) => void, options: WebSeedHttpOptions): Promise<void> {
  const {body} = response
  const announced = body.headers['content-length']
  if (announced !== undefined && Number(announced) !== expected) {
    body.destroy()
    throw new WebSeedFetchError('bad-response', `Content-Length ${announced} where ${expected} bytes were asked for`, false)
  }
  let received = 0
  let timedOut = false
  const onTimeout = (): void => {
    timedOut = true
    body.destroy()
  }
  body.socket?.once('timeout', onTimeout)
  try {
    for await (const chunk of body as AsyncIterable<Buffer>) {
      const room = expected - received
      if (chunk.length > room) {
        if (room > 0) onChunk(chunk.subarray(0, room))
        body.destroy()
        throw new WebSeedFetchError('bad-response', `more than the ${expected} bytes asked for`, false)
      }
      received += chunk.length
      onChunk(chunk)
    }
  } catch (error) {
    if (error instanceof WebSeedFetchError) throw error
    if (options.signal?.aborted) throw options.signal.reason
    if (timedOut) throw new WebSeedFetchError('network-error', `no data for ${options.timeoutMs / 1000} s after ${received} of ${expected} bytes`, true)
    throw new WebSeedFetchError('network-error', `the connection broke after ${received} of ${expected} bytes`, true)
  } finally {
    body.socket?.off('timeout', onTimeout)
  }
  if (timedOut) throw new WebSeedFetchError('network-error', `no data for ${options.timeoutMs / 1000} s after ${received} of ${expected} bytes`, true)
  if (received < expected) throw new WebSeedFetchError('bad-response', `truncated: ${received} of ${expected} bytes`, true)
}
