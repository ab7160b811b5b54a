import type {TorrentReport} from '../../core/metainfo/torrent-report.js'
import {escapeControl} from './escape.js'
import {summaryFields} from './torrent-summary.js'

/**
 * `info` for pipes: one `key<TAB>value` line per fact, names as in docs/info-output.md. Values are
 * escaped so that a tab or newline in a name cannot break a line apart.
 */
export function renderInfoLines(report: TorrentReport, padding: boolean): string {
  const lines: string[] = []
  const add = (...cells: Array<string | number>): void => void lines.push(cells.map((cell) => escapeControl(String(cell))).join('\t'))
  add('name', report.name)
  add('meta version', report.metaVersion)
  if (report.infoHash !== null) add('info hash', report.infoHash)
  if (report.infoHashV2 !== null) add('info hash v2', report.infoHashV2)
  add('total length', report.totalLength)
  add('piece length', report.pieceLength)
  add('piece count', report.pieceCount)
  add('private', report.private ? 'yes' : 'no')
  for (const [key, value] of summaryFields(report)) {
    if (['source', 'comment', 'created by', 'creation date'].includes(key)) add(key, value)
  }
  report.announce.forEach((tier, index) => tier.forEach((url) => add('tracker', index + 1, url)))
  for (const url of report.webSeeds) add('web seed', url)
  for (const url of report.httpSeeds) add('http seed', url)
  add('magnet', report.magnet)
  // One template per file rather than add()'s arrays: a torrent may list 200,000 files.
  for (const file of report.files) {
    if (padding || !file.padding) lines.push(`${file.padding ? 'pad' : 'file'}\t${file.length}\t${escapeControl(file.path)}`)
  }
  for (const issue of report.issues) add(issue.severity, issue.code, issue.path, issue.message)
  return `${lines.join('\n')}\n`
}
