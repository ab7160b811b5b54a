import {type BigIntStats, type Stats, statSync} from 'node:fs'
import {access, constants, realpath, stat} from 'node:fs/promises'
import {basename, dirname, join, resolve} from 'node:path'
import {IoError, UsageError} from '../errors.js'
import {ioError} from '../io/torrent-file.js'
import type {ContentWalk, SkippedEntry, SkipReason} from './content-file.js'
import {ContentFiles} from './content-files.js'
import {compileGlobs} from './glob.js'
import {type Entry, entryPath, limiter, readFolder} from './read-folder.js'
import {unsafeReason} from './unsafe-name.js'

export interface WalkOptions {
  exclude?: string[]
  include?: string[]
  includeHidden?: boolean
  followSymlinks?: boolean
  /** absolute paths never included (the output .torrent, its temp file) */
  skipPaths?: string[]
  onProgress?: (filesSeen: number) => void
  /** Called as the files are sized, with the bytes found so far (create starts its workers on it). */
  onBytes?: (bytes: number) => void
}

interface Folder {
  path: string[]
  /** `path` joined with '/'. */
  joined: string
  diskPath: string
  /** This folder or an ancestor matched --include, so every file below is kept. */
  included: boolean
  /** `dev:ino`, only when following symlinks, to detect loops. */
  id: string | undefined
  parent: Folder | undefined
  entries: Promise<Entry[]>
}

const junkNames = new Set(['.ds_store', 'thumbs.db', 'desktop.ini'])
const longestJunkName = 11
const readdirConcurrency = 16
const statConcurrency = 64
/** Files stat'ed between two yields to the event loop (progress, signals). */
const statBatch = 512
const progressEvery = 250

/**
 * Lists the files of a torrent in the canonical order: each folder's entries sorted by their raw
 * bytes, depth first, the order of the v2 file tree (spec.md 4.2), used for every meta version.
 * Never opens a file: FIFOs and devices are recognised by their type alone.
 */
export async function walkContent(root: string, options: WalkOptions = {}): Promise<ContentWalk> {
  const absolute = resolve(root)
  const name = basename(absolute)
  let rootStats: BigIntStats
  let realRoot: string
  try {
    rootStats = await stat(absolute, {bigint: true})
    realRoot = await realpath(absolute)
  } catch (error) {
    throw ioError(error, root)
  }
  if (!rootStats.isFile() && !rootStats.isDirectory()) {
    throw new IoError('not-a-file', `${root} is not a regular file or folder (a FIFO, socket or device), so it is not read`, root)
  }
  const rules = makeRules(options, await resolveSkipPaths(options.skipPaths ?? []))
  const base = rootStats.isFile() ? '' : realRoot.endsWith('/') ? realRoot : `${realRoot}/`
  const found: Found = {files: new ContentFiles(base), skipped: [], unsafe: [], seen: 0}
  const rootUnsafe = unsafeReason(Buffer.from(name).toString('latin1'))
  if (rootUnsafe !== undefined) throw unsafeNames([`${JSON.stringify(name)} ${rootUnsafe}`])
  if (rootStats.isFile()) {
    const reason = rules.skip(name, {kind: 'file', folder: '', text: name, target: realRoot}, undefined)
    if (reason === undefined) {
      await access(realRoot, constants.R_OK).catch((error: unknown) => {
        throw ioError(error, root)
      })
      found.files.add(name, realRoot)
    } else found.skipped.push({path: name, reason})
  } else {
    await walkFolders(realRoot, base, `${rootStats.dev}:${rootStats.ino}`, rules, found)
  }
  options.onProgress?.(found.seen)
  if (found.unsafe.length > 0) throw unsafeNames(found.unsafe)
  const {files} = found
  const totalLength = await statFiles(files, options.onBytes)
  if (totalLength === 0) throw emptyContent(root, rootStats.isDirectory(), files.count, found.skipped)
  return {
    name,
    singleFile: rootStats.isFile(),
    columns: files,
    get files() {
      return files.views()
    },
    skipped: found.skipped,
    totalLength,
  }
}

interface Found {
  files: ContentFiles
  skipped: SkippedEntry[]
  /** Descriptions of names refused, in order. */
  unsafe: string[]
  /** Entries other than folders, for progress. */
  seen: number
}

interface Rules {
  follow: boolean
  onProgress: WalkOptions['onProgress']
  /** Why an entry at `path` is left out, or undefined to keep it (files) or descend (folders). */
  skip(path: string, entry: Pick<Entry, 'kind' | 'folder' | 'text' | 'target' | 'id'>, parent: Folder | undefined, text?: string): SkipReason | undefined
  includes(path: string, isFolder: boolean): boolean
}

function makeRules(options: WalkOptions, skipPaths: Set<string>): Rules {
  const exclude = compileGlobs(options.exclude ?? [])
  const include = (options.include ?? []).length > 0 ? compileGlobs(options.include ?? []) : undefined
  // Only an entry of one of these names (or a followed link) can be a path to skip: no disk path is made for the others.
  const skipNames = new Set([...skipPaths].map((path) => basename(path)))
  return {
    follow: options.followSymlinks ?? false,
    onProgress: options.onProgress,
    skip(path, entry, parent, text) {
      const isFolder = entry.kind === 'folder'
      if (text !== undefined && !options.includeHidden) {
        if (text.length <= longestJunkName && junkNames.has(text.toLowerCase())) return 'junk'
        if (text.startsWith('.')) return 'hidden'
      }
      if (exclude(path, isFolder)) return 'excluded'
      if (entry.kind === 'symlink') return 'symlink'
      if (entry.kind === 'special') return 'special'
      if ((entry.target !== undefined || skipNames.has(entry.text)) && skipPaths.has(entryPath(entry))) return 'output'
      if (entry.id !== undefined && isOnChain(parent, entry.id)) return 'symlink-loop'
      if (!isFolder && include !== undefined && !parent?.included && !include(path, false)) return 'not-included'
      return undefined
    },
    includes: (path, isFolder) => include?.(path, isFolder) ?? false,
  }
}

/**
 * Depth first with an explicit stack (no recursion limit). When a folder is listed, the subfolders
 * it will descend into are read ahead in parallel, while the walk keeps the canonical order. Only
 * folders get an object of their own; a file costs its path elements and its disk path.
 */
async function walkFolders(realRoot: string, base: string, rootId: string, rules: Rules, found: Found): Promise<void> {
  const loadLimit = limiter(readdirConcurrency)
  const statLimit = limiter(statConcurrency)
  const open = (path: string[], joined: string, diskPath: string, included: boolean, id: string | undefined, parent: Folder | undefined): Folder => {
    const entries = loadLimit(() => readFolder(diskPath, rules.follow, statLimit))
    // The walk awaits each folder in its turn and sees a rejection then.
    entries.catch(() => undefined)
    return {path, joined, diskPath, included, id, parent, entries}
  }
  // join() makes one flat string, where `+` would keep three (the folder's with a slash, the name,
  // and a pair of them) until the path is first read: the walk's survivors, 200,000 times.
  const joinedIn = (folder: Folder, text: string): string => (folder.path.length === 0 ? text : [folder.joined, text].join('/'))
  /** Opens (reads ahead) the subfolders the walk will descend into; undefined for every other entry. */
  const expand = async (folder: Folder): Promise<Frame> => {
    const entries = await folder.entries
    const children: Array<Folder | undefined> = new Array(entries.length)
    entries.forEach((entry, index) => {
      if (entry.kind !== 'folder') return
      const joined = joinedIn(folder, entry.text)
      if (rules.skip(joined, entry, folder, entry.text) !== undefined || unsafeReason(entry.name) !== undefined) return
      children[index] = open(folder.path.concat(entry.text), joined, entryPath(entry), folder.included || rules.includes(joined, true), entry.id, folder)
    })
    return {folder, entries, children, next: 0}
  }
  const stack: Frame[] = [await expand(open([], '', realRoot, false, rules.follow ? rootId : undefined, undefined))]
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!
    const index = frame.next++
    const entry = frame.entries[index]
    if (entry === undefined) {
      stack.pop()
      continue
    }
    const child = frame.children[index]
    if (child !== undefined) {
      stack.push(await expand(child))
      continue
    }
    const {folder} = frame
    if (entry.kind !== 'folder' && ++found.seen % progressEvery === 0) rules.onProgress?.(found.seen)
    const joined = joinedIn(folder, entry.text)
    const reason = rules.skip(joined, entry, folder, entry.text)
    if (reason !== undefined) found.skipped.push({path: joined, reason})
    else {
      const unsafe = unsafeReason(entry.name)
      if (unsafe !== undefined) found.unsafe.push(`${JSON.stringify(joined)} ${unsafe}`)
      // A folder kept, safe and not opened cannot occur: expand opened every such folder. Only a
      // followed symlink can give a file a disk path other than the base folder and its path.
      else if (entry.kind !== 'folder') {
        const diskPath = rules.follow ? entryPath(entry) : undefined
        found.files.add(joined, diskPath !== undefined && diskPath !== base + joined ? diskPath : undefined)
      }
    }
  }
}

/** A folder being walked: its entries, and the subfolders opened among them by index. */
interface Frame {
  folder: Folder
  entries: Entry[]
  children: Array<Folder | undefined>
  next: number
}

function unsafeNames(unsafe: string[]): UsageError {
  const more = unsafe.length > 1 ? ` (and ${unsafe.length - 1} more such names)` : ''
  return new UsageError('unsafe-name', `${unsafe[0]}, which a torrent cannot carry safely${more}: rename it, or leave it out with --exclude`)
}

function isOnChain(folder: Folder | undefined, id: string): boolean {
  for (let current = folder; current !== undefined; current = current.parent) if (current.id === id) return true
  return false
}

async function resolveSkipPaths(paths: string[]): Promise<Set<string>> {
  const resolved = await Promise.all(
    paths.map(async (path) => {
      const absolute = resolve(path)
      // The output may not exist yet: then resolve its folder, which must.
      return realpath(absolute).catch(() =>
        realpath(dirname(absolute)).then(
          (folder) => join(folder, basename(absolute)),
          () => absolute,
        ),
      )
    }),
  )
  return new Set(resolved)
}

/**
 * Size, mtime and inode (a plain stat: the hasher compares them with its own). Synchronous, in batches
 * that yield to the event loop: with a warm cache a stat takes microseconds, and sending each
 * through libuv's thread pool cost 2.3x the time and most of the walk's garbage (200,000 files:
 * 1.4 s async at 64 in flight vs 0.6 s sync; docs/performance.md). Returns the bytes found.
 */
async function statFiles(files: ContentFiles, onBytes: WalkOptions['onBytes']): Promise<number> {
  let bytes = 0
  for (let index = 0; index < files.count; index++) {
    if (index > 0 && index % statBatch === 0) {
      onBytes?.(bytes)
      await new Promise((resolve) => setImmediate(resolve))
    }
    const diskPath = files.diskPath(index)
    let stats: Stats
    try {
      stats = statSync(diskPath)
    } catch (error) {
      throw ioError(error, diskPath)
    }
    if (!stats.isFile()) throw new IoError('read-failed', `${diskPath} changed while the folder was read: it is no longer a regular file`, diskPath)
    files.setStats(index, stats.size, stats.mtimeMs, stats.ino, stats.mode)
    bytes += stats.size
  }
  onBytes?.(bytes)
  return bytes
}

function emptyContent(root: string, isFolder: boolean, fileCount: number, skipped: SkippedEntry[]): UsageError {
  const counts = new Map<SkipReason, number>()
  for (const {reason} of skipped) counts.set(reason, (counts.get(reason) ?? 0) + 1)
  const detail = [...counts].map(([reason, count]) => `${count} ${reason}`).join(', ')
  const state = fileCount === 0 ? '0 files left' : `${fileCount} ${fileCount === 1 ? 'file' : 'files'} left, all empty`
  const hints: string[] = []
  if (counts.has('hidden') || counts.has('junk')) hints.push('--include-hidden keeps hidden files')
  if (counts.has('symlink')) hints.push('--follow-symlinks follows symbolic links')
  const where = isFolder ? `${root.replace(/\/+$/u, '')}/` : root
  const message = `nothing to hash in ${where}: ${state}${detail === '' ? '' : ` (${detail})`}${hints.length > 0 ? `; ${hints.join('; ')}` : ''}`
  return new UsageError('empty-content', message)
}
