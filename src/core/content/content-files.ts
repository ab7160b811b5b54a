import {FILE_STATS, type PackedFiles, packPaths, sharedFloat64} from '../hash/job-files.js'
import type {ContentFile} from './content-file.js'

/**
 * The files of a walk as columns: per file one '/'-joined path and three numbers in typed arrays,
 * where an object, a path array, a disk path and boxed numbers each cost ~390 bytes a file in V8
 * (78 MB for 200,000 files). A file's disk path is the walk's base folder and its path, but for
 * files reached through followed symlinks, which keep theirs. ContentFile views (`views()`) give
 * the per-file objects that other code takes; the hashing pool takes `packed()`, whose numbers are
 * the columns themselves, kept in shared memory for that.
 */
export class ContentFiles {
  /** Per file, its path inside the torrent, elements joined with '/' (UTF-8 text); a single file's is its name. */
  readonly paths: string[] = []
  /** Per file: length, mtimeMs, ino, as PackedFiles.stats holds them. */
  private statColumn = sharedFloat64(256 * FILE_STATS)
  private modeColumn = new Uint16Array(256)
  /** Disk paths that are not `base + path`, by file index. */
  private readonly otherDiskPaths = new Map<number, string>()
  private viewList: ContentFile[] | undefined

  /** `base`: the folder walked, ending with '/', or '' for a single file (its disk path is kept as other). */
  constructor(private readonly base: string) {}

  get count(): number {
    return this.paths.length
  }

  /** Adds a file found by the walk; its numbers come with setStats. */
  add(path: string, diskPath: string | undefined): void {
    if (diskPath !== undefined) this.otherDiskPaths.set(this.paths.length, diskPath)
    this.paths.push(path)
    if (this.paths.length > this.modeColumn.length) this.grow()
  }

  setStats(index: number, length: number, mtimeMs: number, ino: number, mode: number): void {
    const at = index * FILE_STATS
    this.statColumn[at] = length
    this.statColumn[at + 1] = mtimeMs
    this.statColumn[at + 2] = ino
    this.modeColumn[index] = mode & 0o7777
  }

  length(index: number): number {
    return this.statColumn[index * FILE_STATS]!
  }

  mtimeMs(index: number): number {
    return this.statColumn[index * FILE_STATS + 1]!
  }

  ino(index: number): number {
    return this.statColumn[index * FILE_STATS + 2]!
  }

  executable(index: number): boolean {
    return (this.modeColumn[index]! & 0o100) !== 0
  }

  diskPath(index: number): string {
    return this.otherDiskPaths.get(index) ?? this.base + this.paths[index]!
  }

  /** The lengths in file order, as an array of their own. */
  lengths(): number[] {
    const lengths: number[] = new Array(this.count)
    for (let index = 0; index < this.count; index++) lengths[index] = this.statColumn[index * FILE_STATS]!
    return lengths
  }

  /**
   * The files for the hashing workers: the stat columns as they are, and the disk paths written
   * once into shared memory, relative to the base folder, so that neither a ContentFile nor a disk
   * path string is made per file (200,000 files: ~35 MB of garbage on the main thread).
   */
  packed(): PackedFiles {
    const {paths, otherDiskPaths} = this
    const packedPaths = packPaths(this.count, (index) => otherDiskPaths.get(index) ?? paths[index]!)
    return {base: Buffer.from(this.base), ...packedPaths, stats: this.statColumn.subarray(0, this.count * FILE_STATS)}
  }

  /** One small object per file (made once, on first use), reading the columns. */
  views(): ContentFile[] {
    if (this.viewList === undefined) {
      const views: ContentFile[] = []
      for (let index = 0; index < this.count; index++) views.push(new ContentFileView(this, index))
      this.viewList = views
    }
    return this.viewList
  }

  private grow(): void {
    const stats = sharedFloat64(this.statColumn.length * 2)
    stats.set(this.statColumn)
    this.statColumn = stats
    const modes = new Uint16Array(this.modeColumn.length * 2)
    modes.set(this.modeColumn)
    this.modeColumn = modes
  }
}

/** A ContentFile read from the columns; `path` is a new array at each read. */
class ContentFileView implements ContentFile {
  constructor(
    private readonly files: ContentFiles,
    private readonly index: number,
  ) {}

  get path(): string[] {
    return this.files.paths[this.index]!.split('/')
  }

  get diskPath(): string {
    return this.files.diskPath(this.index)
  }

  get length(): number {
    return this.files.length(this.index)
  }

  get mtimeMs(): number {
    return this.files.mtimeMs(this.index)
  }

  get ino(): number {
    return this.files.ino(this.index)
  }

  get executable(): boolean {
    return this.files.executable(this.index)
  }

  /** What JSON, console.log and test diffs show: the values, not the columns. */
  toJSON(): Omit<ContentFile, never> {
    return {path: this.path, diskPath: this.diskPath, length: this.length, mtimeMs: this.mtimeMs, ino: this.ino, executable: this.executable}
  }
}
