/**
 * Builds .torrent bytes for parser tests with real hashes. The hashing here is written from
 * shared/spec.md (sections 3.3, 4.3, 4.4 and 5.2) and deliberately shares no code with
 * src/core/hash, so a test that passes means two independent readings of the spec agree.
 */
import {createHash} from 'node:crypto'
import {type Encodable, encodeBencode} from '../../src/core/bencode/encode.js'
import type {ValidationIssue} from '../../src/core/metainfo/validation-issue.js'
import {pseudoRandomBytes} from './temp-tree.js'

export const KiB = 1024
export const MiB = 1024 * KiB
/** BEP 52 leaf size. */
export const BLOCK = 16 * KiB

/** A decoded-shaped dictionary the tests may poke at before encoding. */
export type Dict = Record<string, any>

export function sha1(data: Uint8Array): Buffer {
  return createHash('sha1').update(data).digest()
}

export function sha256(data: Uint8Array): Buffer {
  return createHash('sha256').update(data).digest()
}

/** Deterministic payload bytes. */
export function payload(length: number, seed = 1): Buffer {
  return pseudoRandomBytes(length, seed)
}

export function encode(value: Dict | Encodable): Buffer {
  return encodeBencode(value as Encodable)
}

/** The .torrent bytes: `top` keys plus `info`. */
export function torrent(info: Dict, top: Dict = {}): Buffer {
  return encode({...top, info})
}

/** Issues without their messages, sorted, for exact comparison. */
export type IssueKey = Pick<ValidationIssue, 'severity' | 'code' | 'path'>

export function issueKeys(issues: ValidationIssue[]): IssueKey[] {
  return sortIssues(issues.map(({severity, code, path}) => ({severity, code, path})))
}

export function sortIssues(issues: IssueKey[]): IssueKey[] {
  const text = (issue: IssueKey): string => `${issue.path}\u0000${issue.code}\u0000${issue.severity}`
  return [...issues].sort((a, b) => (text(a) < text(b) ? -1 : text(a) > text(b) ? 1 : 0))
}

export const error = (code: string, path: string): IssueKey => ({severity: 'error', code, path})
export const warning = (code: string, path: string): IssueKey => ({severity: 'warning', code, path})

// ---------------------------------------------------------------------------------------------
// v1 (BEP 3, BEP 47)

/** BEP 3: SHA-1 of each `pieceLength` span of the concatenated payload; the last may be short. */
export function v1Pieces(content: Uint8Array, pieceLength: number): Buffer {
  const hashes: Buffer[] = []
  for (let offset = 0; offset < content.length; offset += pieceLength) {
    hashes.push(sha1(content.subarray(offset, Math.min(offset + pieceLength, content.length))))
  }
  return Buffer.concat(hashes)
}

/** One entry of a v1 `files` list. `data` is the file's bytes (zeros for a pad). */
export interface V1Entry {
  path: Encodable[]
  data: Buffer
  attr?: string
}

export function v1File(path: string, data: Buffer): V1Entry {
  return {path: path.split('/'), data}
}

/** A BEP 47 pad file as libtorrent writes it: `.pad/<N>`, attr `p`. */
export function v1Pad(length: number, path: Encodable[] = ['.pad', String(length)]): V1Entry {
  return {path, data: Buffer.alloc(length), attr: 'p'}
}

export function v1SingleInfo(name: string, data: Buffer, pieceLength: number, extra: Dict = {}): Dict {
  return {name, 'piece length': pieceLength, length: data.length, pieces: v1Pieces(data, pieceLength), ...extra}
}

export function v1MultiInfo(name: string, entries: V1Entry[], pieceLength: number, extra: Dict = {}): Dict {
  return {
    name,
    'piece length': pieceLength,
    files: entries.map((entry) => ({length: entry.data.length, path: entry.path, attr: entry.attr})),
    pieces: v1Pieces(Buffer.concat(entries.map((entry) => entry.data)), pieceLength),
    ...extra,
  }
}

// ---------------------------------------------------------------------------------------------
// v2 (BEP 52)

const ZERO_HASH = Buffer.alloc(32)

function nextPowerOfTwo(n: number): number {
  let width = 1
  while (width < n) width *= 2
  return width
}

/** Hashes pairs up to one root. `nodes.length` must be a power of two. */
function fold(nodes: Buffer[]): Buffer {
  let level = nodes
  while (level.length > 1) {
    const up: Buffer[] = []
    for (let i = 0; i < level.length; i += 2) up.push(sha256(Buffer.concat([level[i]!, level[i + 1]!])))
    level = up
  }
  return level[0]!
}

function leaves(data: Uint8Array): Buffer[] {
  const hashes: Buffer[] = []
  for (let offset = 0; offset < data.length; offset += BLOCK) hashes.push(sha256(data.subarray(offset, offset + BLOCK)))
  return hashes
}

/**
 * BEP 52 `pieces root`: a binary SHA-256 tree over the 16 KiB leaves (the last one hashed short, not
 * zero-filled), padded with 32-zero-byte leaves to a power of two. Built flat over all leaves, so it
 * does not rely on the "pad the piece layer with the zero-subtree root" shortcut the parser uses.
 */
export function merkleRoot(data: Uint8Array): Buffer {
  if (data.length === 0) throw new RangeError('empty files have no pieces root')
  const hashes = leaves(data)
  const width = nextPowerOfTwo(hashes.length)
  while (hashes.length < width) hashes.push(ZERO_HASH)
  return fold(hashes)
}

/**
 * BEP 52 `piece layers` value: for each piece, the root of its `pieceLength / 16 KiB` leaves (zero
 * leaves past the end of the file); layer hashes wholly beyond the file are omitted.
 */
export function pieceLayer(data: Uint8Array, pieceLength: number): Buffer {
  const perPiece = pieceLength / BLOCK
  const all = leaves(data)
  const layer: Buffer[] = []
  for (let start = 0; start < all.length; start += perPiece) {
    const piece = all.slice(start, start + perPiece)
    while (piece.length < perPiece) piece.push(ZERO_HASH)
    layer.push(fold(piece))
  }
  return Buffer.concat(layer)
}

/** A file for a v2 tree: path elements (text) and bytes. */
export interface V2Entry {
  path: string[]
  data: Buffer
}

export function v2File(path: string, data: Buffer): V2Entry {
  return {path: path.split('/'), data}
}

/** BEP 52 tree order: raw UTF-8 bytes compared element by element (so `sub/x` < `sub.txt`). */
export function treeOrder<T extends {path: string[]}>(files: T[]): T[] {
  const compare = (a: T, b: T): number => {
    for (let i = 0; i < Math.min(a.path.length, b.path.length); i++) {
      const order = Buffer.compare(Buffer.from(a.path[i]!, 'utf8'), Buffer.from(b.path[i]!, 'utf8'))
      if (order !== 0) return order
    }
    return a.path.length - b.path.length
  }
  return [...files].sort(compare)
}

export interface V2Parts {
  /** `file tree`, as nested plain objects with text keys. */
  tree: Dict
  /** `piece layers`: latin1 byte-string root -> layer. */
  layers: Map<string, Buffer>
  /** Each file's root (hex), by '/'-joined path; empty files have none. */
  roots: Map<string, Buffer>
}

export function v2Parts(files: V2Entry[], pieceLength: number): V2Parts {
  const tree: Dict = {}
  const layers = new Map<string, Buffer>()
  const roots = new Map<string, Buffer>()
  for (const file of files) {
    let node = tree
    for (const element of file.path.slice(0, -1)) node = node[element] ??= {}
    const entry: Dict = {length: file.data.length}
    if (file.data.length > 0) {
      const root = merkleRoot(file.data)
      entry['pieces root'] = root
      roots.set(file.path.join('/'), root)
      if (file.data.length > pieceLength) layers.set(root.toString('latin1'), pieceLayer(file.data, pieceLength))
    }
    node[file.path.at(-1)!] = {'': entry}
  }
  return {tree, layers, roots}
}

export function v2Info(name: string, files: V2Entry[], pieceLength: number, extra: Dict = {}): {info: Dict; layers: Map<string, Buffer>; roots: Map<string, Buffer>} {
  const {tree, layers, roots} = v2Parts(files, pieceLength)
  return {info: {name, 'piece length': pieceLength, 'meta version': 2, 'file tree': tree, ...extra}, layers, roots}
}

/**
 * libtorrent 2.0.8's hybrid v1 list (spec.md 5.2): the files in the given order, each non-empty file
 * followed by a `.pad/<N>` pad up to the next piece boundary, the last one too unless `tailPad` is off;
 * a lone file gets no pad, as libtorrent writes a folder holding one file.
 */
export function hybridV1Entries(files: V2Entry[], pieceLength: number, tailPad = true): V1Entry[] {
  const entries: V1Entry[] = []
  const lastData = files.findLastIndex((file) => file.data.length > 0)
  files.forEach((file, index) => {
    entries.push({path: file.path, data: file.data})
    const rest = file.data.length % pieceLength
    if (files.length > 1 && file.data.length > 0 && rest !== 0 && (tailPad || index !== lastData)) entries.push(v1Pad(pieceLength - rest))
  })
  return entries
}

export interface HybridOptions {
  tailPad?: boolean
  /** Replaces the v1 list built from `files` (to break the hybrid on purpose). */
  v1Entries?: V1Entry[]
  extra?: Dict
}

/** A multi-file hybrid: `files` must be in tree order. */
export function hybridInfo(name: string, files: V2Entry[], pieceLength: number, options: HybridOptions = {}): {info: Dict; layers: Map<string, Buffer>; v1Entries: V1Entry[]} {
  const {info, layers} = v2Info(name, files, pieceLength)
  const v1Entries = options.v1Entries ?? hybridV1Entries(files, pieceLength, options.tailPad ?? true)
  return {info: {...v1MultiInfo(name, v1Entries, pieceLength), ...info, ...options.extra}, layers, v1Entries}
}

/** v2 and hybrid torrent bytes with `piece layers` beside `info`. */
export function v2Torrent(info: Dict, layers: Map<string, Buffer> | undefined, top: Dict = {}): Buffer {
  return torrent(info, layers === undefined ? top : {...top, 'piece layers': layers})
}

// ---------------------------------------------------------------------------------------------
// Hand-made, non-canonical bencode

const ascii = (text: string): Buffer => Buffer.from(text, 'latin1')

/** A dictionary with its entries in exactly the given order (values already encoded). */
export function rawDict(entries: Array<[string, Uint8Array]>): Buffer {
  const parts: Uint8Array[] = [ascii('d')]
  for (const [key, value] of entries) parts.push(encode(Buffer.from(key, 'utf8')), value)
  parts.push(ascii('e'))
  return Buffer.concat(parts)
}

/** `d…4:info<infoBytes>…e`, with the info bytes left exactly as given; `before`/`after` keep key order canonical. */
export function torrentWithRawInfo(infoBytes: Uint8Array, before: Array<[string, Uint8Array]> = [], after: Array<[string, Uint8Array]> = []): Buffer {
  return rawDict([...before, ['info', infoBytes], ...after])
}
