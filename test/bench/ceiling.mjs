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
//
// Cold-cache experiment (issue 12): `--read-ahead=N` adds a read-ahead on the main thread that
// keeps N async reads (libuv pool; run with UV_THREADPOOL_SIZE >= N) of whole small files in
// flight ahead of the workers, so that their readSync finds the pages cached; `--hand-fds` leaves
// each read-ahead's descriptor open for the worker instead of closing it (the worker then skips
// its own open). Only files up to READ_AHEAD_FILE_BYTES are read ahead: the kernel's own
// read-ahead serves large sequential reads.
import {createHash, hash} from 'node:crypto'
import {close, closeSync, open, openSync, read, readSync, readdirSync, statSync} from 'node:fs'
import {availableParallelism} from 'node:os'
import {join} from 'node:path'
import {Worker, isMainThread, workerData} from 'node:worker_threads'

const PIECES_PER_BATCH = 16
const READ_AHEAD_FILE_BYTES = 1024 * 1024
/** Files read ahead and not yet reached by a worker, at most. */
const READ_AHEAD_FILES = 256
// Per-file states of the read-ahead table (Int32Array; a value >= 0 is a handed-over descriptor).
const UNREAD = -1
const TAKEN = -2
const READ = -3


function walk(path) {
  if (statSync(path).isFile()) return [path]
  const names = readdirSync(path, {encoding: 'buffer'}).sort(Buffer.compare)
  return names.flatMap((name) => walk(join(path, name.toString('utf8'))))
}

/** Runs `hashPiece` on each piece of the batches this thread claims through the shared counter. */
function forClaimedPieces(counter, pieceCount, hashPiece) {
  const next = new Int32Array(counter)
  for (;;) {
    const first = Atomics.add(next, 0, PIECES_PER_BATCH)
    if (first >= pieceCount) return
    for (let piece = first; piece < Math.min(first + PIECES_PER_BATCH, pieceCount); piece++) hashPiece(piece)
  }
}

/** The one file a thread keeps open, reopened only when a read is in another file; `fds` holds read-ahead descriptors. */
function openFiles(files, fds) {
  let openIndex = -1
  let fd = -1
  return {
    fdOf(file) {
      if (file !== openIndex) {
        if (fd !== -1) closeSync(fd)
        const handed = fds ? Atomics.exchange(fds, file, TAKEN) : UNREAD
        fd = handed >= 0 ? handed : openSync(files[file].path, 'r')
        openIndex = file
      }
      return fd
    },
    close() {
      if (fd !== -1) closeSync(fd)
    },
  }
}

function hashBatches({files, starts, total, pieceLength, counter, digests, fdTable}) {
  const out = new Uint8Array(digests)
  const buffer = Buffer.allocUnsafe(pieceLength)
  const opened = openFiles(files, fdTable && new Int32Array(fdTable))
  forClaimedPieces(counter, Math.ceil(total / pieceLength), (piece) => {
    const start = piece * pieceLength
    const end = Math.min(start + pieceLength, total)
    let file = fileAt(starts, start)
    for (let at = start; at < end; file++) {
      const fileEnd = starts[file] + files[file].length
      if (fileEnd <= at) continue
      const fd = opened.fdOf(file)
      const length = Math.min(fileEnd, end) - at
      for (let done = 0; done < length; ) done += readSync(fd, buffer, at - start + done, length - done, at - starts[file] + done)
      at += length
    }
    out.set(createHash('sha1').update(buffer.subarray(0, end - start)).digest(), piece * 20)
  })
  opened.close()
}

const BLOCK_SIZE = 16 * 1024

/** v2, hybrid: pieces as [file, start in file, bytes], batches claimed like hashBatches'. */
function hashMerkleBatches({files, pieces, pieceLength, hybrid, counter, roots, digests}) {
  const outRoots = new Uint8Array(roots)
  const outDigests = new Uint8Array(digests)
  const buffer = Buffer.alloc(pieceLength)
  const leaves = Buffer.allocUnsafe((pieceLength / BLOCK_SIZE + 1) * 32)
  const blocks = Array.from({length: pieceLength / BLOCK_SIZE}, (_, i) => buffer.subarray(i * BLOCK_SIZE, (i + 1) * BLOCK_SIZE))
  const pairs = Array.from({length: pieceLength / BLOCK_SIZE / 2 + 1}, (_, i) => leaves.subarray(i * 64, (i + 1) * 64))
  const zero = [Buffer.alloc(32)]
  for (let height = 1; height < 48; height++) zero.push(hash('sha256', Buffer.concat([zero[height - 1], zero[height - 1]]), 'buffer'))
  const opened = openFiles(files, undefined)
  forClaimedPieces(counter, pieces.length / 3, (piece) => {
    const [file, position, length] = [pieces[piece * 3], pieces[piece * 3 + 1], pieces[piece * 3 + 2]]
    const fd = opened.fdOf(file)
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
  })
  opened.close()
}

/** Keeps `inFlight` reads of whole small files going, in layout order, ahead of the workers. */
function readAhead(files, fdTable, inFlight, handFds, stop) {
  const fds = new Int32Array(fdTable)
  const scratch = Buffer.allocUnsafe(READ_AHEAD_FILE_BYTES)
  const waiting = [] // read ahead, not yet taken
  let next = 0
  let running = 0
  return new Promise((resolve) => {
    const pump = () => {
      while (waiting.length > 0 && Atomics.load(fds, waiting[0]) === TAKEN) waiting.shift()
      while (running < inFlight && waiting.length + running < READ_AHEAD_FILES && next < files.length && !stop.done) {
        const file = next++
        if (files[file].length > READ_AHEAD_FILE_BYTES || Atomics.load(fds, file) !== UNREAD) continue
        running++
        open(files[file].path, 'r', (error, fd) => {
          if (error) return settle(file, -1)
          read(fd, scratch, 0, files[file].length, 0, () => settle(file, fd))
        })
      }
      if (next >= files.length && running === 0 || stop.done) return resolve()
      if (running < inFlight) setTimeout(pump, 1)
    }
    const settle = (file, fd) => {
      running--
      if (fd >= 0) {
        const kept = handFds && Atomics.compareExchange(fds, file, UNREAD, fd) === UNREAD
        if (!kept) {
          Atomics.compareExchange(fds, file, UNREAD, READ)
          close(fd, () => undefined)
        }
      }
      waiting.push(file)
      pump()
    }
    pump()
  })
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
  const flags = process.argv.slice(2).filter((arg) => arg.startsWith('--'))
  const [path, pieceArg = '1048576', threadArg, mode = 'v1'] = process.argv.slice(2).filter((arg) => !arg.startsWith('--'))
  const readAheadFlag = flags.find((flag) => flag.startsWith('--read-ahead='))
  const readAheadReads = readAheadFlag === undefined ? 0 : Number(readAheadFlag.slice('--read-ahead='.length))
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
  // The read-ahead serves v1 only.
  const fdTable = readAheadReads > 0 && !merkle ? new SharedArrayBuffer(files.length * 4) : undefined
  if (fdTable) new Int32Array(fdTable).fill(UNREAD)
  const job = {files, starts, total, pieceLength, mode, pieces, hybrid: mode === 'hybrid', counter: new SharedArrayBuffer(4), roots: new SharedArrayBuffer(merkle ? pieceCount * 32 : 0), digests: new SharedArrayBuffer(pieceCount * 20), fdTable}
  const stop = {done: false}
  const readingAhead = fdTable && readAhead(files, fdTable, readAheadReads, flags.includes('--hand-fds'), stop)
  const threads = Number(threadArg ?? availableParallelism())
  const url = new URL(import.meta.url)
  await Promise.all(
    Array.from({length: threads}, () => new Promise((resolve, reject) => {
      const worker = new Worker(url, {workerData: job, trackUnmanagedFds: false})
      worker.once('error', reject)
      worker.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`worker exited ${code}`))))
    })),
  )
  stop.done = true
  await readingAhead
  if (fdTable) for (const fd of new Int32Array(fdTable)) if (fd >= 0) closeSync(fd)
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
