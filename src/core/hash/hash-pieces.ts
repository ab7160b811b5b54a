import {type Stats, closeSync, constants, fstatSync, openSync, readSync, statSync} from 'node:fs'
import {createHash, hash, type Hash} from 'node:crypto'
import {segmentAt} from '../content/piece-layout.js'
import type {HashResult, HashTask, WorkerJob} from './hash-task.js'
import {type FileTable, NOT_SEEN, fileTable} from './job-files.js'
import {BLOCK_SIZE, HASH_SIZE, SHA1_SIZE, foldInPlace, sha256Into} from './merkle.js'

/** Bytes read per call: large enough for few syscalls, a multiple of the 16 KiB leaf size. */
const CHUNK_SIZE = 4 * 1024 * 1024

class ContentChanged extends Error {
  constructor(
    readonly code: 'content-changed' | 'read-failed',
    readonly path: string,
    message: string,
  ) {
    super(message)
  }
}

/**
 * One open file at a time, checked against the walk's size, mtime and inode on open and on close,
 * and on close also that its path still names the file read: a file replaced by a rename (even one
 * keeping size and mtime, as `cp -p` or rsync do) would otherwise mix two contents in one torrent.
 * A file the job has NOT_SEEN is held to its length, and to the mtime and inode its open finds.
 */
class FileReader {
  private fd = -1
  private index = -1
  /** What the open file must keep until it is closed. */
  private mtimeMs = 0
  private ino = 0
  /** The path the open file was opened by, which close() stats again. */
  private opened: string | Buffer = ''

  constructor(private readonly files: FileTable) {}

  read(fileIndex: number, buffer: Buffer, offset: number, length: number, position: number): void {
    if (fileIndex !== this.index) this.open(fileIndex)
    let done = 0
    while (done < length) {
      let bytes: number
      try {
        bytes = readSync(this.fd, buffer, offset + done, length - done, position + done)
      } catch (error) {
        throw new ContentChanged('read-failed', this.path(), `${this.path()} cannot be read (${(error as NodeJS.ErrnoException).code})`)
      }
      if (bytes === 0) throw new ContentChanged('content-changed', this.path(), `${this.path()} shrank while it was being hashed`)
      done += bytes
    }
  }

  close(): void {
    if (this.fd === -1) return
    try {
      // While the path still names the inode that is open, stat of the path is fstat of the open
      // file: one system call checks both that nothing changed and that nothing was renamed over
      // it (one of five per small file, docs/performance.md).
      const named = statOrUndefined(this.opened)
      if (named?.ino !== this.ino) {
        throw new ContentChanged('content-changed', this.path(), `${this.path()} was replaced or removed while it was being hashed`)
      }
      this.check(named)
    } finally {
      closeSync(this.fd)
      this.fd = -1
      this.index = -1
    }
  }

  private open(fileIndex: number): void {
    this.close()
    this.index = fileIndex
    try {
      this.opened = this.files.openPath(fileIndex)
      // Non-blocking, so a FIFO swapped in since the walk cannot hang the open; check() refuses it.
      this.fd = openSync(this.opened, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW)
    } catch (error) {
      this.index = -1
      const file = this.files.diskPath(fileIndex)
      throw new ContentChanged('read-failed', file, `${file} cannot be opened (${(error as NodeJS.ErrnoException).code})`)
    }
    const stats = fstatSync(this.fd)
    const seen = this.files.ino(fileIndex) !== NOT_SEEN
    this.mtimeMs = seen ? this.files.mtimeMs(fileIndex) : stats.mtimeMs
    this.ino = seen ? this.files.ino(fileIndex) : stats.ino
    this.check(stats)
  }

  private check(stat: Stats): void {
    if (!stat.isFile()) {
      throw new ContentChanged('content-changed', this.path(), `${this.path()} is no longer a regular file (it was replaced while being hashed)`)
    }
    if (stat.size !== this.files.length(this.index) || stat.mtimeMs !== this.mtimeMs || stat.ino !== this.ino) {
      throw new ContentChanged('content-changed', this.path(), `${this.path()} changed while it was being hashed (its size, modification time or inode differs from when the folder was read)`)
    }
  }

  private path(): string {
    return this.files.diskPath(this.index)
  }
}

function statOrUndefined(path: string | Buffer): Stats | undefined {
  try {
    return statSync(path)
  } catch {
    return undefined
  }
}

let sharedBuffer: Buffer | undefined
/** Views of sharedBuffer's 16 KiB blocks, made once: a subarray per leaf hash cost ~4 % of v2. */
let blockViews: Buffer[] = []
let sharedLeaves: Buffer | undefined

/**
 * Hashes a range of pieces: SHA-1 of each piece over files and zero pads (v1, hybrid), and per
 * piece the merkle root of its file data's 16 KiB leaves (v2, hybrid). In v2 and hybrid layouts a
 * piece holds data of one file only, starting at the piece's first byte, so pads carry no leaves.
 */
export function hashPieces(job: WorkerJob, task: HashTask): HashResult {
  const {pieceLength} = job
  const chunkSize = Math.min(pieceLength, CHUNK_SIZE)
  if (sharedBuffer === undefined || sharedBuffer.length < chunkSize) {
    sharedBuffer = Buffer.allocUnsafe(chunkSize)
    blockViews = []
  }
  const buffer = sharedBuffer
  if (job.sha256 && blockViews.length === 0) {
    blockViews = Array.from({length: Math.floor(buffer.length / BLOCK_SIZE)}, (_, block) => buffer.subarray(block * BLOCK_SIZE, (block + 1) * BLOCK_SIZE))
  }
  const leafRoom = (pieceLength / BLOCK_SIZE) * HASH_SIZE
  if (job.sha256 && (sharedLeaves === undefined || sharedLeaves.length < leafRoom)) sharedLeaves = Buffer.allocUnsafe(leafRoom)
  const leaves = sharedLeaves!
  const sha1 = job.sha1 ? new Uint8Array(task.pieceCount * SHA1_SIZE) : undefined
  const roots = job.sha256 ? new Uint8Array(task.pieceCount * HASH_SIZE) : undefined
  const reader = new FileReader(fileTable(job.files))
  try {
    let segment = segmentAt(job.segmentStart, task.firstPiece * pieceLength)
    for (let n = 0; n < task.pieceCount; n++) {
      const pieceStart = (task.firstPiece + n) * pieceLength
      while (job.segmentStart[segment]! + job.segmentLength[segment]! <= pieceStart) segment++
      const pieceEnd = Math.min(pieceStart + pieceLength, job.layoutLength)
      const dataEnd = job.sha1 ? pieceEnd : Math.min(pieceEnd, job.segmentStart[segment]! + job.segmentLength[segment]!)
      const incremental: Hash | undefined = job.sha1 && pieceEnd - pieceStart > chunkSize ? createHash('sha1') : undefined
      let leafCount = 0
      for (let chunkStart = pieceStart; chunkStart < dataEnd; chunkStart += chunkSize) {
        const chunkEnd = Math.min(chunkStart + chunkSize, dataEnd)
        let fileBytesEnd = chunkStart
        for (let at = chunkStart; at < chunkEnd; ) {
          while (job.segmentStart[segment]! + job.segmentLength[segment]! <= at) segment++
          const segmentEnd = job.segmentStart[segment]! + job.segmentLength[segment]!
          const end = Math.min(segmentEnd, chunkEnd)
          const file = job.segmentFile[segment]!
          if (file === -1) buffer.fill(0, at - chunkStart, end - chunkStart)
          else {
            reader.read(file, buffer, at - chunkStart, end - at, at - job.segmentStart[segment]!)
            fileBytesEnd = end
          }
          at = end
        }
        const view = buffer.subarray(0, chunkEnd - chunkStart)
        if (incremental) incremental.update(view)
        else if (sha1) sha1.set(hash('sha1', view, 'buffer'), n * SHA1_SIZE)
        if (roots) {
          const fileBytes = fileBytesEnd - chunkStart
          for (let block = 0; block < fileBytes; block += BLOCK_SIZE) {
            const leaf = block + BLOCK_SIZE <= fileBytes ? blockViews[block / BLOCK_SIZE]! : view.subarray(block, fileBytes)
            sha256Into(leaf, leaves, leafCount++ * HASH_SIZE)
          }
        }
      }
      if (incremental && sha1) sha1.set(incremental.digest(), n * SHA1_SIZE)
      if (roots) roots.set(foldInPlace(leaves, leafCount), n * HASH_SIZE)
    }
    reader.close()
    return {ok: true, sha1, roots}
  } catch (error) {
    try {
      reader.close()
    } catch {
      // The first error is the one worth reporting.
    }
    if (error instanceof ContentChanged) return {ok: false, code: error.code, path: error.path, message: error.message}
    throw error
  }
}
