import type {Hook} from '@oclif/core'
import {ExitCode} from '../../core/errors.js'

/** An unknown command gets the same one-line error and exit code 2 as any other usage error. */
const hook: Hook<'command_not_found'> = async function (options) {
  const known = options.config.commandIDs.join(', ')
  process.stderr.write(`mktorrent: error: unknown command "${options.id}" (commands: ${known}); see mktorrent --help\n`)
  process.exitCode = ExitCode.usage
}

export default hook
