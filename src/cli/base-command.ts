import {Command, Errors, Flags} from '@oclif/core'
import {ExitCode, MktorrentError} from '../core/errors.js'
import {Interrupts} from './interrupts.js'
import {type Output, guardStdout, maskedOutput, processOutput} from './output.js'

export interface ErrorSummary {
  code: string
  message: string
  exitCode: number
}

/** Exit code for a bug: a failure we did not anticipate (sysexits' EX_SOFTWARE). */
const INTERNAL_ERROR = 70

/**
 * What every command shares: `--json` (the typed result of `run` is printed as JSON), `--debug`,
 * and one place that turns any error into one line on stderr and a documented exit code
 * (docs/exit-codes.md).
 */
export abstract class BaseCommand<T> extends Command {
  static override enableJsonFlag = true

  static override baseFlags = {
    debug: Flags.boolean({
      description: 'Print the stack trace of an error (also set by the DEBUG environment variable).',
      helpGroup: 'GLOBAL',
    }),
  }

  /** Expanded `${VAR}` values of a config: masked in everything the run prints (docs/config.md). */
  private readonly secrets: string[] = []

  protected readonly out: Output = maskedOutput(processOutput(), this.secrets)

  /** Ctrl-C and SIGTERM for the whole run: exit 130/143, and work inside `abortable` stops cleanly. */
  protected readonly interrupts = new Interrupts(this.out.stderr)

  abstract override run(): Promise<T>

  override async finally(error: Error | undefined): Promise<unknown> {
    this.interrupts.dispose()
    return super.finally(error)
  }

  override async catch(error: Error): Promise<void> {
    if (error instanceof Errors.ExitError) {
      process.exitCode = error.oclif.exit
      return
    }
    // A failed parse is reported here; without this oclif also warns that the command never parsed.
    this.parsed = true
    const summary = summarise(error, this.id ?? '')
    process.exitCode = summary.exitCode
    if (this.jsonEnabled()) this.logJson({error: summary})
    this.out.stderr(`mktorrent: error: ${summary.message}\n`)
    if (this.argv.includes('--debug') || process.env.DEBUG) this.out.stderr(`${error.stack ?? error}\n`)
  }

  override async init(): Promise<void> {
    await super.init()
    guardStdout(this.out.stderr)
  }

  /** Plain JSON.stringify: oclif's version runs a colouring tokenizer that takes seconds on a report of 100,000 files. */
  override logJson(json: unknown): void {
    this.out.stdout(`${JSON.stringify(json, null, 2)}\n`)
  }

  protected addSecrets(values: readonly string[]): void {
    for (const value of values) if (!this.secrets.includes(value)) this.secrets.push(value)
  }

  /** Reports a result that is not an error but still fails the run (an invalid torrent, bad data). */
  protected fail(exitCode: number, message: string): void {
    process.exitCode = exitCode
    this.out.stderr(`mktorrent: error: ${message}\n`)
  }
}

export function summarise(error: Error, commandId: string): ErrorSummary {
  if (error instanceof MktorrentError) return {code: error.code, message: withoutOclifFrame(error.message), exitCode: error.exitCode}
  if (error instanceof Errors.CLIError) {
    return {code: 'usage', message: `${withoutOclifFrame(error.message)}; see mktorrent ${commandId} --help`, exitCode: ExitCode.usage}
  }
  return {
    code: 'internal',
    message: `internal error: ${withoutOclifFrame(error.message)} (please report it; --debug shows the stack)`,
    exitCode: INTERNAL_ERROR,
  }
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
