import {randomBytes} from 'node:crypto'
import {keyFromText} from '../bencode/bencode-value.js'
import {BencodeWriter} from '../bencode/bencode-writer.js'
import type {PieceLayout} from '../content/piece-layout.js'
import type {FileMerkle} from '../hash/file-merkle.js'
import {HASH_SIZE, SHA1_SIZE} from '../hash/merkle.js'
import type {FileList, TorrentFields} from './torrent-fields.js'

export type InfoFields = Pick<TorrentFields, 'name' | 'private' | 'source' | 'crossSeed'>

/**
 * The info dictionary of a plan, written before hashing with every hash zeroed: hashes have fixed
 * sizes, so its length is final, and the hashes are written over the zeros once known
 * (build-torrent.ts). The file list is encoded once per torrent, not once to measure and once more.
 */
export interface PlannedInfo extends HashSpots {
  /** The fields it was written with: a torrent built with others has its info written again. */
  fields: InfoFields
  bytes: Buffer
}

/** Where writeInfo wrote the hashes. */
export interface HashSpots {
  /** Where the `pieces` bytes start; -1 in v2. */
  piecesAt: number
  /** Per file, where its `pieces root` starts in `bytes`: -1 for an empty file; undefined in v1. */
  rootsAt: Float64Array | undefined
}

/**
 * Writes the bencoded `info` dictionary (BEP 3, BEP 52) straight into `out`: keys in raw byte
 * order by construction, the v2 file tree in the walk's order, which is the tree's order (each
 * folder's entries by raw bytes, depth first). A file list out of that order throws, as our bug.
 * Building an object graph and sorting each dictionary's keys cost ~0.45 s for 200,000 files.
 * `spots`, when given, receives where the hashes are written.
 */
export function writeInfo(
  out: BencodeWriter,
  fields: InfoFields,
  layout: PieceLayout,
  files: FileList,
  pieces: Uint8Array | undefined,
  merkles: ReadonlyArray<FileMerkle | undefined>,
  singleFile: boolean,
  spots?: HashSpots,
): BencodeWriter {
  const v1 = layout.metaVersion !== 'v2'
  const v2 = layout.metaVersion !== 'v1'
  out.token('d')
  if (v2) writeFileTree(out.text('file tree'), files, merkles, singleFile ? [fields.name] : undefined, spots?.rootsAt)
  if (v1 && !singleFile) writeFileList(out.text('files'), layout, files)
  if (v1 && singleFile) out.text('length').integer(files.length(0))
  if (v2) out.text('meta version').integer(2)
  out.text('name').text(fields.name)
  out.text('piece length').integer(layout.pieceLength)
  if (v1) {
    out.text('pieces').bytes(pieces ?? new Uint8Array(0))
    if (spots !== undefined) spots.piecesAt = out.length - (pieces?.length ?? 0)
  }
  if (fields.private) out.text('private').integer(1)
  if (fields.source !== undefined) out.text('source').text(fields.source)
  if (fields.crossSeed) out.text('x_cross_seed').text(`mktorrent-${randomBytes(16).toString('hex')}`)
  return out.token('e')
}

/** The `info` dictionary on its own (writeInfo). */
export function encodeInfo(
  fields: InfoFields,
  layout: PieceLayout,
  files: FileList,
  pieces: Uint8Array | undefined,
  merkles: ReadonlyArray<FileMerkle | undefined>,
  singleFile: boolean,
): Buffer {
  return writeInfo(new BencodeWriter(), fields, layout, files, pieces, merkles, singleFile).finish()
}

/** The info dictionary of a plan, its hashes zeroed (PlannedInfo). */
export function planInfo(fields: InfoFields, layout: PieceLayout, files: FileList, singleFile: boolean): PlannedInfo {
  const v1 = layout.metaVersion !== 'v2'
  const pieces = v1 ? new Uint8Array(layout.pieceCount * SHA1_SIZE) : undefined
  const zeroRoot: FileMerkle = {root: Buffer.alloc(HASH_SIZE), layer: undefined}
  const merkles: Array<FileMerkle | undefined> = []
  if (layout.metaVersion !== 'v1') for (let index = 0; index < files.count; index++) merkles.push(files.length(index) > 0 ? zeroRoot : undefined)
  const spots: HashSpots = {piecesAt: -1, rootsAt: layout.metaVersion === 'v1' ? undefined : new Float64Array(files.count).fill(-1)}
  const written = writeInfo(new BencodeWriter(estimateInfoLength(layout, files, pieces)), fields, layout, files, pieces, merkles, singleFile, spots).finish()
  // An estimate far off leaves a buffer far larger than the info, kept as long as the plan.
  const bytes = written.buffer.byteLength > written.length * 1.25 ? Buffer.from(written) : written
  return {fields: {...fields}, bytes, ...spots}
}

/** Whether a plan's info was written with these fields, so that only its hashes remain to fill in. */
export function sameInfoFields(a: InfoFields, b: InfoFields): boolean {
  return a.name === b.name && a.private === b.private && a.source === b.source && a.crossSeed === b.crossSeed
}

/** A little more than the info's size in most cases: UTF-8 names may take up to 3 bytes a UTF-16 unit. */
function estimateInfoLength(layout: PieceLayout, files: FileList, pieces: Uint8Array | undefined): number {
  let estimate = 4096 + (pieces?.length ?? 0) + files.count * (layout.metaVersion === 'v1' ? 48 : 128)
  for (const path of files.paths) estimate += path.length
  return estimate
}

// The fixed runs of tokens around each entry of the v1 file list.
const FILE_START = Buffer.from('d6:length')
const PATH_START = Buffer.from('4:pathl')
const FILE_END = Buffer.from('ee')
const PAD_START = Buffer.from('d4:attr1:p6:length')
const PAD_PATH = Buffer.from('4:pathl4:.pad')

/** BEP 3 `files`, with BEP 47 pads as libtorrent names them: `.pad/<length>`, attr `p`. */
function writeFileList(out: BencodeWriter, layout: PieceLayout, files: FileList): void {
  out.token('l')
  const {paths} = files
  const {padAfter} = layout
  for (let index = 0; index < files.count; index++) {
    out.raw(FILE_START).integer(files.length(index)).raw(PATH_START).pathElements(paths[index]!).raw(FILE_END)
    const pad = padAfter[index]!
    if (pad > 0) out.raw(PAD_START).integer(pad).raw(PAD_PATH).text(String(pad)).raw(FILE_END)
  }
  out.token('e')
}

/** BEP 52 `file tree`: nested by path element, each file a dictionary under the empty key. */
function writeFileTree(
  out: BencodeWriter,
  files: FileList,
  merkles: ReadonlyArray<FileMerkle | undefined>,
  singleFilePath: string[] | undefined,
  rootsAt: Float64Array | undefined,
): void {
  /** The folders open around the next entry, and per depth the last key written there. */
  const open: string[] = []
  const lastKey: Array<string | undefined> = [undefined]
  const key = (depth: number, element: string): void => {
    const bytes = keyFromText(element)
    const before = lastKey[depth]
    if (before !== undefined && !(before < bytes)) throw new Error(`the file list is not in file tree order at ${JSON.stringify(element)}`)
    lastKey[depth] = bytes
    out.text(element)
  }
  out.token('d')
  for (let index = 0; index < files.count; index++) {
    const path = singleFilePath ?? files.paths[index]!.split('/')
    const folders = path.length - 1
    let shared = 0
    while (shared < open.length && shared < folders && open[shared] === path[shared]) shared++
    for (; open.length > shared; open.pop()) out.token('e')
    for (let depth = shared; depth < folders; depth++) {
      key(depth, path[depth]!)
      out.token('d')
      open.push(path[depth]!)
      lastKey[depth + 1] = undefined
    }
    key(folders, path[folders]!)
    out.token('d').text('').token('d').text('length').integer(files.length(index))
    const root = merkles[index]?.root
    if (root !== undefined) {
      out.text('pieces root').bytes(root)
      if (rootsAt !== undefined) rootsAt[index] = out.length - root.length
    }
    out.token('e').token('e')
  }
  for (; open.length > 0; open.pop()) out.token('e')
  out.token('e')
}
