import type {MetaVersion} from '../metainfo/metainfo.js'

/**
 * How pieces map onto the files. v1 concatenates the files (BEP 3). v2 and hybrid start every
 * non-empty file on a piece boundary (BEP 52), with a pad after each file that does not end on one,
 * the last file included, as libtorrent 2.0.8 writes hybrids (spec.md 5.2); a torrent of one file
 * has no pad, as in libtorrent, for a folder of one file too. v2-only torrents list no pads, but use
 * the same addresses, so piece i means the same bytes in every view.
 */
export interface PieceLayout {
  metaVersion: MetaVersion
  pieceLength: number
  /** Per file, the bytes of the pad after it (BEP 47 in the v1 list of a hybrid), or 0. */
  padAfter: Float64Array
  /** Bytes of the piece address space, pads included. */
  layoutLength: number
  pieceCount: number
  /** Per file: its first piece (v2 and hybrid), or -1 for an empty file or a v1 layout. */
  firstPiece: number[]
  /** Non-empty segments in order, as parallel arrays for the workers: file index or -1 for a pad. */
  segmentFile: Int32Array
  segmentStart: Float64Array
  segmentLength: Float64Array
}

export function planLayout(metaVersion: MetaVersion, pieceLength: number, fileLengths: readonly number[]): PieceLayout {
  const aligned = metaVersion !== 'v1'
  const padded = aligned && fileLengths.length > 1
  // In an aligned layout every non-empty file starts on a piece boundary, so its pad depends on its
  // own length only: the segments can be counted first and written straight into typed arrays.
  let segmentCount = 0
  for (const length of fileLengths) if (length > 0) segmentCount += padded && length % pieceLength !== 0 ? 2 : 1
  // In shared memory, which the hashing workers read without a copy.
  const shared = (bytesPerElement: number): SharedArrayBuffer => new SharedArrayBuffer(segmentCount * bytesPerElement)
  const segmentFile = new Int32Array(shared(Int32Array.BYTES_PER_ELEMENT))
  const segmentStart = new Float64Array(shared(Float64Array.BYTES_PER_ELEMENT))
  const segmentLength = new Float64Array(shared(Float64Array.BYTES_PER_ELEMENT))
  const padAfter = new Float64Array(fileLengths.length)
  const firstPiece: number[] = []
  let offset = 0
  let segment = 0
  for (let fileIndex = 0; fileIndex < fileLengths.length; fileIndex++) {
    const length = fileLengths[fileIndex]!
    firstPiece.push(aligned && length > 0 ? offset / pieceLength : -1)
    if (length === 0) continue
    segmentFile[segment] = fileIndex
    segmentStart[segment] = offset
    segmentLength[segment++] = length
    offset += length
    const pad = padded ? (pieceLength - (offset % pieceLength)) % pieceLength : 0
    if (pad > 0) {
      padAfter[fileIndex] = pad
      segmentFile[segment] = -1
      segmentStart[segment] = offset
      segmentLength[segment++] = pad
      offset += pad
    }
  }
  return {metaVersion, pieceLength, padAfter, layoutLength: offset, pieceCount: Math.ceil(offset / pieceLength), firstPiece, segmentFile, segmentStart, segmentLength}
}

/** The segment holding layout byte `offset`, by binary search over sorted, contiguous segment starts. */
export function segmentAt(segmentStart: ArrayLike<number>, offset: number): number {
  let low = 0
  let high = segmentStart.length - 1
  while (low < high) {
    const middle = (low + high + 1) >>> 1
    if (segmentStart[middle]! <= offset) low = middle
    else high = middle - 1
  }
  return low
}

/** Bytes of content (pads left out) in a run of pieces: what hashing them covers of the payload. */
export function payloadBytesIn(layout: PieceLayout, firstPiece: number, pieceCount: number): number {
  const start = firstPiece * layout.pieceLength
  const end = Math.min((firstPiece + pieceCount) * layout.pieceLength, layout.layoutLength)
  const {segmentFile, segmentStart, segmentLength} = layout
  if (segmentFile.length === 0 || end <= start) return 0
  let bytes = 0
  for (let index = segmentAt(segmentStart, start); index < segmentFile.length && segmentStart[index]! < end; index++) {
    if (segmentFile[index]! < 0) continue
    const from = Math.max(start, segmentStart[index]!)
    const to = Math.min(end, segmentStart[index]! + segmentLength[index]!)
    if (to > from) bytes += to - from
  }
  return bytes
}
