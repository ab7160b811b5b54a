import {execFileSync} from 'node:child_process'
import {appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, truncateSync, unlinkSync, utimesSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import {type Finished, sparseFile, start, startInShell, stderrLines, tempFiles, waitForOpen} from './fault-helpers.js'

// Faults injected for real while `mktorrent create` runs: the test waits until the process holds
// the content file open (/proc/<pid>/fd), so hashing has begun, then changes the file.
const MiB = 2 ** 20
let dir: string
let root: string
let big: string
let output: string

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mktorrent-faults-'))
  root = join(dir, 'content')
  mkdirSync(root)
  // 768 MiB of holes: hashing takes long enough (48 tasks) for a change to land mid-run.
  big = join(root, 'big.bin')
  sparseFile(big, 768 * MiB)
  writeFileSync(join(root, 'small.txt'), 'hello')
  output = join(dir, 'out.torrent')
})

afterEach(() => {
  rmSync(dir, {recursive: true, force: true})
})

/** Runs create, and once `watched` is open, calls `fault`. */
async function createWithFault(watched: string, fault: () => void, args: string[] = []): Promise<Finished> {
  const running = start(['create', '--no-date', '-o', output, ...args, root])
  if (await waitForOpen(running.child.pid!, watched)) fault()
  return running.done
}

function expectIoFailureNaming(result: Finished, file: string, pattern: RegExp): void {
  expect(result.hung).toBe(false)
  expect(result.status).toBe(4)
  const lines = stderrLines(result.stderr)
  expect(lines).toHaveLength(1)
  expect(lines[0]).toContain(file)
  expect(lines[0]).toMatch(pattern)
  expect(existsSync(output)).toBe(false)
  expect(tempFiles(dir)).toEqual([])
}

describe('create, when a file changes while it is hashed', () => {
  it('exits 4 naming a file that shrinks, and writes nothing', async () => {
    const result = await createWithFault(big, () => truncateSync(big, 100 * MiB))
    expectIoFailureNaming(result, big, /changed while it was being hashed/)
  })

  it('exits 4 naming a file that grows, and writes nothing', async () => {
    const result = await createWithFault(big, () => appendFileSync(big, 'more'))
    expectIoFailureNaming(result, big, /changed while it was being hashed/)
  })

  it('exits 4 naming a file replaced by a rename, even one with the same size and mtime', async () => {
    const other = join(dir, 'other.bin')
    sparseFile(other, 768 * MiB)
    const {atime, mtime} = statSync(big)
    utimesSync(other, atime, mtime)
    const result = await createWithFault(big, () => renameSync(other, big))
    expectIoFailureNaming(result, big, /replaced|changed/)
  })

  it('exits 4 naming a file replaced by a FIFO, without blocking on it', async () => {
    const small = join(root, 'small.txt')
    const result = await createWithFault(big, () => {
      unlinkSync(small)
      execFileSync('mkfifo', [small])
    })
    expectIoFailureNaming(result, small, /no longer a regular file|changed/)
  })
})

describe('create, when the output exists', () => {
  it('exits 5 before hashing and leaves the existing file byte-identical', async () => {
    const before = Buffer.from('not a torrent, but mine')
    writeFileSync(output, before)
    // A preload that leaves a mark in any hashing worker (its workerData names it); content over
    // 64 MiB is always hashed in workers, which start during the walk.
    const marker = join(dir, 'hashing-started')
    const preload = join(dir, 'mark.cjs')
    writeFileSync(preload, `const {workerData} = require('node:worker_threads'); if (workerData === 'mktorrent-hash-worker') require('node:fs').writeFileSync(${JSON.stringify(marker)}, '')\n`)
    const result = await start(['create', '--no-date', '-o', output, root], {env: {NODE_OPTIONS: `--require ${preload}`}}).done
    expect(result.status).toBe(5)
    expect(stderrLines(result.stderr)).toEqual([`mktorrent: error: ${output} exists; use --force to replace it`])
    expect(readFileSync(output)).toEqual(before)
    expect(existsSync(marker)).toBe(false)
  })

  it('exits 5 when the output appears during hashing, and leaves that file byte-identical', async () => {
    const appeared = Buffer.from('written by someone else meanwhile')
    const result = await createWithFault(big, () => writeFileSync(output, appeared))
    expect(result.status).toBe(5)
    expect(stderrLines(result.stderr)).toHaveLength(1)
    expect(readFileSync(output)).toEqual(appeared)
    expect(tempFiles(dir)).toEqual([])
  })
})

describe('create, when the output cannot be written', () => {
  it('exits 4 with EFBIG under `ulimit -f` and leaves no temp file', async () => {
    sparseFile(big, 64 * MiB)
    // 64 MiB in 16 KiB pieces: an 80 KiB torrent, over a file size limit of 16 blocks of 1 KiB.
    const result = await startInShell('ulimit -f 16; exec "$@"', ['create', '--no-date', '-l', '16KiB', '-o', output, root]).done
    expect(result.status).toBe(4)
    expect(stderrLines(result.stderr)).toEqual([expect.stringMatching(/cannot be written: the file would exceed the file size limit/)])
    expect(existsSync(output)).toBe(false)
    expect(tempFiles(dir)).toEqual([])
  })

  it('exits 4 with one line when stdout is /dev/full with -o -', async () => {
    const result = await startInShell('exec "$@" > /dev/full', ['create', '--no-date', '-o', '-', root]).done
    expect(result.status).toBe(4)
    expect(stderrLines(result.stderr)).toEqual(['mktorrent: error: cannot write to stdout: no space left on the device'])
  })

  it('treats a closed stdout (>&-) as /dev/null, which Node opens in its place: exit 0, no crash', async () => {
    const result = await startInShell('exec "$@" >&-', ['create', '--no-date', '-q', '-o', '-', root]).done
    expect({status: result.status, stderr: result.stderr}).toEqual({status: 0, stderr: ''})
  })

  it('exits 4 with one line when the reader of stdout has gone with -o -', async () => {
    // `true` exits at once, long before Node has started and written anything.
    const result = await startInShell('set -o pipefail; "$@" | true', ['create', '--no-date', '-o', '-', root]).done
    expect(result.status).toBe(4)
    expect(stderrLines(result.stderr)).toEqual(['mktorrent: error: cannot write to stdout: the program reading it closed the pipe'])
  })
})
