import {existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, watch} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import {inspectTorrent} from '../../src/core/use-cases/inspect-torrent.js'
import {sparseFile, start, stderrLines, tempFiles, waitForOpen, injectIntoHashWorkers} from './fault-helpers.js'

const MiB = 2 ** 20
let dir: string
let root: string
let big: string
let output: string

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mktorrent-signals-'))
  root = join(dir, 'content')
  mkdirSync(root)
  big = join(root, 'big.bin')
  output = join(dir, 'out.torrent')
})

afterEach(() => {
  rmSync(dir, {recursive: true, force: true})
})

/** Whether process `pid` still exists (its worker threads die with it). */
function alive(pid: number): boolean {
  return existsSync(`/proc/${pid}`)
}

describe('create, interrupted while hashing', () => {
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    it(`exits ${code} on ${signal}, with its workers gone and nothing written`, async () => {
      // 8 GiB of holes: minutes of hashing, so the signal surely lands mid-run.
      sparseFile(big, 8 * 1024 * MiB)
      const running = start(['create', '--no-date', '-o', output, root], {guardMs: 60_000})
      expect(await waitForOpen(running.child.pid!, big)).toBe(true)
      running.child.kill(signal)
      // A hang guard (it stops in well under a second when the machine is quiet), not a timing assertion.
      const guard = setTimeout(() => running.child.kill('SIGKILL'), 30_000)
      const result = await running.done
      clearTimeout(guard)
      expect({status: result.status, signal: result.signal}).toEqual({status: code, signal: null})
      expect(stderrLines(result.stderr)).toEqual(['mktorrent: error: interrupted; no torrent was written'])
      expect(alive(running.child.pid!)).toBe(false)
      expect(readdirSync(dir)).toEqual(['content'])
    })
  }
})

describe('create, interrupted while writing the torrent', () => {
  it('removes its temp file: the output is either absent or whole, never partial', async () => {
    // 1 GiB in 16 KiB pieces: a 1.3 MB torrent, so its temp file exists for a while. The process
    // is frozen (SIGSTOP) as soon as the temp file appears, sent SIGINT, then thawed.
    sparseFile(big, 1024 * MiB)
    const running = start(['create', '--no-date', '-q', '-l', '16KiB', '-o', output, root], {guardMs: 60_000})
    let caught = false
    const watcher = watch(dir, (_event, name) => {
      if (caught || !String(name).endsWith('.tmp')) return
      caught = running.child.kill('SIGSTOP')
      running.child.kill('SIGINT')
      running.child.kill('SIGCONT')
    })
    const result = await running.done
    watcher.close()
    expect(caught).toBe(true)
    expect(tempFiles(dir)).toEqual([])
    expect(result.status).toBe(130)
    expect(stderrLines(result.stderr)).toEqual(['mktorrent: error: interrupted by SIGINT'])
    if (existsSync(output)) {
      // The link into place won the race with the signal: then the torrent must be whole.
      expect(inspectTorrent(readFileSync(output)).report.valid).toBe(true)
    }
  })
})

describe('create, when a hashing worker fails', () => {
  const inject = (body: string): Record<string, string> => injectIntoHashWorkers(dir, body)

  it('ends with an internal error when a worker throws, and writes nothing', async () => {
    sparseFile(big, 256 * MiB)
    const env = inject(`const crypto = require('node:crypto'); const hash = crypto.hash; let calls = 0
crypto.hash = (...args) => { if (++calls === 3) throw new Error('injected failure'); return hash(...args) }
require('node:module').syncBuiltinESMExports()`)
    const result = await start(['create', '--no-date', '-o', output, root], {env}).done
    expect(result.hung).toBe(false)
    expect(result.status).toBe(70)
    expect(stderrLines(result.stderr)).toEqual([expect.stringMatching(/^mktorrent: error: internal error: injected failure/)])
    expect(readdirSync(dir).sort()).toEqual(['content', 'fault.cjs'])
  })

  it('ends with an internal error when a worker thread exits mid-task, and writes nothing', async () => {
    sparseFile(big, 256 * MiB)
    const env = inject(`const fs = require('node:fs'); const readSync = fs.readSync; let calls = 0
fs.readSync = (...args) => (args[3] >= 65536 && ++calls === 3 ? process.exit(7) : readSync(...args))
require('node:module').syncBuiltinESMExports()`)
    const result = await start(['create', '--no-date', '-o', output, root], {env}).done
    expect(result.hung).toBe(false)
    expect(result.status).toBe(70)
    expect(stderrLines(result.stderr)).toEqual([expect.stringMatching(/^mktorrent: error: internal error: worker exited with code: 7/)])
    expect(readdirSync(dir).sort()).toEqual(['content', 'fault.cjs'])
  })

  it('ends with an internal error when every worker thread dies while starting, instead of waiting forever', async () => {
    sparseFile(big, 256 * MiB)
    const env = inject(`if (!require('node:worker_threads').isMainThread) process.exit(9)`)
    const result = await start(['create', '--no-date', '-t', '2', '-o', output, root], {env}).done
    expect(result.hung).toBe(false)
    expect(result.status).toBe(70)
    expect(stderrLines(result.stderr)).toEqual([expect.stringMatching(/^mktorrent: error: internal error: /)])
    expect(readdirSync(dir).sort()).toEqual(['content', 'fault.cjs'])
  })
})
