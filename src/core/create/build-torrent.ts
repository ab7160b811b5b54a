import {randomBytes} from 'node:crypto'
import {keyFromText} from '../bencode/bencode-value.js'
import {type Encodable, encodeBencode} from '../bencode/encode.js'
import {RawBencode} from '../bencode/raw-bencode.js'
import type {PieceLayout} from '../content/piece-layout.js'
import type {FileMerkle} from '../hash/file-merkle.js'

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
 * Encodes the torrent: the info dictionary for the layout's meta version, then the fields around
 * it. Dictionaries whose keys come from file names are Maps, so a file called `__proto__` is a key
 * like any other.
 */
export function buildTorrent(
  fields: TorrentFields,
  layout: PieceLayout,
  files: BuiltFile[],
  pieces: Uint8Array | undefined,
  merkles: Array<FileMerkle | undefined>,
  singleFile: boolean,
): BuiltTorrent {
  const infoBytes = encodeBencode(buildInfo(fields, layout, files, pieces, merkles, singleFile))
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

/** The `info` dictionary (BEP 3, BEP 52), before encoding. */
export function buildInfo(
  fields: Pick<TorrentFields, 'name' | 'private' | 'source' | 'crossSeed'>,
  layout: PieceLayout,
  files: BuiltFile[],
  pieces: Uint8Array | undefined,
  merkles: Array<FileMerkle | undefined>,
  singleFile: boolean,
): Record<string, Encodable | undefined> {
  const info: Record<string, Encodable | undefined> = {
    name: fields.name,
    'piece length': layout.pieceLength,
    private: fields.private ? 1 : undefined,
    source: fields.source,
    x_cross_seed: fields.crossSeed ? `mktorrent-${randomBytes(16).toString('hex')}` : undefined,
  }
  if (layout.metaVersion !== 'v2') {
    info.pieces = pieces
    if (singleFile) info.length = files[0]!.length
    else info.files = v1FileList(layout, files)
  }
  if (layout.metaVersion !== 'v1') {
    info['meta version'] = 2
    info['file tree'] = fileTree(files, merkles, singleFile ? [fields.name] : undefined)
  }
  return info
}

/** BEP 3 `files`, with BEP 47 pads as libtorrent names them: `.pad/<length>`, attr `p`. */
function v1FileList(layout: PieceLayout, files: BuiltFile[]): Encodable[] {
  return layout.entries.map((entry) =>
    entry.kind === 'pad'
      ? {attr: 'p', length: entry.length, path: ['.pad', String(entry.length)]}
      : {length: files[entry.fileIndex]!.length, path: files[entry.fileIndex]!.path},
  )
}

type Tree = Map<string, Encodable>

/** BEP 52 `file tree`: nested by path element, each file a dict under the empty key. */
function fileTree(files: BuiltFile[], merkles: Array<FileMerkle | undefined>, singleFilePath: string[] | undefined): Tree {
  const root: Tree = new Map()
  files.forEach((file, index) => {
    const path = singleFilePath ?? file.path
    let folder = root
    for (const element of path.slice(0, -1)) {
      const key = keyFromText(element)
      let next = folder.get(key) as Tree | undefined
      if (next === undefined) {
        next = new Map()
        folder.set(key, next)
      }
      folder = next
    }
    const root32 = merkles[index]?.root
    folder.set(keyFromText(path.at(-1)!), new Map([['', {length: file.length, 'pieces root': root32}]]))
  })
  return root
}

/** BEP 52 `piece layers`: one entry per file longer than a piece, keyed by its pieces root. */
function pieceLayers(merkles: Array<FileMerkle | undefined>): Map<string, Encodable> {
  const layers = new Map<string, Encodable>()
  for (const merkle of merkles) {
    if (merkle?.layer) layers.set(merkle.root.toString('latin1'), merkle.layer)
  }
  return layers
}
