import {type Stats, closeSync, constants, fstatSync, openSync, readSync} from 'node:fs'
import {defaultDecodeLimits} from '../bencode/decode.js'
import {InvalidTorrentError, IoError} from '../errors.js'
import {readTorrentStream} from './torrent-stream.js'

/**
 * Reads a .torrent file of at most `maxBytes`: a regular file, or a FIFO (a named pipe, or a
 * process substitution such as `<(curl ...)`). The path is opened non-blocking and checked with
 * fstat on the open handle, so a device or socket is never read and cannot hang us, and a file
 * swapped after a stat cannot slip through. A FIFO must already have a writer; one without is
 * refused at once rather than waited on.
 */
export async function readTorrentFile(path: string, maxBytes = defaultDecodeLimits.maxBytes): Promise<Buffer> {
  return (await readTorrentSource(path, maxBytes)).bytes
}

/** What readTorrentFile read, and whether it came through a pipe (so it has no folder of its own). */
export async function readTorrentSource(path: string, maxBytes = defaultDecodeLimits.maxBytes): Promise<{bytes: Buffer; pipe: boolean}> {
  // Synchronous calls for a regular file of at most maxBytes on a local disk: node:fs/promises
  // would load streams and readline with it, a tenth of `info`'s start-up (docs/performance.md).
  let fd: number
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK)
  } catch (error) {
    // Opening a Unix socket fails with ENXIO: it is there, but it is no file.
    if ((error as NodeJS.ErrnoException).code === 'ENXIO') {
      throw new IoError('not-a-file', `${path} is not a regular file (a socket or device), so it is not read`, path)
    }
    throw ioError(error, path)
  }
  try {
    const stat = fstatSync(fd)
    if (stat.isDirectory()) throw new IoError('not-a-file', `${path} is a directory, not a .torrent file`, path)
    if (stat.isFIFO()) return {bytes: await readFifo(path, stat, maxBytes), pipe: true}
    if (!stat.isFile()) throw new IoError('not-a-file', `${path} is not a regular file or FIFO (a socket or device), so it is not read`, path)
    if (stat.size > maxBytes) {
      throw new InvalidTorrentError('torrent-too-large', `${path} is ${stat.size} bytes, over the ${maxBytes}-byte limit for a .torrent file`)
    }
    const buffer = Buffer.allocUnsafe(Math.min(stat.size + 1, maxBytes + 1))
    let filled = 0
    while (filled < buffer.length) {
      const bytesRead = readSync(fd, buffer, filled, buffer.length - filled, filled)
      if (bytesRead === 0) break
      filled += bytesRead
    }
    if (filled > maxBytes) throw new InvalidTorrentError('torrent-too-large', `${path} grew past the ${maxBytes}-byte limit while being read`)
    return {bytes: buffer.subarray(0, filled), pipe: false}
  } catch (error) {
    if (error instanceof InvalidTorrentError || error instanceof IoError) throw error
    throw ioError(error, path)
  } finally {
    closeSync(fd)
  }
}

/**
 * Reads a FIFO through its own non-blocking descriptor, event-driven, so waiting for data holds no
 * thread. A first read tells a FIFO without a writer (end of file at once: refused, as waiting
 * could be forever) from one whose writer has not written yet (EAGAIN: wait for it).
 */
async function readFifo(path: string, opened: Stats, maxBytes: number): Promise<Buffer> {
  let fd: number
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK)
  } catch (error) {
    throw ioError(error, path)
  }
  let first: Buffer
  try {
    const stat = fstatSync(fd)
    if (stat.ino !== opened.ino || stat.dev !== opened.dev) throw new IoError('read-failed', `${path} was replaced while being opened`, path)
    const buffer = Buffer.allocUnsafe(64 * 1024)
    const bytesRead = readSync(fd, buffer)
    if (bytesRead === 0) throw new IoError('fifo-no-writer', `${path} is a FIFO with no program writing to it; start the writer first`, path)
    first = buffer.subarray(0, bytesRead)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EAGAIN') first = Buffer.alloc(0)
    else {
      closeSync(fd)
      throw error instanceof IoError ? error : ioError(error, path)
    }
  }
  // node:net only for a FIFO: loading it costs every other run start-up time.
  const {Socket} = await import('node:net')
  const socket = new Socket({fd, readable: true, writable: false})
  try {
    return await readTorrentStream(socket, path, maxBytes, first)
  } catch (error) {
    throw error instanceof InvalidTorrentError ? error : ioError(error, path)
  } finally {
    socket.destroy()
  }
}

export function ioError(error: unknown, path: string): IoError {
  const code = (error as NodeJS.ErrnoException).code
  const reasons: Record<string, string> = {
    ENOENT: 'does not exist',
    EACCES: 'cannot be read: permission denied',
    EPERM: 'cannot be read: permission denied',
    EISDIR: 'is a directory',
    ELOOP: 'is a symbolic link loop',
    ENAMETOOLONG: 'has a name too long for the file system',
  }
  const reason = (code && reasons[code]) ?? `cannot be read (${code ?? (error as Error).message})`
  return new IoError(code === 'ENOENT' ? 'not-found' : 'read-failed', `${path} ${reason}`, path, {cause: error})
}
