import {formatBytes} from '../../core/bytes.js'
import type {WebSeedResult, WebSeedVerifyReport} from '../../core/remote/web-seed-report.js'
import {escapeControl} from './escape.js'
import {pieceRanges} from './verify-report.js'

/** The files a web seed's report lists: those not OK, or every file with --verbose. */
export function listedWebSeedFiles(result: WebSeedResult, verbose: boolean): WebSeedResult['files'] {
  return verbose ? result.files : result.files.filter((file) => file.status !== 'ok')
}

export function webSeedResultWord(result: WebSeedResult): 'ok' | 'problems' | 'inconsistent' | 'not-checked' {
  if (result.error !== null) return 'not-checked'
  if (result.pieces.inconsistent.length > 0) return 'inconsistent'
  return result.ok ? 'ok' : 'problems'
}

/**
 * `verify --web-seed` for pipes: tab-separated records as local verify prints them, one block per
 * web seed opened by its `web seed` line (docs/verify-output.md); values escaped.
 */
export function renderWebSeedLines(report: WebSeedVerifyReport, verbose: boolean): string {
  const lines: string[] = []
  const add = (...cells: Array<string | number>): void => void lines.push(cells.map((cell) => escapeControl(String(cell))).join('\t'))
  add('meta version', report.metaVersion)
  if (report.fast) add('fast', 'yes')
  if (report.sample !== null) add('sample', report.sample.pieces, report.sample.seed)
  for (const result of report.webSeeds) {
    add('web seed', result.url)
    if (result.error !== null) add('error', result.error)
    else {
      for (const note of result.notes) add('note', note)
      add('range support', result.rangeSupport === null ? 'unknown' : result.rangeSupport ? 'yes' : 'no')
      for (const file of listedWebSeedFiles(result, verbose)) add('file', file.status, file.path, pieceRanges(file.badPieces), file.detail ?? '', file.url)
      if (result.pieces.inconsistent.length > 0) add('inconsistent', pieceRanges(result.pieces.inconsistent))
      add('files ok', result.files.filter((file) => file.status === 'ok').length, result.files.length)
      add('pieces ok', result.pieces.good, result.pieces.total)
      add('pieces checked', result.pieces.checked)
      add('bytes hashed', result.bytesHashed)
      add('bytes good', result.bytesGood)
    }
    add('web seed result', webSeedResultWord(result))
  }
  add('result', overallWord(report))
  return `${lines.join('\n')}\n`
}

export function overallWord(report: WebSeedVerifyReport): 'ok' | 'problems' | 'inconsistent' {
  if (report.webSeeds.some((result) => result.pieces.inconsistent.length > 0)) return 'inconsistent'
  return report.ok ? 'ok' : 'problems'
}

/** A web seed's closing line for a terminal. */
export function renderWebSeedSummary(result: WebSeedResult, fast: boolean): string {
  if (result.error !== null) return `not checked: ${result.error}\n`
  const notes = result.notes.map((note) => `note: ${note}\n`).join('')
  const ok = result.files.filter((file) => file.status === 'ok').length
  const files = `${ok.toLocaleString('en-US')} of ${result.files.length.toLocaleString('en-US')} files OK`
  if (fast) return `${notes}${files} by size (--fast: no piece was fetched)\n`
  const {good, checked, total} = result.pieces
  const of = checked < total ? ` (${checked.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} checked)` : ''
  return `${notes}${files}, ${good.toLocaleString('en-US')} of ${checked.toLocaleString('en-US')} pieces OK${of}, ${formatBytes(result.bytesHashed)} hashed\n`
}

/** How to repeat a sampled run, for people (stderr on a terminal, or the table's last line). */
export function renderSampleNote(report: WebSeedVerifyReport): string {
  if (report.sample === null) return ''
  const {pieces, seed} = report.sample
  return `Sampled ${pieces} random pieces and the first and last piece of every file with seed ${seed}; repeat with --sample ${pieces} --seed ${seed}\n`
}

/** The one-line reason for a failed run (stderr), or undefined when every web seed is OK. */
export function webSeedFailureMessage(report: WebSeedVerifyReport): string | undefined {
  if (report.ok) return undefined
  const inconsistent = report.webSeeds.find((result) => result.pieces.inconsistent.length > 0)
  if (inconsistent !== undefined) {
    const pieces = inconsistent.pieces.inconsistent
    const which = pieces.length === 1 ? `piece ${pieces[0]} passes` : `pieces ${pieceRanges(pieces)} pass`
    return `the torrent is internally inconsistent: ${which} one of its v1 (SHA-1) and v2 (SHA-256) hashes and fail${pieces.length === 1 ? 's' : ''} the other, so the two describe different data`
  }
  const failed = report.webSeeds.filter((result) => !result.ok)
  const parts = failed.map((result) => {
    if (result.error !== null) return `${result.url} (not checked)`
    const byStatus = new Map<string, number>()
    for (const file of result.files) if (file.status !== 'ok' && file.status !== 'skipped') byStatus.set(file.status, (byStatus.get(file.status) ?? 0) + 1)
    const kinds = [...byStatus].map(([status, count]) => `${count} ${status}`)
    return `${result.url} (${kinds.length > 0 ? kinds.join(', ') : `bad pieces ${pieceRanges(result.pieces.bad)}`})`
  })
  return `${failed.length} of ${report.webSeeds.length} web seeds failed verification: ${parts.join('; ')}`
}
