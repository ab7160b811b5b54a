import {describe, expect, it} from 'vitest'
import {runFuzz} from '../../scripts/fuzz/fuzz.js'

// A fixed-seed budget of the fuzzer that `npm run fuzz` runs at will: the same 20,000 inputs every
// time, in one worker (the suite already runs test files two at a time on two cores).
const RUNS = 20_000

describe('the mutation fuzzer, seed 1', () => {
  it(`finds no crash, hang, out-of-memory or broken invariant in ${RUNS} inputs`, async () => {
    const report = await runFuzz({seed: 1, runs: RUNS, workers: 1})
    console.log(`fuzz seed 1: ${report.runs} inputs, ${JSON.stringify(report.outcomes)}`)
    expect(report.findings).toEqual([])
    expect(report.runs).toBe(RUNS)
  })

  it('reaches both valid and invalid torrents, not only syntax errors', async () => {
    const report = await runFuzz({seed: 1, runs: 2_000, workers: 1})
    expect(report.outcomes['parsed-0']).toBeGreaterThan(0)
    expect(report.outcomes['parsed-3']).toBeGreaterThan(0)
  })
})
