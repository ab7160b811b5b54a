import {Command, Errors} from '@oclif/core'
import {Interrupts} from './interrupts.js'
import {type Output, guardStdout, runOutput} from './output.js'
import {debugFlag} from './global-flags.js'
import {failRun, reportError} from './report-error.js'

/**
 * What every command shares: `--json` (the typed result of `run` is printed as JSON), `--debug`,
 * and one place that turns any error into one line on stderr and a documented exit code
 * (docs/exit-codes.md).
 */
export abstract class BaseCommand<T> extends Command {
  static override enableJsonFlag = true

  static override baseFlags = {debug: debugFlag}

  /** Output with expanded `${VAR}` values of a config masked in everything the run prints (docs/config.md). */
  private readonly output = runOutput()

  protected readonly out: Output = this.output.out

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
    reportError(error, {commandId: this.id ?? '', out: this.out, logJson: (json) => this.logJson(json), json: this.jsonEnabled(), debug: this.argv.includes('--debug')})
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
    this.output.addSecrets(values)
  }

  /** Reports a result that is not an error but still fails the run (an invalid torrent, bad data). */
  protected fail(exitCode: number, message: string): void {
    failRun(this.out, exitCode, message)
  }
}
