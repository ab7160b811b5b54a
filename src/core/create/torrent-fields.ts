// The torrent's fields and files as build-torrent and encode-info both take them; a module of its
// own so that encode-info does not import build-torrent, which imports encode-info.

/** What goes into the torrent besides the content: BEP 3, 5, 12, 17, 19, 27 fields. */
export interface TorrentFields {
  name: string
  /** Tracker tiers (BEP 12). */
  announce: string[][]
  webSeeds: string[]
  httpSeeds: string[]
  dhtNodes: Array<{host: string; port: number}>
  private: boolean
  source: string | undefined
  comment: string | undefined
  /** Omitted when undefined, so output can be reproducible. */
  createdBy: string | undefined
  /** Unix seconds; omitted when undefined. */
  creationDate: number | undefined
  /** Adds a random `x_cross_seed` entry inside `info` so the same content gets a new info-hash. */
  crossSeed: boolean
}

export interface BuiltFile {
  /** Path elements inside the torrent. */
  path: string[]
  length: number
}

/** The files of a torrent as the encoder reads them: the walk's ContentFiles, or fileList(BuiltFile[]). */
export interface FileList {
  readonly count: number
  /** Per file, its path elements joined with '/'. */
  readonly paths: readonly string[]
  length(index: number): number
}

export function fileList(files: readonly BuiltFile[]): FileList {
  return {count: files.length, paths: files.map((file) => file.path.join('/')), length: (index) => files[index]!.length}
}
