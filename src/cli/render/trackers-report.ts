import type {SwarmCounts, TrackerResult, TrackersReport} from '../../core/remote/tracker-report.js'
import {escapeControl} from './escape.js'

/**
 * `trackers` for pipes: one tab-separated record per line (docs/trackers-output.md). A `tracker`
 * line always has eight fields, `-` where one does not apply; a `swarm` line follows it for each
 * info-hash a tracker answered for.
 */
export function renderTrackersLines(report: TrackersReport): string {
  const lines: string[] = []
  const add = (...cells: Array<string | number | null>): void => void lines.push(cells.map((cell) => escapeControl(String(cell ?? '-'))).join('\t'))
  add('name', report.name)
  for (const {version, infoHash} of report.infoHashes) add('info hash', version, infoHash)
  for (const tracker of report.trackers) {
    add('tracker', tracker.status, tracker.tier, tracker.url, tracker.method, tracker.latencyMs, tracker.errorClass, tracker.message)
    for (const swarm of tracker.swarms) add('swarm', tracker.tier, tracker.url, swarm.version, swarm.seeders, swarm.leechers, swarm.completed)
  }
  add('trackers answered', report.counts.answered, report.counts.trackers)
  add('result', report.ok ? 'ok' : 'problems')
  return `${lines.join('\n')}\n`
}

/** The closing line: how many answered, failed and were not checked. */
export function renderTrackersSummary(report: TrackersReport): string {
  const {trackers, answered, notChecked} = report.counts
  if (trackers === 0) return 'the torrent lists no trackers\n'
  const skipped = notChecked > 0 ? `, ${notChecked} not checked` : ''
  return `${answered} of ${trackers} ${trackers === 1 ? 'tracker' : 'trackers'} answered${skipped}\n`
}

/** The error line for exit 1: failures counted by class. */
export function trackersFailureMessage(report: TrackersReport): string | undefined {
  if (report.ok) return undefined
  const byClass = new Map<string, number>()
  for (const tracker of report.trackers) {
    if (tracker.status === 'failed') byClass.set(tracker.errorClass ?? 'failed', (byClass.get(tracker.errorClass ?? 'failed') ?? 0) + 1)
  }
  const classes = [...byClass].map(([errorClass, count]) => `${count} ${errorClass}`).join(', ')
  const checked = report.counts.trackers - report.counts.notChecked
  return `${report.counts.failed} of ${checked} ${checked === 1 ? 'tracker' : 'trackers'} did not answer (${classes})`
}

/** The result column for people: `ok (scrape, 12 ms)`, `timeout`, `not checked`. */
export function resultText(tracker: TrackerResult): string {
  if (tracker.status === 'ok') return `ok (${tracker.method}, ${tracker.latencyMs} ms)`
  if (tracker.status === 'not-checked') return 'not checked'
  return tracker.errorClass ?? 'failed'
}

/** One count per info-hash asked for, labelled when there are two (a hybrid). */
export function countText(swarms: SwarmCounts[], field: 'seeders' | 'leechers' | 'completed'): string {
  const value = (swarm: SwarmCounts): string => (swarm.listed ? String(swarm[field] ?? '-') : 'unknown')
  if (swarms.length === 1) return value(swarms[0]!)
  return swarms.map((swarm) => `${swarm.version}: ${value(swarm)}`).join('\n')
}
