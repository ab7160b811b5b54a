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
  for (const file of files) {
    const names = file.elements.map((element) => Buffer.from(element).toString('utf8'))
    expectedFiles.add(names.join('/'))
    for (let depth = 1; depth < names.length; depth++) expectedFolders.add(names.slice(0, depth).join('/'))
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
    entries.sort((a, b) => Buffer.compare(Buffer.from(a.name), Buffer.from(b.name)))
    for (const entry of entries) {
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
