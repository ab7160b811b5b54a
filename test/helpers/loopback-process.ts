/**
 * A real tracker (startRealTracker) and a web seed with Range support (startWebSeedServer) in a
 * child process, for tests whose own event loop is blocked while a command runs (spawnSync). Run
 * as a script, it prints their URLs as one JSON line and serves until its stdin closes.
 */
import {spawn} from 'node:child_process'
import {once} from 'node:events'
import {readFile, readdir} from 'node:fs/promises'
import {join, relative, sep} from 'node:path'
import {fileURLToPath} from 'node:url'
import {startRealTracker} from './tracker-servers.js'
import {startWebSeedServer} from './web-seed-server.js'

export interface LoopbackProcess {
  httpAnnounce: string
  udpAnnounce: string
  /** A web seed URL (ending in `/`) serving the files of the folder given, as they were at the start. */
  webSeed: string
  stop: () => Promise<void>
}

const SELF = fileURLToPath(import.meta.url)

export async function startLoopbackProcess(webSeedFolder: string): Promise<LoopbackProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', SELF, webSeedFolder], {stdio: ['pipe', 'pipe', 'inherit']})
  const exited = once(child, 'exit')
  let output = ''
  for await (const chunk of child.stdout) {
    output += String(chunk)
    if (output.includes('\n')) break
  }
  const urls = JSON.parse(output) as Omit<LoopbackProcess, 'stop'>
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

/** Every regular file below `folder`, keyed by its URL path under /pub/. */
async function servedFiles(folder: string): Promise<Record<string, Buffer>> {
  const files: Record<string, Buffer> = {}
  for (const entry of await readdir(folder, {recursive: true, withFileTypes: true})) {
    if (!entry.isFile()) continue
    const path = join(entry.parentPath, entry.name)
    files[`/pub/${relative(folder, path).split(sep).join('/')}`] = await readFile(path)
  }
  return files
}

if (process.argv[1] === SELF) {
  const tracker = await startRealTracker()
  const seed = await startWebSeedServer({files: await servedFiles(process.argv[2]!)})
  process.stdout.write(`${JSON.stringify({httpAnnounce: tracker.httpAnnounce, udpAnnounce: tracker.udpAnnounce, webSeed: `${seed.origin}/pub/`})}\n`)
  process.stdin.resume()
  process.stdin.on('end', () => void Promise.all([tracker.close(), seed.close()]))
}
