import {UsageError} from '../errors.js'

/** Where a URL goes: BEP 3/12 trackers, BEP 19 web seeds (`url-list`), BEP 17 HTTP seeds (`httpseeds`). */
export type UrlRole = 'tracker' | 'web seed' | 'http seed'

/**
 * The schemes clients use for each role. Trackers: HTTP(S) (BEP 3), UDP (BEP 15), and the
 * WebSocket trackers of WebTorrent that libtorrent 2 accepts. Web and HTTP seeds: HTTP(S) only;
 * libtorrent and Transmission fetch nothing else, so an ftp:// seed would never be used.
 */
export const URL_SCHEMES: Readonly<Record<UrlRole, readonly string[]>> = {
  tracker: ['http', 'https', 'udp', 'ws', 'wss'],
  'web seed': ['http', 'https'],
  'http seed': ['http', 'https'],
}

const ROLE_NAMES: Readonly<Record<UrlRole, string>> = {tracker: 'a tracker', 'web seed': 'a web seed', 'http seed': 'an HTTP seed'}

export type UrlFault = {code: 'url-invalid'; reason: string} | {code: 'url-protocol'; scheme: string}

// RFC 3986 allows neither these nor anything outside printable ASCII (percent-encode it instead).
const controlCharacter = /[\u0000-\u001F\u007F-\u009F]/u
const notInUri = /["<>\\^`{|}]/u
const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/u
const strayPercent = /%(?![0-9A-Fa-f]{2})/u

/**
 * The one URL rule of create, edit, the wizard and info (docs/validation.md): what is wrong with
 * `url` as a `role` URL, or undefined when clients can use it. A URL must be RFC 3986 text
 * (printable ASCII, no space), `scheme://host...`, parse as a WHATWG URL, and use a scheme of the
 * role. The WHATWG parser alone is too kind: it percent-encodes spaces and turns `\` into `/`.
 */
export function urlFault(url: string, role: UrlRole): UrlFault | undefined {
  const invalid = (reason: string): UrlFault => ({code: 'url-invalid', reason})
  if (url === '') return invalid('it is empty')
  if (/\s/u.test(url)) return invalid('it contains a space or other whitespace')
  if (controlCharacter.test(url)) return invalid('it contains a control character')
  if (/[^\u0020-\u007E]/u.test(url)) return invalid('it contains a non-ASCII character (percent-encode it, or write the host in punycode)')
  const unsafe = notInUri.exec(url)
  if (unsafe) return invalid(`it contains ${JSON.stringify(unsafe[0])}, which a URL cannot hold unencoded`)
  if (strayPercent.test(url)) return invalid('it contains a % that does not start a %XX escape')
  const name = scheme.exec(url)?.[1]?.toLowerCase()
  if (name === undefined) return invalid('it has no scheme, such as http://')
  if (!URL_SCHEMES[role].includes(name)) return {code: 'url-protocol', scheme: name}
  if (!url.slice(name.length + 1).startsWith('//')) return invalid(`it has no // after ${name}:`)
  let host: string
  try {
    host = new URL(url).hostname
  } catch {
    return invalid('it does not parse (check the host and port)')
  }
  return host === '' ? invalid('it has no host') : undefined
}

/** The fault as the end of a sentence that starts with the URL: `is not a valid URL: ...`. */
export function describeUrlFault(fault: UrlFault, role: UrlRole): string {
  if (fault.code === 'url-invalid') return `is not a valid URL: ${fault.reason}`
  return `uses ${fault.scheme}, which clients do not use for ${ROLE_NAMES[role]}; use ${orList(URL_SCHEMES[role])}`
}

/** Throws a usage error (exit 2) naming `flag` and the URL when the URL breaks the rule. */
export function assertUrl(url: string, role: UrlRole, flag: string): void {
  const fault = urlFault(url, role)
  if (fault !== undefined) throw new UsageError('invalid-url', `${flag} ${JSON.stringify(url)} ${describeUrlFault(fault, role)}`)
}

function orList(words: readonly string[]): string {
  return words.length === 1 ? words[0]! : `${words.slice(0, -1).join(', ')} or ${words.at(-1)}`
}
