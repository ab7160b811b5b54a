/** One file of a hash job, as the walk (create) or the size checks (verify) found it. */
export interface JobFile {
  diskPath: string
  /** Its size on disk when the walk or verify's size check saw it (a short or long file's own size). */
  length: number
  /** What the file must still have when it is read: a change means it changed since the walk. */
  mtimeMs: number
  /** NOT_SEEN when nothing looked at the file before the job: then only `length` is known. */
  ino: number
}

/**
 * A job's files in shared memory, for the workers: one buffer of UTF-8 disk paths back to back,
 * and numbers per file. Every task carries these views; the memory itself is shared, not copied,
 * where structured-cloning 200,000 objects into each worker cost ~50 MB a worker.
 */
export interface PackedFiles {
  /** UTF-8 bytes before every path of `paths` that is not absolute (the folder walked, ending with '/'); may be empty. */
  base: Uint8Array
  /** Per file, its disk path: absolute (starting with '/'), or after `base`. */
  paths: Uint8Array
  /** Per file, where its path ends in `paths` (it starts where the previous one ends). */
  pathEnds: Float64Array
  /** Per file: length, mtimeMs, ino (FILE_STATS numbers). */
  stats: Float64Array
}

/** Numbers per file in PackedFiles.stats. */
export const FILE_STATS = 3

/**
 * The inode of a file nothing has looked at yet (verify hashes before it looks, verify-content.ts):
 * the worker then holds the file to what its own open finds, and to the job's length.
 */
export const NOT_SEEN = -1

/** Shared memory for a Float64Array of `length` numbers. */
export function sharedFloat64(length: number): Float64Array {
  return new Float64Array(new SharedArrayBuffer(length * Float64Array.BYTES_PER_ELEMENT))
}

/**
 * Writes paths (each absolute or relative to `base`) into shared memory, for PackedFiles. The
 * paths are joined and encoded in one call: when every character is ASCII (the bytes number the
 * characters), each path ends where its characters do. A call to encode or measure each path cost
 * ~3 µs a path, 30 ms on 10,000 files, while the workers waited for the job.
 */
export function packPaths(count: number, pathOf: (index: number) => string): Pick<PackedFiles, 'paths' | 'pathEnds'> {
  const texts = Array.from({length: count}, (_, index) => pathOf(index))
  const joined = texts.join('')
  const bytes = Buffer.byteLength(joined)
  const paths = Buffer.from(new SharedArrayBuffer(bytes))
  const pathEnds = sharedFloat64(count)
  if (bytes === joined.length) {
    paths.write(joined, 'latin1')
    let end = 0
    for (let index = 0; index < count; index++) {
      end += texts[index]!.length
      pathEnds[index] = end
    }
  } else {
    let end = 0
    for (let index = 0; index < count; index++) {
      end += paths.write(texts[index]!, end)
      pathEnds[index] = end
    }
  }
  return {paths: new Uint8Array(paths.buffer), pathEnds}
}

/** Copies the files into shared memory (see PackedFiles). */
export function packFiles(files: readonly JobFile[]): PackedFiles {
  const stats = sharedFloat64(files.length * FILE_STATS)
  files.forEach((file, index) => {
    stats[index * FILE_STATS] = file.length
    stats[index * FILE_STATS + 1] = file.mtimeMs
    stats[index * FILE_STATS + 2] = file.ino
  })
  return {base: new Uint8Array(0), ...packPaths(files.length, (index) => files[index]!.diskPath), stats}
}

/** Read access to a job's files, packed or not. */
export interface FileTable {
  /**
   * The path to open: for packed files, a Buffer of the bytes, which the file system takes as they
   * are, valid until the next call (it may be a reused buffer).
   */
  openPath(index: number): string | Buffer
  /** The path as text, for messages. */
  diskPath(index: number): string
  length(index: number): number
  mtimeMs(index: number): number
  ino(index: number): number
}

const SLASH = 0x2f

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
  const {base, paths, pathEnds, stats} = files as PackedFiles
  const bytes = Buffer.from(paths.buffer, paths.byteOffset, paths.length)
  const start = (index: number): number => (index === 0 ? 0 : pathEnds[index - 1]!)
  const relative = (index: number): boolean => base.length > 0 && bytes[start(index)] !== SLASH
  // The base and one path, written into one buffer reused for every path: no allocation per file
  // but the view returned.
  let joined = Buffer.from(base)
  const baseText = joined.toString('utf8')
  return {
    openPath(index) {
      const from = start(index)
      const to = pathEnds[index]!
      if (!relative(index)) return bytes.subarray(from, to)
      const length = base.length + to - from
      if (joined.length < length) {
        joined = Buffer.allocUnsafe(Math.max(length, 2 * joined.length))
        joined.set(base)
      }
      bytes.copy(joined, base.length, from, to)
      return joined.subarray(0, length)
    },
    diskPath: (index) => (relative(index) ? baseText : '') + bytes.toString('utf8', start(index), pathEnds[index]),
    length: (index) => stats[index * FILE_STATS]!,
    mtimeMs: (index) => stats[index * FILE_STATS + 1]!,
    ino: (index) => stats[index * FILE_STATS + 2]!,
  }
}
