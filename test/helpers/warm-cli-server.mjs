// A warm mktorrent process for the tests (test/helpers/warm-cli.ts): it runs bin/run.js itself,
// once per request, in one long-lived Node process, so a run costs what the command costs and not
// Node's and oclif's start-up. Plain JavaScript run by plain Node, so nothing of vitest is loaded.
//
// A request comes over IPC: {id, args, env, cwd}. The run gets that environment, working folder and
// process.argv, then bin/run.js (CommonJS) is required afresh, out of require's cache, and the run it
// exports is awaited; the modules it loads stay cached. Its stdout and stderr are this process's own pipes, as in a
// spawned run; when it is done, a marker is written on each and {id, exitCode, lingering} is sent
// back. A run that calls process.exit ends this process: the parent reports that exit as the run's.
import {createRequire} from 'node:module'

const [bin, nonce] = process.argv.slice(2)
const marker = `\u0000warm-cli-${nonce}-`
const require = createRequire(import.meta.url)
const argv0 = process.argv.slice(0, 1)

/** What keeps a process alive: a run that leaves more of it than it found would not exit on its own. */
function resources() {
  const counts = new Map()
  for (const kind of process.getActiveResourcesInfo()) counts.set(kind, (counts.get(kind) ?? 0) + 1)
  return counts
}

function lingeringSince(before) {
  const after = resources()
  return [...after].flatMap(([kind, count]) => (count > (before.get(kind) ?? 0) ? [`${kind} x${count - (before.get(kind) ?? 0)}`] : []))
}

const tick = () => new Promise((resolve) => setImmediate(resolve))

/** The listeners on a stream, event by event. */
function listenersOf(stream) {
  return new Map(stream.eventNames().map((event) => [event, stream.rawListeners(event)]))
}

/**
 * Puts back the listeners a stream had before the run: each run adds its own (an 'error' guard,
 * oclif's flush leaves a 'drain' listener), and in a process of their own they would not pile up.
 */
function restoreListeners(stream, before) {
  for (const event of new Set([...stream.eventNames(), ...before.keys()])) {
    stream.removeAllListeners(event)
    for (const listener of before.get(event) ?? []) stream.on(event, listener)
  }
}

// Made now, so that the handles behind them count as this process's own and not as a run's.
void [process.stdin, process.stdout, process.stderr]

let queue = Promise.resolve()
process.on('message', (request) => {
  queue = queue.then(() => serve(request))
})
// The test file is done (or gone): so is this process.
process.on('disconnect', () => process.exit(0))

async function serve({id, args, env, cwd}) {
  for (const key of Object.keys(process.env)) if (!(key in env)) delete process.env[key]
  Object.assign(process.env, env)
  process.chdir(cwd)
  process.argv = [...argv0, bin, ...args]
  process.exitCode = undefined
  const before = resources()
  const streams = [process.stdout, process.stderr].map((stream) => [stream, listenersOf(stream)])
  let escaped
  try {
    delete require.cache[require.resolve(bin)]
    await require(bin)
  } catch (error) {
    // bin/run.js lets nothing escape: in a real process this would be an uncaught error, exit 1.
    escaped = error instanceof Error ? (error.stack ?? error.message) : String(error)
  }
  // What a run started and did not stop must end (timers, workers) before the process could exit.
  for (let turn = 0; turn < 50 && lingeringSince(before).length > 0; turn++) await new Promise((resolve) => setTimeout(resolve, 10))
  await tick()
  const lingering = lingeringSince(before)
  for (const [stream, listeners] of streams) restoreListeners(stream, listeners)
  const exitCode = process.exitCode ?? 0
  process.exitCode = undefined
  // Pipes are written synchronously on Linux, so each marker follows everything the run wrote.
  process.stdout.write(`${marker}${id}\n`)
  process.stderr.write(`${marker}${id}\n`)
  process.send({id, exitCode: Number(exitCode), lingering, escaped})
}

process.send({ready: true})
