import type {MetaVersion} from '../metainfo/metainfo.js'
import {autoPieceLength} from './piece-length.js'

const KiB = 1024
const MiB = 1024 * KiB
const GiB = 1024 * MiB
const TiB = 1024 * GiB

/** The content sizes of the table in docs/piece-length.md and `mktorrent piece-length`. */
export const tableSizes: Array<[label: string, bytes: number]> = [
  ['10 MiB', 10 * MiB],
  ['100 MiB', 100 * MiB],
  ['700 MiB', 700 * MiB],
  ['2 GiB', 2 * GiB],
  ['4.7 GB', 4.7e9],
  ['10 GiB', 10 * GiB],
  ['50 GiB', 50 * GiB],
  ['100 GiB', 100 * GiB],
  ['500 GiB', 500 * GiB],
  ['2 TiB', 2 * TiB],
]

export interface PieceLengthRow {
  content: string
  bytes: number
  pieceLength: number
  pieceCount: number
}

/** The automatic choice for one file of each table size (v1 and v2 agree for one file). */
export function pieceLengthTable(): PieceLengthRow[] {
  return tableSizes.map(([content, bytes]) => {
    const {pieceLength, pieceCount} = autoPieceLength({metaVersion: 'v1', fileLengths: [bytes]})
    return {content, bytes, pieceLength, pieceCount}
  })
}

export interface PieceLengthChoice {
  metaVersion: MetaVersion
  pieceLength: number
  pieceCount: number
  padBytes: number
  reason: string
}

/** The automatic choice for some content, for each meta version. */
export function pieceLengthChoices(fileLengths: number[]): PieceLengthChoice[] {
  return (['v1', 'v2', 'hybrid'] as const).map((metaVersion) => ({metaVersion, ...autoPieceLength({metaVersion, fileLengths})}))
}
