import {debugFlag, jsonFlag} from '../global-flags.js'
import {verifyArgs, verifyFlags} from '../verify/verify-flags.js'
import {type VerifyLocalArgs, type VerifyLocalFlags, verifyLocal} from '../verify/verify-local.js'
import {parseCommandLine} from './parse-command-line.js'
import {type StartupContext, jsonRequested, runFast} from './run-fast.js'

/**
 * `mktorrent verify TORRENT [CONTENT] [flags]` on local data without loading oclif (bin/run.js;
 * docs/performance.md). Web seed checks (network-bound: start-up does not count there), `--debug`,
 * help and any command line it cannot parse exactly as oclif return false before anything has run,
 * and oclif then runs the command as if this did not exist.
 */
export async function run(argv: string[], _context: StartupContext): Promise<boolean> {
  const line = await parseCommandLine(argv, {flags: {debug: debugFlag, json: jsonFlag, ...verifyFlags}, args: verifyArgs, strict: true})
  if (line === undefined || line.flags.debug) return false
  const {flags} = line
  if (flags['web-seed'] !== undefined || flags['web-seeds'] !== undefined || flags.sample !== undefined) return false
  return runFast('verify', jsonRequested(line), (fast) => verifyLocal(line.args as unknown as VerifyLocalArgs, flags as VerifyLocalFlags, fast))
}
