import type {ContentWalk} from '../content/content-file.js'
import type {PieceLayout} from '../content/piece-layout.js'
import {lintTorrent} from '../metainfo/lint-torrent.js'
import type {MetaVersion} from '../metainfo/metainfo.js'
import type {ValidationIssue} from '../metainfo/validation-issue.js'
import type {TorrentFields} from './torrent-fields.js'

export type LintedFields = Pick<TorrentFields, 'name' | 'private' | 'source' | 'crossSeed' | 'announce'>

/** The lints of a torrent before it is hashed; `infoLength` is its planned info's (planInfo). */
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
    oneFileFolder: oneFileFolder(layout.metaVersion, fields.name, walk),
  })
}

/**
 * A folder holding exactly one file, made a v2 or hybrid torrent: its file tree is that one file,
 * a single-file torrent (BEP 52). What `info` finds in the torrent written (inspect-torrent.ts): in
 * v2 only when the file is named otherwise than the torrent, since then nothing tells them apart.
 */
export function oneFileFolder(metaVersion: MetaVersion, name: string, walk: ContentWalk): {name: string; file: string} | undefined {
  if (metaVersion === 'v1' || walk.singleFile || walk.columns.count !== 1 || walk.columns.paths[0]!.includes('/')) return undefined
  const file = walk.columns.paths[0]!
  return metaVersion === 'v2' && file === name ? undefined : {name, file}
}
