import {ExitCode, type ExitCodeValue, MktorrentError} from '../core/errors.js'

/**
 * Runs work that Ctrl-C or SIGTERM abort through its signal; the abort becomes exit 130 or 143.
 * Callers write their output only after the work, so an interruption leaves nothing behind.
 */
export async function withInterrupts<R>(work: (signal: AbortSignal) => Promise<R>): Promise<R> {
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
    if (controller.signal.aborted) throw new MktorrentError('interrupted', 'interrupted; no torrent was written', exitCode)
    throw error
  } finally {
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
  }
}
