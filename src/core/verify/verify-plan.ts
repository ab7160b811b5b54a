import {planLayout, segmentAt} from '../content/piece-layout.js'
import {type Metainfo, type MetaVersion, type TorrentFile, type V2File, joinPath} from '../metainfo/metainfo.js'
import {pathText} from '../metainfo/torrent-report.js'

/** What a file's data must hash to in v2: its pieces root, and its piece layer when it has more than one piece. */
export interface V2Expected {
  root: Uint8Array
  /** BEP 52 piece layer; undefined for a one-piece file, or when the torrent lacks it. */
  layer: Uint8Array | undefined
}

/** A file of the torrent (never a pad) and where its bytes sit in the piece address space. */
export interface PlannedFile {
  /** '/'-joined, as `info --json` shows it; a single-file torrent's path is its name. */
  path: string
  elements: Uint8Array[]
  length: number
  /** BEP 47 symlink: it has no data, only a name on disk. */
  symlink: boolean
  /** Layout byte of the file's first byte. */
  offset: number
  /** The pieces holding its bytes; none for an empty file. */
  firstPiece: number
  pieceCount: number
  v2: V2Expected | undefined
}

export interface VerifyPlan {
  metaVersion: MetaVersion
  name: string
  singleFile: boolean
  pieceLength: number
  files: PlannedFile[]
  layoutLength: number
  pieceCount: number
  /** Segments of the layout, as the hashing job wants them: file index, or -1 for a pad. */
  segmentFile: Int32Array
  segmentStart: Float64Array
  segmentLength: Float64Array
  /** The v1 SHA-1 piece hashes (v1, hybrid). */
  sha1: Uint8Array | undefined
}

/**
 * Lays a validated torrent out for verification. v1 and hybrid follow the v1 list exactly, pads
 * included (so the SHA-1 of a hybrid's last piece covers a tail pad only if the list has one); a
 * v2-only torrent uses the BEP 52 aligned layout, in which piece i means the same bytes.
 */
export function planVerify(metainfo: Metainfo): VerifyPlan {
  const {pieceLength} = metainfo
  const name = Buffer.from(metainfo.name).toString('utf8')
  const files: PlannedFile[] = []
  // Segments as parallel arrays, as the hashing job wants them: file index or -1 (a pad), start, length.
  const segmentFile: number[] = []
  const segmentStart: number[] = []
  const segmentLength: number[] = []
  let layoutLength = 0
  if (metainfo.metaVersion === 'v2') {
    const {v2} = metainfo
    const layout = planLayout('v2', pieceLength, v2.files.map((file) => file.length))
    v2.files.forEach((file, index) => {
      const offset = file.length > 0 ? layout.firstPiece[index]! * pieceLength : 0
      files.push(plannedFile(file, offset, pieceLength, v2Expected(file, v2.pieceLayers, pieceLength)))
    })
    for (let i = 0; i < layout.segmentFile.length; i++) {
      segmentFile.push(layout.segmentFile[i]!)
      segmentStart.push(layout.segmentStart[i]!)
      segmentLength.push(layout.segmentLength[i]!)
    }
    layoutLength = layout.layoutLength
  } else {
    const v2ByPath = new Map<string, V2Expected>()
    if (metainfo.metaVersion === 'hybrid') {
      const {v2} = metainfo
      for (const file of v2.files) {
        const expected = v2Expected(file, v2.pieceLayers, pieceLength)
        if (expected !== undefined) v2ByPath.set(joinPath(file.path, 'latin1'), expected)
      }
    }
    for (const entry of metainfo.v1.files) {
      if (entry.length > 0) {
        segmentFile.push(entry.padding ? -1 : files.length)
        segmentStart.push(layoutLength)
        segmentLength.push(entry.length)
      }
      if (!entry.padding) files.push(plannedFile(entry, layoutLength, pieceLength, v2ByPath.size === 0 ? undefined : v2ByPath.get(joinPath(entry.path, 'latin1'))))
      layoutLength += entry.length
    }
  }
  const singleFile = metainfo.metaVersion === 'v2' ? metainfo.v2.singleFile : metainfo.v1.singleFile
  return {
    metaVersion: metainfo.metaVersion,
    name,
    singleFile,
    pieceLength,
    files,
    layoutLength,
    pieceCount: Math.ceil(layoutLength / pieceLength),
    segmentFile: Int32Array.from(segmentFile),
    segmentStart: Float64Array.from(segmentStart),
    segmentLength: Float64Array.from(segmentLength),
    sha1: metainfo.metaVersion === 'v2' ? undefined : metainfo.v1.pieces,
  }
}

function plannedFile(file: TorrentFile, offset: number, pieceLength: number, v2: V2Expected | undefined): PlannedFile {
  const firstPiece = Math.floor(offset / pieceLength)
  const pieceCount = file.length === 0 ? 0 : Math.floor((offset + file.length - 1) / pieceLength) - firstPiece + 1
  return {
    path: pathText(file.path),
    elements: file.path,
    length: file.length,
    symlink: file.attr.includes('l'),
    offset,
    firstPiece,
    pieceCount,
    v2,
  }
}

function v2Expected(file: V2File, layers: Map<string, Uint8Array>, pieceLength: number): V2Expected | undefined {
  if (file.piecesRoot === undefined) return undefined
  const layer = file.length > pieceLength ? layers.get(Buffer.from(file.piecesRoot).toString('latin1')) : undefined
  return {root: file.piecesRoot, layer}
}

/** File bytes (pads excluded) in layout bytes [start, end). */
export function fileBytesIn(plan: VerifyPlan, start: number, end: number): number {
  let bytes = 0
  for (let i = segmentAt(plan.segmentStart, start); i < plan.segmentStart.length && plan.segmentStart[i]! < end; i++) {
    if (plan.segmentFile[i] === -1) continue
    const segmentStart = plan.segmentStart[i]!
    bytes += Math.max(0, Math.min(end, segmentStart + plan.segmentLength[i]!) - Math.max(start, segmentStart))
  }
  return bytes
}
