import {BencodeCounter} from '../bencode/bencode-writer.js'
import type {FileMerkle} from '../hash/file-merkle.js'
import {HASH_SIZE} from '../hash/merkle.js'
import type {ContentWalk} from '../content/content-file.js'
import type {PieceLayout} from '../content/piece-layout.js'
import {lintTorrent} from '../metainfo/lint-torrent.js'
import type {ValidationIssue} from '../metainfo/validation-issue.js'
import type {TorrentFields} from './build-torrent.js'
import {writeInfo} from './encode-info.js'

const SHA1_SIZE = 20

export type LintedFields = Pick<TorrentFields, 'name' | 'private' | 'source' | 'crossSeed' | 'announce'>

/** The lints of a torrent before it is hashed; `infoLength` from plannedInfoLength. */
export function lintPlan(fields: LintedFields, layout: PieceLayout, walk: ContentWalk, infoLength: number): ValidationIssue[] {
  return lintTorrent({
    metaVersion: layout.metaVersion,
    private: fields.private,
    trackerCount: fields.announce.flat().length,
    pieceLength: layout.pieceLength,
    pieceCount: layout.pieceCount,
    infoLength,
    totalLength: walk.totalLength,
    padBytes: layout.metaVersion === 'hybrid' ? layout.layoutLength - walk.totalLength : 0,
  })
}

/**
 * The length of the bencoded info dictionary, before hashing: measured with zeroed hashes, which
 * have their final sizes, so the result is exact.
 */
export function plannedInfoLength(fields: LintedFields, layout: PieceLayout, walk: ContentWalk): number {
  const zeroRoot: FileMerkle = {root: Buffer.alloc(HASH_SIZE), layer: undefined}
  const pieces = layout.metaVersion === 'v2' ? undefined : Buffer.alloc(layout.pieceCount * SHA1_SIZE)
  const merkles = walk.files.map((file) => (file.length > 0 && layout.metaVersion !== 'v1' ? zeroRoot : undefined))
  return writeInfo(new BencodeCounter(), fields, layout, walk.files, pieces, merkles, walk.singleFile).length
}
