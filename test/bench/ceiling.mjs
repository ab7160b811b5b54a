// The "ceiling" contender: what this machine can do when nothing but reading and SHA-1 runs.
// `node ceiling.mjs <path> [pieceLength] [threads]` walks the content in canonical order, then
// worker threads claim batches of v1 pieces through a shared counter, read them with positional
// reads into one reused buffer and SHA-1 them. No pool library, no messages per task, no checks.
// Prints {seconds, pieces, digest} where digest is the SHA-1 of all piece hashes (comparable with
// the `pieces` of a v1 torrent of the same content).
//
// `node ceiling.mjs <path> [pieceLength] [threads] v2|hybrid` does the same for BEP 52: every file
// starts a piece; per piece, SHA-256 of each 16 KiB leaf (crypto.hash one-shot, digest written into
// one leaf buffer) folded to the piece's merkle root, and for hybrid also SHA-1 of the piece, zero
// padded to a full piece except in the last file. It then prints {seconds, pieces, roots, digest}:
// roots is the SHA-1 of all piece roots, digest (hybrid) that of all SHA-1 piece hashes. What Node
// can reach for v2 and hybrid, with no pool, no checks and no file trees.
import {createHash, hash} from 'node:crypto'
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

const BLOCK_SIZE = 16 * 1024

/** v2, hybrid: pieces as [file, start in file, bytes], batches claimed like hashBatches'. */
function hashMerkleBatches({files, pieces, pieceLength, hybrid, counter, roots, digests}) {
  const next = new Int32Array(counter)
  const outRoots = new Uint8Array(roots)
  const outDigests = new Uint8Array(digests)
  const pieceCount = pieces.length / 3
  const buffer = Buffer.alloc(pieceLength)
  const leaves = Buffer.allocUnsafe((pieceLength / BLOCK_SIZE + 1) * 32)
  const blocks = Array.from({length: pieceLength / BLOCK_SIZE}, (_, i) => buffer.subarray(i * BLOCK_SIZE, (i + 1) * BLOCK_SIZE))
  const pairs = Array.from({length: pieceLength / BLOCK_SIZE / 2 + 1}, (_, i) => leaves.subarray(i * 64, (i + 1) * 64))
  const zero = [Buffer.alloc(32)]
  for (let height = 1; height < 48; height++) zero.push(hash('sha256', Buffer.concat([zero[height - 1], zero[height - 1]]), 'buffer'))
  let openIndex = -1
  let fd = -1
  for (;;) {
    const first = Atomics.add(next, 0, PIECES_PER_BATCH)
    if (first >= pieceCount) break
    for (let piece = first; piece < Math.min(first + PIECES_PER_BATCH, pieceCount); piece++) {
      const [file, position, length] = [pieces[piece * 3], pieces[piece * 3 + 1], pieces[piece * 3 + 2]]
      if (file !== openIndex) {
        if (fd !== -1) closeSync(fd)
        fd = openSync(files[file].path, 'r')
        openIndex = file
      }
      for (let done = 0; done < length; ) done += readSync(fd, buffer, done, length - done, position + done)
      let count = 0
      for (let block = 0; block < length; block += BLOCK_SIZE) {
        const leaf = block + BLOCK_SIZE <= length ? blocks[block / BLOCK_SIZE] : buffer.subarray(block, length)
        leaves.write(hash('sha256', leaf, 'latin1'), count++ * 32, 'latin1')
      }
      for (let height = 0; count > 1; height++) {
        if (count % 2 === 1) leaves.set(zero[height], count++ * 32)
        for (let i = 0; i < count / 2; i++) leaves.write(hash('sha256', pairs[i], 'latin1'), i * 32, 'latin1')
        count /= 2
      }
      outRoots.set(leaves.subarray(0, 32), piece * 32)
      if (hybrid) {
        // Every file is padded to a whole piece (BEP 47 pad files), the last one too, as in ours.
        if (pieceLength > length) buffer.fill(0, length, pieceLength)
        outDigests.set(hash('sha1', buffer, 'buffer'), piece * 20)
      }
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
  const [path, pieceArg = '1048576', threadArg, mode = 'v1'] = process.argv.slice(2)
  const started = performance.now()
  const files = walk(path).map((file) => ({path: file, length: statSync(file).size})).filter((file) => file.length > 0)
  const starts = []
  let total = 0
  for (const file of files) {
    starts.push(total)
    total += file.length
  }
  const pieceLength = Number(pieceArg)
  const merkle = mode !== 'v1'
  const pieces = []
  if (merkle) {
    files.forEach((file, index) => {
      for (let at = 0; at < file.length; at += pieceLength) pieces.push(index, at, Math.min(pieceLength, file.length - at))
    })
  }
  const pieceCount = merkle ? pieces.length / 3 : Math.ceil(total / pieceLength)
  const job = {files, starts, total, pieceLength, mode, pieces, hybrid: mode === 'hybrid', counter: new SharedArrayBuffer(4), roots: new SharedArrayBuffer(merkle ? pieceCount * 32 : 0), digests: new SharedArrayBuffer(pieceCount * 20)}
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
  const seconds = (performance.now() - started) / 1000
  if (!merkle) process.stdout.write(`${JSON.stringify({seconds, pieces: pieceCount, digest})}\n`)
  else {
    const roots = createHash('sha1').update(new Uint8Array(job.roots)).digest('hex')
    process.stdout.write(`${JSON.stringify({seconds, pieces: pieceCount, roots, ...(job.hybrid ? {digest} : {})})}\n`)
  }
} else if (workerData.mode === 'v1') {
  hashBatches(workerData)
} else {
  hashMerkleBatches(workerData)
}
