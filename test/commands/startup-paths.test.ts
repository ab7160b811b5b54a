import {spawnSync} from 'node:child_process'
import {createHash} from 'node:crypto'
import {cp, mkdtemp, readFile, rm, symlink, truncate, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {REPO_ROOT, childEnv} from '../helpers/run-cli.js'
import {type TempTree, makeTempTree} from '../helpers/temp-tree.js'
// runCli here is runWarmCli: bin/run.js in a warm process, start-up paid once per file (test/helpers/warm-cli.ts).
import {runWarmCli as runCli} from '../helpers/warm-cli.js'

/**
 * bin/run.js answers plain `create`, `verify` and `info` runs without loading oclif (src/cli/fast)
 * and hands everything else to oclif. `--debug` is one of the things they hand over, and changes
 * nothing in a run without an error, so the same command with and without it compares the two paths.
 */
const cases: string[][] = [
  ['fixtures/torrents/lt-hybrid-tree.torrent'],
  ['--padding', 'fixtures/torrents/lt-hybrid-tree.torrent'],
  ['--json', 'fixtures/torrents/lt-v2-tree.torrent'],
  ['fixtures/torrents/mktorrent-single.torrent', '--strict'],
  ['--raw', 'fixtures/torrents/transmission-tree.torrent'],
  ['--raw', '--json', 'fixtures/torrents/lt-v1-tree.torrent'],
  ['--allow', 'pad-overhead', '--json', 'fixtures/torrents/lt-hybrid-tree.torrent'],
  ['--allow=pad-overhead', 'fixtures/torrents/lt-hybrid-tree.torrent'],
  ['fixtures/torrents/unsorted-keys-v1.torrent', '--strict', '--json'],
  ['fixtures/hostile/path-dotdot-v1.torrent'],
  ['--json', 'fixtures/hostile/path-dotdot-v1.torrent'],
]

describe('info, with and without oclif', () => {
  it.each(cases)('prints the same and exits the same: info %s', async (...args) => {
    const [fast, full] = await Promise.all([runCli(['info', ...args]), runCli(['info', '--debug', ...args])])
    expect({status: fast.status, stdout: fast.stdout, stderr: fast.stderr}).toEqual({status: full.status, stdout: full.stdout, stderr: full.stderr})
  })

  it.each([
    [['/nonexistent.torrent'], 4],
    [['fixtures/hostile/dict-key-negative-length.torrent'], 3],
    [['--allow', 'no-such-lint', 'fixtures/torrents/lt-v1-tree.torrent'], 2],
    [['--bogus', 'fixtures/torrents/lt-v1-tree.torrent'], 2],
    [['a.torrent', 'b.torrent'], 2],
  ] as const)('leaves errors to oclif: info %j exits %i with one line', async (args, status) => {
    const result = await runCli(['info', ...args])
    expect(result.status).toBe(status)
    expect(result.stderr.split('\n').filter((line) => line !== '')).toHaveLength(1)
    expect(result.stderr).toMatch(/^mktorrent: error: /)
  })
})

/**
 * create and verify: the same command with and without `--debug` (which sends it through oclif),
 * each in a folder of its own. A run that fails prints a stack with --debug: only the first line
 * of stderr is compared there.
 */
describe('create and verify, with and without oclif', () => {
  let tree: TempTree
  beforeAll(async () => {
    tree = await makeTempTree({'a.bin': 70_000, 'sub/b.bin': 5_000, 'sub/c.txt': 'hello'}, {rootName: 'album', seed: 12})
    await writeFile(join(tree.dir, 'taken.torrent'), 'already here')
  })
  afterAll(() => tree.cleanup())

  const run = async (args: string[], debug: boolean): Promise<{status: number | null; stdout: string; stderr: string; torrent?: string}> => {
    const out = join(tree.dir, `${debug ? 'full' : 'fast'}-${createHash('sha1').update(args.join('\0')).digest('hex').slice(0, 8)}.torrent`)
    const words = args.map((word) => word.replace('{root}', tree.root).replace('{dir}', tree.dir).replace('{out}', out))
    const result = await runCli(debug ? [...words, '--debug'] : words)
    const firstLine = result.stderr.split('\n')[0]!
    const torrent = await readFile(out).then((bytes) => bytes.toString('hex'), () => undefined)
    return {status: result.status, stdout: result.stdout.replaceAll(out, '{out}'), stderr: result.status === 0 ? result.stderr.replaceAll(out, '{out}') : firstLine, torrent}
  }

  it.each([
    [['create', '{root}', '-o', '{out}', '-q', '-d', '--no-created-by', '-l', '16KiB']],
    [['create', '{root}', '-o', '{out}', '-d', '--no-created-by', '--hybrid', '--json', '-a', 'udp://t.example:6969/announce', '-w', 'https://w.example/']],
    [['create', '{root}', '-o', '{out}', '-d', '--no-created-by', '--v2', '-p', '-s', 'SRC', '-c', 'note', '--json']],
    [['create', '{root}', '--dry-run', '-o', '{out}']],
    [['create', '{root}', '--dry-run', '--json', '--exclude', '*.txt']],
    [['create', '{root}', '-o', '{dir}/taken.torrent']],
    [['create', '{root}', '-o', '{dir}/taken.torrent', '--json']],
    [['create', '{dir}/nonexistent', '-o', '{out}']],
    [['create', '{root}', '-o', '{out}', '-a', 'not a url']],
    [['create', '{root}', '-o', '{out}', '--preset', 'nosuch']],
  ])('prints the same, writes the same and exits the same: %j', async (args) => {
    const [fast, full] = await Promise.all([run(args, false), run(args, true)])
    expect(fast).toEqual(full)
  })

  it('verify: the same report, exit code and first error line, intact and damaged', async () => {
    const torrent = join(tree.dir, 'v.torrent')
    expect((await runCli(['create', tree.root, '-o', torrent, '-q', '-l', '16KiB'])).status).toBe(0)
    const cases = [[torrent], [torrent, tree.root], ['--json', torrent], ['-v', torrent], ['--fast', torrent], [torrent, '--save-path', tree.dir], ['--file', '*.txt', torrent]]
    const compare = async () => {
      for (const args of cases) {
        const [fast, full] = await Promise.all([run(['verify', ...args], false), run(['verify', ...args], true)])
        expect(fast, args.join(' ')).toEqual(full)
      }
    }
    await compare()
    await writeFile(join(tree.root, 'sub/c.txt'), 'HELLO')
    await truncate(join(tree.root, 'a.bin'), 40_000)
    await compare()
    expect((await run(['verify', torrent], false)).status).toBe(1)
  })
})

/**
 * That the plain runs above really skip oclif: a copy of the built package without the oclif
 * bundle (dist/cli/main.js) still creates, verifies and shows a torrent, and only fails where
 * oclif is needed (help).
 */
describe('the start-up paths load no oclif', () => {
  let copy: string
  beforeAll(async () => {
    copy = await mkdtemp(join(tmpdir(), 'mktorrent-no-oclif-'))
    for (const part of ['bin', 'dist', 'package.json']) await cp(join(REPO_ROOT, part), join(copy, part), {recursive: true})
    await symlink(join(REPO_ROOT, 'node_modules'), join(copy, 'node_modules'))
    await rm(join(copy, 'dist/cli/main.js'))
  })
  afterAll(() => rm(copy, {recursive: true, force: true}))
  const mktorrent = (...args: string[]) => spawnSync(process.execPath, [join(copy, 'bin/run.js'), ...args], {encoding: 'utf8', env: childEnv({}), timeout: 60_000})

  it('creates, verifies and shows a torrent; help needs oclif', () => {
    const torrent = join(copy, 'readme.torrent')
    const created = mktorrent('create', join(copy, 'package.json'), '-o', torrent, '-q', '--json')
    expect(created.stderr).toBe('')
    expect(created.status).toBe(0)
    expect(JSON.parse(created.stdout).output).toBe(torrent)
    expect(mktorrent('verify', torrent).status).toBe(0)
    expect(mktorrent('info', torrent, '--json').status).toBe(0)
    const help = mktorrent('create', '--help')
    expect(help.status).not.toBe(0)
    expect(help.stderr).toContain('dist/cli/main.js')
  })
})
