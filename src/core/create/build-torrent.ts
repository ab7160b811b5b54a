import {BencodeWriter} from '../bencode/bencode-writer.js'
import type {PieceLayout} from '../content/piece-layout.js'
import type {FileMerkle} from '../hash/file-merkle.js'
import {writeInfo} from './encode-info.js'
import type {BuiltFile, TorrentFields} from './torrent-fields.js'

export interface BuiltTorrent {
  /** The .torrent file. */
  bytes: Buffer
  /** The bencoded `info` dictionary inside it, the input of the info-hashes (BEP 3, BEP 52). */
  infoBytes: Buffer
}

/**
 * Encodes the torrent into one buffer: the fields around `info` in raw key order, `info` itself
 * through writeInfo. `infoLength`, the size planned before hashing (plannedInfoLength), sizes the
 * buffer so that an 8.8 MB torrent is not grown and copied on the way.
 */
export function buildTorrent(
  fields: TorrentFields,
  layout: PieceLayout,
  files: readonly BuiltFile[],
  pieces: Uint8Array | undefined,
  merkles: ReadonlyArray<FileMerkle | undefined>,
  singleFile: boolean,
  infoLength = 0,
): BuiltTorrent {
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
  writeInfo(out, fields, layout, files, pieces, merkles, singleFile)
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
  return {bytes, infoBytes: bytes.subarray(infoStart, infoEnd)}
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
