import {describe, expect, it} from 'vitest'
import {type Sample, formatRate, formatTable, formatValue, judge, median, medianRatio, peakRss, roundRatios} from './bench-stats.js'

const run = (round: number, seconds: number, peak?: number): Sample => ({round, seconds, peakRss: peak})

describe('median', () => {
  it('takes the middle value of an odd count, whatever the order', () => {
    expect(median([5, 1, 3])).toBe(3)
  })

  it('averages the two middle values of an even count', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5)
  })

  it('refuses an empty list', () => {
    expect(() => median([])).toThrow(RangeError)
  })
})

describe('same-round ratios', () => {
  it('divides the reference time by the subject time of the same round only', () => {
    const subject = [run(1, 2), run(2, 4), run(3, 1)]
    const reference = [run(1, 4), run(2, 4), run(4, 9)]
    expect(roundRatios(subject, reference)).toEqual([2, 1])
  })

  it('takes the median of the ratios, not the ratio of the medians', () => {
    const subject = [run(1, 1), run(2, 10), run(3, 1)]
    const reference = [run(1, 2), run(2, 10), run(3, 3)]
    expect(medianRatio(subject, reference)).toBe(2)
  })

  it('has no ratio when the two never ran in the same round', () => {
    expect(medianRatio([run(1, 1)], [run(2, 1)])).toBeUndefined()
  })
})

describe('peakRss', () => {
  it('is the largest known peak, ignoring runs without one', () => {
    expect(peakRss([run(1, 1, 5), run(2, 1), run(3, 1, 7)])).toBe(7)
    expect(peakRss([run(1, 1)])).toBeUndefined()
  })
})

describe('judge', () => {
  it('passes a minimum reached exactly and misses one not reached', () => {
    const target = {label: 't', op: '>=', bound: 1.5, unit: 'x'} as const
    expect(judge(target, 1.5)).toBe('pass')
    expect(judge(target, 1.49)).toBe('miss')
  })

  it('treats < as strict and <= as inclusive', () => {
    expect(judge({label: 't', op: '<', bound: 2, unit: 's'}, 2)).toBe('miss')
    expect(judge({label: 't', op: '<=', bound: 2, unit: 'x'}, 2)).toBe('pass')
  })

  it('has no verdict without a measurement', () => {
    expect(judge({label: 't', op: '>=', bound: 1, unit: 'x'}, undefined)).toBe('n/a')
  })
})

describe('formatting', () => {
  it('prints ratios, megabytes, seconds and rates in fixed forms', () => {
    expect([formatValue(1.234, 'x'), formatValue(187.6, 'MB'), formatValue(0.4124, 's'), formatValue(undefined, 'x')]).toEqual([
      '1.23x',
      '188 MB',
      '0.412 s',
      '-',
    ])
    expect(formatRate(2477123.4, 'files/s')).toBe('2,477,123 files/s')
  })

  it('pads columns, right-aligns numeric ones with their header, and rules the header', () => {
    const table = formatTable(['tool', 'time'], [['mktorrent', '0.867 s'], ['ours', '12.000 s']])
    expect(table).toBe(['tool           time', '---------  --------', 'mktorrent   0.867 s', 'ours       12.000 s', ''].join('\n'))
  })
})
