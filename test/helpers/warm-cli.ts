import {type ChildProcess, fork} from 'node:child_process'
import {randomBytes} from 'node:crypto'
import {fileURLToPath} from 'node:url'
import {type CliResult, REPO_ROOT, type RunCliOptions, childEnv, runCli} from './run-cli.js'

const BIN = fileURLToPath(new URL('../../bin/run.js', import.meta.url))
const SERVER = fileURLToPath(new URL('./warm-cli-server.mjs', import.meta.url))

/**
 * Variables read when a module is first loaded (colour support, Node's own options, the terminal),
 * which a warm process cannot change for one run: a run that sets one is spawned instead.
 */
const LOAD_TIME_VARIABLES = /^(NO_COLOR|FORCE_COLOR|TERM|COLUMNS|LINES|TZ|NODE_.*|OCLIF_.*)$/

/**
 * Why a run needs a process of its own (runCli), or undefined when the warm process can run it:
 * standard input (given, or `-` among the arguments), or a variable only a fresh process reads.
 */
export function needsOwnProcess(args: string[], options: RunCliOptions = {}): string | undefined {
  if (options.input !== undefined) return 'standard input'
  if (args.includes('-')) return '`-` (standard input or output)'
  const variable = Object.keys(options.env ?? {}).find((key) => LOAD_TIME_VARIABLES.test(key))
  if (variable !== undefined) return `${variable}, read at start-up`
  return undefined
}

interface Done {
  id: number
  exitCode: number
  /** Resources (timers, handles) the run left active: a process would not have exited. */
  lingering: string[]
  escaped?: string
}

interface Pending {
  id: number
  resolve: (result: CliResult) => void
  reject: (error: Error) => void
  started: number
  done?: Done
}

/** One warm process per test file (per module instance), started on first use, ended with the file. */
class WarmProcess {
  private readonly nonce = randomBytes(8).toString('hex')
  /** Ends a run's output on stdout and on stderr (with the run's id and a newline). */
  private readonly marker = `\u0000warm-cli-${this.nonce}-`
  private readonly child: ChildProcess
  private readonly ready: Promise<void>
  private stdout = Buffer.alloc(0)
  private stderr = Buffer.alloc(0)
  private pending: Pending | undefined
  /** The process has ended: the next run starts another. */
  exited = false

  constructor() {
    this.child = fork(SERVER, [BIN, this.nonce], {
      cwd: REPO_ROOT,
      env: childEnv({}),
      // stdin: a pipe closed at once, as runCli gives a run without input.
      stdio: ['pipe', 'pipe', 'pipe', 'ipc'],
      serialization: 'json',
    })
    this.child.stdin!.end()
    this.child.stdout!.on('data', (chunk: Buffer) => {
      this.stdout = Buffer.concat([this.stdout, chunk])
      this.settle()
    })
    this.child.stderr!.on('data', (chunk: Buffer) => {
      this.stderr = Buffer.concat([this.stderr, chunk])
      this.settle()
    })
    this.ready = new Promise((resolve, reject) => {
      this.child.once('message', () => resolve())
      this.child.once('error', reject)
      this.child.once('exit', (code, signal) => reject(new Error(`the warm CLI process ended while starting (${code ?? signal}): ${this.stderr}`)))
    })
    this.child.on('message', (message: Done | {ready: true}) => {
      if ('id' in message && this.pending?.id === message.id) {
        this.pending.done = message
        this.settle()
      }
    })
    // 'close', not 'exit': by then stdout and stderr have been read to their end.
    this.child.on('close', (code, signal) => {
      this.exited = true
      const pending = this.pending
      if (pending === undefined) return
      // The run ended the process (process.exit, or a crash): that is its exit, as in its own process.
      this.pending = undefined
      pending.resolve(this.result(pending, this.stdout, this.stderr, code, signal))
    })
    // A test file that ends with the process idle must not wait for it.
    this.child.unref()
    for (const stream of [this.child.stdout, this.child.stderr]) (stream as unknown as {unref?: () => void}).unref?.()
    ;(this.child.channel as unknown as {unref?: () => void} | undefined)?.unref?.()
  }

  async run(id: number, args: string[], options: RunCliOptions): Promise<CliResult> {
    await this.ready
    return new Promise((resolve, reject) => {
      this.pending = {id, resolve, reject, started: performance.now()}
      this.child.send({id, args, env: childEnv(options.env ?? {}), cwd: options.cwd ?? REPO_ROOT})
    })
  }

  kill(): void {
    this.child.kill('SIGKILL')
  }

  private result(pending: Pending, stdout: Buffer, stderr: Buffer, status: number | null, signal: NodeJS.Signals | null): CliResult {
    return {
      status,
      signal,
      stdout: stdout.toString('utf8'),
      stderr: stderr.toString('utf8'),
      stdoutBytes: stdout,
      durationMs: performance.now() - pending.started,
      timedOut: false,
    }
  }

  /** Hands the run its output once the result and both markers have arrived. */
  private settle(): void {
    const pending = this.pending
    if (pending?.done === undefined) return
    const mark = Buffer.from(`${this.marker}${pending.id}\n`)
    const outEnd = this.stdout.indexOf(mark)
    const errEnd = this.stderr.indexOf(mark)
    if (outEnd === -1 || errEnd === -1) return
    const stdout = this.stdout.subarray(0, outEnd)
    const stderr = this.stderr.subarray(0, errEnd)
    this.stdout = this.stdout.subarray(outEnd + mark.length)
    this.stderr = this.stderr.subarray(errEnd + mark.length)
    this.pending = undefined
    const {exitCode, lingering, escaped} = pending.done
    if (escaped !== undefined) return pending.reject(new Error(`an error escaped bin/run.js in the warm process: ${escaped}`))
    if (lingering.length > 0) {
      // A spawned run would not have exited (or not yet): that is a finding, not an output to compare.
      return pending.reject(new Error(`the run left ${lingering.join(', ')} active: its own process would not have exited`))
    }
    pending.resolve(this.result(pending, stdout, stderr, exitCode, null))
  }
}

let warm: WarmProcess | undefined
let nextId = 0
let queue: Promise<unknown> = Promise.resolve()

/**
 * Runs `mktorrent ...args` as runCli does, with the same result, in a warm process that runs
 * bin/run.js once per call (test/helpers/warm-cli-server.mjs): start-up is paid once per test file
 * instead of once per run. Exit code, stdout and stderr (separate pipes, not terminals), the working
 * folder and the environment are the run's own. What only a fresh process shows still needs runCli:
 * signals, terminals, stdin, variables read at start-up (those runs are spawned here automatically,
 * see needsOwnProcess), and whether the process really exits (checked here only as far as the run
 * leaving no active timer or handle behind). Calls run one at a time, in order.
 */
export function runWarmCli(args: string[], options: RunCliOptions = {}): Promise<CliResult> {
  if (needsOwnProcess(args, options) !== undefined) return runCli(args, options)
  const run = queue.then(async () => {
    if (warm === undefined || warm.exited) warm = new WarmProcess()
    const process = warm
    let timedOut = false
    const timer =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true
            process.kill()
          }, options.timeoutMs)
    try {
      return {...(await process.run(nextId++, args, options)), timedOut}
    } finally {
      clearTimeout(timer)
    }
  })
  queue = run.catch(() => {})
  return run
}
