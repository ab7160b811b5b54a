/**
 * URLs as they may be shown to people and logs. Trackers put passkeys in the path
 * (`/announce/0123abcd…`, `/0123abcd…/announce`) or the query (`?passkey=…`), and web seeds carry
 * credentials or signed query tokens: every such part is replaced with `***`, the rest is kept so
 * the user can still tell which URL is meant.
 */
const secretPathSegment = /^[A-Za-z0-9_-]{16,}$/

export const maskedPart = '***'

export function maskUrl(url: string): string {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return maskUnparsed(url)
  }
  if (parsed.username !== '') parsed.username = maskedPart
  if (parsed.password !== '') parsed.password = maskedPart
  parsed.pathname = parsed.pathname
    .split('/')
    .map((segment) => (secretPathSegment.test(segment) ? maskedPart : segment))
    .join('/')
  const query = [...parsed.searchParams.keys()]
  if (query.length > 0) parsed.search = query.map((key) => `${encodeURIComponent(key)}=${maskedPart}`).join('&')
  // URL serialisation percent-encodes the asterisks we put in; show them as written.
  return parsed.href.replaceAll('%2A%2A%2A', maskedPart)
}

/** A string that is not a URL still may hold a secret after `@`, `?` or in a long token. */
function maskUnparsed(text: string): string {
  return text
    .replace(/\/\/[^/@\s]*@/, `//${maskedPart}@`)
    .replace(/\?.*$/, `?${maskedPart}`)
    .replace(/[A-Za-z0-9_-]{16,}/g, maskedPart)
}
