import {describe, expect, it} from 'vitest'
import type {TrackersReport} from '../../src/core/remote/tracker-report.js'
import {renderTrackersLines, renderTrackersSummary, trackersFailureMessage} from '../../src/cli/render/trackers-report.js'
import {renderTrackersTable} from '../../src/cli/render/trackers-table.js'

const swarm = (version: 'v1' | 'v2', seeders: number | null, listed = true) => ({
  version,
  infoHash: (version === 'v1' ? 'a' : 'b').repeat(40),
  listed,
  seeders,
  leechers: 0,
  completed: null,
})

const report: TrackersReport = {
  ok: false,
  name: 'tab\there',
  metaVersion: 'hybrid',
  infoHashes: [
    {version: 'v1', infoHash: 'a'.repeat(40)},
    {version: 'v2', infoHash: 'b'.repeat(40)},
  ],
  timeoutMs: 10_000,
  trackers: [
    {tier: 1, url: 'udp://t.example:6969', protocol: 'udp', status: 'ok', reachable: true, method: 'udp-scrape', latencyMs: 12, errorClass: null, message: null, swarms: [swarm('v1', 3), swarm('v2', null, false)]},
    {tier: 2, url: 'https://t.example/announce?pk=***', protocol: 'https', status: 'failed', reachable: true, method: 'scrape', latencyMs: null, errorClass: 'tracker-failure', message: 'unregistered\ntorrent', swarms: []},
    {tier: 3, url: 'wss://t.example', protocol: 'wss', status: 'not-checked', reachable: false, method: null, latencyMs: null, errorClass: null, message: 'not checked here', swarms: []},
  ],
  counts: {trackers: 3, answered: 1, failed: 1, notChecked: 1},
}

/** Null counts show as `-`; a hash the scrape did not list as `unknown`. */
const TABLE = `${[
  '┌──────┬───────────────────────────────────┬────────────────────────────────────────────────┬─────────────┬─────────────┬─────────────┐',
  '│ tier │ tracker                           │ result                                         │ seeders     │ leechers    │ completed   │',
  '├──────┼───────────────────────────────────┼────────────────────────────────────────────────┼─────────────┼─────────────┼─────────────┤',
  '│ 1    │ udp://t.example:6969              │ ok (udp-scrape, 12 ms)                         │ v1: 3       │ v1: 0       │ v1: -       │',
  '│      │                                   │                                                │ v2: unknown │ v2: unknown │ v2: unknown │',
  '│ 2    │ https://t.example/announce?pk=*** │ tracker-failure                                │             │             │             │',
  '│      │                                   │ unregistered\\ntorrent                          │             │             │             │',
  '│ 3    │ wss://t.example                   │ not checked                                    │             │             │             │',
  '│      │                                   │ not checked here                               │             │             │             │',
  '└──────┴───────────────────────────────────┴────────────────────────────────────────────────┴─────────────┴─────────────┴─────────────┘',
  '1 of 3 trackers answered, 1 not checked',
].join('\n')}\n`

describe('trackers rendering', () => {
  it('prints a table with each message under its result, labelled counts for two hashes, and the summary', () => {
    expect(renderTrackersTable(report, false)).toBe(TABLE)
  })

  it('prints eight fields on every tracker line and escapes tabs and newlines', () => {
    expect(renderTrackersLines(report)).toBe(
      [
        'name\ttab\\there',
        `info hash\tv1\t${'a'.repeat(40)}`,
        `info hash\tv2\t${'b'.repeat(40)}`,
        'tracker\tok\t1\tudp://t.example:6969\tudp-scrape\t12\t-\t-',
        `swarm\t1\tudp://t.example:6969\tv1\t3\t0\t-`,
        `swarm\t1\tudp://t.example:6969\tv2\t-\t0\t-`,
        'tracker\tfailed\t2\thttps://t.example/announce?pk=***\tscrape\t-\ttracker-failure\tunregistered\\ntorrent',
        'tracker\tnot-checked\t3\twss://t.example\t-\t-\t-\tnot checked here',
        'trackers answered\t1\t3',
        'result\tproblems',
        '',
      ].join('\n'),
    )
  })

  it('counts failures by class for the error line, over the trackers that were asked', () => {
    expect(trackersFailureMessage(report)).toBe('1 of 2 trackers did not answer (1 tracker-failure)')
    expect(trackersFailureMessage({...report, ok: true})).toBeUndefined()
    expect(renderTrackersSummary({...report, trackers: [], counts: {trackers: 0, answered: 0, failed: 0, notChecked: 0}})).toBe('the torrent lists no trackers\n')
  })
})
