import type {ContentWalk} from '../content/content-file.js'
import type {PieceLayout} from '../content/piece-layout.js'
import type {FileMerkle} from '../hash/file-merkle.js'
import {HASH_SIZE, SHA1_SIZE, sha1, sha256} from '../hash/merkle.js'
import {lintTorrent, withoutAllowed} from '../metainfo/lint-torrent.js'
import {MAX_FILE_LENGTH, MAX_PIECE_LENGTH, MAX_PIECES, MIN_V2_PIECE_LENGTH, isPowerOfTwo} from '../metainfo/limits.js'
import {urlFault} from '../metainfo/url-rule.js'
import {isCleanElement} from '../metainfo/path-safety.js'
import {type ReportedFile, type TorrentReport, assembleReport} from '../metainfo/torrent-report.js'
import type {TorrentFields} from './torrent-fields.js'
import {oneFileFolder} from './plan-lints.js'

/** Deeper paths are read back: the validator limits path length and the decoder nesting depth. */
const MAX_QUIET_DEPTH = 32

/** What `create` knows of the torrent it has just encoded. */
export interface CreatedFacts {
  fields: TorrentFields
  layout: PieceLayout
  walk: ContentWalk
  /** SHA-1 piece hashes (v1, hybrid). */
  pieces: Uint8Array | undefined
  /** Per file, its pieces root and layer (v2, hybrid; undefined for empty files). */
  merkles: Array<FileMerkle | undefined>
  infoBytes: Uint8Array
  allow: ReadonlySet<string>
}

/**
 * The report `info --json` gives of the torrent `create` has just encoded, from what `create` knows
 * instead of decoding and validating it again, or undefined when the validator could say more than
 * the lints: an unusual name, URL or piece length, a case-insensitive collision, a path deeper than
 * MAX_QUIET_DEPTH or a limit reached. Such torrents are read back with the validator instead, so
 * the report is the same either way (test/core/create/created-report.test.ts compares the two).
 * Throws when the hashes do not fit the layout: that is our bug, not the user's.
 */
export function createdReport(facts: CreatedFacts): TorrentReport | undefined {
  const {fields, layout, walk, infoBytes} = facts
  const pieceCount = checkedPieceCount(facts)
  const urls = fields.announce.flat()
  if (!quietForValidator(facts, urls, pieceCount)) return undefined
  const announce = urls.length > 1 ? fields.announce.filter((tier) => tier.length > 0) : urls.length === 1 ? [[urls[0]!]] : []
  const padBytes = layout.metaVersion === 'hybrid' ? layout.layoutLength - walk.totalLength : 0
  const lints = lintTorrent({
    metaVersion: layout.metaVersion,
    private: fields.private,
    trackerCount: urls.length,
    pieceLength: layout.pieceLength,
    pieceCount,
    infoLength: infoBytes.length,
    totalLength: walk.totalLength,
    padBytes,
    oneFileFolder: oneFileFolder(layout.metaVersion, fields.name, walk),
  })
  return assembleReport(
    {
      name: fields.name,
      metaVersion: layout.metaVersion,
      infoHash: layout.metaVersion === 'v2' ? undefined : sha1(infoBytes),
      infoHashV2: layout.metaVersion === 'v1' ? undefined : sha256(infoBytes),
      pieceLength: layout.pieceLength,
      pieceCount,
      totalLength: walk.totalLength,
      private: fields.private,
      source: fields.source,
      comment: fields.comment,
      createdBy: fields.createdBy,
      creationDate: fields.creationDate,
      announce,
      webSeeds: fields.webSeeds,
      httpSeeds: fields.httpSeeds,
      files: listedFiles(fields.name, layout, walk),
    },
    withoutAllowed(lints, facts.allow),
  )
}

/** The files `info` lists: the v1 list with its pads, or for v2 the file tree, which the walk's order follows. */
function listedFiles(name: string, layout: PieceLayout, walk: ContentWalk): ReportedFile[] {
  const files = walk.columns
  const pathOf = (index: number): string => (walk.singleFile ? name : files.paths[index]!)
  const listed: ReportedFile[] = []
  if (layout.metaVersion === 'v2') {
    for (let index = 0; index < files.count; index++) listed.push({path: pathOf(index), length: files.length(index), padding: false, attr: ''})
    return listed
  }
  for (let index = 0; index < files.count; index++) {
    listed.push({path: pathOf(index), length: files.length(index), padding: false, attr: ''})
    const pad = layout.padAfter[index]!
    if (pad > 0) listed.push({path: `.pad/${pad}`, length: pad, padding: true, attr: 'p'})
  }
  return listed
}

/** True when validating the torrent would report nothing but lints (see createdReport). */
function quietForValidator(facts: CreatedFacts, urls: string[], pieceCount: number): boolean {
  const {fields, layout, walk} = facts
  const {pieceLength} = layout
  if (!isPowerOfTwo(pieceLength) || pieceLength < MIN_V2_PIECE_LENGTH || pieceLength > MAX_PIECE_LENGTH || pieceCount > MAX_PIECES) return false
  if (!isCleanElement(fields.name)) return false
  if (urls.some((url) => urlFault(url, 'tracker') !== undefined)) return false
  if (fields.webSeeds.some((url) => urlFault(url, 'web seed') !== undefined)) return false
  if (fields.httpSeeds.some((url) => urlFault(url, 'http seed') !== undefined)) return false
  const files = walk.columns
  if (walk.singleFile) return files.length(0) <= MAX_FILE_LENGTH
  /** Folders (as their '/'-joined paths) whose every element is clean. */
  const cleanFolders = new Set<string>()
  let cased = false
  for (let index = 0; index < files.count; index++) {
    const path = files.paths[index]!
    if (files.length(index) > MAX_FILE_LENGTH) return false
    const slash = path.lastIndexOf('/')
    if (slash >= 0) {
      const folder = path.slice(0, slash)
      if (!cleanFolders.has(folder)) {
        const elements = folder.split('/')
        if (elements.length >= MAX_QUIET_DEPTH || !elements.every((element) => isCleanElement(element))) return false
        cleanFolders.add(folder)
        cased ||= folder.toLowerCase() !== folder
      }
    }
    const name = slash >= 0 ? path.slice(slash + 1) : path
    if (!isCleanElement(name)) return false
    cased ||= name.toLowerCase() !== name
  }
  return !cased || !caseTwins(files.paths)
}

/** Whether two paths are equal but for case, which draws a warning (path-safety.ts); the walk lists every path once. */
function caseTwins(paths: readonly string[]): boolean {
  const folded = new Set<string>()
  for (const path of paths) {
    const key = path.toLowerCase()
    if (folded.has(key)) return true
    folded.add(key)
  }
  return false
}

/**
 * The piece count `info` will compute, after checking that the hashes fit the layout: one SHA-1 per
 * piece of the v1 list, one pieces root per non-empty file and a layer per file of several pieces.
 */
function checkedPieceCount({layout, walk, pieces, merkles}: CreatedFacts): number {
  const {pieceLength, metaVersion} = layout
  const fail = (what: string): never => {
    throw new Error(`the torrent we built is inconsistent: ${what}`)
  }
  let v1Length = 0
  for (let index = 0; index < walk.columns.count; index++) v1Length += walk.columns.length(index) + layout.padAfter[index]!
  const v1Pieces = Math.ceil(v1Length / pieceLength)
  if (v1Pieces !== layout.pieceCount) fail(`${layout.pieceCount} pieces planned for ${v1Length} bytes`)
  if (metaVersion !== 'v2' && pieces?.length !== v1Pieces * SHA1_SIZE) fail(`${pieces?.length} bytes of SHA-1 hashes for ${v1Pieces} pieces`)
  if (metaVersion === 'v1') return v1Pieces
  let v2Pieces = 0
  const files = walk.columns
  for (let index = 0; index < files.count; index++) {
    const length = files.length(index)
    const count = Math.ceil(length / pieceLength)
    v2Pieces += count
    const merkle = merkles[index]
    if (length > 0 && merkle?.root.length !== HASH_SIZE) fail(`no pieces root for file ${index}`)
    if ((count > 1 ? count * HASH_SIZE : undefined) !== merkle?.layer?.length) fail(`a piece layer of the wrong size for file ${index}`)
  }
  if (v2Pieces !== v1Pieces) fail(`${v2Pieces} v2 pieces against ${v1Pieces} in the layout`)
  return v2Pieces
}
