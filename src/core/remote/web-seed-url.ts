import type {PlannedFile} from '../verify/verify-plan.js'

/** What the URLs depend on: the torrent's `name` as raw bytes (BEP 3) and its files. */
export interface WebSeedLayout {
  singleFile: boolean
  name: Uint8Array
  files: PlannedFile[]
}

/** Why a web seed URL cannot be checked, or undefined when it can (http and https only, as clients). */
export function webSeedUrlProblem(url: string): string | undefined {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return 'not a URL'
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return `${parsed.protocol.slice(0, -1)} is not supported: web seeds are http or https`
  return undefined
}

/**
 * The URL of each file of the torrent on a web seed, as BEP 19 says and as aria2c 1.36 and
 * libtorrent 2.0.8 request them (test/interop/web-seed-urls.test.ts logs both):
 * - single file: the URL itself; a URL ending in `/` gets the file's name appended;
 * - several files: URL + name + `/` + path, a `/` added first when the URL lacks one.
 * Each name and path element is percent-encoded as UTF-8, everything but RFC 3986's unreserved
 * characters, in upper case hex: aria2c's bytes exactly; libtorrent leaves `!*'()` as they are and
 * writes lower-case hex, which servers decode to the same path.
 */
export function webSeedFileUrls(base: string, plan: WebSeedLayout): string[] {
  const href = new URL(base).href
  if (plan.singleFile) {
    // A single file's name is its own path: in v2 its file tree key, which clients use (verify-plan).
    const file = plan.files[0]!
    return [href.endsWith('/') ? href + encodeElement(file.elements.at(-1)!) : href]
  }
  const folder = (href.endsWith('/') ? href : `${href}/`) + encodeElement(plan.name)
  return plan.files.map((file) => `${folder}/${file.elements.map(encodeElement).join('/')}`)
}

const unreserved = /[A-Za-z0-9\-._~]/

/** One name or path element, percent-encoded as aria2c does. */
export function encodeElement(bytes: Uint8Array): string {
  let text = ''
  for (const byte of bytes) {
    const char = String.fromCharCode(byte)
    text += byte < 0x80 && unreserved.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`
  }
  return text
}
