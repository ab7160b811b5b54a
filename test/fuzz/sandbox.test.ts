import {mkdtempSync, realpathSync, rmSync, symlinkSync} from 'node:fs'
import {readFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {CONTENT_DIR} from '../../scripts/fuzz/fuzz.js'
import {Sandbox} from '../../scripts/fuzz/sandbox.js'
import {REPO_ROOT} from '../helpers/run-cli.js'

const valid = Buffer.from('d4:infod6:lengthi1e4:name1:a12:piece lengthi16384e6:pieces20:aaaaaaaaaaaaaaaaaaaaee')
const treeTorrent = join(REPO_ROOT, 'fixtures/torrents/lt-hybrid-tree.torrent')

describe('the fuzzer sandbox', () => {
  // A shorter guard for the hang probe, still thousands of times what an input takes, so that a
  // busy machine is not mistaken for a hang; a long one elsewhere, so that a worker slowed down by
  // garbage collection near its heap limit is not either.
  const quick = new Sandbox({timeoutMs: 5_000, heapMb: 64, batchSize: 10})
  const patient = new Sandbox({timeoutMs: 30_000, heapMb: 32, batchSize: 10})
  const verifying = new Sandbox({timeoutMs: 30_000, heapMb: 200, verifySavePath: realpathSync(CONTENT_DIR)})
  afterAll(() => Promise.all([quick.close(), patient.close(), verifying.close()]))

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

  it('with a save path, verifies what info accepts and sees verify refuse what info refuses', async () => {
    const tree = await readFile(treeTorrent)
    const damaged = Buffer.from(tree)
    // A byte of the first SHA-1 piece hash: the v1 half of the hybrid now disagrees with the v2 half.
    damaged[damaged.indexOf(':', damaged.indexOf('6:pieces') + '6:pieces'.length) + 1]! ^= 1
    const results = await verifying.run([{bytes: tree}, {bytes: damaged}, {bytes: valid}, {bytes: Buffer.from('d-3:e')}])
    expect(results.map((result) => result.verify)).toEqual([
      {kind: 'report', exitCode: 0},
      {kind: 'report', exitCode: 3},
      {kind: 'report', exitCode: 1},
      {kind: 'error', exitCode: 3, code: 'bencode-syntax'},
    ])
  })

  it('with a save path, flags a verify that touches a path outside it', async () => {
    // The content folder `tree` is a link out of the save path: verify follows the top folder it is
    // given, so every lookup below it lands outside, and the recorder must say so.
    const savePath = realpathSync(mkdtempSync(join(tmpdir(), 'mktorrent-sandbox-')))
    symlinkSync(join(CONTENT_DIR, 'tree'), join(savePath, 'tree'))
    const outside = new Sandbox({timeoutMs: 30_000, heapMb: 200, verifySavePath: savePath})
    try {
      const [result] = await outside.run([{bytes: await readFile(treeTorrent)}])
      expect(result!.outcome).toMatchObject({kind: 'inconsistent', message: expect.stringMatching(/^verify: verify touched .* outside /)})
    } finally {
      await outside.close()
      rmSync(savePath, {recursive: true, force: true})
    }
  })
})
