import {readdirSync} from 'node:fs'

/** A folder's entries: its regular files by name, and the rest (folders, links, special files) with their kinds. */
export interface FolderListing {
  regularFiles: Set<string>
  others: Array<{name: string; folder: boolean; link: boolean}>
  /**
   * How many of regularFiles locateFiles found at the path the torrent gives them, through no
   * symbolic link: when that is all of them, none is an extra file, and findExtraFiles need not
   * look up each name.
   */
  locatedFiles: number
}

const NOTHING: FolderListing = {regularFiles: new Set(), others: [], locatedFiles: 0}

/**
 * The content's folders, each listed at most once in a run, by its real path: verify finds the
 * files to read in them (locateFiles) and the entries the torrent does not list (findExtraFiles).
 * A listing (getdents) gives every entry's type, so nothing in it needs a stat: on 10,000 files it
 * takes a few system calls where a look at each file takes 10,000 (docs/performance.md). Only names
 * and kinds are kept, not Node's Dirent objects.
 */
export class FolderListings {
  private readonly listed = new Map<string, FolderListing>()

  /** The entries of the folder at a real path; none when it cannot be read. */
  at(realFolder: string): FolderListing {
    let listing = this.listed.get(realFolder)
    if (listing === undefined) {
      listing = listingOf(realFolder)
      this.listed.set(realFolder, listing)
    }
    return listing
  }

  /** Lets go of every listing, once the extra files are found. */
  clear(): void {
    this.listed.clear()
  }
}

function listingOf(realFolder: string): FolderListing {
  try {
    const listing: FolderListing = {regularFiles: new Set(), others: [], locatedFiles: 0}
    for (const entry of readdirSync(realFolder, {withFileTypes: true})) {
      if (entry.isFile()) listing.regularFiles.add(entry.name)
      else listing.others.push({name: entry.name, folder: entry.isDirectory(), link: entry.isSymbolicLink()})
    }
    return listing
  } catch {
    return NOTHING
  }
}
