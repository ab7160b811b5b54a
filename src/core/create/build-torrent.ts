import {BencodeWriter} from '../bencode/bencode-writer.js'
import type {PieceLayout} from '../content/piece-layout.js'
import type {FileMerkle} from '../hash/file-merkle.js'
import {type PlannedInfo, sameInfoFields, writeInfo} from './encode-info.js'
import type {FileList, TorrentFields} from './torrent-fields.js'

export interface BuiltTorrent {
  /** The .torrent file. */
  bytes: Buffer
  /** The bencoded `info` dictionary inside it, the input of the info-hashes (BEP 3, BEP 52). */
  infoBytes: Buffer
}

/**
 * Encodes the torrent into one buffer: the fields around `info` in raw key order, and `info`, the
 * plan's (planInfo) with the hashes written over its zeros, or through writeInfo without a plan
 * made with these fields. The plan's size also sizes the buffer, so that an 8.8 MB torrent is not
 * grown and copied on the way.
 */
export function buildTorrent(
  fields: TorrentFields,
  layout: PieceLayout,
  files: FileList,
  pieces: Uint8Array | undefined,
  merkles: ReadonlyArray<FileMerkle | undefined>,
  singleFile: boolean,
  planned?: PlannedInfo,
): BuiltTorrent {
  const infoLength = planned?.bytes.length ?? 0
  const layers = layout.metaVersion === 'v1' ? [] : pieceLayers(merkles)
  const texts = [...fields.announce.flat(), ...fields.webSeeds, ...fields.httpSeeds, fields.comment ?? '', fields.createdBy ?? '']
  const estimate = infoLength + layers.reduce((sum, {layer}) => sum + layer.length + 64, 0) + texts.reduce((sum, text) => sum + 3 * text.length + 16, 4096)
  const out = new BencodeWriter(estimate).token('d')
  const urls = fields.announce.flat()
  if (urls.length > 0) out.text('announce').text(urls[0]!)
  if (urls.length > 1) {
    out.text('announce-list').token('l')
    for (const tier of fields.announce) textList(out.token('l'), tier)
    out.token('e')
  }
  if (fields.comment !== undefined) out.text('comment').text(fields.comment)
  if (fields.createdBy !== undefined) out.text('created by').text(fields.createdBy)
  if (fields.creationDate !== undefined) out.text('creation date').integer(fields.creationDate)
  if (fields.httpSeeds.length > 0) textList(out.text('httpseeds').token('l'), fields.httpSeeds)
  const infoStart = out.text('info').length
  if (planned !== undefined && sameInfoFields(planned.fields, fields)) out.raw(planned.bytes)
  else writeInfo(out, fields, layout, files, pieces, merkles, singleFile)
  const infoEnd = out.length
  if (fields.dhtNodes.length > 0) {
    out.text('nodes').token('l')
    for (const {host, port} of fields.dhtNodes) out.token('l').text(host).integer(port).token('e')
    out.token('e')
  }
  if (layout.metaVersion !== 'v1') {
    out.text('piece layers').token('d')
    for (const {root, layer} of layers) out.bytes(root).bytes(layer)
    out.token('e')
  }
  // libtorrent writes one web seed as a string and several as a list (BEP 19 allows both).
  if (fields.webSeeds.length === 1) out.text('url-list').text(fields.webSeeds[0]!)
  if (fields.webSeeds.length > 1) textList(out.text('url-list').token('l'), fields.webSeeds)
  const bytes = out.token('e').finish()
  const infoBytes = bytes.subarray(infoStart, infoEnd)
  if (planned !== undefined && sameInfoFields(planned.fields, fields)) fillHashes(infoBytes, planned, layout, pieces, merkles)
  return {bytes, infoBytes}
}

/** Writes the hashes over the zeros of a planned info dictionary (a copy of it: the plan stays as it was). */
function fillHashes(info: Buffer, planned: PlannedInfo, layout: PieceLayout, pieces: Uint8Array | undefined, merkles: ReadonlyArray<FileMerkle | undefined>): void {
  if (planned.piecesAt >= 0) {
    if (pieces?.length !== layout.pieceCount * 20) throw new Error(`the torrent we built has room for ${layout.pieceCount} piece hashes, not ${(pieces?.length ?? 0) / 20}`)
    info.set(pieces, planned.piecesAt)
  }
  const {rootsAt} = planned
  if (rootsAt === undefined) return
  for (let index = 0; index < rootsAt.length; index++) {
    const root = merkles[index]?.root
    if ((rootsAt[index]! >= 0) !== (root !== undefined)) throw new Error(`the torrent we built has a pieces root where file ${index} has none, or none where it has one`)
    if (root !== undefined) info.set(root, rootsAt[index]!)
  }
}

/** Writes each text, then ends the list the caller opened. */
function textList(out: BencodeWriter, texts: readonly string[]): void {
  for (const text of texts) out.text(text)
  out.token('e')
}

/**
 * BEP 52 `piece layers`: one entry per file longer than a piece, keyed by its pieces root, in raw
 * byte order; files with the same content share one entry.
 */
function pieceLayers(merkles: ReadonlyArray<FileMerkle | undefined>): Array<{root: Buffer; layer: Buffer}> {
  const layers: Array<{root: Buffer; layer: Buffer}> = []
  for (const merkle of merkles) if (merkle?.layer) layers.push({root: merkle.root, layer: merkle.layer})
  layers.sort((a, b) => Buffer.compare(a.root, b.root))
  return layers.filter((entry, index) => index === 0 || !entry.root.equals(layers[index - 1]!.root))
}
