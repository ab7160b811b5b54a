import {beforeAll, describe, expect, it} from 'vitest'
import {type FuzzReport, runFuzz} from '../../scripts/fuzz/fuzz.js'

// A fixed-seed budget of the fuzzer that `npm run fuzz` runs at will: the same 20,000 inputs every
// time, each through info and verify, in one worker (the suite already runs test files two at a
// time on two cores). One run serves every test below.
const RUNS = 20_000
let report: FuzzReport

beforeAll(async () => {
  // A hang guard per input of 30 s, not the 2 s `npm run fuzz` uses: a loaded machine is no hang.
  report = await runFuzz({seed: 1, runs: RUNS, workers: 1, timeoutMs: 30_000})
  console.log(`fuzz seed 1: ${report.runs} inputs, ${JSON.stringify(report.outcomes)}`)
})

describe('the mutation fuzzer, seed 1', () => {
  it(`finds no crash, hang, out-of-memory or broken invariant in ${RUNS} inputs`, () => {
    expect(report.findings).toEqual([])
    expect(report.runs).toBe(RUNS)
  })

  it('reaches both valid and invalid torrents, not only syntax errors', () => {
    expect(report.outcomes['parsed-0']).toBeGreaterThan(0)
    expect(report.outcomes['parsed-3']).toBeGreaterThan(0)
  })

  it('verifies mutated torrents against their content, finding it both intact and damaged', () => {
    expect(report.outcomes['verify-0']).toBeGreaterThan(0)
    expect(report.outcomes['verify-1']).toBeGreaterThan(0)
  })
})
