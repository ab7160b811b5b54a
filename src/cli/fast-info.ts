import {statSync} from 'node:fs'
import {parseArgs} from 'node:util'
import {LINT_CODES} from '../core/metainfo/lint-torrent.js'
import {Interrupts} from './interrupts.js'
import {guardStdout, processOutput} from './output.js'
import {showInfo} from './show-info.js'

const lintCodes: ReadonlySet<string> = new Set(LINT_CODES)

/**
 * `mktorrent info` on the start-up fast path: loading oclif costs about twice Node's own start-up,
 * more than reading and checking a torrent (docs/performance.md). bin/run.js calls this first; it
 * handles only plain, successful runs, and returns false for anything else (help, --debug, a flag
 * or value it does not know, a thrown error), which then runs through oclif as if this did not
 * exist, so usage and error output have one source. An invalid torrent is not a thrown error: its
 * report and its exit 3 come from the same showInfo the oclif command uses.
 */
export async function fastInfo(argv: string[]): Promise<boolean> {
  let parsed
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        json: {type: 'boolean'},
        raw: {type: 'boolean'},
        strict: {type: 'boolean'},
        padding: {type: 'boolean'},
        allow: {type: 'string', multiple: true},
      },
    })
  } catch {
    return false
  }
  const {values, positionals} = parsed
  const allow = values.allow ?? []
  const torrent = positionals[0]
  if (positionals.length !== 1 || torrent === undefined || torrent.startsWith('-') || allow.some((code) => !lintCodes.has(code))) return false
  // Stdin (`-`, refused above) and a FIFO can be read only once: were this path to fail after
  // reading, oclif's rerun would find them empty. They go through oclif from the start.
  if (!isRegularFile(torrent)) return false
  const out = processOutput()
  guardStdout(out.stderr)
  const json = values.json === true
  let outcome
  const interrupts = new Interrupts(out.stderr)
  try {
    outcome = await showInfo({torrent, json, raw: values.raw === true, strict: values.strict === true, padding: values.padding === true, allow}, out)
  } catch {
    return false
  } finally {
    interrupts.dispose()
  }
  if (json) out.stdout(`${JSON.stringify(outcome.result, null, 2)}\n`)
  if (outcome.failure !== undefined) {
    process.exitCode = outcome.failure.exitCode
    out.stderr(`mktorrent: error: ${outcome.failure.message}\n`)
  }
  return true
}

function isRegularFile(path: string): boolean {
  try {
    return statSync(path).isFile()
  } catch {
    return false
  }
}
