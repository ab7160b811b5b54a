import Table from 'cli-table3'
import type {WebSeedFileStatus, WebSeedVerifyReport} from '../../core/remote/web-seed-report.js'
import {type Style, paint} from '../output.js'
import {escapeControl} from './escape.js'
import {pieceRanges} from './verify-report.js'
import {listedWebSeedFiles, renderSampleNote, renderWebSeedSummary} from './web-seed-report.js'

const statusStyle: Record<WebSeedFileStatus, Style> = {
  ok: 'green',
  skipped: 'dim',
  missing: 'red',
  short: 'red',
  long: 'red',
  corrupt: 'red',
  'no-range-support': 'red',
  'http-error': 'red',
  'network-error': 'red',
  'bad-response': 'red',
}

/** `verify --web-seed` for a terminal: per web seed its URL, the files not OK (all with --verbose) and a summary line. */
export function renderWebSeedTable(report: WebSeedVerifyReport, options: {color: boolean; verbose: boolean}): string {
  let text = ''
  for (const result of report.webSeeds) {
    text += `${paint(options.color, 'bold', 'web seed')} ${escapeControl(result.url)}\n`
    const files = listedWebSeedFiles(result, options.verbose)
    if (files.length > 0) {
      const table = new Table({
        head: ['file', 'status', 'bad pieces', 'detail', 'url'].map((title) => paint(options.color, 'bold', title)),
        style: {head: [], border: [], compact: true},
      })
      for (const file of files) {
        table.push([escapeControl(file.path), paint(options.color, statusStyle[file.status], file.status), pieceRanges(file.badPieces), escapeControl(file.detail ?? ''), escapeControl(file.url)])
      }
      text += `${table.toString()}\n`
    }
    text += renderWebSeedSummary(result, report.fast)
  }
  return text + renderSampleNote(report)
}
