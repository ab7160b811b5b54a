/**
 * What a file that is not a torrent most likely is, told from its first bytes, for the error that
 * refuses it: a web page saved in place of the torrent, an archive, an image, a magnet link.
 * Undefined when it looks like nothing in particular.
 */
export function notATorrentHint(bytes: Uint8Array): string | undefined {
  const starts = (...signature: number[]): boolean => signature.every((byte, index) => bytes[index] === byte)
  if (starts(0x1f, 0x8b)) return 'this is gzip-compressed data; decompress it first (gunzip)'
  if (starts(0x50, 0x4b, 0x03, 0x04) || starts(0x50, 0x4b, 0x05, 0x06)) return 'this is a zip archive; extract the .torrent file from it'
  if (starts(0x89, 0x50, 0x4e, 0x47)) return 'this is a PNG image, not a .torrent file'
  if (starts(0xff, 0xd8, 0xff)) return 'this is a JPEG image, not a .torrent file'
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'this is a GIF image, not a .torrent file'
  if (starts(0x25, 0x50, 0x44, 0x46)) return 'this is a PDF document, not a .torrent file'
  const text = Buffer.from(bytes.subarray(0, 512)).toString('latin1').replace(/^\uFEFF|^\xEF\xBB\xBF/u, '').trimStart()
  const lower = text.toLowerCase()
  if (lower.startsWith('<!doctype html') || lower.startsWith('<html') || /^<[^>]*>\s*<html/u.test(lower)) {
    return 'this is an HTML page, often a login or error page saved in place of the torrent; download the .torrent again'
  }
  if (lower.startsWith('<?xml') || lower.startsWith('<')) return 'this is XML or HTML text, not a .torrent file'
  if (text.startsWith('{') || text.startsWith('[')) return 'this is JSON text, not a .torrent file'
  if (lower.startsWith('magnet:?')) return 'this is a magnet link, not a .torrent file; give the link to a client as it is'
  if (/^(https?|ftp):\/\//u.test(lower)) return 'this is a URL in a text file; download the .torrent file it points to'
  return undefined
}
