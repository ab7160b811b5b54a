import {spawn} from 'node:child_process'
import {cp, mkdtemp, rm} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {REPO_ROOT, runCli} from './run-cli.js'

const BIN = fileURLToPath(new URL('../../bin/run.js', import.meta.url))

/** The command lines under EXAMPLES in `mktorrent <command> --help`, without the `$ `. */
export async function helpExamples(command: string): Promise<string[]> {
  const help = await runCli([command, '--help'])
  const section = help.stdout.split('\nEXAMPLES\n')[1] ?? ''
  return section
    .split('\n')
    .filter((line) => line.startsWith('  $ '))
    .map((line) => line.slice(4))
}

export interface ShellResult {
  status: number | null
  stdout: string
  stderr: string
}

/**
 * Runs example command lines, in order, with `sh` in a fresh folder holding a copy of
 * fixtures/torrents, `mktorrent` being this checkout's bin/run.js.
 */
export async function runExamples(lines: string[]): Promise<ShellResult[]> {
  const dir = await mkdtemp(join(tmpdir(), 'mktorrent-examples-'))
  try {
    await cp(join(REPO_ROOT, 'fixtures', 'torrents'), join(dir, 'fixtures', 'torrents'), {recursive: true})
    const results: ShellResult[] = []
    for (const line of lines) results.push(await shell(`mktorrent() { "${process.execPath}" "${BIN}" "$@"; }\n${line}`, dir))
    return results
  } finally {
    await rm(dir, {recursive: true, force: true})
  }
}

function shell(script: string, cwd: string): Promise<ShellResult> {
  const child = spawn('sh', ['-c', script], {cwd, env: {...process.env, NO_COLOR: '1'}})
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
  return new Promise((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (status) => resolve({status, stdout, stderr}))
  })
}
