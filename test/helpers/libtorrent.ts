import {spawnSync} from 'node:child_process'
import {fileURLToPath} from 'node:url'
import {SYSTEM_PYTHON} from './external-tools.js'

const TOOL = fileURLToPath(new URL('../interop/libtorrent-tool.py', import.meta.url))

export type LtMode = 'v1' | 'v2' | 'hybrid'

export interface LtFile {
  /** '/'-joined, relative to the torrent's top folder; a single-file torrent's path is its name. */
  path: string
  length: number
  padding: boolean
}

export interface LtTorrent {
  ok: true
  infoHash: string | null
  /** Full 64-hex SHA-256, not the truncated form. */
  infoHashV2: string | null
  name: string
  numPieces: number
  pieceLength: number
  /** Includes padding files. */
  totalSize: number
  files: LtFile[]
  private: boolean
  /** Tier numbers from 0, tiers in file order; libtorrent shuffles the URLs within a tier on load. */
  trackers: Array<{url: string; tier: number}>
  /** BEP 19 web seeds as libtorrent keeps them (a trailing slash added for multi-file torrents). */
  webSeeds: string[]
}

export interface LtFailure {
  ok: false
  error: string
}

export type LtLoadResult = LtTorrent | LtFailure

export interface LtCreateOptions {
  mode: LtMode
  pieceLength: number
  trackers?: string[]
  webSeed?: string
  private?: boolean
  comment?: string
}

function runTool(args: string[]): unknown {
  const result = spawnSync(SYSTEM_PYTHON, [TOOL, ...args], {encoding: 'utf8', timeout: 120_000})
  if (result.error !== undefined) throw result.error
  const output = result.stdout.trim()
  if (output === '') {
    throw new Error(`libtorrent-tool ${args[0]} printed nothing (exit ${result.status ?? `by signal ${result.signal}`}): ${result.stderr.trim()}`)
  }
  return JSON.parse(output)
}

/** Creates a torrent with libtorrent, without creation date or creator; returns what `ltLoad` reports. */
export function ltCreate(contentPath: string, outPath: string, options: LtCreateOptions): LtTorrent {
  const args = ['create', contentPath, outPath, '--mode', options.mode, '--piece-length', String(options.pieceLength)]
  for (const tracker of options.trackers ?? []) args.push('--tracker', tracker)
  if (options.webSeed !== undefined) args.push('--web-seed', options.webSeed)
  if (options.private === true) args.push('--private')
  if (options.comment !== undefined) args.push('--comment', options.comment)
  const result = runTool(args) as LtLoadResult
  if (!result.ok) throw new Error(`libtorrent could not create ${outPath}: ${result.error}`)
  return result
}

export function ltLoad(torrentPath: string): LtLoadResult {
  return runTool(['load', torrentPath]) as LtLoadResult
}

/** Loads a torrent that libtorrent must accept, failing with libtorrent's message otherwise. */
export function ltLoadValid(torrentPath: string): LtTorrent {
  const result = ltLoad(torrentPath)
  if (!result.ok) throw new Error(`libtorrent rejects ${torrentPath}: ${result.error}`)
  return result
}

export function ltMagnet(torrentPath: string): string {
  const result = runTool(['magnet', torrentPath]) as {ok: true; magnet: string} | LtFailure
  if (!result.ok) throw new Error(`libtorrent rejects ${torrentPath}: ${result.error}`)
  return result.magnet
}

export interface LtRecheck {
  ok: true
  numPieces: number
  /** Pieces whose hashes libtorrent verified against the data; on a hybrid, SHA-1 and SHA-256 both. */
  havePieces: number
  missingPieces: number[]
  /** libtorrent's torrent state after the check: 'seeding' when complete, else 'downloading'. */
  state: string
  /** Torrent and file error alerts, e.g. "(217 v1 and v2 hashes do not describe the same data)". */
  errors: string[]
  seconds: number
}

/**
 * Lets libtorrent check the data in `savePath` (the folder holding the torrent's top file or folder)
 * against the torrent, in an offline session: no DHT, LSD, UPnP, NAT-PMP, trackers or web seeds.
 */
export function ltRecheck(torrentPath: string, savePath: string): LtRecheck {
  const result = runTool(['recheck', torrentPath, savePath]) as LtRecheck | LtFailure
  if (!result.ok) throw new Error(`libtorrent could not recheck ${torrentPath}: ${result.error}`)
  return result
}
