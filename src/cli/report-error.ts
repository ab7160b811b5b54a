import {ExitCode, MktorrentError} from '../core/errors.js'
import type {Output} from './output.js'

export interface ErrorSummary {
  code: string
  message: string
  exitCode: number
}

/** Exit code for a bug: a failure we did not anticipate (sysexits' EX_SOFTWARE). */
const INTERNAL_ERROR = 70

/**
 * The one way a failed run ends (BaseCommand.catch, and the start-up paths of src/cli/fast):
 * its exit code, `{"error": ...}` on stdout with --json, one line on stderr, and the stack with
 * --debug or DEBUG.
 */
export function reportError(error: Error, run: {commandId: string; out: Output; logJson: (json: unknown) => void; json: boolean; debug: boolean}): void {
  const summary = summarise(error, run.commandId)
  process.exitCode = summary.exitCode
  if (run.json) run.logJson({error: summary})
  run.out.stderr(`mktorrent: error: ${summary.message}\n`)
  if (run.debug || process.env.DEBUG) run.out.stderr(`${error.stack ?? error}\n`)
}

/** Fails a run with a result that is not an error (an invalid torrent, bad data): its exit code and one line. */
export function failRun(out: Output, exitCode: number, message: string): void {
  process.exitCode = exitCode
  out.stderr(`mktorrent: error: ${message}\n`)
}

export function summarise(error: Error, commandId: string): ErrorSummary {
  if (error instanceof MktorrentError) return {code: error.code, message: withoutOclifFrame(error.message), exitCode: error.exitCode}
  if (isOclifError(error)) {
    return {code: 'usage', message: `${withoutOclifFrame(error.message)}; see mktorrent ${commandId} --help`, exitCode: ExitCode.usage}
  }
  return {
    code: 'internal',
    message: `internal error: ${withoutOclifFrame(error.message)} (please report it; --debug shows the stack)`,
    exitCode: INTERNAL_ERROR,
  }
}

/**
 * oclif's usage errors (its CLIError and subclasses: a bad flag, a missing argument) carry an
 * `oclif` object; checked by shape, so that this module does not load oclif for the start-up paths.
 */
function isOclifError(error: Error): boolean {
  const {oclif} = error as {oclif?: unknown}
  return typeof oclif === 'object' && oclif !== null
}
/** oclif's help pointer, and its note about greedy multiple-value flags, wrong for ours (one value each). */
const oclifNotes = /^(See more help|Note: .* allows? multiple values|Alternatively, you can use "--")/u

/**
 * One line, without the frame oclif puts around an error thrown while parsing a flag
 * (`Parsing --flag \n\t<message>\nSee more help with --help`, or `The following errors occurred:`
 * before a list): `--flag: <message>`.
 */
function withoutOclifFrame(text: string): string {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !oclifNotes.test(line))
    .join(' ')
    .replace(/^Parsing (--[\w-]+) /u, '$1: ')
    .replace(/^The following errors? occurred: /u, '')
}
