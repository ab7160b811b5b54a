import type {ContentFile} from './content-file.js'

/**
 * The files of a walk as columns: per file one '/'-joined path and three numbers in typed arrays,
 * where an object, a path array, a disk path and boxed numbers each cost ~390 bytes a file in V8
 * (78 MB for 200,000 files). A file's disk path is the walk's base folder and its path, but for
 * files reached through followed symlinks, which keep theirs. ContentFile views (`views()`) give
 * the per-file objects that other code and the hashing pool take.
 */
export class ContentFiles {
  /** Per file, its path inside the torrent, elements joined with '/' (UTF-8 text); a single file's is its name. */
  readonly paths: string[] = []
  private lengthColumn = new Float64Array(256)
  private mtimeColumn = new Float64Array(256)
  private inoColumn = new Float64Array(256)
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
    if (this.paths.length > this.lengthColumn.length) this.grow()
  }

  setStats(index: number, length: number, mtimeMs: number, ino: number, mode: number): void {
    this.lengthColumn[index] = length
    this.mtimeColumn[index] = mtimeMs
    this.inoColumn[index] = ino
    this.modeColumn[index] = mode & 0o7777
  }

  length(index: number): number {
    return this.lengthColumn[index]!
  }

  mtimeMs(index: number): number {
    return this.mtimeColumn[index]!
  }

  ino(index: number): number {
    return this.inoColumn[index]!
  }

  executable(index: number): boolean {
    return (this.modeColumn[index]! & 0o100) !== 0
  }

  diskPath(index: number): string {
    return this.otherDiskPaths.get(index) ?? this.base + this.paths[index]!
  }

  /** The lengths in file order, as an array of their own. */
  lengths(): number[] {
    return Array.from(this.lengthColumn.subarray(0, this.count))
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
    const grown = <A extends Float64Array | Uint16Array>(column: A): A => {
      const bigger = new (column.constructor as new (length: number) => A)(column.length * 2)
      bigger.set(column)
      return bigger
    }
    this.lengthColumn = grown(this.lengthColumn)
    this.mtimeColumn = grown(this.mtimeColumn)
    this.inoColumn = grown(this.inoColumn)
    this.modeColumn = grown(this.modeColumn)
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
