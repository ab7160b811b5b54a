import {formatBytes} from '../../core/bytes.js'
import {MAX_PIECE_LENGTH, MIN_PIECE_LENGTH, autoPieceLength, padBytesFor, pieceCountFor} from '../../core/content/piece-length.js'
import type {MetaVersion} from '../../core/metainfo/metainfo.js'
import type {Choice} from '../prompts.js'

/** How far around the automatic choice the wizard offers other piece lengths (factors of two). */
const SPREAD = 3

/**
 * The piece-length question: `auto` first (the default), showing what it picks and the piece count,
 * then powers of two around it with their counts, and for a hybrid the padding each one costs.
 * Values are what `-l` accepts.
 */
export function pieceLengthChoices(metaVersion: MetaVersion, fileLengths: number[]): Array<Choice<string>> {
  const auto = autoPieceLength({metaVersion, fileLengths})
  const total = fileLengths.reduce((sum, length) => sum + length, 0)
  const describe = (pieceLength: number): string => {
    const count = pieceCountFor(metaVersion, fileLengths, pieceLength).toLocaleString('en-US')
    if (metaVersion !== 'hybrid' || total === 0) return `${count} pieces`
    const share = Math.round((padBytesFor(fileLengths, pieceLength) / total) * 100)
    return `${count} pieces, padding ${share}% of the payload`
  }
  const choices: Array<Choice<string>> = [
    {value: 'auto', name: `auto: ${formatBytes(auto.pieceLength)}, ${describe(auto.pieceLength)}`, description: auto.reason},
  ]
  for (let exponent = -SPREAD; exponent <= SPREAD; exponent++) {
    const pieceLength = auto.pieceLength * 2 ** exponent
    if (exponent === 0 || pieceLength < MIN_PIECE_LENGTH || pieceLength > MAX_PIECE_LENGTH) continue
    const size = formatBytes(pieceLength).replace(' ', '')
    choices.push({value: size, name: `${formatBytes(pieceLength)}: ${describe(pieceLength)}`})
  }
  return choices
}
