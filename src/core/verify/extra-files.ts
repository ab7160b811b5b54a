import type {Dirent} from 'node:fs'
import {readdir} from 'node:fs/promises'
import {join} from 'node:path'
import type {PlannedFile} from './verify-plan.js'

/**
 * Entries in the content folder that the torrent does not list, in canonical order: files, links
 * and special files by name, and a folder holding nothing of the torrent once, as `folder/`. Only
 * names are read; symbolic links are listed, never followed; unreadable folders are passed over.
 */
export async function findExtraFiles(contentRoot: string, files: PlannedFile[], signal?: AbortSignal): Promise<string[]> {
  const expectedFiles = new Set<string>()
  const expectedFolders = new Set<string>()
  /** The folder of the previous file, whose folders are known: a torrent lists a folder's files together. */
  let previousFolder = ''
  for (const {path} of files) {
    // The elements as UTF-8, joined by '/' (none holds a '/' in a valid torrent): each '/' ends a folder.
    expectedFiles.add(path)
    const slash = path.lastIndexOf('/')
    if (slash === -1 || (slash === previousFolder.length && path.startsWith(previousFolder))) continue
    previousFolder = path.slice(0, slash)
    for (let end = path.indexOf('/'); end !== -1; end = path.indexOf('/', end + 1)) expectedFolders.add(path.slice(0, end))
  }
  const extra: string[] = []
  // Recursion is bounded: only folders the torrent names are entered, and the decoder caps depth.
  const walk = async (folder: string): Promise<void> => {
    signal?.throwIfAborted()
    let entries: Dirent[]
    try {
      entries = await readdir(join(contentRoot, folder), {withFileTypes: true})
    } catch {
      return
    }
    for (const entry of sortedByBytes(entries)) {
      const path = folder === '' ? entry.name : `${folder}/${entry.name}`
      if (expectedFiles.has(path)) continue
      if (!expectedFolders.has(path)) extra.push(entry.isDirectory() ? `${path}/` : path)
      else if (entry.isDirectory()) await walk(path)
      else if (!entry.isSymbolicLink()) extra.push(path)
    }
  }
  await walk('')
  return extra
}

const ascii = /^[\x00-\x7f]*$/

/**
 * Entries in the byte order of their UTF-8 names. Each name is keyed once, as a string of one char
 * per byte (latin1), which compares as its bytes do; an ASCII name is its own key.
 */
function sortedByBytes(entries: Dirent[]): Dirent[] {
  const keyed = entries.map((entry) => ({entry, key: ascii.test(entry.name) ? entry.name : Buffer.from(entry.name).toString('latin1')}))
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
  return keyed.map(({entry}) => entry)
}
