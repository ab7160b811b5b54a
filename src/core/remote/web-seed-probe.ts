import {type WebSeedHttpOptions, WebSeedFetchError, type WebSeedResponse, readBody, statusError, webSeedGet} from './web-seed-http.js'

/** What a first request tells about a file on a web seed. */
export interface WebSeedProbe {
  length: number
  /** The server answered the Range request with 206. */
  rangeSupport: boolean
  /** The URL that answered, after redirects: later requests for the file go there. */
  url: string
}

/**
 * Asks for a file's first byte (`Range: bytes=0-0`) and learns its length from `Content-Range`,
 * or from `Content-Length` when the server ignores Range (200: the body is not read). A GET rather
 * than HEAD, because signed mirror URLs often allow GET only.
 */
export async function probeWebSeedFile(url: string, options: WebSeedHttpOptions): Promise<WebSeedProbe> {
  const response = await webSeedGet(url, [0, 0], options)
  if (response.status === 206) {
    const total = contentRangeTotal(response)
    const range = parseContentRange(response.headers['content-range'])
    if (total === undefined || range === undefined || range.start !== 0) {
      response.body.destroy()
      throw new WebSeedFetchError('bad-response', `206 with Content-Range ${JSON.stringify(response.headers['content-range'] ?? '')} for bytes 0-0`, false)
    }
    await readBody(response, range.end - range.start + 1, () => {}, options)
    return {length: total, rangeSupport: true, url: response.url}
  }
  if (response.status === 200) {
    response.body.destroy()
    const length = Number(response.headers['content-length'])
    if (response.headers['content-length'] === undefined || !Number.isSafeInteger(length)) {
      throw new WebSeedFetchError('bad-response', 'it ignores Range requests and gives no Content-Length', false)
    }
    return {length, rangeSupport: false, url: response.url}
  }
  // An empty file cannot hold byte 0: `416` with `Content-Range: bytes */0` is its answer.
  if (response.status === 416) {
    response.body.destroy()
    const total = /^bytes \*\/(\d+)$/.exec(response.headers['content-range'] ?? '')
    if (total !== null) return {length: Number(total[1]), rangeSupport: true, url: response.url}
  }
  response.body.destroy()
  throw statusError(response)
}

/**
 * Fetches bytes [start, start + length) of a file into `onChunk`: a 206 for exactly that range,
 * or (`whole`) a 200 with the whole file for servers that ignore Range.
 */
export async function fetchWebSeedBytes(url: string, start: number, length: number, whole: boolean, onChunk: (chunk: Buffer) => void, options: WebSeedHttpOptions): Promise<void> {
  const response = await webSeedGet(url, whole ? undefined : [start, start + length - 1], options)
  if (response.status !== (whole ? 200 : 206)) {
    response.body.destroy()
    if (response.status === 200 || response.status === 206) {
      throw new WebSeedFetchError('bad-response', `HTTP ${response.status} where ${whole ? 200 : 206} was expected`, false)
    }
    throw statusError(response)
  }
  if (!whole) {
    const range = parseContentRange(response.headers['content-range'])
    if (range === undefined || range.start !== start || range.end !== start + length - 1) {
      response.body.destroy()
      throw new WebSeedFetchError('bad-response', `Content-Range ${JSON.stringify(response.headers['content-range'] ?? '')} for bytes ${start}-${start + length - 1}`, false)
    }
  }
  await readBody(response, length, onChunk, options)
}

function parseContentRange(header: string | undefined): {start: number; end: number; total: number | undefined} | undefined {
  const match = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(header?.trim() ?? '')
  if (match === null) return undefined
  const [start, end] = [Number(match[1]), Number(match[2])]
  if (end < start) return undefined
  return {start, end, total: match[3] === '*' ? undefined : Number(match[3])}
}

function contentRangeTotal(response: WebSeedResponse): number | undefined {
  return parseContentRange(response.headers['content-range'])?.total
}
