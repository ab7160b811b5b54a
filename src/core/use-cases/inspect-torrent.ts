import {lintTorrent, withoutAllowed} from '../metainfo/lint-torrent.js'
import {type ParseOptions, parseMetainfo} from '../metainfo/parse-metainfo.js'
import {type Metainfo, pieceCount, totalLength} from '../metainfo/metainfo.js'
import {type TorrentReport, torrentReport} from '../metainfo/torrent-report.js'
import type {ValidationIssue} from '../metainfo/validation-issue.js'

export interface InspectOptions extends ParseOptions {
  /** Report every warning as an error. */
  strict?: boolean
  /** Lint codes whose warnings are left out (`--allow`). */
  allow?: ReadonlySet<string>
}

export interface Inspection {
  metainfo: Metainfo
  report: TorrentReport
}

/** Parses and validates torrent bytes into the model and the report `info` shows, lints included. */
export function inspectTorrent(bytes: Uint8Array, options: InspectOptions = {}): Inspection {
  const {metainfo, issues} = parseMetainfo(bytes, options)
  const all = [...issues, ...lintsOf(metainfo, issues)]
  const kept = withoutAllowed(all, options.allow ?? new Set())
  const shown = options.strict ? kept.map((issue) => ({...issue, severity: 'error' as const})) : kept
  return {metainfo, report: torrentReport(metainfo, shown)}
}

/** Lints not already reported by validation under the same code (the piece-length ones). */
function lintsOf(metainfo: Metainfo, issues: ValidationIssue[]): ValidationIssue[] {
  const pads = metainfo.metaVersion === 'v2' ? [] : metainfo.v1.files.filter((file) => file.padding)
  const lints = lintTorrent({
    metaVersion: metainfo.metaVersion,
    private: metainfo.private,
    trackerCount: metainfo.announce.flat().length,
    pieceLength: metainfo.pieceLength,
    pieceCount: pieceCount(metainfo),
    infoLength: metainfo.infoBytes.length,
    totalLength: totalLength(metainfo),
    padBytes: pads.reduce((sum, file) => sum + file.length, 0),
    oneFileFolder: oneFileFolder(metainfo),
  })
  return lints.filter((lint) => !issues.some((issue) => issue.code === lint.code))
}

/**
 * A v2 or hybrid torrent whose file tree is one file at its top while the torrent was a folder: in
 * a hybrid its v1 list is a folder's, in v2 the name differs from the file's (as when libtorrent or
 * `create` makes a v2 torrent of a folder holding one file).
 */
function oneFileFolder(metainfo: Metainfo): {name: string; file: string} | undefined {
  if (metainfo.metaVersion === 'v1' || !metainfo.v2.singleFile) return undefined
  const key = metainfo.v2.files[0]!.path[0]!
  const folder = metainfo.metaVersion === 'hybrid' ? !metainfo.v1.singleFile : Buffer.compare(key, metainfo.name) !== 0
  return folder ? {name: Buffer.from(metainfo.name).toString('utf8'), file: Buffer.from(key).toString('utf8')} : undefined
}
