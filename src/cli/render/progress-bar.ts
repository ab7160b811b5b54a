import {formatBytes} from '../../core/bytes.js'
import {groupDigits} from './group-digits.js'

export interface ProgressState {
  phase: 'scanning' | 'hashing'
  filesSeen?: number
  bytesDone: number
  bytesTotal: number
  /** Time spent hashing so far; the rate and ETA are derived from it. */
  elapsedMs: number
  /** Columns the line may take; it is never longer, so it never wraps. */
  width: number
}

const MIN_BAR = 10
const MAX_BAR = 30

/**
 * One progress line without a newline, e.g.
 * `hashing [#########---------]  45%   1.2 GiB / 2 GiB  1.85 GB/s  ETA 0:04 `. Fields are padded so
 * the bar keeps its width from one redraw to the next; a narrow terminal drops the sizes, then the
 * rate, then the bar.
 */
export function renderProgress(state: ProgressState): string {
  if (state.phase === 'scanning') {
    const files = state.filesSeen ?? 0
    return fit(`scanning ${groupDigits(files)} ${files === 1 ? 'file' : 'files'}\u2026`, state.width)
  }
  const done = Math.min(Math.max(state.bytesDone, 0), state.bytesTotal)
  const fraction = state.bytesTotal > 0 ? done / state.bytesTotal : 1
  const percent = `${Math.floor(fraction * 100)}%`.padStart(4)
  const sizes = `${formatBytes(done).padStart(8)} / ${formatBytes(state.bytesTotal)}`
  const perSecond = state.elapsedMs > 0 && done > 0 ? done / (state.elapsedMs / 1000) : undefined
  const rate = (perSecond === undefined ? '-- MB/s' : formatRate(perSecond)).padStart(9)
  // Padded at the end, where the spaces are invisible, so `--:--` and `0:04` give the bar the same width.
  const eta = `ETA ${formatEta(state.bytesTotal - done, perSecond).padEnd(5)}`

  const layouts = [[percent, sizes, rate, eta], [percent, rate, eta], [percent, eta]]
  for (const fields of layouts) {
    const tail = ` ${fields.join('  ')}`
    const room = state.width - 'hashing []'.length - tail.length
    if (room >= MIN_BAR) return `hashing [${bar(fraction, Math.min(room, MAX_BAR))}]${tail}`
  }
  return fit(`hashing ${percent.trimStart()}  ${eta.trimEnd()}`, state.width)
}

function bar(fraction: number, width: number): string {
  const filled = Math.floor(fraction * width)
  return '#'.repeat(filled) + '-'.repeat(width - filled)
}

function fit(line: string, width: number): string {
  return line.length <= width ? line : line.slice(0, Math.max(width, 0))
}

/** Decimal units, as the performance notes quote throughput: `1.85 GB/s`, `639 MB/s`, `4.2 MB/s`. */
export function formatRate(bytesPerSecond: number): string {
  if (bytesPerSecond >= 999.5e6) return `${(bytesPerSecond / 1e9).toFixed(2)} GB/s`
  if (bytesPerSecond >= 9.95e6) return `${Math.round(bytesPerSecond / 1e6)} MB/s`
  return `${(bytesPerSecond / 1e6).toFixed(1)} MB/s`
}

/** `m:ss` under an hour, `h:mm:ss` above; `--:--` while there is no rate to go by. */
export function formatEta(bytesLeft: number, bytesPerSecond: number | undefined): string {
  if (bytesLeft <= 0) return '0:00'
  if (bytesPerSecond === undefined || bytesPerSecond <= 0) return '--:--'
  const total = Math.ceil(bytesLeft / bytesPerSecond)
  const hours = Math.floor(total / 3600)
  const minutes = Math.floor((total % 3600) / 60)
  const seconds = String(total % 60).padStart(2, '0')
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`
}
