import {ExitCode, type ExitCodeValue, MktorrentError} from '../core/errors.js'

/**
 * Runs `work` with an AbortSignal that Ctrl-C (SIGINT) or SIGTERM aborts; the run then fails with
 * exit 130 or 143 and `message` (docs/exit-codes.md).
 */
export async function withInterrupts<R>(work: (signal: AbortSignal) => Promise<R>, message: string): Promise<R> {
  const controller = new AbortController()
  let exitCode: ExitCodeValue = ExitCode.interrupted
  const onSignal = (signal: NodeJS.Signals) => {
    exitCode = signal === 'SIGTERM' ? ExitCode.terminated : ExitCode.interrupted
    controller.abort()
  }
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)
  try {
    return await work(controller.signal)
  } catch (error) {
    if (controller.signal.aborted) throw new MktorrentError('interrupted', message, exitCode)
    throw error
  } finally {
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
  }
}
