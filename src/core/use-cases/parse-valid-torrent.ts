import {InvalidTorrentError, namingTorrent} from '../errors.js'
import {type ParseOptions, type ParsedTorrent, parseMetainfo} from '../metainfo/parse-metainfo.js'

/**
 * Parses a torrent that must be valid, for commands that act on one (`magnet`, `edit`): the first
 * error issue, or a decoding failure, becomes an InvalidTorrentError (exit 3) naming `label`.
 * Warnings are allowed, as `info` allows them.
 */
export function parseValidTorrent(bytes: Uint8Array, label: string, options: ParseOptions = {}): ParsedTorrent {
  let parsed: ParsedTorrent
  try {
    parsed = parseMetainfo(bytes, options)
  } catch (error) {
    throw namingTorrent(error, label)
  }
  const errors = parsed.issues.filter((issue) => issue.severity === 'error')
  if (errors.length > 0) {
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more errors)` : ''
    throw new InvalidTorrentError(errors[0]!.code, `${label} is not a valid torrent: ${errors[0]!.message}${more}; mktorrent info lists every issue`)
  }
  return parsed
}
