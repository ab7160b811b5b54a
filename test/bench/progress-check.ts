import {spawnSync} from 'node:child_process'
import {join} from 'node:path'

export interface ProgressCheck {
  /** Progress showed at least two different file counts or two different percentages. */
  moves: boolean
  scanningFrames: number
  lastFilesSeen: number
  hashingFrames: number
  percents: number[]
  summary: string
}

const quote = (text: string): string => `'${text.replaceAll("'", "'\\''")}'`

/**
 * Runs our create once on a pseudo-terminal (util-linux `script`), since progress is drawn only
 * when stderr is a TTY, and reads the frames it drew.
 */
export function checkProgress(repo: string, path: string, out: string): ProgressCheck {
  const argv = [process.execPath, join(repo, 'bin', 'run.js'), 'create', path, '-o', out, '-f', '-d', '--no-created-by', '-l', '1MiB']
  const result = spawnSync('script', ['-qec', argv.map(quote).join(' '), '/dev/null'], {encoding: 'utf8', maxBuffer: 64 * 1024 * 1024})
  if (result.error !== undefined || result.status !== 0) {
    const why = result.error?.message ?? `exit ${result.status}: ${result.stdout.trim().split('\n').at(-1)}`
    return {moves: false, scanningFrames: 0, lastFilesSeen: 0, hashingFrames: 0, percents: [], summary: `create under script failed (${why})`}
  }
  const frames = result.stdout.split(/[\r\n]/u).map((frame) => frame.replaceAll('\u001B[K', ''))
  const scanned = frames.flatMap((frame) => /^scanning ([\d,]+) files?/u.exec(frame)?.[1]?.replaceAll(',', '') ?? []).map(Number)
  const percents = frames.flatMap((frame) => /^hashing .*?(\d+)%/u.exec(frame)?.[1] ?? []).map(Number)
  const distinctPercents = [...new Set(percents)]
  const moves = new Set(scanned).size >= 2 || distinctPercents.length >= 2
  const lastFilesSeen = scanned.at(-1) ?? 0
  const summary = `${scanned.length} scanning frames (up to ${lastFilesSeen.toLocaleString('en-US')} files), ${percents.length} hashing frames (${distinctPercents.join(', ')}%)`
  return {moves, scanningFrames: scanned.length, lastFilesSeen, hashingFrames: percents.length, percents: distinctPercents, summary}
}
