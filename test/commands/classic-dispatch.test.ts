import {existsSync} from 'node:fs'
import {mkdir, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
// runCli here is runWarmCli: bin/run.js in a warm process, start-up paid once per file (test/helpers/warm-cli.ts).
import {runWarmCli as runCli} from '../helpers/warm-cli.js'
import {type TempTree, makeTempTree} from '../helpers/temp-tree.js'

let tree: TempTree
beforeAll(async () => {
  tree = await makeTempTree({'a.bin': 40_000}, {rootName: 'album'})
})
afterAll(() => tree.cleanup())

const run = (args: string[]) => runCli(args, {cwd: tree.dir})
const BANNER = /^mktorrent \S+ \(in C mktorrent 1\.1 mode; "mktorrent --help" shows its commands\)\n\n/

describe('dispatch to the C mktorrent mode', () => {
  it('runs it when the first argument is an existing path', async () => {
    const result = await run(['album', '-d'])
    expect(result.status).toBe(0)
    expect(result.stdout).toMatch(BANNER)
    expect(existsSync(join(tree.dir, 'album.torrent'))).toBe(true)
  })

  it('prints C-style help for -h, exit 0', async () => {
    const result = await run(['-h'])
    expect(result.status).toBe(0)
    expect(result.stdout).toMatch(/\n\nUsage: mktorrent \[OPTIONS\] <target directory or filename>\n/)
  })

  it('keeps the unknown-command error (exit 2) when the arguments are not C mktorrent options', async () => {
    const result = await run(['-z', 'album'])
    expect(result.status).toBe(2)
    expect(result.stderr).toMatch(/^mktorrent: error: unknown command "-z" and the arguments are not C mktorrent's options \(invalid option -- 'z'\) \(commands: [a-z-]+(, [a-z-]+)*\); see mktorrent --help\n$/)
  })

  it('takes a path holding a colon as one word, though oclif glues the next word to it with a colon', async () => {
    await mkdir(join(tree.dir, 'al:bum'), {recursive: true})
    await writeFile(join(tree.dir, 'al:bum', 'f'), 'x')
    const result = await run(['al:bum', 'extra'])
    expect(result.status).toBe(1)
    expect(result.stderr).toBe('mktorrent: error: give one file or folder, not 2 (C mktorrent would silently use only the first)\n')
  })

  it('exits 1 before reading anything for a tracker that is not a URL, as create refuses it', async () => {
    const result = await run(['-a', 'not-a-url', '-o', 'bad.torrent', 'album'])
    expect(result.status).toBe(1)
    expect(result.stderr).toBe('mktorrent: error: --announce "not-a-url" is not a valid URL: it has no scheme, such as http://\n')
    expect(result.stdout).not.toMatch(/Hashed/)
    expect(existsSync(join(tree.dir, 'bad.torrent'))).toBe(false)
  })

  it('exits 1 with one line naming -f when the output exists', async () => {
    await writeFile(join(tree.dir, 'taken.torrent'), 'keep')
    const result = await run(['-o', 'taken.torrent', 'album'])
    expect(result.status).toBe(1)
    expect(result.stderr).toBe(`mktorrent: error: ${join(tree.dir, 'taken.torrent')} exists; -f replaces it\n`)
  })

  it('replaces an existing output with -f', async () => {
    await writeFile(join(tree.dir, 'forced.torrent'), 'old')
    const result = await run(['-f', '-o', 'forced.torrent', 'album'])
    expect(result.status).toBe(0)
    expect((await run(['info', '--json', 'forced.torrent'])).status).toBe(0)
  })
})

describe('an unknown command', () => {
  it.each<[string[], string]>([
    [['creat', 'data'], 'mktorrent: error: unknown command "creat"; did you mean "create"? See mktorrent --help\n'],
    [['verfy', 'x.torrent', 'data', '--json'], 'mktorrent: error: unknown command "verfy"; did you mean "verify"? See mktorrent --help\n'],
    [['creat', '--help'], 'mktorrent: error: unknown command "creat"; did you mean "create"? See mktorrent --help\n'],
    [['help', 'inof'], 'mktorrent: error: unknown command "inof"; did you mean "info"? See mktorrent --help\n'],
  ])('%j names the word typed, never the colon form, and suggests the closest command, exit 2', async (args, stderr) => {
    expect(await run(args)).toMatchObject({status: 2, stdout: '', stderr})
  })
})
