import {maskSecrets} from '../core/config/mask-secrets.js'
import {ExitCode, IoError} from '../core/errors.js'
import {ProgressReporter, type ProgressReporterOptions} from './progress-reporter.js'

/** Where the CLI writes: stdout for data, stderr for people (ARCHITECTURE.md principle 9). */
export interface Output {
  /** Writes to stdout; a failure is reported by guardStdout. */
  stdout: (data: string | Uint8Array) => void
  /**
   * Writes data that must arrive whole (a torrent with `-o -`): resolves once the OS has it, and
   * rejects with an IoError on any failure, a closed pipe included.
   */
  stdoutData: (data: Uint8Array) => Promise<void>
  /** Writes to stderr, first clearing the progress line if one is drawn, so nothing is glued to it. */
  stderr: (text: string) => void
  /** The run's progress line on stderr (drawn on a terminal only), which `stderr` clears. */
  progress: (options: ProgressReporterOptions) => ProgressReporter
  stdoutIsTTY: boolean
  stderrIsTTY: boolean
  color: boolean
}

export function processOutput(): Output {
  let progress: ProgressReporter | undefined
  const noColor = process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== ''
  return {
    stdout: (data) => void process.stdout.write(data),
    stdoutData: (data) =>
      new Promise((resolve, reject) => {
        process.stdout.write(data, (error) => {
          if (!error) return resolve()
          // The caller reports this one; the 'error' event that follows is then not reported twice.
          stdoutFailure ??= stdoutError(error)
          reject(stdoutFailure)
        })
      }),
    stderr: (text) => {
      progress?.clear()
      process.stderr.write(text)
    },
    progress: (options) => {
      const sink = {
        write: (text: string) => void process.stderr.write(text),
        isTTY: process.stderr.isTTY === true,
        // A getter: the reporter reads it at every redraw, so it follows terminal resizes.
        get columns() {
          return process.stderr.columns
        },
      }
      progress = new ProgressReporter(sink, options)
      return progress
    },
    stdoutIsTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    color: !noColor && process.stdout.isTTY === true,
  }
}

/**
 * The same output with every secret in `secrets` (read at each write, so secrets found later
 * count) masked in text: expanded `${VAR}` values of a config (docs/config.md). Binary data (a
 * torrent on stdout) passes untouched.
 */
export function maskedOutput(output: Output, secrets: readonly string[]): Output {
  const mask = (text: string): string => (secrets.length === 0 ? text : maskSecrets(text, secrets))
  return {
    ...output,
    stdout: (data) => output.stdout(typeof data === 'string' ? mask(data) : data),
    stderr: (text) => output.stderr(mask(text)),
  }
}

/**
 * One command run's output with the config secrets found so far masked (maskedOutput), and how to
 * add them: what BaseCommand and the start-up paths (src/cli/fast) both start a run with.
 */
export function runOutput(): {out: Output; addSecrets: (values: readonly string[]) => void} {
  const secrets: string[] = []
  return {
    out: maskedOutput(processOutput(), secrets),
    addSecrets: (values) => {
      for (const value of values) if (!secrets.includes(value)) secrets.push(value)
    },
  }
}

let stdoutFailure: IoError | undefined

/**
 * Makes a failed stdout write (a full disk, /dev/full, a closed pipe) end the run with exit 4 and
 * one line on stderr. Even a file's synchronous write reports its error as an 'error' event, which
 * oclif's own listener rethrows as a crash with a stack trace, so that listener is replaced.
 */
export function guardStdout(stderr: (text: string) => void): void {
  process.stdout.removeAllListeners('error')
  process.stdout.on('error', (error) => {
    // One line per run: when the run already failed (and said why), losing its output adds nothing.
    if (stdoutFailure !== undefined || (process.exitCode !== undefined && process.exitCode !== 0)) return
    stdoutFailure = stdoutError(error)
    process.exitCode = ExitCode.io
    stderr(`mktorrent: error: ${stdoutFailure.message}\n`)
  })
}

/** A failed write to stdout, said the way a person can act on. */
export function stdoutError(error: unknown): IoError {
  const code = (error as NodeJS.ErrnoException).code
  const reasons: Record<string, string> = {
    EPIPE: 'the program reading it closed the pipe',
    ENOSPC: 'no space left on the device',
    EDQUOT: 'disk quota exceeded',
    EFBIG: 'the file would exceed the file size limit',
    EBADF: 'it is closed',
    EIO: 'an I/O error',
  }
  const reason = (code && reasons[code]) ?? code ?? (error as Error).message
  return new IoError('stdout-write-failed', `cannot write to stdout: ${reason}`, '-', {cause: error})
}

const codes = {red: 31, yellow: 33, green: 32, bold: 1, dim: 2} as const

export type Style = keyof typeof codes

export function paint(enabled: boolean, style: Style, text: string): string {
  return enabled ? `\u001B[${codes[style]}m${text}\u001B[0m` : text
}
