import type {ContentFiles} from './content-files.js'

/** One file to put in the torrent, in the canonical order (spec.md 4.2). */
export interface ContentFile {
  /** Path elements inside the torrent, relative to the top folder; a single-file torrent's is [name]. UTF-8 text. */
  path: string[]
  /** Absolute path on disk to read from (after following symlinks if enabled). */
  diskPath: string
  length: number
  /** mtime in ms and inode number, to detect files that change or are replaced while hashed. */
  mtimeMs: number
  ino: number
  /** Owner-executable bit set (BEP 47 attr 'x' may use it later). */
  executable: boolean
}

export type SkipReason = 'hidden' | 'junk' | 'excluded' | 'not-included' | 'symlink' | 'special' | 'output' | 'symlink-loop'

/** Something in the input tree left out of the torrent; a skipped folder is listed once. */
export interface SkippedEntry {
  /** '/'-joined, inside the torrent. */
  path: string
  reason: SkipReason
}

/** What walkContent found: the files of the torrent and what it left out, both in canonical order. */
export interface ContentWalk {
  /** Basename of the root. */
  name: string
  singleFile: boolean
  /** The files as objects (views of `columns`, made on first use). */
  readonly files: ContentFile[]
  /** The files as columns, what `create` reads: no object per file. */
  columns: ContentFiles
  skipped: SkippedEntry[]
  totalLength: number
}
