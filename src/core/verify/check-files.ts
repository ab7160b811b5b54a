import {type Stats, accessSync, constants, lstatSync, realpathSync, statSync} from 'node:fs'
import {join, resolve, sep} from 'node:path'
import {NOT_SEEN} from '../hash/job-files.js'
import type {FolderListing, FolderListings} from './folder-listings.js'
import type {PlannedFile} from './verify-plan.js'

export type DiskStatus = 'ok' | 'missing' | 'short' | 'long' | 'not-a-file' | 'unreadable'

/** What is on disk where a file of the torrent should be, found without opening it. */
export interface DiskCheck {
  status: DiskStatus
  /**
   * The resolved path to read (inside the content root): a readable regular file, of the right
   * size (`ok`) or not (`short`, `long`: read up to the torrent's length or its own, whichever ends first).
   */
  diskPath: string | undefined
  /** The size on disk of a regular file, else null. */
  diskLength: number | null
  mtimeMs: number
  /**
   * The inode, so a file replaced after the check is not read as if it were the same one;
   * NOT_SEEN for a file found in its folder's listing and not looked at (locateFiles).
   */
  ino: number
  /** Why the status is what it is, for people; null when there is nothing to add. */
  detail: string | null
}

export interface CheckFilesOptions {
  signal?: AbortSignal
  /** After each turn: how many of `indices` are checked. */
  onProgress?: (filesChecked: number) => void
}

/** lstat's options, made once: checkInRoot runs for every file. */
const NO_THROW = {throwIfNoEntry: false} as const

/** Files checked between two yields to the event loop (progress, signals). */
const CHECKS_PER_TURN = 250

/**
 * Checks the files at `indices` by their metadata alone: present, a regular file, the right size,
 * readable (access(2)). verify runs it on every file only with `--fast`; otherwise on the files
 * hashing could not read, and those with nothing to read (verify-content.ts). Paths are taken from
 * a validated torrent and resolved under the content root: a folder or file that is a symbolic
 * link is followed only while its real path stays inside the root, and a FIFO, socket or device is
 * recognised by its type and never opened.
 *
 * One lstat per file: each folder's real path is resolved once (and found inside the root), so a
 * file that lstat finds to be no symbolic link is inside the root too, and its lstat gives its type,
 * size, mtime and inode. Only a symbolic link costs a realpath and a stat.
 *
 * The calls are synchronous, in turns of CHECKS_PER_TURN: a promise-based lstat goes through the
 * libuv thread pool and cost ten times the CPU (2.6 s instead of 0.2 s for 50,000 files).
 */
export async function checkFiles(content: string, singleFile: boolean, files: PlannedFile[], indices: number[], options: CheckFilesOptions = {}): Promise<Map<number, DiskCheck>> {
  const checks = new Map<number, DiskCheck>()
  const absolute = resolve(content)
  if (singleFile) {
    if (indices.length > 0) checks.set(indices[0]!, checkSingle(absolute, files[indices[0]!]!))
    return checks
  }
  const root = realRoot(absolute)
  if (typeof root !== 'string') {
    for (const index of indices) checks.set(index, root)
    return checks
  }
  const folders = new Map<string, string | DiskCheck>()
  for (let done = 0; done < indices.length; ) {
    options.signal?.throwIfAborted()
    for (const end = Math.min(done + CHECKS_PER_TURN, indices.length); done < end; done++) {
      checks.set(indices[done]!, checkInRoot(absolute, root, files[indices[done]!]!, folders))
    }
    options.onProgress?.(done)
    await new Promise((resolve) => setImmediate(resolve))
  }
  return checks
}

/**
 * Where the files at `indices` are read when verify hashes before it looks (verify-content.ts):
 * each that its folder's listing names as a regular file, under the folder's real path (resolved
 * once a folder and found inside the root, as checkFiles resolves it), as an `ok` check not looked
 * at yet (ino NOT_SEEN: only its length is known). No file is statted or opened: a listing
 * (getdents) gives each entry's type, so a FIFO, socket or device is still never opened, and a
 * missing file costs no failed open. A file left out (absent, not a regular file, a symbolic link,
 * in a folder outside the root) is looked at by checkFiles, which says why, and follows a symbolic
 * link that stays inside the root. Each listing counts the files located at the very path the
 * torrent gives them (FolderListing.locatedFiles), for findExtraFiles.
 */
export function locateFiles(content: string, singleFile: boolean, files: PlannedFile[], indices: number[], listings: FolderListings): Map<number, DiskCheck> {
  const located = new Map<number, DiskCheck>()
  const absolute = resolve(content)
  if (singleFile) {
    const real = regularSingle(absolute)
    if (indices.length > 0 && real !== undefined) located.set(indices[0]!, unlooked(real, files[indices[0]!]!))
    return located
  }
  const root = realRoot(absolute)
  if (typeof root !== 'string') return located
  const folders = new Map<string, string | DiskCheck>()
  /** The listings whose located files this call counts. */
  const counted = new Set<FolderListing>()
  // A torrent lists a folder's files together: the previous file's folder is nearly always this one's.
  let folderKey: string | undefined
  /**
   * The folder's real path and listing; none when it lies outside the root or cannot be resolved.
   * `counts`: the folder is where its path in the torrent names it, no symbolic link on the way.
   */
  let folder: {real: string; listing: FolderListing; counts: boolean} | undefined
  for (const index of indices) {
    const file = files[index]!
    const slash = file.path.lastIndexOf('/')
    if (folderKey === undefined || Math.max(slash, 0) !== folderKey.length || !file.path.startsWith(folderKey)) {
      folderKey = slash === -1 ? '' : file.path.slice(0, slash)
      const real = folderOf(absolute, root, folderKey, folders)
      folder = typeof real === 'string' ? {real, listing: listings.at(real), counts: real === (folderKey === '' ? root : join(root, folderKey))} : undefined
      if (folder !== undefined && !counted.has(folder.listing)) {
        counted.add(folder.listing)
        folder.listing.locatedFiles = 0
      }
    }
    const name = file.path.slice(slash + 1)
    if (folder?.listing.regularFiles.has(name)) {
      located.set(index, unlooked(inFolder(folder.real, name), file))
      // Each name counts once: the torrent's paths are distinct and valid UTF-8 (verify refuses
      // it otherwise), so their texts are distinct too, and only one path names the folder as it is.
      if (folder.counts) folder.listing.locatedFiles++
    }
  }
  return located
}

/**
 * What a located file's check is made from: its numbers are doubles (NaN until set), so that V8
 * keeps every check's numbers as doubles. All checks share one shape; made first with a located
 * file's small integers (its length, 0, NOT_SEEN), it changed once a look stored a stat's mtime,
 * and V8 then rebuilt every check made before on its next use (--trace-migration): ~35 ms on
 * 10,000 files, just before the workers got their job (docs/performance.md). It is held for the
 * life of the process, since a full collection, which a torrent of 200,000 files brings before
 * any check is made, forgets a shape no object has.
 */
const LOCATED: DiskCheck = {status: 'ok', diskPath: undefined, diskLength: Number.NaN, mtimeMs: Number.NaN, ino: Number.NaN, detail: null}

function unlooked(diskPath: string, file: PlannedFile): DiskCheck {
  return {...LOCATED, diskPath, diskLength: file.length, mtimeMs: 0, ino: NOT_SEEN}
}

/** The real path of a single file's content when it is a regular file. */
function regularSingle(absolute: string): string | undefined {
  try {
    const real = realpathSync.native(absolute)
    return statSync(real).isFile() ? real : undefined
  } catch {
    return undefined
  }
}

function realRoot(absolute: string): string | DiskCheck {
  try {
    const real = realpathSync.native(absolute)
    if (statSync(real).isDirectory()) return real
    return problem('missing', `${absolute} is not a folder`)
  } catch (error) {
    const code = errorCode(error)
    return problem(code === 'EACCES' ? 'unreadable' : 'missing', code === 'ENOENT' ? `the content folder ${absolute} does not exist` : `the content folder ${absolute} cannot be read (${code})`)
  }
}

function checkSingle(absolute: string, file: PlannedFile): DiskCheck {
  try {
    const real = realpathSync.native(absolute)
    return checkRegular(real, statSync(real), file)
  } catch (error) {
    return fromError(error)
  }
}

function checkInRoot(absolute: string, root: string, file: PlannedFile, folders: Map<string, string | DiskCheck>): DiskCheck {
  // The path's elements joined by '/': a valid torrent's elements hold no '/' (path-separator is an
  // error, path-safety.ts), so the last '/' splits the folder from the name.
  const slash = file.path.lastIndexOf('/')
  const realFolder = folderOf(absolute, root, slash === -1 ? '' : file.path.slice(0, slash), folders)
  if (typeof realFolder !== 'string') return realFolder
  const target = inFolder(realFolder, file.path.slice(slash + 1))
  try {
    const link = lstatSync(target, NO_THROW)
    if (link === undefined) return problem('missing', null)
    if (file.symlink) return link.isSymbolicLink() ? found(target, link) : problem('not-a-file', 'the torrent says this is a symbolic link')
    if (!link.isSymbolicLink()) return checkRegular(target, link, file)
    const real = realpathSync.native(target)
    if (!isInside(real, root)) return problem('not-a-file', 'a symbolic link to outside the content folder, which is not followed')
    return checkRegular(real, statSync(real), file)
  } catch (error) {
    return fromError(error)
  }
}

/** The real path of the folder `key` ('/'-joined, '' for the root), resolved once per run. */
function folderOf(absolute: string, root: string, key: string, folders: Map<string, string | DiskCheck>): string | DiskCheck {
  let realFolder = folders.get(key)
  if (realFolder === undefined) {
    realFolder = resolveFolder(join(absolute, key), root)
    folders.set(key, realFolder)
  }
  return realFolder
}

/** join() would normalise a path that is normal already: a real path, and a name that is no `.` or `..`. */
function inFolder(realFolder: string, name: string): string {
  return realFolder.endsWith(sep) ? realFolder + name : `${realFolder}${sep}${name}`
}

/** The real path of a folder, or why its files cannot be checked. */
function resolveFolder(path: string, root: string): string | DiskCheck {
  try {
    const real = realpathSync.native(path)
    if (!isInside(real, root)) return problem('not-a-file', 'its folder is a symbolic link to outside the content folder, which is not followed')
    return real
  } catch (error) {
    return fromError(error)
  }
}

function checkRegular(path: string, stats: Stats, file: PlannedFile): DiskCheck {
  if (stats.isDirectory()) return problem('not-a-file', 'a folder')
  if (!stats.isFile()) return problem('not-a-file', 'a FIFO, socket or device, which is never opened')
  try {
    accessSync(path, constants.R_OK)
  } catch (error) {
    const unreadable = {...fromError(error), diskLength: stats.size}
    if (stats.size === file.length) return unreadable
    return {...unreadable, status: stats.size < file.length ? 'short' : 'long', detail: `${stats.size} of ${file.length} bytes, ${unreadable.detail}`}
  }
  if (stats.size !== file.length) return {...found(path, stats), status: stats.size < file.length ? 'short' : 'long', detail: `${stats.size} of ${file.length} bytes`}
  return found(path, stats)
}

function found(path: string | undefined, stats: Stats): DiskCheck {
  return {status: 'ok', diskPath: path, diskLength: stats.isFile() ? stats.size : null, mtimeMs: stats.mtimeMs, ino: stats.ino, detail: null}
}

function problem(status: DiskStatus, detail: string | null): DiskCheck {
  return {status, diskPath: undefined, diskLength: null, mtimeMs: 0, ino: 0, detail}
}

function fromError(error: unknown): DiskCheck {
  const code = errorCode(error)
  if (code === 'ENOENT' || code === 'ENOTDIR') return problem('missing', null)
  // No file can have such a name here (a valid torrent may hold names of up to 255 bytes, warned).
  if (code === 'ENAMETOOLONG') return problem('missing', 'its name is too long for this file system')
  if (code === 'EACCES' || code === 'EPERM') return problem('unreadable', 'permission denied')
  if (code === 'ELOOP') return problem('not-a-file', 'a symbolic link loop')
  return problem('unreadable', `cannot be read (${code ?? (error as Error).message})`)
}

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException).code
}

function isInside(path: string, root: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : `${root}${sep}`)
}
