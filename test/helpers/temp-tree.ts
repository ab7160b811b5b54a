import {mkdir, mkdtemp, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {dirname, join} from 'node:path'
import {mulberry32} from './mulberry32.js'

/** '/'-separated relative file path -> exact content, or a size to fill with seeded pseudo-random bytes. */
export type TreeSpec = Record<string, Buffer | string | number>

export interface TempTree {
  /** The temporary directory holding the tree (and anything else a test writes there). */
  dir: string
  /** `dir/<rootName>`: the content root a torrent is made from; its basename becomes the torrent name. */
  root: string
  cleanup(): Promise<void>
}

export interface TempTreeOptions {
  rootName?: string
  seed?: number
  /** Where the temporary directory is made: the system's temp folder by default. */
  parent?: string
}

/** FNV-1a, so each file's bytes depend only on the seed and its own path, not on the other entries. */
function hashString(text: string, seed: number): number {
  let hash = (0x811c9dc5 ^ seed) >>> 0
  for (const byte of Buffer.from(text, 'utf8')) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0
  return hash
}

export function pseudoRandomBytes(length: number, seed: number): Buffer {
  const next = mulberry32(seed)
  const bytes = Buffer.alloc(length)
  for (let offset = 0; offset < length; offset += 4) {
    const word = next()
    for (let i = 0; i < 4 && offset + i < length; i++) bytes[offset + i] = (word >>> (8 * i)) & 0xff
  }
  return bytes
}

function contentFor(path: string, entry: Buffer | string | number, seed: number): Buffer | string {
  return typeof entry === 'number' ? pseudoRandomBytes(entry, hashString(path, seed)) : entry
}

export async function makeTempTree(spec: TreeSpec, options: TempTreeOptions = {}): Promise<TempTree> {
  const dir = await mkdtemp(join(options.parent ?? tmpdir(), 'mktorrent-test-'))
  const root = join(dir, options.rootName ?? 'content')
  const seed = options.seed ?? 42
  await mkdir(root, {recursive: true})
  for (const [path, entry] of Object.entries(spec)) {
    const target = join(root, ...path.split('/'))
    await mkdir(dirname(target), {recursive: true})
    await writeFile(target, contentFor(path, entry, seed))
  }
  return {dir, root, cleanup: () => rm(dir, {recursive: true, force: true})}
}

/** Runs `body` with a fresh tree and removes the tree afterwards, whatever happens. */
export async function withTempTree<T>(
  spec: TreeSpec,
  body: (tree: TempTree) => Promise<T> | T,
  options: TempTreeOptions = {},
): Promise<T> {
  const tree = await makeTempTree(spec, options)
  try {
    return await body(tree)
  } finally {
    await tree.cleanup()
  }
}
