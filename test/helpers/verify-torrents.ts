/**
 * Torrents for verify tests, hashed by test/helpers/torrent-builder.ts (written from the spec,
 * sharing no code with src/core/hash), and the piece arithmetic of spec.md 3.3 and 4.2 written out
 * again here, so expected piece numbers never come from the code under test.
 */
import {readFile, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {
  type Dict,
  hybridInfo,
  hybridV1Entries,
  treeOrder,
  v1File,
  v1MultiInfo,
  v1SingleInfo,
  v2File,
  v2Info,
  v2Torrent,
  torrent,
} from './torrent-builder.js'

export type Mode = 'v1' | 'v2' | 'hybrid'
export const MODES: Mode[] = ['v1', 'v2', 'hybrid']

export interface ContentFileBytes {
  path: string
  data: Buffer
}

/** The files of a temp tree in BEP 52 tree order (the order our creator also uses for v1). */
export async function readTree(root: string, paths: string[]): Promise<ContentFileBytes[]> {
  const files = await Promise.all(paths.map(async (path) => ({path: path.split('/'), data: await readFile(join(root, ...path.split('/')))})))
  return treeOrder(files).map((file) => ({path: file.path.join('/'), data: file.data}))
}

/** Multi-file torrent bytes of `files` (in tree order) named `name`; pads only where the mode needs them. */
export function multiFileTorrent(name: string, files: ContentFileBytes[], mode: Mode, pieceLength: number, options: {v1Pads?: boolean} = {}): Buffer {
  if (mode === 'v1') {
    const entries = options.v1Pads ? hybridV1Entries(files.map((file) => v2File(file.path, file.data)), pieceLength) : files.map((file) => v1File(file.path, file.data))
    return torrent(v1MultiInfo(name, entries, pieceLength))
  }
  const v2Files = files.map((file) => v2File(file.path, file.data))
  if (mode === 'v2') {
    const {info, layers} = v2Info(name, v2Files, pieceLength)
    return v2Torrent(info, layers)
  }
  const {info, layers} = hybridInfo(name, v2Files, pieceLength)
  return v2Torrent(info, layers)
}

export function singleFileTorrent(name: string, data: Buffer, mode: Mode, pieceLength: number): Buffer {
  if (mode === 'v1') return torrent(v1SingleInfo(name, data, pieceLength))
  const {info, layers} = v2Info(name, [v2File(name, data)], pieceLength)
  const extra: Dict = mode === 'hybrid' ? {length: data.length, pieces: v1SingleInfo(name, data, pieceLength).pieces} : {}
  return v2Torrent({...info, ...extra}, layers)
}

/** Where each file starts in the piece address space: concatenated (v1), or each on a piece boundary (v2, hybrid). */
export function fileOffsets(lengths: number[], mode: Mode, pieceLength: number): number[] {
  let offset = 0
  return lengths.map((length) => {
    const start = offset
    offset += length
    if (mode !== 'v1' && length > 0) offset = Math.ceil(offset / pieceLength) * pieceLength
    return start
  })
}

/** The pieces holding bytes of file `index`. */
export function piecesOfFile(lengths: number[], mode: Mode, pieceLength: number, index: number): number[] {
  const length = lengths[index]!
  if (length === 0) return []
  const start = fileOffsets(lengths, mode, pieceLength)[index]!
  const pieces: number[] = []
  for (let piece = Math.floor(start / pieceLength); piece * pieceLength < start + length; piece++) pieces.push(piece)
  return pieces
}

/** Bytes of file `index` inside the given pieces. */
export function bytesInPieces(lengths: number[], mode: Mode, pieceLength: number, index: number, pieces: number[]): number {
  const start = fileOffsets(lengths, mode, pieceLength)[index]!
  const end = start + lengths[index]!
  return pieces.reduce((sum, piece) => sum + Math.max(0, Math.min(end, (piece + 1) * pieceLength) - Math.max(start, piece * pieceLength)), 0)
}

export function pieceAt(lengths: number[], mode: Mode, pieceLength: number, index: number, offset: number): number {
  return Math.floor((fileOffsets(lengths, mode, pieceLength)[index]! + offset) / pieceLength)
}

export async function flipByte(path: string, offset: number): Promise<void> {
  const bytes = await readFile(path)
  bytes[offset]! ^= 0xff
  await writeFile(path, bytes)
}
