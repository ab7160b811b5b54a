/** One file of a hash job, as the walk (create) or the size checks (verify) found it. */
export interface JobFile {
  diskPath: string
  /** Its size on disk when the walk or verify's size check saw it (a short or long file's own size). */
  length: number
  /** What the file must still have when it is read: a change means it changed since the walk. */
  mtimeMs: number
  ino: number
}

/**
 * A job's files in shared memory, for the workers: one buffer of UTF-8 disk paths back to back,
 * and numbers per file. Every task carries these views; the memory itself is shared, not copied,
 * where structured-cloning 200,000 objects into each worker cost ~50 MB a worker.
 */
export interface PackedFiles {
  paths: Uint8Array
  /** Per file, where its path ends in `paths` (it starts where the previous one ends). */
  pathEnds: Float64Array
  /** Per file: length, mtimeMs, ino. */
  stats: Float64Array
}

const STATS = 3

/** Copies the files into shared memory (see PackedFiles). */
export function packFiles(files: readonly JobFile[]): PackedFiles {
  let bytes = 0
  for (const file of files) bytes += Buffer.byteLength(file.diskPath)
  const paths = Buffer.from(new SharedArrayBuffer(bytes))
  const pathEnds = new Float64Array(new SharedArrayBuffer(files.length * Float64Array.BYTES_PER_ELEMENT))
  const stats = new Float64Array(new SharedArrayBuffer(files.length * STATS * Float64Array.BYTES_PER_ELEMENT))
  let end = 0
  files.forEach((file, index) => {
    end += paths.write(file.diskPath, end)
    pathEnds[index] = end
    stats.set([file.length, file.mtimeMs, file.ino], index * STATS)
  })
  return {paths: new Uint8Array(paths.buffer), pathEnds, stats}
}

/** Read access to a job's files, packed or not. */
export interface FileTable {
  /** The path to open: a Buffer of the packed bytes, which the file system takes as they are. */
  openPath(index: number): string | Buffer
  /** The path as text, for messages. */
  diskPath(index: number): string
  length(index: number): number
  mtimeMs(index: number): number
  ino(index: number): number
}

export function fileTable(files: readonly JobFile[] | PackedFiles): FileTable {
  if (Array.isArray(files)) {
    const list = files as readonly JobFile[]
    return {
      openPath: (index) => list[index]!.diskPath,
      diskPath: (index) => list[index]!.diskPath,
      length: (index) => list[index]!.length,
      mtimeMs: (index) => list[index]!.mtimeMs,
      ino: (index) => list[index]!.ino,
    }
  }
  const {paths, pathEnds, stats} = files as PackedFiles
  const bytes = Buffer.from(paths.buffer, paths.byteOffset, paths.length)
  const start = (index: number): number => (index === 0 ? 0 : pathEnds[index - 1]!)
  return {
    openPath: (index) => bytes.subarray(start(index), pathEnds[index]),
    diskPath: (index) => bytes.toString('utf8', start(index), pathEnds[index]),
    length: (index) => stats[index * STATS]!,
    mtimeMs: (index) => stats[index * STATS + 1]!,
    ino: (index) => stats[index * STATS + 2]!,
  }
}
