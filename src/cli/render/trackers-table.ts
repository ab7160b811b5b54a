import Table from 'cli-table3'
import type {TrackerStatus, TrackersReport} from '../../core/remote/tracker-report.js'
import {type Style, paint} from '../output.js'
import {escapeControl} from './escape.js'
import {countText, renderTrackersSummary, resultText} from './trackers-report.js'

const resultWidth = 48

const statusStyle: Record<TrackerStatus, Style> = {ok: 'green', failed: 'red', 'not-checked': 'dim'}

/** `trackers` for a terminal: one row per tracker, its message below when it has one, then the summary. */
export function renderTrackersTable(report: TrackersReport, color: boolean): string {
  if (report.trackers.length === 0) return renderTrackersSummary(report)
  const table = new Table({
    head: ['tier', 'tracker', 'result', 'seeders', 'leechers', 'completed'].map((title) => paint(color, 'bold', title)),
    style: {head: [], border: [], compact: true},
    wordWrap: true,
    // Messages run long (an OpenSSL reason, a tracker's text): wrapped in their column, the rest sized to fit.
    colWidths: [null, null, resultWidth, null, null, null] as unknown as number[],
  })
  for (const tracker of report.trackers) {
    const result = paint(color, statusStyle[tracker.status], resultText(tracker))
    const message = tracker.message === null ? '' : `\n${escapeControl(tracker.message)}`
    table.push([tracker.tier, escapeControl(tracker.url), `${result}${message}`, ...(['seeders', 'leechers', 'completed'] as const).map((field) => countText(tracker.swarms, field))])
  }
  return `${table.toString()}\n${renderTrackersSummary(report)}`
}
