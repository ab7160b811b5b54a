import type {BencodeValue} from '../bencode/bencode-value.js'
import {isBytes, isDict} from '../bencode/bencode-value.js'
import {SHA1_SIZE} from '../hash/merkle.js'
import {DictReader, describeValueType} from './dict-reader.js'
import {MAX_FILE_LENGTH, MAX_PIECES} from './limits.js'
import type {TorrentFile, V1Layout} from './metainfo.js'
import {checkPathCollisions} from './path-collisions.js'
import {checkPath, isCleanPath} from './path-safety.js'
import {childPath, type IssueList} from './validation-issue.js'

// Read for every file of a torrent: one options object each, not one per call.
const REQUIRED = {required: 'error'} as const
const WARN_WRONG_TYPE = {wrongType: 'warning'} as const

/**
 * Whether every byte of the v1 layout is known. A missing or invalid `length`, a `files` entry that
 * is not a dictionary, or a torrent with neither `length` nor `files` already has its own error;
 * comparing `pieces` against a guessed total would only add a second, misleading one.
 */
interface LayoutState {
  known: boolean
}

/** Reads the BEP 3 view of `info`: `length` or `files`, and `pieces`. */
export function parseV1(info: DictReader, name: Uint8Array, pieceLength: number): V1Layout {
  const {issues} = info
  const hasLength = info.has('length')
  const hasFiles = info.has('files')
  if (hasLength && hasFiles) {
    issues.error('length-and-files', info.path, `${info.path} has both length and files; BEP 3 allows exactly one`)
  } else if (!hasLength && !hasFiles) {
    issues.error('missing-length-or-files', info.path, `${info.path} has neither length nor files`)
  }

  const singleFile = hasLength && !hasFiles
  const layout: LayoutState = {known: hasLength || hasFiles}
  const files = singleFile ? [singleFileEntry(info, name, layout)] : fileList(info, layout)
  const piecesValue = info.bytes('pieces', {required: 'error'})
  checkPieces(info, files, piecesValue, pieceLength, layout.known)
  const pieces = piecesValue ?? new Uint8Array(0)
  if (!singleFile) checkPathCollisions(files, (index) => childPath(info.pathOf('files'), index), issues)
  return {singleFile, files, pieces}
}

function singleFileEntry(info: DictReader, name: Uint8Array, layout: LayoutState): TorrentFile {
  const length = readLength(info, 'length', layout)
  const attr = attrOf(info)
  return {path: [name], length, attr, padding: false}
}

function fileList(info: DictReader, layout: LayoutState): TorrentFile[] {
  const list = info.list('files')
  if (list === undefined || list.length === 0) layout.known = false
  if (list === undefined) return []
  if (list.length === 0) info.issues.error('no-files', info.pathOf('files'), `${info.pathOf('files')} is an empty list`)
  const files: TorrentFile[] = []
  const listPath = info.pathOf('files')
  for (let index = 0; index < list.length; index++) {
    const entry = list[index]!
    const plain = plainFileEntry(entry)
    if (plain !== undefined) {
      files.push(plain)
      continue
    }
    const path = childPath(listPath, index)
    if (!isDict(entry)) {
      info.issues.error('wrong-type', path, `${path} must be a dictionary, not ${describeValueType(entry)}`)
      layout.known = false
      continue
    }
    files.push(fileEntry(new DictReader(entry, path, info.issues), layout))
  }
  return files
}

/**
 * The entry of a plain file, as fileEntry reads it, when it is one: no `attr`, a valid `length`, and
 * a `path` of clean byte strings (path-safety.ts), so that there is nothing to report. Nearly every
 * entry of a torrent of many files is one, and reading it without a DictReader, issue paths and
 * field checks that find nothing spares ~60 M instructions on 10,000 files: verify does it before
 * it opens any file, mostly in code V8 has not optimised yet. Undefined sends the entry to fileEntry.
 */
function plainFileEntry(entry: BencodeValue): TorrentFile | undefined {
  if (!isDict(entry) || entry.has('attr')) return undefined
  const length = entry.get('length')
  const path = entry.get('path')
  if (typeof length !== 'number' || length < 0 || length > MAX_FILE_LENGTH || !Array.isArray(path) || path.length === 0) return undefined
  let padding = false
  for (let index = 0; index < path.length; index++) {
    const element = path[index]!
    if (!isBytes(element)) return undefined
    if (isBitCometPad(element)) padding = true
  }
  const elements = path as Uint8Array[]
  if (!isCleanPath(elements)) return undefined
  return {path: elements, length, attr: '', padding}
}

function fileEntry(file: DictReader, layout: LayoutState): TorrentFile {
  const attr = attrOf(file)
  const length = attr.includes('l') ? symlinkLength(file) : readLength(file, 'length', layout)
  // BEP 47: a pad keeps `path` only for older clients, and readers "should not require it";
  // libtorrent names a pad without one `.pad/<length>`, as we do.
  const path = attr.includes('p') && !file.has('path') ? [Buffer.from('.pad'), Buffer.from(String(length))] : pathElements(file, 'path')
  // BitComet's pads carry no attr; libtorrent recognises them by name.
  const padding = attr.includes('p') || path.some(isBitCometPad)
  if (path.length === 0 && !padding) file.issues.error('path-empty', file.pathOf('path'), `${file.pathOf('path')} is an empty list`)
  // Pads too: some clients write them to disk, so `..` in a pad's path is as unsafe as anywhere.
  if (!isCleanPath(path)) checkPath(path, file.pathOf('path'), file.issues)
  const entry: TorrentFile = {path, length, attr, padding}
  if (attr.includes('l')) entry.symlinkPath = symlinkPath(file)
  return entry
}

const BITCOMET_PAD = Buffer.from('_____padding_file_')

function isBitCometPad(element: Uint8Array): boolean {
  return element.length >= BITCOMET_PAD.length && Buffer.from(element.buffer, element.byteOffset, element.length).includes(BITCOMET_PAD)
}

/**
 * A symlink (BEP 47 `attr` l) holds no data: it occupies no bytes of the piece space whatever
 * `length` says, and needs none (libtorrent: "symlinks have an implied size of zero"). A `length`
 * other than 0 is worth a warning, since a reader that counts it lays every later file elsewhere.
 */
export function symlinkLength(dict: DictReader): number {
  const length = dict.integer('length', {wrongType: 'warning'})
  if (length !== undefined && length !== 0) {
    const path = dict.pathOf('length')
    dict.issues.warning('symlink-length', path, `${path} is ${length}, but a symlink holds no data: it takes 0 bytes of the pieces, as libtorrent counts it`)
  }
  return 0
}

/** A `length` field: an integer from 0 to libtorrent's largest file size; 0 when missing or invalid. */
export function fileLength(dict: DictReader, key: string): number {
  return checkedLength(dict, key) ?? 0
}

function readLength(dict: DictReader, key: string, layout: LayoutState): number {
  const length = checkedLength(dict, key)
  if (length === undefined) layout.known = false
  return length ?? 0
}

/** The length, or undefined (with an issue recorded) when it is missing or out of range. */
function checkedLength(dict: DictReader, key: string): number | undefined {
  const length = dict.integer(key, REQUIRED)
  if (length === undefined) return undefined
  if (length >= 0 && length <= MAX_FILE_LENGTH) return length
  const path = dict.pathOf(key)
  if (length < 0) {
    dict.issues.error('negative-length', path, `${path} is negative (${length})`)
    return undefined
  }
  if (length > MAX_FILE_LENGTH) {
    dict.issues.error('length-too-large', path, `${path} is ${length} bytes, over the largest file size clients accept (${MAX_FILE_LENGTH})`)
    return undefined
  }
  return length
}

/** BEP 47 `attr`, as text; absent is empty. */
export function attrOf(dict: DictReader): string {
  const attr = dict.bytes('attr', WARN_WRONG_TYPE)
  return attr === undefined ? '' : Buffer.from(attr).toString('latin1')
}

function pathElements(dict: DictReader, key: string): Uint8Array[] {
  const list = dict.list(key, REQUIRED)
  if (list === undefined) return []
  // The decoded list itself when it holds only byte strings, as it nearly always does: a copy per
  // file would cost a torrent of 200,000 files 13 MB.
  if (list.every(isBytes)) return list as Uint8Array[]
  const elements: Uint8Array[] = []
  for (let index = 0; index < list.length; index++) {
    const element: BencodeValue = list[index]!
    if (isBytes(element)) elements.push(element)
    else {
      const path = childPath(dict.pathOf(key), index)
      dict.issues.error('wrong-type', path, `${path} must be a byte string, not ${describeValueType(element)}`)
    }
  }
  return elements
}

/** BEP 47 `symlink path`: relative to the torrent root, and it must not climb out with `..`. */
export function symlinkPath(dict: DictReader): Uint8Array[] {
  const elements = pathElements(dict, 'symlink path')
  checkPath(elements, dict.pathOf('symlink path'), dict.issues)
  return elements
}

/**
 * `pieces` must hold one SHA-1 per piece of the concatenated files (BEP 3). `pieces` is undefined
 * when it is missing or not a byte string, which already has its own error.
 */
function checkPieces(info: DictReader, files: TorrentFile[], pieces: Uint8Array | undefined, pieceLength: number, layoutKnown: boolean): void {
  const {issues} = info
  const path = info.pathOf('pieces')
  const total = files.reduce((sum, file) => sum + file.length, 0)
  if (layoutKnown && files.length > 0 && total === 0) issues.error('total-length-zero', info.path, 'the torrent holds no data: every file is empty')
  if (!Number.isSafeInteger(total)) {
    issues.error('length-too-large', info.path, 'the files add up to more bytes than can be addressed')
    return
  }
  if (pieces === undefined) return
  if (pieces.length % SHA1_SIZE !== 0) {
    issues.error('pieces-length', path, `${path} is ${pieces.length} bytes, not a multiple of 20`)
    return
  }
  if (pieceLength <= 0 || !layoutKnown) return
  const expected = Math.ceil(total / pieceLength)
  const found = pieces.length / SHA1_SIZE
  if (expected > MAX_PIECES) {
    issues.error('too-many-pieces', path, `the torrent has ${expected} pieces, over the ${MAX_PIECES} clients accept`)
  } else if (found !== expected) {
    issues.error('piece-count-mismatch', path, `${path} holds ${found} hashes, but ${total} bytes in pieces of ${pieceLength} need ${expected}`)
  }
}

