import type {BigIntStats, Dirent, Stats} from 'node:fs'
import {lstat, readdir, realpath, stat} from 'node:fs/promises'
import {ioError} from '../io/torrent-file.js'

export type Kind = 'file' | 'folder' | 'symlink' | 'special'

/** A directory entry, typed; a followed symlink already carries its target's kind and real path. */
export interface Entry {
  /** The name's raw bytes as a latin1 string, one char per byte, so `<` compares raw bytes. */
  name: string
  /** The name as UTF-8 text: the same string when it is ASCII. */
  text: string
  /** undefined only until readFolder has looked closer at an entry of unknown type. */
  kind: Kind | undefined
  /** The folder read, ending with '/' (one string for all its entries): the disk path is `folder + text`... */
  folder: string
  /** ...but for a followed symlink, whose disk path is its target's real path. */
  target?: string
  /** `dev:ino` of a folder, only when following symlinks, to detect loops. */
  id?: string
}

/**
 * An entry's path on disk. Made when needed, not kept in each entry: 200,000 files' paths were
 * ~10 MB that lived as long as their folder's listing, through the garbage collector's young
 * generation into the old one.
 */
export function entryPath(entry: Pick<Entry, 'folder' | 'text' | 'target'>): string {
  return entry.target ?? entry.folder + entry.text
}

/** Reads one folder: entries in raw byte order, typed without opening anything. */
export async function readFolder(diskPath: string, follow: boolean, statLimit: Limiter): Promise<Entry[]> {
  let dirents: Dirent[]
  try {
    // latin1 names keep every byte without a Buffer per entry, which 200,000 files made costly.
    dirents = await readdir(diskPath, {withFileTypes: true, encoding: 'latin1'})
  } catch (error) {
    throw ioError(error, diskPath)
  }
  const prefix = diskPath.endsWith('/') ? diskPath : `${diskPath}/`
  const entries = dirents.map((dirent): Entry => {
    const text = utf8Text(dirent.name)
    return {name: dirent.name, text, kind: kindOf(dirent), folder: prefix}
  })
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  const followed = (entry: Entry): boolean => follow && (entry.kind === 'folder' || entry.kind === 'symlink')
  const pending: Array<Promise<void>> = []
  for (const entry of entries) {
    if (entry.kind !== undefined && !followed(entry)) continue
    // Buffer paths, so a name that is not valid UTF-8 is still found.
    const rawPath = Buffer.concat([Buffer.from(prefix), Buffer.from(entry.name, 'latin1')])
    pending.push(
      statLimit(async () => {
        if (entry.kind === undefined) entry.kind = kindOf(await lstatOrThrow(rawPath, prefix + entry.text)) ?? 'special'
        if (followed(entry)) await followEntry(entry, rawPath)
      }),
    )
  }
  await Promise.all(pending)
  return entries
}

/** Raw name bytes (latin1) as UTF-8 text; ASCII, the common case, needs no decoding. */
function utf8Text(latin1: string): string {
  return /^[\u0000-\u007F]*$/u.test(latin1) ? latin1 : Buffer.from(latin1, 'latin1').toString('utf8')
}

async function lstatOrThrow(path: Buffer, shown: string): Promise<Stats> {
  try {
    return await lstat(path)
  } catch (error) {
    throw ioError(error, shown)
  }
}

/** With --follow-symlinks: a folder's identity for loop detection, a link's target. */
async function followEntry(entry: Entry, rawPath: Buffer): Promise<void> {
  let target: BigIntStats
  try {
    target = await stat(rawPath, {bigint: true})
    if (entry.kind === 'symlink') entry.target = (await realpath(rawPath, {encoding: 'buffer'})).toString('utf8')
  } catch (error) {
    // A dangling link or a loop of links has nothing to follow: it stays a skipped symlink.
    if (entry.kind === 'symlink') return
    throw ioError(error, entryPath(entry))
  }
  entry.kind = kindOf(target) ?? 'special'
  if (entry.kind === 'folder') entry.id = `${target.dev}:${target.ino}`
}

function kindOf(entry: Dirent | Stats | BigIntStats): Kind | undefined {
  if (entry.isFile()) return 'file'
  if (entry.isDirectory()) return 'folder'
  if (entry.isSymbolicLink()) return 'symlink'
  if (entry.isFIFO() || entry.isSocket() || entry.isBlockDevice() || entry.isCharacterDevice()) return 'special'
  return undefined
}

export type Limiter = <T>(task: () => Promise<T>) => Promise<T>

/** Runs at most `max` tasks at once; the rest wait in order. */
export function limiter(max: number): Limiter {
  let active = 0
  let waiting: Array<() => void> = []
  let head = 0
  return async (task) => {
    if (active < max) active++
    else await new Promise<void>((resolve) => waiting.push(resolve))
    try {
      return await task()
    } finally {
      const next = waiting[head]
      if (next === undefined) active--
      else {
        head++
        if (head === waiting.length) {
          waiting = []
          head = 0
        }
        next()
      }
    }
  }
}
