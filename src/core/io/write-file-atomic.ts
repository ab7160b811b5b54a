import {randomBytes} from 'node:crypto'
import {constants, type Stats, unlinkSync} from 'node:fs'
import {access, copyFile, link, lstat, open, rename, stat, unlink} from 'node:fs/promises'
import {basename, dirname, join} from 'node:path'
import {IoError} from '../errors.js'
import {OutputExistsError} from './output-exists-error.js'

export interface WriteOptions {
  /** Replace an existing regular file (or symbolic link: the link is replaced, its target untouched); default false. */
  force?: boolean
  /**
   * Permission bits for the new file, set exactly (not reduced by the umask); by default 0644 less
   * the umask. `edit --in-place` passes the old file's mode, so a 0600 torrent holding a private
   * tracker's passkey does not become readable by everyone.
   */
  mode?: number
}

/**
 * Temp files being written right now. A signal handler that is about to exit can remove them with
 * `removePendingTempFilesSync`, so an interrupted write leaves nothing behind.
 */
export const pendingTempFiles = new Set<string>()

/** Synchronous, so it can run in a signal handler just before the process exits. */
export function removePendingTempFilesSync(): void {
  for (const temp of pendingTempFiles) {
    try {
      unlinkSync(temp)
    } catch {
      // Already renamed or removed.
    }
    pendingTempFiles.delete(temp)
  }
}

/**
 * Checks, before any hashing, that `destination` can be written: its folder exists and is writable,
 * and it is not a directory, a device or a FIFO. Without `force` it must not exist (OutputExistsError).
 */
export async function assertWritableDestination(destination: string, options: WriteOptions = {}): Promise<void> {
  const existing = await lstatOrUndefined(destination)
  if (existing !== undefined) checkReplaceable(destination, existing, await statOrUndefined(destination), options)
  const folder = dirname(destination)
  let folderStat: Stats | undefined
  try {
    folderStat = await stat(folder)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code !== 'ENOENT' && code !== 'ENOTDIR') throw writeError(error, destination, `cannot write in ${folder}`)
  }
  if (folderStat === undefined) throw new IoError('output-folder-missing', `${folder} does not exist, so ${destination} cannot be written`, destination)
  if (!folderStat.isDirectory()) throw new IoError('output-folder-missing', `${folder} is not a folder, so ${destination} cannot be written`, destination)
  try {
    await access(folder, constants.W_OK)
  } catch (error) {
    throw writeError(error, destination, `cannot write in ${folder}`)
  }
}

/**
 * Writes `data` to a temp file in the destination's folder, fsyncs it, then moves it into place in
 * one step: `rename` with `force`, otherwise `link`, which fails if the destination appeared in the
 * meantime. Readers never see a partial torrent; on failure the temp file is removed and an
 * existing destination is left as it was.
 */
export async function writeFileAtomic(destination: string, data: Uint8Array, options: WriteOptions = {}): Promise<void> {
  const folder = dirname(destination)
  // Short enough that a long destination name cannot push the temp name past NAME_MAX (255 bytes).
  const stem = Array.from(basename(destination)).slice(0, 50).join('')
  const temp = join(folder, `.${stem}.${randomBytes(6).toString('hex')}.tmp`)
  let created = false
  // Registered before it exists: a signal may arrive while open() is creating it.
  pendingTempFiles.add(temp)
  try {
    const handle = await open(temp, 'wx', 0o644)
    created = true
    try {
      if (options.mode !== undefined) await handle.chmod(options.mode)
      await handle.writeFile(data)
      await handle.sync()
    } finally {
      await handle.close()
    }
    if (options.force) {
      const existing = await lstatOrUndefined(destination)
      if (existing !== undefined) checkReplaceable(destination, existing, await statOrUndefined(destination), options)
      await rename(temp, destination)
    } else {
      await linkExclusive(temp, destination)
      await unlink(temp).catch(() => {})
    }
    await syncPath(folder)
  } catch (error) {
    if (created) await unlink(temp).catch(() => {})
    if (error instanceof IoError || error instanceof OutputExistsError) throw error
    if (created && (error as NodeJS.ErrnoException).code === 'EEXIST') {
      if ((await statOrUndefined(destination))?.isDirectory() === true) throw isDirectoryError(destination)
      throw new OutputExistsError(destination, {cause: error})
    }
    throw writeError(error, destination, `${destination} cannot be written`)
  } finally {
    pendingTempFiles.delete(temp)
  }
}

/** File systems without hard links (FAT, some network mounts) answer link() with EPERM or ENOTSUP. */
const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS'])

async function linkExclusive(temp: string, destination: string): Promise<void> {
  try {
    await link(temp, destination)
  } catch (error) {
    if (!NO_HARD_LINKS.has((error as NodeJS.ErrnoException).code ?? '')) throw error
    // Still exclusive (O_EXCL), though no longer a single step; libuv removes a partial copy itself.
    await copyFile(temp, destination, constants.COPYFILE_EXCL)
    await syncPath(destination)
  }
}

/** Best effort: some file systems cannot fsync a folder, and the data itself is already synced. */
async function syncPath(path: string): Promise<void> {
  try {
    const handle = await open(path, 'r')
    try {
      await handle.sync()
    } finally {
      await handle.close()
    }
  } catch {
    // Durability of the folder entry is a bonus, not a requirement.
  }
}

function checkReplaceable(destination: string, own: Stats, target: Stats | undefined, options: WriteOptions): void {
  if (own.isDirectory() || target?.isDirectory() === true) throw isDirectoryError(destination)
  if (!options.force) throw new OutputExistsError(destination)
  if (!own.isFile() && !own.isSymbolicLink()) {
    throw new IoError('output-not-a-file', `${destination} is not a regular file (a FIFO, socket or device), so it is not replaced`, destination)
  }
}

function isDirectoryError(destination: string): IoError {
  return new IoError('output-is-directory', `${destination} is a directory; give a file name with --output`, destination)
}

async function lstatOrUndefined(path: string): Promise<Stats | undefined> {
  try {
    return await lstat(path)
  } catch {
    // Missing, or unreachable: the folder checks that follow say why.
    return undefined
  }
}

async function statOrUndefined(path: string): Promise<Stats | undefined> {
  try {
    return await stat(path)
  } catch {
    return undefined
  }
}

function writeError(error: unknown, destination: string, what: string): IoError {
  const code = (error as NodeJS.ErrnoException).code
  const reasons: Record<string, string> = {
    ENOENT: 'the folder does not exist',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    EROFS: 'read-only file system',
    ENOSPC: 'no space left on the device',
    EFBIG: 'the file would exceed the file size limit (ulimit -f) or the file system maximum',
    EDQUOT: 'disk quota exceeded',
    EISDIR: 'it is a directory',
    ENAMETOOLONG: 'the name is too long for the file system',
  }
  const reason = (code && reasons[code]) ?? (code ?? (error as Error).message)
  const errorCode = code === 'EISDIR' ? 'output-is-directory' : code === 'ENOENT' ? 'output-folder-missing' : 'write-failed'
  return new IoError(errorCode, `${what}: ${reason}`, destination, {cause: error})
}
