import {realpathSync} from 'node:fs'
import {join} from 'node:path'
import type {FolderListings} from './folder-listings.js'
import type {PlannedFile} from './verify-plan.js'

/**
 * Entries in the content folder that the torrent does not list, in canonical order: files, links
 * and special files by name, and a folder holding nothing of the torrent once, as `folder/`. Only
 * names are read, from the run's listings; symbolic links are listed, never followed; unreadable
 * folders are passed over.
 */
export function findExtraFiles(contentRoot: string, files: PlannedFile[], listings: FolderListings): string[] {
  let root: string
  try {
    root = realpathSync.native(contentRoot)
  } catch {
    return []
  }
  /** Made only when a name must be looked up: a folder whose files were not all located, or an entry that is no regular file. */
  let expectedFiles: Set<string> | undefined
  const isExpectedFile = (path: string): boolean => (expectedFiles ??= new Set(files.map((file) => file.path))).has(path)
  const expectedFolders = new Set<string>()
  /** The folder of the previous file, whose folders are known: a torrent lists a folder's files together. */
  let previousFolder = ''
  for (const {path} of files) {
    // The elements as UTF-8, joined by '/' (none holds a '/' in a valid torrent): each '/' ends a folder.
    const slash = path.lastIndexOf('/')
    if (slash === -1 || (slash === previousFolder.length && path.startsWith(previousFolder))) continue
    previousFolder = path.slice(0, slash)
    for (let end = path.indexOf('/'); end !== -1; end = path.indexOf('/', end + 1)) expectedFolders.add(path.slice(0, end))
  }
  const extra: string[] = []
  // Recursion is bounded: only folders the torrent names are entered, and the decoder caps depth.
  // Only folders that are no symbolic link are entered, so each one's real path is under the root's.
  const walk = (folder: string): void => {
    const listing = listings.at(folder === '' ? root : join(root, folder))
    const pathOf = (name: string): string => (folder === '' ? name : `${folder}/${name}`)
    // Every regular file located at its path in the torrent: none is extra (10,000 files: ~20 ms
    // of the main thread while it hashes, for a set of every path and a lookup of each name).
    if (listing.locatedFiles !== listing.regularFiles.size) {
      for (const name of listing.regularFiles) {
        const path = pathOf(name)
        if (!isExpectedFile(path)) extra.push(path)
      }
    }
    // A path is a file or a folder of the torrent, never both (a collision is an error).
    for (const entry of listing.others) {
      const path = pathOf(entry.name)
      if (expectedFolders.has(path)) {
        if (entry.folder) walk(path)
        else if (!entry.link) extra.push(path)
      } else if (!isExpectedFile(path)) extra.push(entry.folder ? `${path}/` : path)
    }
  }
  walk('')
  // Sorted once found, not each folder's entries as read: there are nearly always none, where
  // sorting every folder's names cost a comparator call per name (10,000 files: ~70,000).
  return sortedByElements(extra)
}

/**
 * Paths in canonical order: element by element, each in the byte order of its UTF-8 name (a
 * folder's own entry, `folder/`, by its name), which is the order of a depth-first walk of folders
 * sorted by name. Each element is keyed as a string of one char per byte (latin1), which compares
 * as its bytes do.
 */
function sortedByElements(paths: string[]): string[] {
  const keyed = paths.map((path) => ({path, keys: path.replace(/\/$/u, '').split('/').map((name) => Buffer.from(name).toString('latin1'))}))
  keyed.sort((a, b) => {
    for (let index = 0; index < Math.min(a.keys.length, b.keys.length); index++) {
      if (a.keys[index] !== b.keys[index]) return a.keys[index]! < b.keys[index]! ? -1 : 1
    }
    return a.keys.length - b.keys.length
  })
  return keyed.map(({path}) => path)
}
