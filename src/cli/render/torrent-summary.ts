import {formatBytes} from '../../core/bytes.js'
import {groupDigits} from './group-digits.js'
import type {TorrentReport} from '../../core/metainfo/torrent-report.js'

/** The summary fields of a report as label/value pairs, shared by the table and the line format. */
export function summaryFields(report: TorrentReport): Array<[string, string]> {
  const fields: Array<[string, string]> = [
    ['name', report.name],
    ['meta version', report.metaVersion],
  ]
  if (report.infoHash !== null) fields.push(['info hash', report.infoHash])
  if (report.infoHashV2 !== null) fields.push(['info hash v2', report.infoHashV2])
  fields.push(
    ['total size', `${formatBytes(report.totalLength)} (${groupDigits(report.totalLength)} bytes)`],
    ['pieces', `${groupDigits(report.pieceCount)} of ${formatBytes(report.pieceLength)}`],
    ['private', report.private ? 'yes' : 'no'],
  )
  if (report.source !== null) fields.push(['source', report.source])
  if (report.comment !== null) fields.push(['comment', report.comment])
  if (report.createdBy !== null) fields.push(['created by', report.createdBy])
  if (report.creationDate !== null) fields.push(['creation date', report.creationDate])
  return fields
}
