import {formatBytes} from '../../core/bytes.js'
import type {PieceLengthChoice, PieceLengthRow} from '../../core/content/piece-length-table.js'
import {escapeControl} from './escape.js'

const count = (value: number): string => value.toLocaleString('en-US')

/** The automatic piece length for the sizes of docs/piece-length.md. */
export function renderPieceLengthTable(policyVersion: number, rows: PieceLengthRow[]): string {
  const lines = [
    `Automatic piece length, policy ${policyVersion} (docs/piece-length.md):`,
    '2^round(log2(total / 1250)) within 16 KiB..16 MiB; a hybrid halves it while padding is over 25%.',
    '',
    `${'content'.padStart(9)}  ${'bytes'.padStart(17)}  ${'piece length'.padStart(12)}  ${'pieces'.padStart(8)}`,
    ...rows.map((row) => `${row.content.padStart(9)}  ${count(row.bytes).padStart(17)}  ${formatBytes(row.pieceLength).padStart(12)}  ${count(row.pieceCount).padStart(8)}`),
  ]
  return `${lines.join('\n')}\n`
}

/** The choice for one input, per meta version. */
export function renderPieceLengthChoices(what: string, totalLength: number, fileCount: number, choices: PieceLengthChoice[]): string {
  const files = fileCount === 1 ? '1 file' : `${count(fileCount)} files`
  const lines = [`For ${escapeControl(what)}: ${files}, ${formatBytes(totalLength)} (${count(totalLength)} bytes)`]
  for (const choice of choices) {
    // One file is never padded (spec.md 5.2).
    const padding = choice.metaVersion === 'hybrid' && fileCount > 1 && choice.padBytes > 0 ? `, ${formatBytes(choice.padBytes)} padding` : ''
    lines.push(`  ${choice.metaVersion.padEnd(6)}  ${formatBytes(choice.pieceLength).padStart(7)}  ${count(choice.pieceCount).padStart(9)} pieces${padding}  (${choice.reason})`)
  }
  return `${lines.join('\n')}\n`
}
