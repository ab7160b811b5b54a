import {formatBytes} from '../../core/bytes.js'
import type {VerifiedFile, VerifyReport} from '../../core/verify/verify-report.js'
import {escapeControl} from './escape.js'
import {formatRate} from './progress-bar.js'

/** Ascending piece indices as ranges: `12-15, 40`. */
export function pieceRanges(pieces: number[]): string {
  const parts: string[] = []
  for (let i = 0; i < pieces.length; ) {
    let end = i
    while (end + 1 < pieces.length && pieces[end + 1] === pieces[end]! + 1) end++
    parts.push(end === i ? String(pieces[i]) : `${pieces[i]}-${pieces[end]}`)
    i = end + 1
  }
  return parts.join(', ')
}

/** The files a report lists: those not OK, or every file with --verbose. */
export function listedFiles(report: VerifyReport, verbose: boolean): VerifiedFile[] {
  return verbose ? report.files : report.files.filter((file) => file.status !== 'ok')
}

/**
 * `verify` for pipes: one tab-separated record per line, keys as in docs/verify-output.md, values
 * escaped so that a tab or newline in a name cannot break a record.
 */
export function renderVerifyLines(report: VerifyReport, verbose: boolean): string {
  const lines: string[] = []
  const add = (...cells: Array<string | number>): void => void lines.push(cells.map((cell) => escapeControl(String(cell))).join('\t'))
  add('content', report.content)
  add('meta version', report.metaVersion)
  if (report.fast) add('fast', 'yes')
  for (const file of listedFiles(report, verbose)) add('file', file.status, file.path, pieceRanges(file.badPieces), file.detail ?? '')
  for (const path of report.extraFiles) add('extra', path)
  if (report.pieces.inconsistent.length > 0) add('inconsistent', pieceRanges(report.pieces.inconsistent))
  const counts = fileCounts(report)
  add('files ok', counts.ok, report.files.length)
  if (counts.skipped > 0) add('files skipped', counts.skipped)
  add('pieces ok', report.pieces.good, report.pieces.total)
  // `bytes verified` is the first name of `bytes hashed`, kept for scripts: keys never change.
  add('bytes verified', report.bytesVerified)
  add('bytes hashed', report.bytesHashed)
  if (report.bytesGood !== null) add('bytes good', report.bytesGood, verifiedLength(report))
  add('result', resultWord(report))
  return `${lines.join('\n')}\n`
}

export function resultWord(report: VerifyReport): 'ok' | 'problems' | 'inconsistent' {
  if (report.pieces.inconsistent.length > 0) return 'inconsistent'
  return report.ok ? 'ok' : 'problems'
}

export function fileCounts(report: VerifyReport): {ok: number; skipped: number; byStatus: Map<string, number>} {
  const byStatus = new Map<string, number>()
  for (const file of report.files) byStatus.set(file.status, (byStatus.get(file.status) ?? 0) + 1)
  return {ok: byStatus.get('ok') ?? 0, skipped: byStatus.get('skipped') ?? 0, byStatus}
}

/** Bytes of the files verified (the skipped ones left out): what `bytesGood` counts out of. */
export function verifiedLength(report: VerifyReport): number {
  return report.files.reduce((sum, file) => sum + (file.status === 'skipped' ? 0 : file.length), 0)
}

/** The closing line for a terminal: files and pieces OK, bytes good, bytes hashed and the rate. */
export function renderVerifySummary(report: VerifyReport, seconds: number): string {
  const counts = fileCounts(report)
  const skipped = counts.skipped > 0 ? `, ${counts.skipped.toLocaleString('en-US')} skipped` : ''
  const files = `${counts.ok.toLocaleString('en-US')} of ${report.files.length.toLocaleString('en-US')} files OK${skipped}`
  if (report.fast) return `${files} by size (--fast: no piece was hashed)\n`
  const pieces = `${report.pieces.good.toLocaleString('en-US')} of ${report.pieces.total.toLocaleString('en-US')} pieces OK`
  const good = `${formatBytes(report.bytesGood ?? 0)} of ${formatBytes(verifiedLength(report))} good`
  const rate = seconds > 0 && report.bytesHashed > 0 ? ` (${formatRate(report.bytesHashed / seconds)})` : ''
  return `${files}, ${pieces} (${good}); ${formatBytes(report.bytesHashed)} hashed in ${seconds.toFixed(2)} s${rate}\n`
}

/** Extra files for a terminal: one line, up to ten names. */
export function renderExtraFiles(extra: string[]): string {
  if (extra.length === 0) return ''
  const shown = extra.slice(0, 10).map(escapeControl).join(', ')
  const more = extra.length > 10 ? `, and ${extra.length - 10} more` : ''
  return `${extra.length} extra ${extra.length === 1 ? 'entry' : 'entries'} in the content folder, not in the torrent (not a failure): ${shown}${more}\n`
}

/** The one-line reason for a failed run (stderr), or undefined when the report is OK. */
export function failureMessage(report: VerifyReport): string | undefined {
  const {inconsistent} = report.pieces
  if (inconsistent.length > 0) {
    const which = inconsistent.length === 1 ? `piece ${inconsistent[0]} passes` : `pieces ${pieceRanges(inconsistent)} pass`
    return `the torrent is internally inconsistent: ${which} one of its v1 (SHA-1) and v2 (SHA-256) hashes and fail${inconsistent.length === 1 ? 's' : ''} the other, so the two describe different data`
  }
  if (report.ok) return undefined
  if (report.hint?.code === 'content-is-save-path') {
    return `the torrent's content is not at ${report.content}, which holds ${report.hint.path}: did you mean --save-path ${report.content}?`
  }
  const {byStatus} = fileCounts(report)
  const failed = report.files.filter((file) => file.status !== 'ok' && file.status !== 'skipped').length
  const kinds = [...byStatus].filter(([status]) => status !== 'ok' && status !== 'skipped').map(([status, count]) => `${count} ${status}`)
  if (failed === 0) return `${report.pieces.bad.length} pieces failed verification: ${pieceRanges(report.pieces.bad)}`
  return `${failed} of ${report.files.length} files failed verification (${kinds.join(', ')}) in ${report.content}`
}
