import {statSync} from 'node:fs'
import {debugFlag, jsonFlag} from '../global-flags.js'
import {infoArgs, infoFlags} from '../info-flags.js'
import {Interrupts} from '../interrupts.js'
import {guardStdout, processOutput} from '../output.js'
import {failRun} from '../report-error.js'
import {showInfo} from '../show-info.js'
import {parseCommandLine} from './parse-command-line.js'
import {type StartupContext, jsonRequested} from './run-fast.js'

/**
 * `mktorrent info` without loading oclif (bin/run.js; docs/performance.md). Reading a torrent has
 * no side effects, so this path goes further than create's and verify's: it handles only plain,
 * successful runs, and returns false for anything else (help, --debug, a command line it cannot
 * parse exactly as oclif, a thrown error), which then runs through oclif as if this did not exist,
 * so usage and error output have one source. An invalid torrent is not a thrown error: its report
 * and its exit 3 come from the same showInfo the oclif command uses.
 */
export async function run(argv: string[], _context: StartupContext): Promise<boolean> {
  const line = await parseCommandLine(argv, {flags: {debug: debugFlag, json: jsonFlag, ...infoFlags}, args: infoArgs, strict: true})
  if (line === undefined || line.flags.debug) return false
  const torrent = line.args.torrent as string
  // Stdin (`-`) and a FIFO can be read only once: were this path to fail after reading, oclif's
  // rerun would find them empty. They go through oclif from the start.
  if (!isRegularFile(torrent)) return false
  const {flags} = line
  const out = processOutput()
  guardStdout(out.stderr)
  const json = jsonRequested(line)
  let outcome
  const interrupts = new Interrupts(out.stderr)
  try {
    const allow = (flags.allow as string[] | undefined) ?? []
    outcome = await showInfo({torrent, json, raw: flags.raw === true, strict: flags.strict === true, padding: flags.padding === true, allow}, out)
  } catch {
    return false
  } finally {
    interrupts.dispose()
  }
  if (json) out.stdout(`${JSON.stringify(outcome.result, null, 2)}\n`)
  if (outcome.failure !== undefined) failRun(out, outcome.failure.exitCode, outcome.failure.message)
  return true
}

function isRegularFile(path: string): boolean {
  try {
    return statSync(path).isFile()
  } catch {
    return false
  }
}
