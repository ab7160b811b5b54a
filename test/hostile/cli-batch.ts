// Runs many `mktorrent` command lines in one Node process, through oclif and the built commands
// exactly as bin/run.js does, minus the process start-up that dominates a spawn. Reads a JSON array
// of argv arrays on stdin; prints one JSON line per run.
// Started by test/hostile/corpus-cli.test.ts as `node --import tsx test/hostile/cli-batch.ts`.
import {readFileSync} from 'node:fs'

// The package's folder: from bin/ oclif would take bin/package.json (CommonJS marker) for the package's own.
const ROOT = new URL('../..', import.meta.url).pathname
// The oclif that bin/run.js runs: the one bundled with the commands (scripts/bundle-cli.js).
const BUNDLE = new URL('../../dist/cli/main.js', import.meta.url).href
const {Config, run} = (await import(BUNDLE)) as typeof import('@oclif/core')
const argvs = JSON.parse(readFileSync(0, 'utf8')) as string[][]
// Loaded once: oclif's Config.load returns a Config as it is, so each run skips reading the manifest.
const config = await Config.load(ROOT)
const realOut = process.stdout.write.bind(process.stdout)

type Write = typeof process.stdout.write

function capture(chunks: string[]): Write {
  return ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'))
    const callback = rest.find((arg) => typeof arg === 'function') as (() => void) | undefined
    callback?.()
    return true
  }) as Write
}

const stdoutWrite = process.stdout.write
const stderrWrite = process.stderr.write
for (const argv of argvs) {
  const stdout: string[] = []
  const stderr: string[] = []
  process.exitCode = undefined
  process.stdout.write = capture(stdout)
  process.stderr.write = capture(stderr)
  let escaped: string | undefined
  const started = performance.now()
  try {
    await run(argv, config)
  } catch (error) {
    escaped = error instanceof Error ? `${error.name}: ${error.message}` : String(error)
  } finally {
    process.stdout.write = stdoutWrite
    process.stderr.write = stderrWrite
  }
  const line = {argv, exitCode: process.exitCode ?? 0, stdout: stdout.join(''), stderr: stderr.join(''), escaped, ms: performance.now() - started}
  realOut(`${JSON.stringify(line)}\n`)
}
process.exitCode = 0
