import {Interrupts} from '../interrupts.js'
import {type Output, guardStdout, runOutput} from '../output.js'
import {failRun, reportError} from '../report-error.js'
import type {CommandLine} from './parse-command-line.js'

/** What a command run on a start-up path gets: what BaseCommand gives an oclif command. */
export interface FastRun {
  out: Output
  interrupts: Interrupts
  json: boolean
  addSecrets: (values: readonly string[]) => void
  fail: (exitCode: number, message: string) => void
}

/** What bin/run.js passes a start-up bundle besides the command line. */
export interface StartupContext {
  /** package.json's version (oclif's config.version), for `created by`. */
  version: string
}

/**
 * `--json` as oclif's Command.jsonEnabled sees it: the flag (these paths leave `--` to oclif), or
 * MKTORRENT_CONTENT_TYPE=json.
 */
export function jsonRequested(line: CommandLine): boolean {
  return line.flags.json === true || process.env.MKTORRENT_CONTENT_TYPE?.toLowerCase() === 'json'
}

/**
 * Runs a command on a start-up path the way BaseCommand and oclif run it: stdout guarded, Ctrl-C
 * handled, secrets masked, the result printed as JSON with --json, and any error ended with one
 * line and its exit code (reportError). From here on the run is this path's: nothing goes back to oclif.
 */
export async function runFast(commandId: string, json: boolean, body: (run: FastRun) => Promise<unknown>): Promise<true> {
  const {out, addSecrets} = runOutput()
  guardStdout(out.stderr)
  const interrupts = new Interrupts(out.stderr)
  // BaseCommand.logJson.
  const logJson = (value: unknown): void => out.stdout(`${JSON.stringify(value, null, 2)}\n`)
  let result: unknown
  try {
    result = await body({
      out,
      interrupts,
      json,
      addSecrets,
      fail: (exitCode, message) => failRun(out, exitCode, message),
    })
  } catch (error) {
    reportError(error as Error, {commandId, out, logJson, json, debug: false})
  } finally {
    interrupts.dispose()
  }
  if (result && json) logJson(result)
  return true
}
