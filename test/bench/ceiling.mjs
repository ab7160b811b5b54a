// The "ceiling" contender: what this machine can do when nothing but reading and SHA-1 runs.
// `node ceiling.mjs <path> [pieceLength] [threads]` walks the content in canonical order, then
// worker threads claim batches of v1 pieces through a shared counter, read them with positional
// reads into one reused buffer and SHA-1 them. No pool library, no messages per task, no checks.
// Prints {seconds, pieces, digest} where digest is the SHA-1 of all piece hashes (comparable with
// the `pieces` of a v1 torrent of the same content).
import {createHash} from 'node:crypto'
import {closeSync, openSync, readSync, readdirSync, statSync} from 'node:fs'
import {availableParallelism} from 'node:os'
import {join} from 'node:path'
import {Worker, isMainThread, workerData} from 'node:worker_threads'

const PIECES_PER_BATCH = 16

function walk(path) {
  if (statSync(path).isFile()) return [path]
  const names = readdirSync(path, {encoding: 'buffer'}).sort(Buffer.compare)
  return names.flatMap((name) => walk(join(path, name.toString('utf8'))))
}

function hashBatches({files, starts, total, pieceLength, counter, digests}) {
  const next = new Int32Array(counter)
  const out = new Uint8Array(digests)
  const pieceCount = Math.ceil(total / pieceLength)
  const buffer = Buffer.allocUnsafe(pieceLength)
  let openIndex = -1
  let fd = -1
  for (;;) {
    const first = Atomics.add(next, 0, PIECES_PER_BATCH)
    if (first >= pieceCount) break
    for (let piece = first; piece < Math.min(first + PIECES_PER_BATCH, pieceCount); piece++) {
      const start = piece * pieceLength
      const end = Math.min(start + pieceLength, total)
      let file = fileAt(starts, start)
      for (let at = start; at < end; file++) {
        const fileEnd = starts[file] + files[file].length
        if (fileEnd <= at) continue
        if (file !== openIndex) {
          if (fd !== -1) closeSync(fd)
          fd = openSync(files[file].path, 'r')
          openIndex = file
        }
        const length = Math.min(fileEnd, end) - at
        for (let done = 0; done < length; ) done += readSync(fd, buffer, at - start + done, length - done, at - starts[file] + done)
        at += length
      }
      out.set(createHash('sha1').update(buffer.subarray(0, end - start)).digest(), piece * 20)
    }
  }
  if (fd !== -1) closeSync(fd)
}

function fileAt(starts, offset) {
  let low = 0
  let high = starts.length - 1
  while (low < high) {
    const middle = (low + high + 1) >>> 1
    if (starts[middle] <= offset) low = middle
    else high = middle - 1
  }
  return low
}

if (isMainThread) {
  const [path, pieceArg = '1048576', threadArg] = process.argv.slice(2)
  const started = performance.now()
  const files = walk(path).map((file) => ({path: file, length: statSync(file).size})).filter((file) => file.length > 0)
  const starts = []
  let total = 0
  for (const file of files) {
    starts.push(total)
    total += file.length
  }
  const pieceLength = Number(pieceArg)
  const pieceCount = Math.ceil(total / pieceLength)
  const job = {files, starts, total, pieceLength, counter: new SharedArrayBuffer(4), digests: new SharedArrayBuffer(pieceCount * 20)}
  const threads = Number(threadArg ?? availableParallelism())
  const url = new URL(import.meta.url)
  await Promise.all(
    Array.from({length: threads}, () => new Promise((resolve, reject) => {
      const worker = new Worker(url, {workerData: job})
      worker.once('error', reject)
      worker.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`worker exited ${code}`))))
    })),
  )
  const digest = createHash('sha1').update(new Uint8Array(job.digests)).digest('hex')
  process.stdout.write(`${JSON.stringify({seconds: (performance.now() - started) / 1000, pieces: pieceCount, digest})}\n`)
} else {
  hashBatches(workerData)
}
