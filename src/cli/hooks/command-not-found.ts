import {existsSync} from 'node:fs'
import type {Hook} from '@oclif/core'
import {ExitCode} from '../../core/errors.js'
import {parseClassicArgs} from '../classic/parse-classic-args.js'

/**
 * A first argument that is not a command: C mktorrent's command line (`mktorrent -a URL -l 20 dir`)
 * when it starts with an option or an existing path and parses as C mktorrent's options; otherwise
 * the one-line usage error (exit 2) every unknown command gets.
 */
const hook: Hook<'command_not_found'> = async function (options) {
  const argv = [options.id, ...(options.argv ?? [])]
  const looksClassic = options.id.startsWith('-') || existsSync(options.id)
  const parsed = looksClassic ? parseClassicArgs(argv) : undefined
  if (parsed?.ok) return options.config.runCommand('classic', argv)
  const known = options.config.commandIDs.join(', ')
  const why = parsed === undefined ? '' : ` and the arguments are not C mktorrent's options (${parsed.message})`
  process.stderr.write(`mktorrent: error: unknown command "${options.id}"${why} (commands: ${known}); see mktorrent --help\n`)
  process.exitCode = ExitCode.usage
}

export default hook
