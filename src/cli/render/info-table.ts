import Table from 'cli-table3'
import type {TorrentReport} from '../../core/metainfo/torrent-report.js'
import {paint} from '../output.js'
import {escapeControl} from './escape.js'
import {renderFileTree} from './file-tree.js'
import {renderIssues} from './issues.js'
import {summaryFields} from './torrent-summary.js'

export interface HumanOptions {
  color: boolean
  /** Show BEP 47 pad files in the file tree. */
  padding: boolean
  singleFile: boolean
}

/** `info` for a terminal: a summary table, the magnet link, the file tree, then the issues. */
export function renderInfoTable(report: TorrentReport, options: HumanOptions): string {
  const table = new Table({style: {head: [], border: [], compact: true}, wordWrap: true})
  const label = (text: string): string => paint(options.color, 'bold', text)
  for (const [name, value] of summaryFields(report)) table.push([label(name), escapeControl(value)])
  if (report.announce.length > 0) {
    const tiers = report.announce.map((tier, index) => `tier ${index + 1}: ${tier.map(escapeControl).join(', ')}`)
    table.push([label('trackers'), tiers.join('\n')])
  }
  if (report.webSeeds.length > 0) table.push([label('web seeds'), report.webSeeds.map(escapeControl).join('\n')])
  if (report.httpSeeds.length > 0) table.push([label('http seeds'), report.httpSeeds.map(escapeControl).join('\n')])
  const files = options.padding ? report.files : report.files.filter((file) => !file.padding)
  const hiddenPads = report.files.length - files.length
  return [
    `${table.toString()}\n`,
    `${label('magnet')} ${report.magnet}\n`,
    '\n',
    renderFileTree(report.name, options.singleFile, files),
    hiddenPads > 0 ? `(${hiddenPads} pad files hidden; --padding shows them)\n` : '',
    '\n',
    renderIssues(report.issues, options.color),
  ].join('')
}
