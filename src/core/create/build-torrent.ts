import {type Encodable, encodeBencode} from '../bencode/encode.js'
import {RawBencode} from '../bencode/raw-bencode.js'
import type {PieceLayout} from '../content/piece-layout.js'
import type {FileMerkle} from '../hash/file-merkle.js'
import {encodeInfo} from './encode-info.js'

/** What goes into the torrent besides the content: BEP 3, 5, 12, 17, 19, 27 fields. */
export interface TorrentFields {
  name: string
  /** Tracker tiers (BEP 12). */
  announce: string[][]
  webSeeds: string[]
  httpSeeds: string[]
  dhtNodes: Array<{host: string; port: number}>
  private: boolean
  source: string | undefined
  comment: string | undefined
  /** Omitted when undefined, so output can be reproducible. */
  createdBy: string | undefined
  /** Unix seconds; omitted when undefined. */
  creationDate: number | undefined
  /** Adds a random `x_cross_seed` entry inside `info` so the same content gets a new info-hash. */
  crossSeed: boolean
}

export interface BuiltFile {
  /** Path elements inside the torrent. */
  path: string[]
  length: number
}

export interface BuiltTorrent {
  /** The .torrent file. */
  bytes: Buffer
  /** The bencoded `info` dictionary inside it, the input of the info-hashes (BEP 3, BEP 52). */
  infoBytes: Buffer
}

/**
 * Encodes the torrent: the info dictionary for the layout's meta version (encodeInfo), then the
 * fields around it. `piece layers` is a Map keyed by byte strings, sorted by the encoder.
 */
export function buildTorrent(
  fields: TorrentFields,
  layout: PieceLayout,
  files: BuiltFile[],
  pieces: Uint8Array | undefined,
  merkles: Array<FileMerkle | undefined>,
  singleFile: boolean,
): BuiltTorrent {
  const infoBytes = encodeInfo(fields, layout, files, pieces, merkles, singleFile)
  const urls = fields.announce.flat()
  const top: Record<string, Encodable | undefined> = {
    announce: urls[0],
    'announce-list': urls.length > 1 ? fields.announce : undefined,
    comment: fields.comment,
    'created by': fields.createdBy,
    'creation date': fields.creationDate,
    httpseeds: fields.httpSeeds.length > 0 ? fields.httpSeeds : undefined,
    info: new RawBencode(infoBytes),
    nodes: fields.dhtNodes.length > 0 ? fields.dhtNodes.map(({host, port}) => [host, port]) : undefined,
    'piece layers': layout.metaVersion === 'v1' ? undefined : pieceLayers(merkles),
    // libtorrent writes one web seed as a string and several as a list (BEP 19 allows both).
    'url-list': fields.webSeeds.length === 0 ? undefined : fields.webSeeds.length === 1 ? fields.webSeeds[0] : fields.webSeeds,
  }
  return {bytes: encodeBencode(top), infoBytes}
}

/** BEP 52 `piece layers`: one entry per file longer than a piece, keyed by its pieces root. */
function pieceLayers(merkles: Array<FileMerkle | undefined>): Map<string, Encodable> {
  const layers = new Map<string, Encodable>()
  for (const merkle of merkles) {
    if (merkle?.layer) layers.set(merkle.root.toString('latin1'), merkle.layer)
  }
  return layers
}
