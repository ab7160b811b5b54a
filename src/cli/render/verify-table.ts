import Table from 'cli-table3'
import type {FileStatus, VerifyReport} from '../../core/verify/verify-report.js'
import {type Style, paint} from '../output.js'
import {escapeControl} from './escape.js'
import {listedFiles, pieceRanges, renderExtraFiles, renderVerifySummary} from './verify-report.js'

export interface VerifyTableOptions {
  color: boolean
  verbose: boolean
  seconds: number
}

const statusStyle: Record<FileStatus, Style> = {
  ok: 'green',
  skipped: 'dim',
  missing: 'red',
  short: 'red',
  long: 'red',
  corrupt: 'red',
  'not-a-file': 'red',
  unreadable: 'red',
}

/** `verify` for a terminal: the files not OK (or all with --verbose), extra entries, the summary line. */
export function renderVerifyTable(report: VerifyReport, options: VerifyTableOptions): string {
  const files = listedFiles(report, options.verbose)
  let text = ''
  if (files.length > 0) {
    const table = new Table({
      head: ['file', 'status', 'bad pieces', 'detail'].map((title) => paint(options.color, 'bold', title)),
      style: {head: [], border: [], compact: true},
      wordWrap: true,
    })
    for (const file of files) {
      table.push([escapeControl(file.path), paint(options.color, statusStyle[file.status], file.status), pieceRanges(file.badPieces), escapeControl(file.detail ?? '')])
    }
    text += `${table.toString()}\n`
  }
  text += renderExtraFiles(report.extraFiles)
  return text + renderVerifySummary(report, options.seconds)
}
