import {type ParseOptions, parseMetainfo} from './metainfo/parse-metainfo.js'
import type {Metainfo} from './metainfo/metainfo.js'
import {type TorrentReport, torrentReport} from './metainfo/torrent-report.js'

export interface InspectOptions extends ParseOptions {
  /** Report every warning as an error. */
  strict?: boolean
}

export interface Inspection {
  metainfo: Metainfo
  report: TorrentReport
}

/** Parses and validates torrent bytes into the model and the report `info` shows. */
export function inspectTorrent(bytes: Uint8Array, options: InspectOptions = {}): Inspection {
  const {metainfo, issues} = parseMetainfo(bytes, options)
  const shown = options.strict ? issues.map((issue) => ({...issue, severity: 'error' as const})) : issues
  return {metainfo, report: torrentReport(metainfo, shown)}
}
