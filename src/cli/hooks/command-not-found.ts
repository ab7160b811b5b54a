import {existsSync} from 'node:fs'
import type {Hook} from '@oclif/core'
import {ExitCode} from '../../core/errors.js'
import {parseClassicArgs} from '../classic/parse-classic-args.js'
import {splitCommandId, unknownCommandMessage} from '../closest-command.js'

/**
 * A first argument that is not a command: C mktorrent's command line (`mktorrent -a URL -l 20 dir`)
 * when it starts with an option or an existing path and parses as C mktorrent's options; otherwise
 * the one-line usage error (exit 2) every unknown command gets, naming the word as typed and the
 * command it most likely meant.
 */
const hook: Hook<'command_not_found'> = async function (options) {
  const [word, ...words] = splitCommandId(options.id, existsSync)
  const argv = [word!, ...words, ...(options.argv ?? [])]
  const looksClassic = word!.startsWith('-') || existsSync(word!)
  const parsed = looksClassic ? parseClassicArgs(argv) : undefined
  if (parsed?.ok) return options.config.runCommand('classic', argv)
  const why = parsed === undefined ? '' : ` and the arguments are not C mktorrent's options (${parsed.message})`
  process.stderr.write(`mktorrent: error: ${unknownCommandMessage(word!, options.config.commandIDs, why)}\n`)
  process.exitCode = ExitCode.usage
}

export default hook
