import {formatBytes} from '../bytes.js'
import {UsageError} from '../errors.js'
import type {MetaVersion} from '../metainfo/metainfo.js'
import {parseByteSize} from '../parse-byte-size.js'

/**
 * Bumped whenever autoPieceLength can return a different value for the same input, so the same
 * content keeps giving the same torrent across releases (docs/piece-length.md).
 */
export const PIECE_LENGTH_POLICY_VERSION = 1

export const MIN_PIECE_LENGTH = 16 * 1024
export const MAX_AUTO_PIECE_LENGTH = 16 * 1024 * 1024
export const MAX_PIECE_LENGTH = 256 * 1024 * 1024
export const TARGET_PIECE_COUNT = 1250
/** A hybrid's pad bytes are hashed with SHA-1 like data; above this share of the payload, L is lowered. */
export const MAX_PAD_SHARE = 0.25

export interface AutoPieceLength {
  pieceLength: number
  pieceCount: number
  /** Bytes of BEP 47 padding in a hybrid (0 for v1 and v2, which hash none). */
  padBytes: number
  /** For people: how the length was chosen. */
  reason: string
}

/**
 * The documented automatic piece length (docs/piece-length.md). v1 and v2: the power of two nearest
 * (in log scale) to total / 1250, within 16 KiB..16 MiB, so 884..1768 pieces from about 14 MiB
 * to 27 GiB. Hybrid: halved while the padding BEP 52 needs between files exceeds 25% of the payload.
 */
export function autoPieceLength(input: {metaVersion: MetaVersion; fileLengths: number[]}): AutoPieceLength {
  const {metaVersion, fileLengths} = input
  const total = fileLengths.reduce((sum, length) => sum + length, 0)
  const ideal = total > 0 ? 2 ** Math.round(Math.log2(total / TARGET_PIECE_COUNT)) : MIN_PIECE_LENGTH
  const start = Math.min(MAX_AUTO_PIECE_LENGTH, Math.max(MIN_PIECE_LENGTH, ideal))
  const bound = start === ideal ? `aiming at about ${TARGET_PIECE_COUNT} pieces` : start === MIN_PIECE_LENGTH ? 'the 16 KiB minimum' : 'the 16 MiB maximum'
  let reason = `auto, policy ${PIECE_LENGTH_POLICY_VERSION}: ${bound}`
  let pieceLength = start
  if (metaVersion === 'hybrid') {
    const limit = total * MAX_PAD_SHARE
    const startPad = padBytesFor(fileLengths, start)
    while (pieceLength > MIN_PIECE_LENGTH && padBytesFor(fileLengths, pieceLength) > limit) pieceLength /= 2
    const padBytes = padBytesFor(fileLengths, pieceLength)
    const fits = padBytes <= limit
    if (pieceLength < start) {
      const why = fits ? ' so padding stays under 25% of the payload' : ', the minimum'
      reason += `, lowered from ${formatBytes(start)} to ${formatBytes(pieceLength)}${why} (padding was ${ratio(startPad, total)})`
    }
    // One file is never padded (spec.md 5.2), so only several files can leave this much padding.
    if (!fits && fileLengths.length > 1) reason += `; padding is ${ratio(padBytes, total)} even at 16 KiB pieces, and a v2-only torrent has none`
    return {pieceLength, pieceCount: pieceCountFor(metaVersion, fileLengths, pieceLength), padBytes, reason}
  }
  return {pieceLength, pieceCount: pieceCountFor(metaVersion, fileLengths, pieceLength), padBytes: 0, reason}
}

function ratio(padBytes: number, total: number): string {
  const share = padBytes / total
  return share >= 1 ? `${share.toFixed(1)}x the payload` : `${Math.round(share * 100)}% of the payload`
}

/**
 * Pad bytes of a hybrid layout: after every non-empty file up to the next piece boundary, the last
 * file included, as libtorrent 2.0.8+ pads the tail (spec.md 5.2). One file alone is never padded.
 */
export function padBytesFor(fileLengths: number[], pieceLength: number): number {
  if (fileLengths.length <= 1) return 0
  let pad = 0
  for (const length of fileLengths) pad += (pieceLength - (length % pieceLength)) % pieceLength
  return pad
}

/** v1 concatenates the files (BEP 3); v2 and hybrid start each non-empty file on a new piece (BEP 52). */
export function pieceCountFor(metaVersion: MetaVersion, fileLengths: number[], pieceLength: number): number {
  if (metaVersion === 'v1') return Math.ceil(fileLengths.reduce((sum, length) => sum + length, 0) / pieceLength)
  let count = 0
  for (const length of fileLengths) count += Math.ceil(length / pieceLength)
  return count
}

const acceptedPieceLengths = 'an exponent from 14 to 28 (as in C mktorrent: 20 is 1 MiB), or a power of two from 16KiB to 256MiB such as 256KiB, 4MiB, 16k or 262144'

/** `-l`: an exponent 14..28 (`-l 20` = 1 MiB) or a size (`256KiB`, `1m`, `262144`). */
export function parsePieceLength(text: string): number {
  const trimmed = text.trim()
  let bytes: number | undefined
  if (/^\d+$/u.test(trimmed) && Number(trimmed) <= 28) {
    const exponent = Number(trimmed)
    if (exponent >= 14) bytes = 2 ** exponent
  } else {
    try {
      bytes = parseByteSize(trimmed)
    } catch {
      bytes = undefined
    }
  }
  const inRange = bytes !== undefined && bytes >= MIN_PIECE_LENGTH && bytes <= MAX_PIECE_LENGTH
  // Within the range every value fits in 31 bits, so the bit test for a power of two is exact.
  if (bytes === undefined || !inRange || (bytes & (bytes - 1)) !== 0) {
    throw new UsageError('invalid-piece-length', `invalid piece length ${JSON.stringify(text)}: give ${acceptedPieceLengths}`)
  }
  return bytes
}
