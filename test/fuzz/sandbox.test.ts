import {afterAll, describe, expect, it} from 'vitest'
import {Sandbox} from '../../scripts/fuzz/sandbox.js'

const valid = Buffer.from('d4:infod6:lengthi1e4:name1:a12:piece lengthi16384e6:pieces20:aaaaaaaaaaaaaaaaaaaaee')

describe('the fuzzer sandbox', () => {
  // A short guard to catch the hang quickly; a long one elsewhere, so that a worker slowed down by
  // garbage collection near its heap limit is not mistaken for a hang.
  const quick = new Sandbox({timeoutMs: 500, heapMb: 64, batchSize: 10})
  const patient = new Sandbox({timeoutMs: 30_000, heapMb: 32, batchSize: 10})
  afterAll(() => Promise.all([quick.close(), patient.close()]))

  it('answers each input with what info makes of it', async () => {
    const results = await quick.run([{bytes: Buffer.from('d-3:e')}, {bytes: valid}])
    expect(results.map((result) => result.outcome)).toEqual([
      {kind: 'error', exitCode: 3, code: 'bencode-syntax'},
      {kind: 'parsed', exitCode: 0, errors: [], warnings: []},
    ])
  })

  it('records a hang against its input, then goes on with a fresh worker', async () => {
    const results = await quick.run([{bytes: valid}, {probe: 'hang'}, {bytes: Buffer.from('de')}])
    expect(results.map((result) => result.outcome.kind)).toEqual(['parsed', 'hang', 'error'])
  })

  it('records an out-of-memory and a worker that exits against their inputs, and goes on after each', async () => {
    const results = await patient.run([{probe: 'out-of-memory'}, {bytes: Buffer.from('de')}, {probe: 'exit'}, {bytes: Buffer.from('le')}])
    expect(results.map((result) => result.outcome.kind)).toEqual(['out-of-memory', 'error', 'crash', 'error'])
  })
})
