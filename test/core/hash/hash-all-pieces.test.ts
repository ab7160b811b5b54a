import {createHash} from 'node:crypto'
import {readFileSync, statSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {planLayout} from '../../../src/core/content/piece-layout.js'
import {TASK_BYTES, hashAllPieces, hashWorkers, pieceTasks} from '../../../src/core/hash/hash-pool.js'
import {INLINE_BYTES} from '../../../src/core/hash/hash-workers.js'
import type {HashJob} from '../../../src/core/hash/hash-task.js'
import type {MetaVersion} from '../../../src/core/metainfo/metainfo.js'
import {type TreeSpec, withTempTree} from '../../helpers/temp-tree.js'

const KiB = 1024

function jobFor(root: string, names: string[], metaVersion: MetaVersion, pieceLength: number): HashJob {
  const files = names.map((name) => {
    const diskPath = join(root, name)
    const stats = statSync(diskPath)
    return {diskPath, length: stats.size, mtimeMs: stats.mtimeMs, ino: stats.ino}
  })
  const layout = planLayout(metaVersion, pieceLength, files.map((file) => file.length))
  return {
    pieceLength,
    layoutLength: layout.layoutLength,
    sha1: metaVersion !== 'v2',
    sha256: metaVersion !== 'v1',
    files,
    segmentFile: layout.segmentFile,
    segmentStart: layout.segmentStart,
    segmentLength: layout.segmentLength,
  }
}

/** The reference: the whole address space in memory (files and zero pads), one SHA-1 per piece. */
function naiveSha1(job: HashJob): Buffer {
  const space = Buffer.alloc(job.layoutLength)
  job.segmentFile.forEach((file, i) => {
    if (file >= 0) readFileSync(job.files[file]!.diskPath).copy(space, job.segmentStart[i]!)
  })
  const digests: Buffer[] = []
  for (let start = 0; start < space.length; start += job.pieceLength) {
    digests.push(createHash('sha1').update(space.subarray(start, start + job.pieceLength)).digest())
  }
  return Buffer.concat(digests)
}

const TREE: TreeSpec = {'a.bin': 40_000, 'b.bin': 0, 'c.bin': 16 * KiB, 'd.bin': 1, 'e.bin': 100_003}
const NAMES = Object.keys(TREE)

describe('hashAllPieces', () => {
  it.each<[MetaVersion, number]>([
    ['v1', 16 * KiB],
    ['v1', 32 * KiB],
    ['hybrid', 16 * KiB],
    ['hybrid', 64 * KiB],
  ])('gives the SHA-1 of every %s piece at %i bytes, across file boundaries and zero pads', async (metaVersion, pieceLength) => {
    await withTempTree(TREE, async ({root}) => {
      const job = jobFor(root, NAMES, metaVersion, pieceLength)
      const hashes = await hashAllPieces(job, {threads: 1})
      expect(Buffer.from(hashes.sha1!).equals(naiveSha1(job))).toBe(true)
    })
  })

  it('gives a one-leaf piece root equal to the SHA-256 of its bytes (BEP 52 leaf)', async () => {
    await withTempTree({'one.bin': 1000}, async ({root}) => {
      const job = jobFor(root, ['one.bin'], 'v2', 16 * KiB)
      const hashes = await hashAllPieces(job, {threads: 1})
      const expected = createHash('sha256').update(readFileSync(join(root, 'one.bin'))).digest()
      expect(Buffer.from(hashes.roots!).equals(expected)).toBe(true)
      expect(hashes.sha1).toBeUndefined()
    })
  })

  it('gives the same hashes from the worker pool as inline, with progress reaching the total', async () => {
    // Over the inline threshold, so the pool really runs.
    await withTempTree({'big.bin': INLINE_BYTES + 7, 'small.bin': 5}, async ({root}) => {
      const job = jobFor(root, ['big.bin', 'small.bin'], 'hybrid', 256 * KiB)
      const progress: number[] = []
      const pooled = await hashAllPieces(job, {threads: 2, onProgress: (done) => progress.push(done)})
      const inline = await hashAllPieces(job, {threads: 1})
      expect(Buffer.from(pooled.sha1!).equals(Buffer.from(inline.sha1!))).toBe(true)
      expect(Buffer.from(pooled.roots!).equals(Buffer.from(inline.roots!))).toBe(true)
      expect(Buffer.from(pooled.sha1!).equals(naiveSha1(job))).toBe(true)
      expect(progress.at(-1)).toBe(job.layoutLength)
    })
  })

  it('runs jobs one after another on workers started ahead, with non-ASCII paths in shared memory', async () => {
    await withTempTree({'grösse ü.bin': INLINE_BYTES + 16 * KiB, 'b.bin': 100}, async ({root}) => {
      const workers = hashWorkers(2)!
      workers.prepare(Number.MAX_SAFE_INTEGER)
      try {
        for (const metaVersion of ['v1', 'v2'] as const) {
          const job = jobFor(root, ['grösse ü.bin', 'b.bin'], metaVersion, 64 * KiB)
          const pooled = await hashAllPieces(job, {workers})
          const inline = await hashAllPieces(job, {threads: 1})
          expect(pooled).toEqual(inline)
        }
      } finally {
        await workers.destroy()
      }
    })
  })

  it('names a file that changed after it was planned by its path, also from the workers', async () => {
    await withTempTree({'grösse ü.bin': INLINE_BYTES + 16 * KiB}, async ({root}) => {
      const job = jobFor(root, ['grösse ü.bin'], 'v1', 256 * KiB)
      job.files[0]!.mtimeMs -= 1000
      await expect(hashAllPieces(job, {threads: 2})).rejects.toMatchObject({code: 'content-changed', exitCode: 4, path: join(root, 'grösse ü.bin')})
    })
  })

  it('stops with an I/O error naming a file that shrank after it was planned', async () => {
    await withTempTree({'a.bin': 50_000}, async ({root}) => {
      const job = jobFor(root, ['a.bin'], 'v1', 16 * KiB)
      job.files[0]!.length = 60_000
      await expect(hashAllPieces(job, {threads: 1})).rejects.toMatchObject({code: 'content-changed', exitCode: 4, path: join(root, 'a.bin')})
    })
  })

  it('stops when aborted', async () => {
    await withTempTree({'a.bin': 50_000}, async ({root}) => {
      const controller = new AbortController()
      controller.abort()
      await expect(hashAllPieces(jobFor(root, ['a.bin'], 'v1', 16 * KiB), {threads: 1, signal: controller.signal})).rejects.toThrow()
    })
  })

  it('stops a run on the workers when aborted halfway, with the abort reason', async () => {
    await withTempTree({'a.bin': INLINE_BYTES + 16 * KiB}, async ({root}) => {
      const controller = new AbortController()
      const reason = new Error('stopped by the test')
      let results = 0
      const run = hashAllPieces(jobFor(root, ['a.bin'], 'v1', 256 * KiB), {
        threads: 2,
        signal: controller.signal,
        onProgress() {
          if (++results === 1) controller.abort(reason)
        },
      })
      await expect(run).rejects.toBe(reason)
      // Results of tasks still in flight may arrive; the tasks not yet handed out never run.
      expect(results).toBeLessThan(pieceTasks('hash-pieces', [[0, Math.ceil((INLINE_BYTES + 16 * KiB) / (256 * KiB))]], 256 * KiB, 2).length)
    })
  })

  it('covers every piece once, in order, with quarter-size tasks over the last stretch', () => {
    const perTask = TASK_BYTES / (256 * KiB)
    for (const [pieceCount, threads] of [[1, 2], [perTask, 2], [perTask * 2 + 3, 2], [perTask * 10 + 1, 2], [perTask * 10, 4], [5, 1]] as const) {
      const tasks = pieceTasks('hash-pieces', [[0, pieceCount]], 256 * KiB, threads)
      let next = 0
      for (const task of tasks) {
        expect(task.firstPiece).toBe(next)
        expect(task.pieceCount).toBeGreaterThan(0)
        expect(task.pieceCount).toBeLessThanOrEqual(perTask)
        next += task.pieceCount
      }
      expect(next).toBe(pieceCount)
      if (pieceCount >= perTask * threads) expect(tasks.at(-1)!.pieceCount).toBeLessThanOrEqual(perTask / 4)
    }
  })

  it('covers runs of pieces with gaps (verify skips unreadable files) without crossing a gap, quartering the last stretch', () => {
    const perTask = TASK_BYTES / (256 * KiB)
    const runs: Array<[number, number]> = [[0, 3], [5, 5 + perTask * 3 + 1], [200, 200 + perTask], [300, 301]]
    const tasks = pieceTasks('verify-pieces', runs, 256 * KiB, 2)
    const covered = tasks.flatMap((task) => Array.from({length: task.pieceCount}, (_, i) => task.firstPiece + i))
    expect(covered).toEqual(runs.flatMap(([first, end]) => Array.from({length: end - first}, (_, i) => first + i)))
    for (const task of tasks) {
      expect(task.kind).toBe('verify-pieces')
      expect(runs.some(([first, end]) => task.firstPiece >= first && task.firstPiece + task.pieceCount <= end)).toBe(true)
      expect(task.pieceCount).toBeLessThanOrEqual(perTask)
    }
    // The last two full tasks' worth of pieces (2 * perTask) come in quarters: the last two runs whole, and the end of the one before.
    const tail = tasks.filter((task) => task.firstPiece >= 200)
    expect(tail.every((task) => task.pieceCount <= perTask / 4)).toBe(true)
    expect(tasks.filter((task) => task.pieceCount === perTask).length).toBeGreaterThanOrEqual(2)
  })
})
