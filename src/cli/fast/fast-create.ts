import {createArgs, createFlags} from '../create/create-flags.js'
import {type CreateOneFlags, createOne} from '../create/create-one.js'
import {debugFlag, jsonFlag} from '../global-flags.js'
import {parseCommandLine} from './parse-command-line.js'
import {type StartupContext, jsonRequested, runFast} from './run-fast.js'

/**
 * `mktorrent create PATH [flags]` without loading oclif (bin/run.js; docs/performance.md). It
 * takes one path and the flags oclif would accept; the wizard, batches, `--debug`, help and any
 * command line it cannot parse exactly as oclif return false before anything has run, and oclif
 * then runs the command as if this did not exist.
 */
export async function run(argv: string[], context: StartupContext): Promise<boolean> {
  const line = await parseCommandLine(argv, {flags: {debug: debugFlag, json: jsonFlag, ...createFlags}, args: createArgs, strict: false})
  if (line === undefined || line.flags.debug || line.flags.interactive || line.flags.batch !== undefined || line.argv.length !== 1) return false
  const path = line.argv[0] as string
  return runFast('create', jsonRequested(line), (fast) => createOne(path, line.flags as CreateOneFlags, line.given, {...fast, version: context.version}))
}
