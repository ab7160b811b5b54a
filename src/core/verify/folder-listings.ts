import {type Dirent, readdirSync} from 'node:fs'

/**
 * The content's folders, each listed at most once in a run, by its real path: verify finds the
 * files to read in them (locateFiles) and the entries the torrent does not list (findExtraFiles).
 * A listing (getdents) gives every entry's type, so nothing in it needs a stat: on 10,000 files it
 * takes a few system calls where a look at each file takes 10,000 (docs/performance.md).
 */
export class FolderListings {
  private readonly listed = new Map<string, Dirent[] | undefined>()
  private readonly regular = new Map<string, Set<string>>()

  /** The entries of the folder at a real path; undefined when it cannot be read. */
  entries(realFolder: string): Dirent[] | undefined {
    if (!this.listed.has(realFolder)) this.listed.set(realFolder, listingOf(realFolder))
    return this.listed.get(realFolder)
  }

  /** The names of the regular files in the folder at a real path (none when it cannot be read). */
  regularFiles(realFolder: string): Set<string> {
    let names = this.regular.get(realFolder)
    if (names === undefined) {
      names = new Set()
      for (const entry of this.entries(realFolder) ?? []) if (entry.isFile()) names.add(entry.name)
      this.regular.set(realFolder, names)
    }
    return names
  }

  /** Lets go of every listing: on 200,000 files they hold some 20 MB. */
  clear(): void {
    this.listed.clear()
    this.regular.clear()
  }
}

function listingOf(realFolder: string): Dirent[] | undefined {
  try {
    return readdirSync(realFolder, {withFileTypes: true})
  } catch {
    return undefined
  }
}
