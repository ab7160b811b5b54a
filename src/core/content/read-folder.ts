import type {BigIntStats, Dirent, Stats} from 'node:fs'
import {lstat, readdir, realpath, stat} from 'node:fs/promises'
import {join} from 'node:path'
import {ioError} from '../torrent-file.js'

export type Kind = 'file' | 'folder' | 'symlink' | 'special'

/** A directory entry, typed; a followed symlink already carries its target's kind and real path. */
export interface Entry {
  name: Buffer
  /** undefined only until readFolder has looked closer at an entry of unknown type. */
  kind: Kind | undefined
  diskPath: string
  /** `dev:ino` of a folder, only when following symlinks, to detect loops. */
  id?: string
}

/** Reads one folder: entries in raw byte order, typed without opening anything. */
export async function readFolder(diskPath: string, follow: boolean, statLimit: Limiter): Promise<Entry[]> {
  let dirents: Array<Dirent<Buffer>>
  try {
    dirents = await readdir(diskPath, {withFileTypes: true, encoding: 'buffer'})
  } catch (error) {
    throw ioError(error, diskPath)
  }
  dirents.sort((a, b) => Buffer.compare(a.name, b.name))
  const prefix = Buffer.from(`${diskPath}/`)
  const entries = dirents.map((dirent): Entry => ({name: dirent.name, kind: kindOf(dirent), diskPath: join(diskPath, dirent.name.toString('utf8'))}))
  const followed = (entry: Entry): boolean => follow && (entry.kind === 'folder' || entry.kind === 'symlink')
  const pending: Array<Promise<void>> = []
  for (const entry of entries) {
    if (entry.kind !== undefined && !followed(entry)) continue
    // Buffer paths, so a name that is not valid UTF-8 is still found.
    const entryPath = Buffer.concat([prefix, entry.name])
    pending.push(
      statLimit(async () => {
        if (entry.kind === undefined) entry.kind = kindOf(await lstatOrThrow(entryPath, entry.diskPath)) ?? 'special'
        if (followed(entry)) await followEntry(entry, entryPath)
      }),
    )
  }
  await Promise.all(pending)
  return entries
}

async function lstatOrThrow(path: Buffer, shown: string): Promise<Stats> {
  try {
    return await lstat(path)
  } catch (error) {
    throw ioError(error, shown)
  }
}

/** With --follow-symlinks: a folder's identity for loop detection, a link's target. */
async function followEntry(entry: Entry, entryPath: Buffer): Promise<void> {
  let target: BigIntStats
  try {
    target = await stat(entryPath, {bigint: true})
    if (entry.kind === 'symlink') entry.diskPath = (await realpath(entryPath, {encoding: 'buffer'})).toString('utf8')
  } catch (error) {
    // A dangling link or a loop of links has nothing to follow: it stays a skipped symlink.
    if (entry.kind === 'symlink') return
    throw ioError(error, entry.diskPath)
  }
  entry.kind = kindOf(target) ?? 'special'
  if (entry.kind === 'folder') entry.id = `${target.dev}:${target.ino}`
}

function kindOf(entry: Dirent<Buffer> | Stats | BigIntStats): Kind | undefined {
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
