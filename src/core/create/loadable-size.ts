import {defaultDecodeLimits} from '../bencode/decode.js'
import {formatBytes} from '../bytes.js'
import type {PieceLayout} from '../content/piece-layout.js'
import {UsageError} from '../errors.js'
import {HASH_SIZE} from '../hash/merkle.js'

/**
 * Refuses, before any hashing, a torrent too large for `mktorrent info` and libtorrent's default
 * load limit (10 MB): the info dictionary as planned, plus the v2 piece layers outside it. With
 * `--allow info-too-large` it is written anyway, and the lint says what that means.
 */
export function assertLoadableSize(layout: PieceLayout, fileLengths: number[], infoLength: number, allow: ReadonlySet<string>): void {
  if (allow.has('info-too-large')) return
  let layerBytes = 0
  if (layout.metaVersion !== 'v1') {
    for (const length of fileLengths) if (length > layout.pieceLength) layerBytes += Math.ceil(length / layout.pieceLength) * HASH_SIZE
  }
  const planned = infoLength + layerBytes
  if (planned <= defaultDecodeLimits.maxBytes) return
  throw new UsageError(
    'planned-torrent-too-large',
    `the torrent would take ${formatBytes(planned)}, over the 10 MB that mktorrent info and libtorrent load by default: choose larger pieces with -l, or write it anyway with --allow info-too-large`,
  )
}
