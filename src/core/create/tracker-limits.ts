import {encodeBencode} from '../bencode/encode.js'
import {formatBytes} from '../bytes.js'
import type {ContentWalk} from '../content/content-file.js'
import {type PieceLayout} from '../content/piece-layout.js'
import {MAX_PIECE_LENGTH} from '../content/piece-length.js'
import {UsageError} from '../errors.js'
import {HASH_SIZE} from '../hash/merkle.js'
import type {TorrentFields} from './torrent-fields.js'

/** A tracker's rules for uploads, from a preset (docs/config.md). */
export interface TrackerLimits {
  maxPieceLength?: number
  /** Bytes of the whole .torrent file. */
  maxTorrentSize?: number
}

export type OuterFields = Partial<Omit<TorrentFields, 'name' | 'private' | 'source' | 'crossSeed'>>

/**
 * Bytes of the .torrent file a plan gives, before hashing: the fields around `info` encoded as
 * they will be, `infoLength` (exact) and the v2 piece layers. Files with the same content share
 * one layer, which only hashing tells, so this is an upper bound for v2 and hybrid.
 */
export function plannedTorrentLength(fields: OuterFields, layout: PieceLayout, walk: ContentWalk, infoLength: number): number {
  const urls = (fields.announce ?? []).flat()
  const webSeeds = fields.webSeeds ?? []
  const outer = {
    announce: urls[0],
    'announce-list': urls.length > 1 ? fields.announce : undefined,
    comment: fields.comment,
    'created by': fields.createdBy,
    'creation date': fields.creationDate,
    httpseeds: fields.httpSeeds?.length ? fields.httpSeeds : undefined,
    // `i0e` stands for the info dictionary: three bytes, replaced by its length below.
    info: 0,
    nodes: fields.dhtNodes?.length ? fields.dhtNodes.map(({host, port}) => [host, port]) : undefined,
    'url-list': webSeeds.length === 1 ? webSeeds[0] : webSeeds.length > 1 ? webSeeds : undefined,
  }
  let length = encodeBencode(outer).length - 3 + infoLength
  if (layout.metaVersion === 'v1') return length
  length += '12:piece layersde'.length
  for (let index = 0; index < walk.columns.count; index++) {
    const fileLength = walk.columns.length(index)
    if (fileLength <= layout.pieceLength) continue
    const layerBytes = Math.ceil(fileLength / layout.pieceLength) * HASH_SIZE
    length += `${HASH_SIZE}:`.length + HASH_SIZE + `${layerBytes}:`.length + layerBytes
  }
  return length
}

/** A piece length given with -l or in a preset that the tracker's maxPieceLength refuses: exit 2. */
export function assertPieceLengthWithin(pieceLength: number, limits: TrackerLimits): void {
  if (limits.maxPieceLength !== undefined && pieceLength > limits.maxPieceLength) {
    throw new UsageError('piece-length-over-limit', `the piece length ${formatBytes(pieceLength)} is over the maxPieceLength of ${formatBytes(limits.maxPieceLength)}; choose a smaller one or leave it to auto`)
  }
}

/** The largest piece length the auto choice may reach under the limits. */
export function pieceLengthCeiling(limits: TrackerLimits): number {
  return Math.min(MAX_PIECE_LENGTH, limits.maxPieceLength ?? MAX_PIECE_LENGTH)
}

/** A planned torrent over maxTorrentSize even at the largest piece length allowed: exit 2, before hashing. */
export function assertTorrentSizeWithin(length: number, limits: TrackerLimits, auto: boolean): void {
  if (limits.maxTorrentSize === undefined || length <= limits.maxTorrentSize) return
  const how = auto ? 'even at the largest piece length allowed' : 'at this piece length; choose larger pieces or leave it to auto'
  throw new UsageError('torrent-over-limit', `the .torrent would take ${formatBytes(length)}, over the maxTorrentSize of ${formatBytes(limits.maxTorrentSize)}, ${how}`)
}
