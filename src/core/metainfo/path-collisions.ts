import {type TorrentFile, joinPath} from './metainfo.js'
import type {IssueList} from './validation-issue.js'

const SLASH = 0x2f
const ascii = /^[\x00-\x7f]*$/

/**
 * Files that would land on the same path, or a file where another file needs a folder, cannot both
 * be written: one would overwrite or block the other. Pad files are left out: their paths repeat.
 *
 * A path's key is its elements joined by '/' (so ["a/b"] and ["a", "b"] collide, as they would on
 * disk); its folders are the key's prefixes before each '/'. Paths are compared through 30-bit
 * hashes of their bytes, and only paths whose hashes meet are compared as text: a torrent of
 * 200,000 files would otherwise build and hash three strings per file (`info` spent half a second
 * there). A torrent crafted so that many hashes meet falls back to comparing every path as text,
 * so a hostile file list costs at most the text comparison's time.
 */
export function checkPathCollisions(files: TorrentFile[], pathOf: (index: number) => string, issues: IssueList, budget = 8 * files.length + 1024): void {
  // The callers check every element first (path-safety.ts), so with no error so far no element is
  // empty or holds a '/', which inOrder relies on.
  if (issues.errorsOnly && !issues.hasErrors() && inOrder(files)) return
  const found = collisionsByHash(files, budget) ?? collisionsByText(files)
  for (const collision of found) {
    const path = pathOf(collision.index)
    if (collision.code === 'path-duplicate') issues.error(collision.code, path, `${path} repeats the path of ${pathOf(collision.earlier!)}`)
    else if (collision.code === 'path-duplicate-case-insensitive') {
      issues.warning(collision.code, path, `${path} differs only in case from ${pathOf(collision.earlier!)}: they collide on Windows and macOS`)
    } else issues.error(collision.code, path, `${path} is a file, but other files need a folder of that name`)
  }
}

/**
 * Whether every path sorts after the one before it, element by element and byte by byte, and is not
 * under it: the order of a v2 file tree, in which `create` lists every torrent's files. In that
 * order two files of one path are neighbours, and so are a file and the first path that needs a
 * folder of its name (every path between them starts with the file's path too). Such a list holds
 * no path-duplicate and no path-file-directory-collision, and nothing needs hashing: verify, which
 * reads only errors, gets here in ~5 ms on 10,000 files where collisionsByHash took ~30, mostly
 * before V8 optimised it. A case-insensitive repeat, a warning only, is not looked for. Paths'
 * elements must be clean (not empty, no '/'), so that comparing elements is comparing keys.
 */
function inOrder(files: TorrentFile[]): boolean {
  let previous: Uint8Array[] | undefined
  for (let index = 0; index < files.length; index++) {
    const file = files[index]!
    if (file.padding) continue
    const path = file.path
    if (previous !== undefined) {
      // Byte by byte, not Buffer.compare: two elements mostly differ within a few bytes, and a call to the native side costs more.
      const shared = Math.min(previous.length, path.length)
      let order = 0
      for (let element = 0; element < shared && order === 0; element++) {
        const a = previous[element]!
        const b = path[element]!
        const common = Math.min(a.length, b.length)
        let at = 0
        while (at < common && a[at] === b[at]) at++
        order = at < common ? a[at]! - b[at]! : a.length - b.length
      }
      // 0: the same path, or the previous one is a folder of this one.
      if (order >= 0) return false
    }
    previous = path
  }
  return true
}

export interface PathCollision {
  code: 'path-duplicate' | 'path-duplicate-case-insensitive' | 'path-file-directory-collision'
  index: number
  /** The first file of the same path (or the same path but for case). */
  earlier?: number
}

/**
 * The collisions, in the order collisionsByText finds them, or undefined once lookups met more
 * than `budget` slots holding other paths (a half-full table meets about one per lookup).
 */
function collisionsByHash(files: TorrentFile[], budget: number): PathCollision[] | undefined {
  const keys = new PathKeys(files, randomSeed(), randomSeed())
  const probes = {left: budget}
  /** Files by hash of their exact key. */
  const exact = new HashTable(files.length, probes)
  /** Files by hash of their case-folded key: only files that were not exact repeats. */
  const folded = new HashTable(files.length, probes)
  const folders = new FolderSet()
  const kept: number[] = []
  const found: PathCollision[] = []
  for (let index = 0; index < files.length; index++) {
    if (files[index]!.padding) continue
    const hash = keys.hashOf(index, folders)
    const earlier = exact.find(hash, index, keys, false)
    if (earlier === OVER_BUDGET) return undefined
    if (earlier !== undefined) {
      found.push({code: 'path-duplicate', index, earlier})
      continue
    }
    exact.add(hash, index)
    kept.push(index)
    const foldedHash = keys.foldedHashOf(index)
    const foldedEarlier = folded.find(foldedHash, index, keys, true)
    if (foldedEarlier === OVER_BUDGET) return undefined
    if (foldedEarlier === undefined) folded.add(foldedHash, index)
    else found.push({code: 'path-duplicate-case-insensitive', index, earlier: foldedEarlier})
  }
  let folderKeys: Set<string> | undefined
  for (const index of kept) {
    const folder = folders.find(exact.hashOf(index), keys.secondHash(index))
    if (folder === undefined) continue
    const key = keys.key(index)
    if (keys.key(folder.file).slice(0, folder.length) === key) found.push({code: 'path-file-directory-collision', index})
    else {
      // Two folders with the same two hashes: spell every folder out.
      folderKeys ??= new Set(kept.flatMap((other) => foldersOf(keys.key(other))))
      if (folderKeys.has(key)) found.push({code: 'path-file-directory-collision', index})
    }
  }
  return found
}

/** The same verdicts with every path as a string: the fallback for crafted hash collisions. */
export function collisionsByText(files: TorrentFile[]): PathCollision[] {
  const found: PathCollision[] = []
  const exact = new Map<string, number>()
  const folded = new Map<string, number>()
  const folders = new Set<string>()
  for (let index = 0; index < files.length; index++) {
    const file = files[index]!
    if (file.padding) continue
    const key = joinPath(file.path, 'latin1')
    const earlier = exact.get(key)
    if (earlier !== undefined) {
      found.push({code: 'path-duplicate', index, earlier})
      continue
    }
    exact.set(key, index)
    const lower = foldKey(key)
    const foldedEarlier = folded.get(lower)
    if (foldedEarlier === undefined) folded.set(lower, index)
    else found.push({code: 'path-duplicate-case-insensitive', index, earlier: foldedEarlier})
    for (const folder of foldersOf(key)) folders.add(folder)
  }
  for (const [key, index] of exact) if (folders.has(key)) found.push({code: 'path-file-directory-collision', index})
  return found
}

/** A key read as UTF-8 and lower-cased, as a case-insensitive file system compares names. */
function foldKey(key: string): string {
  return (ascii.test(key) ? key : Buffer.from(key, 'latin1').toString('utf8')).toLowerCase()
}

/** A key's folders: its prefixes before each '/'. */
function foldersOf(key: string): string[] {
  const folders: string[] = []
  for (let end = key.indexOf('/'); end !== -1; end = key.indexOf('/', end + 1)) folders.push(key.slice(0, end))
  return folders
}

/** FNV-1a, one byte or UTF-16 unit at a time. */
const FNV_OFFSET = 0x811c9dc5
const FNV_PRIME = 0x01000193 // 2^24 + 403
const step = (hash: number, unit: number): number => Math.imul(hash ^ unit, FNV_PRIME)

/**
 * The final hash: FNV-1a's multiply moves bits only upwards, so its low bits (the ones a table
 * indexes by) are mixed with the high ones first (MurmurHash3's finaliser); then kept within V8's
 * small integers.
 */
function finish(hash: number): number {
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b)
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35)
  return (hash ^ (hash >>> 16)) & 0x3fffffff
}

/** A folded hash hashOf did not make: the key is not ASCII. finish() keeps hashes within 30 bits, so none is -1. */
const NOT_PLAIN = -1

/** Each file's path key, its hash and its case-folded form, computed once and on demand. */
class PathKeys {
  private readonly seconds: Int32Array
  private readonly foldedHashes: Int32Array
  private readonly keys: Array<string | undefined>
  private readonly foldedKeys: Array<string | undefined>

  constructor(
    private readonly files: TorrentFile[],
    /** Random per run, so that paths whose hashes meet by chance do not meet again. */
    private readonly seed: number,
    private readonly secondSeed: number,
  ) {
    this.seconds = new Int32Array(files.length)
    this.foldedHashes = new Int32Array(files.length)
    this.keys = new Array<string | undefined>(files.length)
    this.foldedKeys = new Array<string | undefined>(files.length)
  }

  /**
   * The hash of file `index`'s key; adds the hash of each folder it needs (each prefix before a
   * '/') to `folders`. The same pass makes its second hash and, for an ASCII key, the hash of its
   * case-folded form. The FNV steps are written out: this runs over every byte of every path, mostly
   * before V8 optimises it, where each call costs more than the step itself.
   */
  hashOf(index: number, folders: FolderSet): number {
    const elements = this.files[index]!.path
    let hash = FNV_OFFSET ^ this.seed
    let second = FNV_OFFSET ^ this.secondSeed
    let folded = hash
    let plain = true
    /** Each FNV step, `Math.imul(x, FNV_PRIME)`, is written as the shift and multiply it is (FNV_PRIME = 2^24 + 403): exact in doubles, and no call. */
    let x = 0
    /** Bytes of the key hashed so far. */
    let length = 0
    for (let element = 0; element < elements.length; element++) {
      if (element > 0) {
        folders.add(finish(hash), finish(second), index, length)
        x = hash ^ SLASH
        hash = ((x << 24) + x * 403) | 0
        x = second ^ SLASH
        second = ((x << 24) + x * 403) | 0
        x = folded ^ SLASH
        folded = ((x << 24) + x * 403) | 0
        length++
      }
      const bytes = elements[element]!
      for (let at = 0, end = bytes.length; at < end; at++) {
        const byte = bytes[at]!
        if (byte === SLASH) folders.add(finish(hash), finish(second), index, length + at)
        x = hash ^ byte
        hash = ((x << 24) + x * 403) | 0
        x = second ^ byte
        second = ((x << 24) + x * 403) | 0
        if (byte > 0x7f) plain = false
        x = folded ^ (byte >= 0x41 && byte <= 0x5a ? byte + 0x20 : byte)
        folded = ((x << 24) + x * 403) | 0
      }
      length += bytes.length
    }
    this.seconds[index] = finish(second)
    this.foldedHashes[index] = plain ? finish(folded) : NOT_PLAIN
    return finish(hash)
  }

  /** The second hash hashOf made of file `index`'s key. */
  secondHash(index: number): number {
    return this.seconds[index]!
  }

  /** The hash of the case-folded key (after hashOf): its UTF-16 units, which for ASCII are its bytes. */
  foldedHashOf(index: number): number {
    const plain = this.foldedHashes[index]!
    if (plain !== NOT_PLAIN) return plain
    const folded = this.folded(index)
    let hash = FNV_OFFSET ^ this.seed
    for (let at = 0; at < folded.length; at++) hash = step(hash, folded.charCodeAt(at))
    return finish(hash)
  }

  /** The elements as one byte string (latin1), joined by '/'. */
  key(index: number): string {
    let key = this.keys[index]
    if (key === undefined) {
      key = joinPath(this.files[index]!.path, 'latin1')
      this.keys[index] = key
    }
    return key
  }

  /** The key as foldKey makes it. */
  folded(index: number): string {
    let folded = this.foldedKeys[index]
    if (folded === undefined) {
      folded = foldKey(this.key(index))
      this.foldedKeys[index] = folded
    }
    return folded
  }
}

const OVER_BUDGET = -2

/**
 * File indexes by hash, with open addressing: the Int32Arrays of a torrent of 200,000 files take
 * 3 MB and no garbage, where a Map of them was a third of this check's time.
 */
class HashTable {
  /** Index + 1 of the file in each slot; 0 = empty. At most half full. */
  private readonly slots: Int32Array
  private readonly hashes: Int32Array
  private readonly mask: number

  constructor(
    size: number,
    /** Slots probed that held another path; shared by the tables of one check. */
    private readonly probes: {left: number},
  ) {
    this.slots = new Int32Array(powerOfTwoAtLeast(size * 2))
    this.mask = this.slots.length - 1
    this.hashes = new Int32Array(size)
  }

  /**
   * The file of this hash whose key (or case-folded key) equals file `index`'s, or OVER_BUDGET once
   * too many slots held other paths.
   */
  find(hash: number, index: number, keys: PathKeys, folded: boolean): number | undefined {
    for (let slot = hash & this.mask; this.slots[slot] !== 0; slot = (slot + 1) & this.mask) {
      const other = this.slots[slot]! - 1
      // A table never holds two equal paths (a repeat is reported, not added): the first match is the one.
      if (this.hashes[other] === hash && (folded ? keys.folded(other) === keys.folded(index) : keys.key(other) === keys.key(index))) return other
      if (--this.probes.left < 0) return OVER_BUDGET
    }
    return undefined
  }

  add(hash: number, index: number): void {
    this.hashes[index] = hash
    let slot = hash & this.mask
    while (this.slots[slot] !== 0) slot = (slot + 1) & this.mask
    this.slots[slot] = index + 1
  }

  /** The hash file `index` was added with. */
  hashOf(index: number): number {
    return this.hashes[index]!
  }
}

/**
 * The folders files need, by hash (30-bit, so hash + 1 fits a slot and 0 means empty), with open
 * addressing. Each hash keeps the first folder that gave it, as a file and the length of the
 * prefix of its key, so that a file meeting a folder's hash is told from one that only meets it by
 * chance without spelling out every folder.
 */
class FolderSet {
  private slots = new Int32Array(1024)
  /** A second hash of each folder, from another seed: a file must meet both to be looked at. */
  private seconds = new Int32Array(1024)
  private files = new Int32Array(1024)
  private lengths = new Int32Array(1024)
  private count = 0
  /** The hashes added last: the files of one folder come together, and add their folders again and again. */
  private last = -1
  private lastSecond = 0

  add(hash: number, second: number, file: number, length: number): void {
    if (hash === this.last && second === this.lastSecond) return
    this.last = hash
    this.lastSecond = second
    if (this.insert(hash, second, file, length) && ++this.count * 2 > this.slots.length) this.grow()
  }

  /** The folder with these hashes, or undefined. */
  find(hash: number, second: number): {file: number; length: number} | undefined {
    const mask = this.slots.length - 1
    for (let slot = hash & mask; this.slots[slot] !== 0; slot = (slot + 1) & mask) {
      if (this.slots[slot] === hash + 1 && this.seconds[slot] === second) return {file: this.files[slot]!, length: this.lengths[slot]!}
    }
    return undefined
  }

  /** True when the hashes were not there yet. */
  private insert(hash: number, second: number, file: number, length: number): boolean {
    const mask = this.slots.length - 1
    let slot = hash & mask
    for (; this.slots[slot] !== 0; slot = (slot + 1) & mask) if (this.slots[slot] === hash + 1 && this.seconds[slot] === second) return false
    this.slots[slot] = hash + 1
    this.seconds[slot] = second
    this.files[slot] = file
    this.lengths[slot] = length
    return true
  }

  private grow(): void {
    const {slots, seconds, files, lengths} = this
    this.slots = new Int32Array(slots.length * 2)
    this.seconds = new Int32Array(slots.length * 2)
    this.files = new Int32Array(slots.length * 2)
    this.lengths = new Int32Array(slots.length * 2)
    for (let slot = 0; slot < slots.length; slot++) {
      if (slots[slot] !== 0) this.insert(slots[slot]! - 1, seconds[slot]!, files[slot]!, lengths[slot]!)
    }
  }
}

function randomSeed(): number {
  return Math.floor(Math.random() * 0x100000000)
}

function powerOfTwoAtLeast(size: number): number {
  let power = 1
  while (power < size) power *= 2
  return power
}
