import {createCipheriv, createHash} from 'node:crypto'
import {closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, readdirSync, rmSync, statSync, writeFileSync, writeSync} from 'node:fs'
import {join} from 'node:path'
import {mulberry32Fraction} from '../helpers/mulberry32.js'

/** A generated input: one file, or `fileCount` files spread evenly over `folders` folders. */
export interface DatasetSpec {
  name: string
  kind: 'file' | 'folder'
  /** kind 'file': its size. */
  bytes?: number
  fileCount?: number
  folders?: number
  minFileBytes?: number
  maxFileBytes?: number
  seed: number
}

export interface Dataset {
  spec: DatasetSpec
  /** The file or folder a torrent is made of. */
  path: string
  files: number
  bytes: number
}

const MiB = 1024 * 1024
/** Bumped when the generator would write different bytes for the same spec. */
const GENERATOR_VERSION = 1

/** Incompressible bytes that depend only on the seed and name: an AES-256-CTR keystream (several GB/s). */
function randomStream(spec: DatasetSpec): (length: number) => Buffer {
  const key = createHash('sha256').update(`mktorrent-bench:${GENERATOR_VERSION}:${spec.seed}:${spec.name}`).digest()
  const cipher = createCipheriv('aes-256-ctr', key, Buffer.alloc(16))
  let zeros = Buffer.alloc(0)
  return (length) => {
    if (zeros.length < length) zeros = Buffer.alloc(length)
    return cipher.update(zeros.subarray(0, length))
  }
}

/** Creates the dataset under `dir` unless a previous run left a complete one with the same spec. */
export function makeDataset(dir: string, spec: DatasetSpec): Dataset {
  const path = join(dir, spec.kind === 'file' ? `${spec.name}.bin` : spec.name)
  const marker = join(dir, `.${spec.name}.complete`)
  const expected = JSON.stringify({GENERATOR_VERSION, spec})
  if (existsSync(marker) && readFileSync(marker, 'utf8') === expected) return describe(spec, path)
  rmSync(path, {recursive: true, force: true})
  const next = randomStream(spec)
  if (spec.kind === 'file') {
    const fd = openSync(path, 'w')
    try {
      for (let written = 0; written < spec.bytes!; ) {
        const chunk = next(Math.min(16 * MiB, spec.bytes! - written))
        writeSync(fd, chunk)
        written += chunk.length
      }
    } finally {
      closeSync(fd)
    }
  } else {
    const random = mulberry32Fraction(spec.seed)
    const {fileCount = 0, folders = 1, minFileBytes = 1, maxFileBytes = 1} = spec
    const perFolder = Math.ceil(fileCount / folders)
    const digits = String(fileCount - 1).length
    for (let i = 0; i < fileCount; i++) {
      const folder = join(path, `d${String(Math.floor(i / perFolder)).padStart(String(folders - 1).length, '0')}`)
      if (i % perFolder === 0) mkdirSync(folder, {recursive: true})
      const size = minFileBytes + Math.floor(random() * (maxFileBytes - minFileBytes + 1))
      writeFileSync(join(folder, `f${String(i).padStart(digits, '0')}.bin`), next(size))
    }
  }
  writeFileSync(marker, expected)
  return describe(spec, path)
}

function describe(spec: DatasetSpec, path: string): Dataset {
  let files = 0
  let bytes = 0
  for (const file of listFiles(path)) {
    files++
    bytes += statSync(file).size
  }
  return {spec, path, files, bytes}
}

function listFiles(path: string): string[] {
  if (statSync(path).isFile()) return [path]
  return readdirSync(path, {withFileTypes: true}).flatMap((entry) =>
    entry.isDirectory() ? listFiles(join(path, entry.name)) : [join(path, entry.name)],
  )
}

/** Reads every byte once so the runs that follow find the data in the page cache. */
export function warmPageCache(dataset: Dataset): void {
  const buffer = Buffer.allocUnsafe(16 * MiB)
  for (const file of listFiles(dataset.path)) {
    const fd = openSync(file, 'r')
    try {
      while (readSync(fd, buffer, 0, buffer.length, null) > 0);
    } finally {
      closeSync(fd)
    }
  }
}
