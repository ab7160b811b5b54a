import {type JsonValue, bencodeToJson} from '../core/bencode/to-json.js'
import {ExitCode, namingTorrent} from '../core/errors.js'
import {inspectTorrent} from '../core/use-cases/inspect-torrent.js'
import {decodeTorrentBytes} from '../core/metainfo/parse-metainfo.js'
import type {TorrentReport} from '../core/metainfo/torrent-report.js'
import type {Output} from './output.js'
import {renderInfoLines} from './render/info-lines.js'
import {readTorrentArgument} from './torrent-argument.js'

export interface InfoRequest {
  torrent: string
  json: boolean
  raw: boolean
  strict: boolean
  padding: boolean
  allow: string[]
}

export interface InfoOutcome {
  /** What `--json` prints. */
  result: TorrentReport | JsonValue
  /** Set when the torrent is invalid: the run still printed everything, then fails with this. */
  failure?: {exitCode: number; message: string}
}

/**
 * `mktorrent info` without oclif: reads, validates and prints (unless `--json`, whose object the
 * caller prints). Shared by the Info command and its start-up path (src/cli/fast/fast-info.ts).
 */
export async function showInfo(request: InfoRequest, out: Output): Promise<InfoOutcome> {
  const {bytes, label} = await readTorrentArgument(request.torrent)
  if (request.raw) {
    const raw = bencodeToJson(named(label, () => decodeTorrentBytes(bytes)).value)
    if (!request.json) out.stdout(`${JSON.stringify(raw, null, 2)}\n`)
    return {result: raw}
  }
  const {metainfo, report} = named(label, () => inspectTorrent(bytes, {strict: request.strict, allow: new Set(request.allow)}))
  if (!request.json) {
    const singleFile = metainfo.metaVersion === 'v2' ? metainfo.v2.singleFile : metainfo.v1.singleFile
    if (out.stdoutIsTTY) {
      // Loaded only for a terminal: cli-table3 costs start-up time that pipes never need.
      const {renderInfoTable} = await import('./render/info-table.js')
      out.stdout(renderInfoTable(report, {color: out.color, padding: request.padding, singleFile}))
    } else out.stdout(renderInfoLines(report, request.padding))
  }
  const errors = report.issues.filter((issue) => issue.severity === 'error')
  if (errors.length === 0) return {result: report}
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more errors, listed in the output)` : ''
  return {result: report, failure: {exitCode: ExitCode.invalidTorrent, message: `${label} is not a valid torrent: ${errors[0]!.message}${more}`}}
}

/** Runs `work`, naming the torrent in a refusal (namingTorrent), as `magnet`, `verify` and `edit` do. */
function named<T>(label: string, work: () => T): T {
  try {
    return work()
  } catch (error) {
    throw namingTorrent(error, label)
  }
}
