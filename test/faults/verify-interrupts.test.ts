import {existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import {torrent} from '../helpers/torrent-builder.js'
import {sparseFile, start, stderrLines, waitForOpen, injectIntoHashWorkers} from './fault-helpers.js'

// `verify` in the hashing pool (two threads), interrupted or losing a worker. The torrent holds
// one sparse file and made-up piece hashes: what matters is that hashing runs, not what it finds.
const MiB = 2 ** 20
const PIECE = 4 * MiB
let dir: string
let root: string
let big: string

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mktorrent-verify-signals-'))
  root = join(dir, 'content')
  mkdirSync(root)
  big = join(root, 'big.bin')
})

afterEach(() => {
  rmSync(dir, {recursive: true, force: true})
})

/** A sparse file of `length` bytes under content/ and a v1 torrent for it (hashes all zero), as t.torrent. */
function bigTorrent(length: number): string {
  sparseFile(big, length)
  const path = join(dir, 't.torrent')
  writeFileSync(path, torrent({name: 'content', 'piece length': PIECE, files: [{length, path: ['big.bin']}], pieces: Buffer.alloc((length / PIECE) * 20)}))
  return path
}

/** Whether process `pid` still exists (its worker threads die with it). */
function alive(pid: number): boolean {
  return existsSync(`/proc/${pid}`)
}

describe('verify, interrupted while hashing in the pool', () => {
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    it(`exits ${code} on ${signal}, with its workers gone and nothing written`, async () => {
      // 8 GiB of holes: far longer to hash than the test waits before signalling.
      const path = bigTorrent(8 * 1024 * MiB)
      const running = start(['verify', '--threads', '2', path], {guardMs: 60_000})
      expect(await waitForOpen(running.child.pid!, big)).toBe(true)
      running.child.kill(signal)
      // A hang guard (it stops in well under a second when the machine is quiet), not a timing assertion.
      const guard = setTimeout(() => running.child.kill('SIGKILL'), 30_000)
      const result = await running.done
      clearTimeout(guard)
      expect({status: result.status, signal: result.signal}).toEqual({status: code, signal: null})
      expect(stderrLines(result.stderr)).toEqual(['mktorrent: error: interrupted; verification stopped'])
      expect(result.stdout.toString()).toBe('')
      expect(alive(running.child.pid!)).toBe(false)
      expect(readdirSync(dir).sort()).toEqual(['content', 't.torrent'])
      expect(readdirSync(root)).toEqual(['big.bin'])
    })
  }
})

describe('verify, when a hashing worker fails', () => {
  const inject = (body: string): Record<string, string> => injectIntoHashWorkers(dir, body)

  it('ends with an internal error when a worker throws, and no report', async () => {
    const path = bigTorrent(256 * MiB)
    const env = inject(`const crypto = require('node:crypto'); const hash = crypto.hash; let calls = 0
crypto.hash = (...args) => { if (++calls === 3) throw new Error('injected failure'); return hash(...args) }
require('node:module').syncBuiltinESMExports()`)
    const result = await start(['verify', '--threads', '2', path], {env}).done
    expect(result.hung).toBe(false)
    expect(result.status).toBe(70)
    expect(stderrLines(result.stderr)).toEqual([expect.stringMatching(/^mktorrent: error: internal error: injected failure/)])
    expect(result.stdout.toString()).toBe('')
  })

  it('ends with an internal error when a worker thread exits mid-task', async () => {
    const path = bigTorrent(256 * MiB)
    const env = inject(`const fs = require('node:fs'); const readSync = fs.readSync; let calls = 0
fs.readSync = (...args) => (args[3] >= 65536 && ++calls === 3 ? process.exit(7) : readSync(...args))
require('node:module').syncBuiltinESMExports()`)
    const result = await start(['verify', '--threads', '2', path], {env}).done
    expect(result.hung).toBe(false)
    expect(result.status).toBe(70)
    expect(stderrLines(result.stderr)).toEqual([expect.stringMatching(/^mktorrent: error: internal error: worker exited with code: 7/)])
  })

  it('ends with an internal error when every worker thread dies while starting, instead of waiting forever', async () => {
    const path = bigTorrent(256 * MiB)
    const env = inject(`if (!require('node:worker_threads').isMainThread) process.exit(9)`)
    const result = await start(['verify', '--threads', '2', path], {env}).done
    expect(result.hung).toBe(false)
    expect(result.status).toBe(70)
    expect(stderrLines(result.stderr)).toEqual([expect.stringMatching(/^mktorrent: error: internal error: /)])
  })
})
