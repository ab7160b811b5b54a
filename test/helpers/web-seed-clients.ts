import {execFile} from 'node:child_process'
import {fileURLToPath} from 'node:url'
import {SYSTEM_PYTHON} from './external-tools.js'

const TOOL = fileURLToPath(new URL('../interop/libtorrent-web-seed.py', import.meta.url))

export interface LtWebSeedDownload {
  ok: true
  numPieces: number
  havePieces: number[]
  /** Pieces that failed libtorrent's hash check and were not downloaded since. */
  failedPieces: number[]
  finished: boolean
  errors: string[]
  seconds: number
}

/** Asynchronous on purpose: the web seed under test is served by this same process. */
function run(command: string, args: string[], timeoutMs: number): Promise<{code: number | null; stdout: string; stderr: string}> {
  return new Promise((resolve) => {
    execFile(command, args, {timeout: timeoutMs, killSignal: 'SIGKILL', encoding: 'utf8'}, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : null
      resolve({code, stdout, stderr})
    })
  })
}

/** Lets libtorrent download a torrent from its web seeds only (`webSeeds`, else its url-list; loopback session, no peers), bounded in time. */
export async function ltWebSeedDownload(torrentPath: string, savePath: string, options: {webSeeds?: string[]; timeoutSeconds?: number} = {}): Promise<LtWebSeedDownload> {
  const timeout = options.timeoutSeconds ?? 30
  const args = [TOOL, 'download', torrentPath, savePath, '--timeout', String(timeout)]
  for (const url of options.webSeeds ?? []) args.push('--web-seed', url)
  const result = await run(SYSTEM_PYTHON, args, (timeout + 30) * 1000)
  const output = result.stdout.trim()
  if (output === '') throw new Error(`libtorrent-web-seed.py printed nothing (exit ${result.code}): ${result.stderr.trim()}`)
  const parsed = JSON.parse(output) as LtWebSeedDownload | {ok: false; error: string}
  if (!parsed.ok) throw new Error(`libtorrent could not download ${torrentPath}: ${parsed.error}`)
  return parsed
}

/** aria2c downloading a torrent from its web seeds only: no DHT, peer exchange or local discovery, loopback only. */
export async function aria2WebSeedDownload(torrentPath: string, dir: string): Promise<number | null> {
  const args = [
    '-d', dir, '--enable-dht=false', '--enable-dht6=false', '--bt-enable-lpd=false', '--enable-peer-exchange=false',
    '--seed-time=0', '--interface=127.0.0.1', '--disable-ipv6=true', '--max-tries=1', '--timeout=5',
    '--console-log-level=warn', '--summary-interval=0', '--bt-stop-timeout=20', torrentPath,
  ]
  return (await run('aria2c', args, 60_000)).code
}
