/**
 * A real tracker (startRealTracker) in a child process, for tests whose own event loop is blocked
 * while a command runs (spawnSync). Run as a script, it prints the announce URLs as one JSON line
 * and serves until its stdin closes.
 */
import {spawn} from 'node:child_process'
import {once} from 'node:events'
import {fileURLToPath} from 'node:url'
import {startRealTracker} from './tracker-servers.js'

export interface TrackerProcess {
  httpAnnounce: string
  udpAnnounce: string
  stop: () => Promise<void>
}

const SELF = fileURLToPath(import.meta.url)

export async function startTrackerProcess(): Promise<TrackerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', SELF], {stdio: ['pipe', 'pipe', 'inherit']})
  const exited = once(child, 'exit')
  let output = ''
  for await (const chunk of child.stdout) {
    output += String(chunk)
    if (output.includes('\n')) break
  }
  const urls = JSON.parse(output) as {httpAnnounce: string; udpAnnounce: string}
  return {
    ...urls,
    stop: async () => {
      child.stdin.end()
      // Closing stdin is the signal; SIGKILL only if it does not go (a hang guard, not the way out).
      const guard = setTimeout(() => child.kill('SIGKILL'), 10_000)
      await exited
      clearTimeout(guard)
    },
  }
}

if (process.argv[1] === SELF) {
  const tracker = await startRealTracker()
  process.stdout.write(`${JSON.stringify({httpAnnounce: tracker.httpAnnounce, udpAnnounce: tracker.udpAnnounce})}\n`)
  process.stdin.resume()
  process.stdin.on('end', () => void tracker.close())
}
