import {spawnSync} from 'node:child_process'
import {closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

export const GNU_TIME = '/usr/bin/time'

export interface TimedRun {
  seconds: number
  /** Peak resident set size of the process in bytes (GNU time's %M), when GNU time is installed. */
  peakRss: number | undefined
  /** User + system CPU seconds (GNU time's %U + %S): less skewed than wall time by other processes. */
  cpuSeconds: number | undefined
}

const scratch = mkdtempSync(join(tmpdir(), 'mktorrent-bench-time-'))
const rssFile = join(scratch, 'rss')
const hasGnuTime = existsSync(GNU_TIME)

export function gnuTimeAvailable(): boolean {
  return hasGnuTime
}

/**
 * Runs a command to completion and returns its wall time (measured here, around the spawn) and
 * peak RSS. stdout goes to /dev/null, as a pipe's reader would discard it; a failure throws with
 * what the command printed on stderr.
 */
export function runTimed(argv: string[], options: {cwd?: string} = {}): TimedRun {
  const [command, ...args] = hasGnuTime ? [GNU_TIME, '-f', '%M %U %S', '-o', rssFile, ...argv] : argv
  const devNull = openSync('/dev/null', 'w')
  try {
    const started = process.hrtime.bigint()
    const result = spawnSync(command!, args, {cwd: options.cwd, stdio: ['ignore', devNull, 'pipe'], maxBuffer: 64 * 1024 * 1024})
    const seconds = Number(process.hrtime.bigint() - started) / 1e9
    if (result.error !== undefined) throw result.error
    if (result.status !== 0) {
      const stderr = result.stderr.toString('utf8').trim().split('\n').slice(-5).join('\n')
      throw new Error(`${argv.join(' ')} exited ${result.status ?? result.signal}: ${stderr}`)
    }
    if (!hasGnuTime) return {seconds, peakRss: undefined, cpuSeconds: undefined}
    const [kib, user, system] = readFileSync(rssFile, 'utf8').trim().split('\n').at(-1)!.split(' ').map(Number)
    return {seconds, peakRss: kib! * 1024, cpuSeconds: user! + system!}
  } finally {
    closeSync(devNull)
  }
}

/** Runs a command and returns its stdout, throwing unless it exits 0 (for set-up steps). */
export function runQuiet(argv: string[]): string {
  const result = spawnSync(argv[0]!, argv.slice(1), {encoding: 'utf8', maxBuffer: 256 * 1024 * 1024})
  if (result.error !== undefined) throw result.error
  if (result.status !== 0) throw new Error(`${argv.join(' ')} exited ${result.status ?? result.signal}: ${result.stderr.trim()}`)
  return result.stdout
}

/** Whether a probe command runs and exits 0 (how a contender that is not installed is detected). */
export function succeeds(argv: string[]): boolean {
  const result = spawnSync(argv[0]!, argv.slice(1), {stdio: 'ignore', timeout: 20_000})
  return result.error === undefined && result.status === 0
}

export function removeScratch(): void {
  rmSync(scratch, {recursive: true, force: true})
}
