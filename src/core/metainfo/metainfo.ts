import type {BencodeDict} from '../bencode/bencode-value.js'

export type MetaVersion = 'v1' | 'v2' | 'hybrid'

/** One entry of a torrent's file list. */
export interface TorrentFile {
  /**
   * Path elements as raw bytes, relative to the torrent's top folder (so without `name`). A
   * single-file torrent's one file has the path `[name]`; a pad without `path` is `.pad/<length>`.
   */
  path: Uint8Array[]
  /** Bytes in the piece space: always 0 for a symlink, whatever its `length` says (BEP 47, libtorrent). */
  length: number
  /** BEP 47 `attr` flags (`p` pad, `x` executable, `h` hidden, `l` symlink); empty when absent. */
  attr: string
  /** BEP 47 pad file: zeros that align the next file to a piece boundary. */
  padding: boolean
  /** BEP 47 `symlink path`, relative to the torrent root, when `attr` has `l`. */
  symlinkPath?: Uint8Array[]
}

/** A file of the BEP 52 `file tree`. */
export interface V2File extends TorrentFile {
  /** BEP 52 `pieces root`: SHA-256 merkle root of the file; absent for empty files. */
  piecesRoot?: Uint8Array
}

/** The BEP 3 view: `length` or `files`, and the SHA-1 `pieces`. */
export interface V1Layout {
  singleFile: boolean
  /** In list order, pad files included. */
  files: TorrentFile[]
  /** Concatenated 20-byte SHA-1 piece hashes. */
  pieces: Uint8Array
}

/** The BEP 52 view: `file tree` and `piece layers`. */
export interface V2Layout {
  singleFile: boolean
  /** In tree order (raw-byte key order, depth first). */
  files: V2File[]
  /** BEP 52 `piece layers`: pieces root (as a latin1 byte-string key) -> concatenated 32-byte hashes. */
  pieceLayers: Map<string, Uint8Array>
}

export interface MetainfoCommon {
  /** BEP 3 `name`, raw bytes (advisory; sanitise before use as a path). */
  name: Uint8Array
  pieceLength: number
  /** BEP 27: `private` is the integer 1 (libtorrent: any non-zero integer). */
  private: boolean
  /** De-facto `source` inside `info`, used to make per-tracker info-hashes. */
  source: string | undefined
  /** BEP 12 tiers; a lone BEP 3 `announce` becomes one tier of one URL. */
  announce: string[][]
  /** BEP 19 `url-list`. */
  webSeeds: string[]
  /** BEP 17 `httpseeds`. */
  httpSeeds: string[]
  comment: string | undefined
  createdBy: string | undefined
  /** `creation date`, Unix seconds. */
  creationDate: number | undefined
  /** SHA-1 of the raw bytes of `info` (BEP 3); present for v1 and hybrid. */
  infoHash: Uint8Array | undefined
  /** SHA-256 of the raw bytes of `info` (BEP 52); present for v2 and hybrid. */
  infoHashV2: Uint8Array | undefined
  /** The exact bytes of the bencoded `info` value as found in the file. */
  infoBytes: Uint8Array
  /** The whole decoded file, unknown keys included. */
  raw: BencodeDict
}

export type Metainfo =
  | (MetainfoCommon & {metaVersion: 'v1'; v1: V1Layout})
  | (MetainfoCommon & {metaVersion: 'v2'; v2: V2Layout})
  | (MetainfoCommon & {metaVersion: 'hybrid'; v1: V1Layout; v2: V2Layout})

/** The files a person sees: the v1 list (with pads) where there is one, else the v2 tree. */
export function listedFiles(metainfo: Metainfo): TorrentFile[] {
  return metainfo.metaVersion === 'v2' ? metainfo.v2.files : metainfo.v1.files
}

/** Payload bytes, pad files excluded. */
export function totalLength(metainfo: Metainfo): number {
  return listedFiles(metainfo).reduce((sum, file) => (file.padding ? sum : sum + file.length), 0)
}

/**
 * The number of pieces. v1 pieces run across file boundaries (BEP 3); in v2 every non-empty file
 * starts a new piece (BEP 52), and a hybrid's pads make both counts agree.
 */
export function pieceCount(metainfo: Metainfo): number {
  const length = metainfo.pieceLength
  if (length <= 0) return 0
  if (metainfo.metaVersion === 'v2') {
    return metainfo.v2.files.reduce((sum, file) => sum + Math.ceil(file.length / length), 0)
  }
  const v1Total = metainfo.v1.files.reduce((sum, file) => sum + file.length, 0)
  return Math.ceil(v1Total / length)
}

/**
 * A path's elements joined by '/': as text ('utf8'), or as a byte string ('latin1', one char per
 * byte) for comparing paths byte for byte. Views, not copies: every path of a torrent of many files
 * is shown (info), looked up (verify) or compared (path-collisions.ts).
 */
export function joinPath(elements: Uint8Array[], encoding: 'utf8' | 'latin1'): string {
  // The bytes joined first, then decoded once: one string instead of one per element and their
  // concatenation (verify joins every path of a torrent before it checks a file). Decoding the
  // joined bytes gives the same text: '/' is ASCII, so an element's invalid UTF-8 is replaced
  // before it as at the end of the element alone.
  let length = elements.length - 1
  for (let index = 0; index < elements.length; index++) length += elements[index]!.length
  if (joinBuffer.length < length) joinBuffer = Buffer.allocUnsafe(Math.max(length, 2 * joinBuffer.length))
  let at = 0
  for (let index = 0; index < elements.length; index++) {
    if (index > 0) joinBuffer[at++] = SLASH
    joinBuffer.set(elements[index]!, at)
    at += elements[index]!.length
  }
  return joinBuffer.toString(encoding, 0, at)
}

const SLASH = 0x2f
/** joinPath's scratch space, grown as needed. */
let joinBuffer = Buffer.allocUnsafe(1024)
