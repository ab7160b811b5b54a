import {cp, mkdtemp, readFile, readdir, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {type CliResult, REPO_ROOT, runCli} from './run-cli.js'
import {makeTempTree} from './temp-tree.js'
import {needsOwnProcess, runWarmCli} from './warm-cli.js'

// The warm process must give what a spawned bin/run.js gives: the same exit code, stdout and stderr
// byte for byte, and the same files written, for every kind of run the command tests make.
let base: string
beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'mktorrent-warm-'))
  const tree = await makeTempTree({'a.bin': 70_000, 'sub/b.bin': 20_000, 'c.txt': 'hello\n'})
  await cp(tree.dir, join(base, 'template'), {recursive: true})
  await tree.cleanup()
  const template = join(base, 'template')
  const made = await runCli(['create', '--no-date', '-l', '16KiB', '-o', 't.torrent', 'content'], {cwd: template})
  expect(made.status).toBe(0)
  await writeFile(join(template, 'bad.torrent'), 'd4:infod6:lengthi-1eee')
})
afterAll(() => rm(base, {recursive: true, force: true}))

/** Runs `args` both ways, each in its own copy of the template folder; returns both results and the files each left. */
async function both(args: string[], env?: Record<string, string | undefined>) {
  const results = []
  for (const run of [runCli, runWarmCli]) {
    const cwd = await mkdtemp(join(base, 'run-'))
    await cp(join(base, 'template'), cwd, {recursive: true})
    const result = await run(args.map((arg) => arg.replaceAll('{cwd}', cwd)), {cwd, env})
    const files = Object.fromEntries(await Promise.all((await readdir(cwd)).filter((name) => name.endsWith('.torrent')).map(async (name) => [name, (await readFile(join(cwd, name))).toString('base64')])))
    // Two runs may differ only in time: elapsed seconds, and how often a throttled progress line
    // was redrawn (C mktorrent mode's "\rHashed N of M pieces.", whose last state is kept).
    const normal = (text: string): string =>
      text
        .replaceAll(cwd, '{cwd}')
        .replace(/\b\d+\.\d+ s\b/g, '<seconds> s')
        .replace(/(\rHashed \d+ of \d+ pieces\.)+/g, (redraws) => redraws.slice(redraws.lastIndexOf('\r')))
    results.push({status: result.status, signal: result.signal, stdout: normal(result.stdout), stderr: normal(result.stderr), files})
  }
  return results
}

const CASES: string[][] = [
  ['--version'],
  ['--help'],
  ['info', 't.torrent'],
  ['info', '--json', 't.torrent'],
  ['info', '--debug', 't.torrent'],
  ['info', 'bad.torrent'],
  ['info', '--no-such-flag', 't.torrent'],
  ['magnet', 't.torrent'],
  ['create', '--no-date', '-o', 'new.torrent', 'content'],
  ['create', '--no-date', '--hybrid', '--json', '-o', 'h.torrent', 'content'],
  ['create', '--no-date', '-o', 't.torrent', 'content'],
  ['create', '-l', '3', 'content'],
  ['verify', 't.torrent'],
  ['verify', 't.torrent', '{cwd}/nowhere'],
  ['edit', '--comment', 'hi', '-o', 'edited.torrent', 't.torrent'],
  ['creat', 'content'],
  ['-d', '-l', '16', '-o', 'classic.torrent', 'content'],
  // oclif's own error handler ends the process with process.exit: the warm process ends with it.
  ['help', 'nosuch'],
]

describe('runWarmCli', () => {
  it.each(CASES.map((args) => [args.join(' ') || '(no arguments)', args]))('%s: the same as a spawned run', async (_title, args) => {
    const [spawned, warm] = await both(args as string[])
    expect(warm).toEqual(spawned)
  })

  it('the same with DEBUG set, stack trace included but for its file paths', async () => {
    const [spawned, warm] = await both(['info', 'bad.torrent'], {DEBUG: '1'})
    expect(warm!.status).toBe(spawned!.status)
    expect(warm!.stderr.split('\n')[0]).toBe(spawned!.stderr.split('\n')[0])
  })

  it('runs many in a row, each with its own exit code, also after a run that ended the process', async () => {
    const statuses = []
    for (const args of [['info', 'missing.torrent'], ['help', 'nosuch'], ['--version'], ['creat'], ['piece-length', '1GiB']]) {
      statuses.push((await runWarmCli(args, {cwd: join(base, 'template')})).status)
    }
    expect(statuses).toEqual([4, 2, 0, 2, 0])
  })

  it('runs calls made together one at a time, each with its own output', async () => {
    const argvs = [['piece-length', '1GiB'], ['piece-length', '2GiB'], ['info', join(REPO_ROOT, 'nowhere.torrent')], ['--version']]
    const together = await Promise.all(argvs.map((args) => runWarmCli(args)))
    const alone = []
    for (const args of argvs) alone.push(await runWarmCli(args))
    const outputs = (results: CliResult[]) => results.map(({status, stdout, stderr}) => ({status, stdout, stderr}))
    expect(outputs(together)).toEqual(outputs(alone))
    expect(new Set(together.map((result) => result.stdout)).size).toBe(argvs.length)
  })

  it('spawns what needs a process of its own', () => {
    expect(needsOwnProcess(['info', '-'])).toBe('`-` (standard input or output)')
    expect(needsOwnProcess(['info', 'x'], {input: 'd4:infodee'})).toBe('standard input')
    expect(needsOwnProcess(['info', 'x'], {env: {NO_COLOR: undefined}})).toBe('NO_COLOR, read at start-up')
    expect(needsOwnProcess(['info', 'x'], {env: {DEBUG: '1'}})).toBeUndefined()
  })
})
