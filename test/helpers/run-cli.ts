import {spawn} from 'node:child_process'
import {fileURLToPath} from 'node:url'

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url))
const BIN = fileURLToPath(new URL('../../bin/run.js', import.meta.url))

export interface RunCliOptions {
  /** Merged over process.env; `undefined` removes a variable (e.g. `{DEBUG: undefined}`). */
  env?: Record<string, string | undefined>
  /** Kills the process (SIGKILL) after this many milliseconds. */
  timeoutMs?: number
  cwd?: string
  input?: string | Buffer
}

export interface CliResult {
  /** null when the process died from a signal, including a timeout kill. */
  status: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
  /** Raw stdout, for commands that write torrent bytes to stdout. */
  stdoutBytes: Buffer
  durationMs: number
  timedOut: boolean
}

/** The environment of a run: the tests' own, without colour or vitest's NODE_ENV, with `overrides`. */
export function childEnv(overrides: Record<string, string | undefined>): NodeJS.ProcessEnv {
  // Colour codes would make whole-output comparisons depend on the terminal running the tests.
  const env: NodeJS.ProcessEnv = {...process.env, NO_COLOR: '1'}
  // vitest sets NODE_ENV=test, in which oclif tries to load tsx for the repository's sources before
  // falling back to dist: 0.25 s of CPU and 60 MB more per run than a user's mktorrent costs.
  delete env.NODE_ENV
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) delete env[key]
    else env[key] = value
  }
  return env
}

/** Runs the built CLI (`node bin/run.js ...args`) from the repository root. */
export function runCli(args: string[], options: RunCliOptions = {}): Promise<CliResult> {
  const started = performance.now()
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? REPO_ROOT,
    env: childEnv(options.env ?? {}),
    stdio: ['pipe', 'pipe', 'pipe'],
  })
  const stdout: Buffer[] = []
  const stderr: Buffer[] = []
  child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk))
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk))
  // A CLI that exits without reading stdin makes the write fail with EPIPE; that is not a test failure.
  child.stdin.on('error', () => {})
  child.stdin.end(options.input)

  let timedOut = false
  const timer =
    options.timeoutMs === undefined
      ? undefined
      : setTimeout(() => {
          timedOut = true
          child.kill('SIGKILL')
        }, options.timeoutMs)

  return new Promise((resolve, reject) => {
    child.on('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
    child.on('close', (status, signal) => {
      clearTimeout(timer)
      const stdoutBytes = Buffer.concat(stdout)
      resolve({
        status,
        signal,
        stdout: stdoutBytes.toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
        stdoutBytes,
        durationMs: performance.now() - started,
        timedOut,
      })
    })
  })
}
