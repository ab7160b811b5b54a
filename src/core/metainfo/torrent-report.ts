import {magnetUri} from './magnet-uri.js'
import {type Metainfo, type MetaVersion, joinPath, listedFiles, pieceCount, totalLength} from './metainfo.js'
import type {ValidationIssue} from './validation-issue.js'

/** One file as `info --json` shows it. */
export interface ReportedFile {
  /** Joined with `/`, relative to the torrent's top folder; a single-file torrent's path is its name. */
  path: string
  length: number
  padding: boolean
  /** BEP 47 flags, empty when none. */
  attr: string
}

/**
 * What `mktorrent info --json` prints. The field names are a contract: fields may be added, never
 * renamed (docs/info-output.md).
 */
export interface TorrentReport {
  name: string
  metaVersion: MetaVersion
  infoHash: string | null
  infoHashV2: string | null
  /** The v2 hash truncated to 20 bytes, as trackers, the DHT and the handshake use it (BEP 52). */
  infoHashV2Truncated: string | null
  pieceLength: number
  pieceCount: number
  totalLength: number
  private: boolean
  source: string | null
  comment: string | null
  createdBy: string | null
  creationDate: string | null
  announce: string[][]
  webSeeds: string[]
  httpSeeds: string[]
  files: ReportedFile[]
  magnet: string
  /** True when no issue has severity `error`. */
  valid: boolean
  issues: ValidationIssue[]
}

export function pathText(elements: Uint8Array[]): string {
  return joinPath(elements, 'utf8')
}

/**
 * What a report is made of: the fields of a parsed torrent (torrentReport), or what `create` knows of
 * the torrent it has just encoded (create/created-report.ts), so both print the same.
 */
export interface ReportParts {
  name: string
  metaVersion: MetaVersion
  infoHash: Uint8Array | undefined
  infoHashV2: Uint8Array | undefined
  pieceLength: number
  pieceCount: number
  totalLength: number
  private: boolean
  source: string | undefined
  comment: string | undefined
  createdBy: string | undefined
  creationDate: number | undefined
  announce: string[][]
  webSeeds: string[]
  httpSeeds: string[]
  files: ReportedFile[]
}

export function torrentReport(metainfo: Metainfo, issues: ValidationIssue[]): TorrentReport {
  return assembleReport(
    {
      name: Buffer.from(metainfo.name).toString('utf8'),
      metaVersion: metainfo.metaVersion,
      infoHash: metainfo.infoHash,
      infoHashV2: metainfo.infoHashV2,
      pieceLength: metainfo.pieceLength,
      pieceCount: pieceCount(metainfo),
      totalLength: totalLength(metainfo),
      private: metainfo.private,
      source: metainfo.source,
      comment: metainfo.comment,
      createdBy: metainfo.createdBy,
      creationDate: metainfo.creationDate,
      announce: metainfo.announce,
      webSeeds: metainfo.webSeeds,
      httpSeeds: metainfo.httpSeeds,
      files: listedFiles(metainfo).map((file) => ({path: pathText(file.path), length: file.length, padding: file.padding, attr: file.attr})),
    },
    issues,
  )
}

export function assembleReport(parts: ReportParts, issues: ValidationIssue[]): TorrentReport {
  const hex = (bytes: Uint8Array | undefined, length?: number): string | null =>
    bytes === undefined ? null : Buffer.from(bytes.buffer, bytes.byteOffset, length ?? bytes.length).toString('hex')
  return {
    name: parts.name,
    metaVersion: parts.metaVersion,
    infoHash: hex(parts.infoHash),
    infoHashV2: hex(parts.infoHashV2),
    infoHashV2Truncated: hex(parts.infoHashV2, 20),
    pieceLength: parts.pieceLength,
    pieceCount: parts.pieceCount,
    totalLength: parts.totalLength,
    private: parts.private,
    source: parts.source ?? null,
    comment: parts.comment ?? null,
    createdBy: parts.createdBy ?? null,
    creationDate: isoDate(parts.creationDate),
    announce: parts.announce,
    webSeeds: parts.webSeeds,
    httpSeeds: parts.httpSeeds,
    files: parts.files,
    magnet: magnetUri({
      infoHash: parts.infoHash,
      infoHashV2: parts.infoHashV2,
      name: parts.name,
      trackers: parts.announce.flat(),
      webSeeds: parts.webSeeds,
    }),
    valid: !issues.some((issue) => issue.severity === 'error'),
    issues,
  }
}

function isoDate(seconds: number | undefined): string | null {
  if (seconds === undefined) return null
  const date = new Date(seconds * 1000)
  return Number.isNaN(date.getTime()) ? null : date.toISOString()
}
