import {execFileSync} from 'node:child_process'
import {readFileSync} from 'node:fs'
import {availableParallelism, release, totalmem} from 'node:os'

export interface Machine {
  cpu: string
  cpus: number
  /** SHA-NI makes SHA-256 nearly as fast as SHA-1, which decides how v2 and hybrid compare. */
  shaNi: boolean
  memoryGiB: number
  kernel: string
  node: string
  nodeOpenssl: string
  systemOpenssl: string
}

function tryRun(command: string, args: string[]): string {
  try {
    return execFileSync(command, args, {encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore']}).trim()
  } catch {
    return 'unknown'
  }
}

export function describeMachine(): Machine {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8')
  return {
    cpu: /^model name\s*:\s*(.+)$/mu.exec(cpuinfo)?.[1] ?? 'unknown',
    cpus: availableParallelism(),
    shaNi: /\bsha_ni\b/u.test(cpuinfo),
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    kernel: release(),
    node: process.version,
    nodeOpenssl: process.versions.openssl ?? 'unknown',
    systemOpenssl: tryRun('openssl', ['version']),
  }
}

/** The 1, 5 and 15 minute load averages: other processes on the 2 cores skew every timing. */
export function loadAverage(): string {
  return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')
}
