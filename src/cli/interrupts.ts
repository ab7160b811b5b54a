import {ExitCode, type ExitCodeValue, MktorrentError} from '../core/errors.js'
import {removePendingTempFilesSync} from '../core/io/write-file-atomic.js'

/**
 * SIGINT and SIGTERM for a whole command run (BaseCommand installs one per run), ending it with exit
 * 130 or 143. During `abortable` work (hashing) a signal aborts it, so the pool stops its workers and
 * the command winds down normally, failing with `message`. At any other moment there is nothing to wait for: the temp file of an atomic write, if
 * one is being written, is removed and the process exits at once. A second signal always exits.
 */
export class Interrupts {
  private controller: AbortController | undefined
  private exitCode: ExitCodeValue | undefined

  constructor(private readonly stderr: (text: string) => void) {
    process.on('SIGINT', this.onSignal)
    process.on('SIGTERM', this.onSignal)
  }

  async abortable<R>(work: (signal: AbortSignal) => Promise<R>, message: string): Promise<R> {
    const controller = new AbortController()
    this.controller = controller
    try {
      return await work(controller.signal)
    } catch (error) {
      if (controller.signal.aborted) throw new MktorrentError('interrupted', message, this.exitCode ?? ExitCode.interrupted)
      throw error
    } finally {
      this.controller = undefined
    }
  }

  dispose(): void {
    process.off('SIGINT', this.onSignal)
    process.off('SIGTERM', this.onSignal)
  }

  private readonly onSignal = (signal: NodeJS.Signals): void => {
    const again = this.exitCode !== undefined
    this.exitCode = signal === 'SIGTERM' ? ExitCode.terminated : ExitCode.interrupted
    if (this.controller !== undefined && !again) {
      this.controller.abort()
      return
    }
    removePendingTempFilesSync()
    if (!again) this.stderr(`mktorrent: error: interrupted by ${signal}\n`)
    process.exit(this.exitCode)
  }
}
