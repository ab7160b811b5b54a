import http, {type IncomingMessage, type ServerResponse} from 'node:http'
import type {AddressInfo} from 'node:net'

/** How a loopback web seed misbehaves; by default it serves files with Range support (206). */
export interface WebSeedServerOptions {
  /** Decoded URL path ('/mirror/name/a.bin') -> the bytes served there. */
  files: Record<string, Buffer>
  /** Ignore Range headers: always 200 with the whole file. */
  noRange?: boolean
  /** Answer ranged requests with a Content-Range one byte off what was asked. */
  wrongRange?: boolean
  /** Answer ranged requests with this many bytes more than asked: announced in Content-Length, or (`chunked`) not. */
  overSend?: number
  chunked?: boolean
  /** Send half of each ranged body, then close the connection. */
  truncate?: boolean
  /** Never answer. */
  hang?: boolean
  /** Wait this long before each 16 KiB of a body. */
  slowMs?: number
  /** Answer 302 to itself, every request. */
  redirectLoop?: boolean
  /** Answer 302 to this origin (or any URL prefix) + the path asked for, every request. */
  redirectTo?: string
  /** Paths (decoded) answering this status instead. */
  statusFor?: Record<string, number>
}

export interface LoggedRequest {
  method: string
  /** The request target exactly as sent. */
  url: string
  range: string | undefined
}

export interface WebSeedServer {
  origin: string
  requests: LoggedRequest[]
  close(): Promise<void>
}

/** A real HTTP server on 127.0.0.1, port 0, for web seed tests; it logs every request. */
export async function startWebSeedServer(options: WebSeedServerOptions): Promise<WebSeedServer> {
  const requests: LoggedRequest[] = []
  const server = http.createServer((request, response) => {
    requests.push({method: request.method ?? '', url: request.url ?? '', range: request.headers.range})
    handle(options, request, response).catch(() => response.destroy())
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const {port} = server.address() as AddressInfo
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

async function handle(options: WebSeedServerOptions, request: IncomingMessage, response: ServerResponse): Promise<void> {
  if (options.hang) return
  let path: string
  try {
    path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname)
  } catch {
    response.writeHead(400).end()
    return
  }
  if (options.redirectLoop || options.redirectTo !== undefined) {
    response.writeHead(302, {location: options.redirectLoop ? request.url : `${options.redirectTo}${request.url}`}).end()
    return
  }
  const status = options.statusFor?.[path]
  if (status !== undefined) {
    response.writeHead(status, {'content-length': 0}).end()
    return
  }
  const data = options.files[path]
  if (data === undefined) {
    response.writeHead(404, {'content-length': 0}).end()
    return
  }
  const range = /^bytes=(\d+)-(\d+)$/.exec(request.headers.range ?? '')
  if (range === null || options.noRange) {
    response.writeHead(200, {'content-length': data.length})
    await send(response, data, options)
    return
  }
  const start = Number(range[1])
  if (start >= data.length) {
    response.writeHead(416, {'content-range': `bytes */${data.length}`, 'content-length': 0}).end()
    return
  }
  const end = Math.min(Number(range[2]), data.length - 1)
  const shift = options.wrongRange ? 1 : 0
  const over = options.overSend ?? 0
  const body = Buffer.concat([data.subarray(start, end + 1), Buffer.alloc(over, 0x55)])
  const headers: Record<string, string | number> = {'content-range': `bytes ${start + shift}-${end + shift}/${data.length}`}
  if (!options.chunked) headers['content-length'] = body.length
  response.writeHead(206, headers)
  if (options.truncate && body.length > 1) {
    response.write(body.subarray(0, body.length >> 1))
    setTimeout(() => response.destroy(), 20)
    return
  }
  await send(response, body, options)
}

async function send(response: ServerResponse, body: Buffer, options: WebSeedServerOptions): Promise<void> {
  if (!options.slowMs) {
    response.end(body)
    return
  }
  for (let at = 0; at < body.length; at += 16 * 1024) {
    await new Promise((resolve) => setTimeout(resolve, options.slowMs))
    if (response.destroyed) return
    response.write(body.subarray(at, at + 16 * 1024))
  }
  response.end()
}
