/** How one tracker URL of a torrent can be asked. */
export type TrackerTarget =
  | {kind: 'http'; url: URL; scrapeUrl: URL | undefined}
  | {kind: 'udp'; host: string; port: number}
  | {kind: 'not-checked'; reason: string}
  | {kind: 'invalid'; errorClass: 'invalid-url' | 'unsupported-scheme'; reason: string}

export function trackerTarget(announce: string): TrackerTarget {
  let url: URL
  try {
    url = new URL(announce)
  } catch {
    return {kind: 'invalid', errorClass: 'invalid-url', reason: 'not a valid URL'}
  }
  switch (url.protocol) {
    case 'http:':
    case 'https:':
      return {kind: 'http', url, scrapeUrl: scrapeUrl(url)}
    case 'udp:': {
      // BEP 15 has no default port; a hostname with brackets is an IPv6 literal.
      if (url.port === '') return {kind: 'invalid', errorClass: 'invalid-url', reason: 'a udp:// tracker URL needs a port'}
      return {kind: 'udp', host: url.hostname.replace(/^\[(.*)\]$/u, '$1'), port: Number(url.port)}
    }
    case 'ws:':
    case 'wss:':
      return {
        kind: 'not-checked',
        reason: 'WebSocket (WebTorrent) trackers are not checked: they answer only peers that offer a WebRTC connection',
      }
    default:
      return {kind: 'invalid', errorClass: 'unsupported-scheme', reason: `${url.protocol.slice(0, -1)}: is not a tracker protocol clients speak`}
  }
}

/**
 * BEP 48's convention: the text after the last `/` of the path must start with `announce`, which
 * becomes `scrape` (`/announce.php?passkey=x` -> `/scrape.php?passkey=x`). Any other URL has no
 * scrape URL, and the tracker is asked with an announce instead.
 */
export function scrapeUrl(announce: URL): URL | undefined {
  const path = announce.pathname
  const slash = path.lastIndexOf('/')
  if (!path.startsWith('announce', slash + 1)) return undefined
  const scrape = new URL(announce.href)
  scrape.pathname = `${path.slice(0, slash + 1)}scrape${path.slice(slash + 1 + 'announce'.length)}`
  return scrape
}

/** `url` with `params` appended to its query; values are already percent-encoded (info-hashes are raw bytes). */
export function withQuery(url: URL, params: Array<[string, string]>): URL {
  const added = params.map(([key, value]) => `${key}=${value}`).join('&')
  const result = new URL(url.href)
  result.search = result.search === '' || result.search === '?' ? `?${added}` : `${result.search}&${added}`
  return result
}

/** Raw bytes in a query string: every byte that is not unreserved (RFC 3986) as %XX. */
export function percentEncodeBytes(bytes: Uint8Array): string {
  let text = ''
  for (const byte of bytes) {
    const char = String.fromCharCode(byte)
    text += /[A-Za-z0-9\-._~]/u.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`
  }
  return text
}
