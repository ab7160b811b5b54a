import {constants, promises as fs} from 'node:fs'
import {defaultDecodeLimits} from './bencode/decode.js'
import {InvalidTorrentError, IoError} from './errors.js'

/**
 * Reads a .torrent file, refusing anything but a regular file of at most `maxBytes`. The file is
 * opened non-blocking and checked with fstat on the open handle, so a FIFO or device is never read
 * and cannot hang us, and a file swapped after a stat cannot slip through.
 */
export async function readTorrentFile(path: string, maxBytes = defaultDecodeLimits.maxBytes): Promise<Buffer> {
  let handle: fs.FileHandle
  try {
    handle = await fs.open(path, constants.O_RDONLY | constants.O_NONBLOCK)
  } catch (error) {
    // Opening a Unix socket fails with ENXIO: it is there, but it is no file.
    if ((error as NodeJS.ErrnoException).code === 'ENXIO') {
      throw new IoError('not-a-file', `${path} is not a regular file (a socket or device), so it is not read`, path)
    }
    throw ioError(error, path)
  }
  try {
    const stat = await handle.stat()
    if (stat.isDirectory()) throw new IoError('not-a-file', `${path} is a directory, not a .torrent file`, path)
    if (!stat.isFile()) throw new IoError('not-a-file', `${path} is not a regular file (a FIFO, socket or device), so it is not read`, path)
    if (stat.size > maxBytes) {
      throw new InvalidTorrentError('torrent-too-large', `${path} is ${stat.size} bytes, over the ${maxBytes}-byte limit for a .torrent file`)
    }
    const buffer = Buffer.allocUnsafe(Math.min(stat.size + 1, maxBytes + 1))
    let filled = 0
    while (filled < buffer.length) {
      const {bytesRead} = await handle.read(buffer, filled, buffer.length - filled, filled)
      if (bytesRead === 0) break
      filled += bytesRead
    }
    if (filled > maxBytes) throw new InvalidTorrentError('torrent-too-large', `${path} grew past the ${maxBytes}-byte limit while being read`)
    return buffer.subarray(0, filled)
  } catch (error) {
    if (error instanceof InvalidTorrentError || error instanceof IoError) throw error
    throw ioError(error, path)
  } finally {
    await handle.close()
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
