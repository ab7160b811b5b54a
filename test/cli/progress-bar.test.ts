import {describe, expect, it} from 'vitest'
import {ProgressReporter, type ProgressSink} from '../../src/cli/progress-reporter.js'
import {type ProgressState, formatEta, formatRate, renderProgress} from '../../src/cli/render/progress-bar.js'

const GiB = 2 ** 30
const CLEAR = '\u001B[K'

/** Half of 2 GiB done after 0.5 s: 2.15 GB/s, and 0.5 s left, shown rounded up as 0:01. */
const halfway: ProgressState = {phase: 'hashing', bytesDone: GiB, bytesTotal: 2 * GiB, elapsedMs: 500, width: 79}

describe('renderProgress', () => {
  it('draws bar, percentage, sizes, rate and ETA in 79 columns', () => {
    expect(renderProgress(halfway)).toBe('hashing [############------------]  50%     1 GiB / 2 GiB  2.15 GB/s  ETA 0:01 ')
  })

  it('caps the bar at 30 columns on a wide terminal', () => {
    expect(renderProgress({...halfway, width: 200})).toBe(
      'hashing [###############---------------]  50%     1 GiB / 2 GiB  2.15 GB/s  ETA 0:01 ',
    )
  })

  it('shows placeholders for rate and ETA before any byte is hashed, with the same bar width', () => {
    expect(renderProgress({...halfway, bytesDone: 0, elapsedMs: 0})).toBe(
      'hashing [------------------------]   0%       0 B / 2 GiB    -- MB/s  ETA --:--',
    )
  })

  it('shows a full bar, 100% and ETA 0:00 when done', () => {
    expect(renderProgress({...halfway, bytesDone: 2 * GiB, elapsedMs: 1000})).toBe(
      'hashing [########################] 100%     2 GiB / 2 GiB  2.15 GB/s  ETA 0:00 ',
    )
  })

  it('rounds the percentage down, so 100% means finished', () => {
    expect(renderProgress({...halfway, bytesDone: 999, bytesTotal: 1000, elapsedMs: 1000})).toBe(
      'hashing [######################-]  99%     999 B / 1000 B   0.0 MB/s  ETA 0:01 ',
    )
  })

  it('treats an empty payload as complete', () => {
    expect(renderProgress({...halfway, bytesDone: 0, bytesTotal: 0, elapsedMs: 0})).toBe(
      'hashing [##########################] 100%       0 B / 0 B    -- MB/s  ETA 0:00 ',
    )
  })

  it('drops the sizes first on a narrow terminal', () => {
    expect(renderProgress({...halfway, width: 60})).toBe('hashing [###########------------]  50%  2.15 GB/s  ETA 0:01 ')
  })

  it('then drops the rate', () => {
    expect(renderProgress({...halfway, width: 40})).toBe('hashing [#######-------]  50%  ETA 0:01 ')
  })

  it('then drops the bar', () => {
    expect(renderProgress({...halfway, width: 25})).toBe('hashing 50%  ETA 0:01')
  })

  it('finally cuts the line at the width', () => {
    expect(renderProgress({...halfway, width: 12})).toBe('hashing 50% ')
  })

  it('never returns a line longer than the width', () => {
    const states: ProgressState[] = [
      halfway,
      {...halfway, bytesDone: 0, elapsedMs: 0},
      {...halfway, bytesDone: 1, elapsedMs: 3_600_000},
      {phase: 'scanning', filesSeen: 1_234_567, bytesDone: 0, bytesTotal: 0, elapsedMs: 0, width: 0},
    ]
    for (const state of states) {
      for (let width = 0; width <= 120; width++) expect(renderProgress({...state, width}).length).toBeLessThanOrEqual(width)
    }
  })

  it.each([
    [12_345, 'scanning 12,345 files\u2026'],
    [1, 'scanning 1 file\u2026'],
    [undefined, 'scanning 0 files\u2026'],
  ])('counts files while scanning (%s)', (filesSeen, line) => {
    expect(renderProgress({phase: 'scanning', filesSeen, bytesDone: 0, bytesTotal: 0, elapsedMs: 0, width: 79})).toBe(line)
  })

  it('cuts the scanning line at the width', () => {
    expect(renderProgress({phase: 'scanning', filesSeen: 12_345, bytesDone: 0, bytesTotal: 0, elapsedMs: 0, width: 12})).toBe('scanning 12,')
  })
})

describe('formatRate', () => {
  it.each([
    [1.85e9, '1.85 GB/s'],
    [999.6e6, '1.00 GB/s'],
    [999.4e6, '999 MB/s'],
    [639e6, '639 MB/s'],
    [9.96e6, '10 MB/s'],
    [4.2e6, '4.2 MB/s'],
    [0, '0.0 MB/s'],
  ])('writes %d B/s as %s', (rate, text) => {
    expect(formatRate(rate)).toBe(text)
  })
})

describe('formatEta', () => {
  it.each([
    [0, undefined, '0:00'],
    [100, undefined, '--:--'],
    [100, 0, '--:--'],
    [4e9, 1e9, '0:04'],
    [59.5e6, 1e6, '1:00'],
    [3599e6, 1e6, '59:59'],
    [3600e6, 1e6, '1:00:00'],
    [3661e6, 1e6, '1:01:01'],
    [36_000e6, 1e6, '10:00:00'],
  ])('writes %d bytes left at %s B/s as %s', (left, rate, text) => {
    expect(formatEta(left, rate)).toBe(text)
  })
})

class FakeTerminal implements ProgressSink {
  readonly writes: string[] = []
  constructor(
    readonly isTTY = true,
    readonly columns: number | undefined = 80,
  ) {}

  write(text: string): void {
    this.writes.push(text)
  }
}

function reporter(out: ProgressSink, options: {enabled?: boolean; intervalMs?: number} = {}) {
  const clock = {now: 0}
  const progress = new ProgressReporter(out, {enabled: options.enabled ?? true, intervalMs: options.intervalMs, now: () => clock.now})
  return {progress, clock}
}

describe('ProgressReporter', () => {
  it('redraws at most every 100 ms with a carriage return and clear-to-end-of-line', () => {
    const out = new FakeTerminal()
    const {progress, clock} = reporter(out)
    progress.update({phase: 'scanning', filesSeen: 1})
    clock.now = 50
    progress.update({filesSeen: 2})
    clock.now = 99
    progress.update({filesSeen: 3})
    clock.now = 100
    progress.update({filesSeen: 4})
    expect(out.writes).toEqual([`\rscanning 1 file\u2026${CLEAR}`, `\rscanning 4 files\u2026${CLEAR}`])
  })

  it('draws a phase change at once and measures the rate from the start of hashing', () => {
    const out = new FakeTerminal()
    const {progress, clock} = reporter(out)
    clock.now = 1000
    progress.update({phase: 'scanning', filesSeen: 3})
    clock.now = 1010
    progress.update({phase: 'hashing', bytesDone: 0, bytesTotal: 2 * GiB})
    clock.now = 1510
    progress.update({phase: 'hashing', bytesDone: GiB, bytesTotal: 2 * GiB})
    expect(out.writes).toEqual([
      `\rscanning 3 files\u2026${CLEAR}`,
      `\rhashing [------------------------]   0%       0 B / 2 GiB    -- MB/s  ETA --:--${CLEAR}`,
      `\rhashing [############------------]  50%     1 GiB / 2 GiB  2.15 GB/s  ETA 0:01 ${CLEAR}`,
    ])
  })

  it('does not rewrite an unchanged line', () => {
    const out = new FakeTerminal()
    const {progress, clock} = reporter(out)
    progress.update({phase: 'scanning', filesSeen: 5})
    clock.now = 500
    progress.update({filesSeen: 5})
    expect(out.writes).toEqual([`\rscanning 5 files\u2026${CLEAR}`])
  })

  it('clears the line on finish, once, and ignores later updates', () => {
    const out = new FakeTerminal()
    const {progress, clock} = reporter(out)
    progress.update({phase: 'scanning', filesSeen: 5})
    progress.finish()
    clock.now = 1000
    progress.update({filesSeen: 6})
    progress.finish()
    expect(out.writes).toEqual([`\rscanning 5 files\u2026${CLEAR}`, `\r${CLEAR}`])
  })

  it('clears the line for other text, and draws it again at the next update even when unchanged', () => {
    const out = new FakeTerminal()
    const {progress, clock} = reporter(out)
    progress.update({phase: 'scanning', filesSeen: 6})
    progress.clear()
    out.write('skipped 1 OS junk\n')
    progress.clear()
    clock.now = 10
    progress.update({filesSeen: 6})
    expect(out.writes).toEqual([`\rscanning 6 files\u2026${CLEAR}`, `\r${CLEAR}`, 'skipped 1 OS junk\n', `\rscanning 6 files\u2026${CLEAR}`])
  })

  it('writes nothing on finish when nothing was drawn', () => {
    const out = new FakeTerminal()
    reporter(out).progress.finish()
    expect(out.writes).toEqual([])
  })

  it('writes nothing when disabled', () => {
    const out = new FakeTerminal()
    const {progress} = reporter(out, {enabled: false})
    progress.update({phase: 'hashing', bytesDone: 1, bytesTotal: 2})
    progress.finish()
    expect(out.writes).toEqual([])
  })

  it('writes nothing when the output is not a terminal, even if enabled', () => {
    const out = new FakeTerminal(false)
    const {progress} = reporter(out)
    progress.update({phase: 'scanning', filesSeen: 1})
    progress.finish()
    expect(out.writes).toEqual([])
  })

  it('leaves the last column free, and assumes 80 columns when the width is unknown', () => {
    const narrow = new FakeTerminal(true, 41)
    const {progress, clock} = reporter(narrow)
    progress.update({phase: 'hashing', bytesDone: 0, bytesTotal: 2 * GiB})
    clock.now = 500
    progress.update({bytesDone: GiB})
    expect(narrow.writes.at(-1)).toBe(`\rhashing [#######-------]  50%  ETA 0:01 ${CLEAR}`)

    const unknown = new FakeTerminal(true, undefined)
    reporter(unknown).progress.update({phase: 'scanning', filesSeen: 1})
    const wide = new FakeTerminal(true, 80)
    reporter(wide).progress.update({phase: 'hashing', bytesDone: 0, bytesTotal: GiB})
    expect(wide.writes).toEqual([`\rhashing [------------------------]   0%       0 B / 1 GiB    -- MB/s  ETA --:--${CLEAR}`])
    expect(unknown.writes).toEqual([`\rscanning 1 file\u2026${CLEAR}`])
  })

  it('honours a longer interval', () => {
    const out = new FakeTerminal()
    const {progress, clock} = reporter(out, {intervalMs: 1000})
    progress.update({phase: 'scanning', filesSeen: 1})
    clock.now = 999
    progress.update({filesSeen: 2})
    clock.now = 1000
    progress.update({filesSeen: 3})
    expect(out.writes).toEqual([`\rscanning 1 file\u2026${CLEAR}`, `\rscanning 3 files\u2026${CLEAR}`])
  })
})
