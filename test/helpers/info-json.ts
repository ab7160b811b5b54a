// runCli here is runWarmCli: bin/run.js in a warm process, start-up paid once per file (test/helpers/warm-cli.ts).
import {runWarmCli as runCli} from './warm-cli.js'

/** The documented JSON contract of `mktorrent info --json`. */
export interface InfoFile {
  /** '/'-joined and relative to the torrent's top folder; a single-file torrent's one path is its name. */
  path: string
  length: number
  padding: boolean
}

export interface InfoIssue {
  severity: string
  code: string
  path: string
  message: string
}

export interface InfoJson {
  name: string
  metaVersion: 'v1' | 'v2' | 'hybrid'
  infoHash: string | null
  infoHashV2: string | null
  pieceLength: number
  pieceCount: number
  /** Payload bytes, padding excluded. */
  totalLength: number
  private: boolean
  announce: string[][]
  webSeeds: string[]
  files: InfoFile[]
  magnet: string
  issues: InfoIssue[]
}

/** Runs `mktorrent info --json <torrent>`, which must succeed, and parses its one JSON object. */
export async function runInfoJson(torrentPath: string): Promise<InfoJson> {
  const result = await runCli(['info', '--json', torrentPath], {timeoutMs: 30_000})
  if (result.status !== 0) {
    throw new Error(`mktorrent info exited ${result.status ?? result.signal}: ${result.stderr.trim()}`)
  }
  try {
    return JSON.parse(result.stdout) as InfoJson
  } catch {
    throw new Error(`mktorrent info --json printed no JSON object: ${result.stdout.slice(0, 500)}`)
  }
}

/** Files that hold data, in torrent order, as {path, length}: the part every tool must agree on. */
export function payloadFiles(files: ReadonlyArray<{path: string; length: number; padding?: boolean}>) {
  return files.filter((file) => file.padding !== true).map(({path, length}) => ({path, length}))
}
