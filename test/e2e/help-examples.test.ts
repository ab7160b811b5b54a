import {spawnSync} from 'node:child_process'
import {chmod, cp, mkdtemp, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {REPO_ROOT, childEnv, runCli} from '../helpers/run-cli.js'
import {makeTempTree} from '../helpers/temp-tree.js'
import {type LoopbackProcess, startLoopbackProcess} from '../helpers/loopback-process.js'

/**
 * Every example in every command's --help runs as written, in order (a later example may use what an
 * earlier one wrote), in a fresh copy of this sandbox per command, with `mktorrent` on PATH and HOME
 * set to the copy. Examples may use these names:
 *   album/, release/, dataset/, dir/   content folders (a few files each)
 *   release.torrent                    a v1 torrent of release/
 *   ~/Downloads/release                the same data, where a client would have downloaded it
 *   hybrid.torrent                     a hybrid torrent without padding
 *   v2.torrent                         a v2 torrent of album/
 *   fixtures/torrents/                 the repository's golden torrents
 *   tracked.torrent                    a v1 torrent of release/ whose trackers, one HTTP and one UDP,
 *                                      are a real tracker on 127.0.0.1, in a child process (spawnSync
 *                                      blocks this one)
 *   mirrored.torrent                   a v1 torrent of release/ whose web seed (url-list) serves it
 *                                      on 127.0.0.1 with Range support, from the same child process
 *   .mktorrentrc.yaml                  a config with a preset "public" (and no default)
 * An example passes when it exits 0 and prints no error.
 */
const BIN = fileURLToPath(new URL('../../bin/run.js', import.meta.url))
const manifest = (await import('../../oclif.manifest.json', {with: {type: 'json'}})).default as unknown as {
  commands: Record<string, {hidden?: boolean}>
}

/** Holds the `mktorrent` shim, the sandbox template and one copy of it per example. */
let root: string
let sandbox: string
let loopback: LoopbackProcess | undefined
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'mktorrent-examples-'))
  const tree = await makeTempTree(
    {
      'album/01.flac': 300_000,
      'album/cover.jpg': 20_000,
      'release/data.bin': 200_000,
      'release/README.txt': 'read me\n',
      'release/trailer.mkv': 30_000,
      'dataset/part-1.csv': 50_000,
      'dataset/part-2.csv': 70_000,
      'dir/file.bin': 40_000,
      'even/a.bin': 65_536,
      'even/b.bin': 131_072,
      // A config without a default preset, so only the examples naming a preset use it.
      '.mktorrentrc.yaml': 'presets:\n  public:\n    announce: [udp://tracker.example:6969/announce]\n    comment: a preset\n',
    },
    {rootName: 'sandbox'},
  )
  sandbox = tree.root
  const make = async (args: string[]) => expect((await runCli(args, {cwd: sandbox})).status).toBe(0)
  await make(['create', '--no-date', '-a', 'udp://tracker.example:6969/announce', '-o', 'release.torrent', 'release'])
  await make(['create', '--no-date', '--hybrid', '-l', '64KiB', '-n', 'hybrid', '-o', 'hybrid.torrent', 'even'])
  await make(['create', '--no-date', '--v2', '-o', 'v2.torrent', 'album'])
  loopback = await startLoopbackProcess(sandbox)
  await make(['create', '--no-date', '-a', loopback.httpAnnounce, '-a', loopback.udpAnnounce, '-o', 'tracked.torrent', 'release'])
  await make(['create', '--no-date', '-w', loopback.webSeed, '-o', 'mirrored.torrent', 'release'])
  await rm(join(sandbox, 'even'), {recursive: true})
  await cp(join(sandbox, 'release'), join(sandbox, 'Downloads', 'release'), {recursive: true})
  await cp(join(REPO_ROOT, 'fixtures', 'torrents'), join(sandbox, 'fixtures', 'torrents'), {recursive: true})
  await cp(tree.dir, join(root, 'template'), {recursive: true})
  await tree.cleanup()
  sandbox = join(root, 'template', 'sandbox')
  await writeFile(join(root, 'mktorrent'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`)
  await chmod(join(root, 'mktorrent'), 0o755)
})
afterAll(async () => {
  await loopback?.stop()
  await rm(root, {recursive: true, force: true})
})

const examples = new Map<string, string[]>()

/** The lines after EXAMPLES in `mktorrent <id> --help`, without the "$ " (one spawn per command). */
function helpExamples(id: string): string[] {
  let found = examples.get(id)
  if (found === undefined) {
    const help = spawnSync(process.execPath, [BIN, id, '--help'], {encoding: 'utf8', env: childEnv({})}).stdout
    const section = help.slice(help.indexOf('\nEXAMPLES\n'))
    found = [...section.matchAll(/^ {2}\$ (.+)$/gm)].map((match) => match[1]!)
    examples.set(id, found)
  }
  return found
}

const visible = Object.keys(manifest.commands).filter((id) => !manifest.commands[id]!.hidden).sort()

describe('the examples of every --help', () => {
  it('every visible command has at least one example', () => {
    expect(visible.filter((id) => helpExamples(id).length === 0)).toEqual([])
  })

  it.each(visible.filter((id) => helpExamples(id).length > 0))('%s: every example, in order', async (id) => {
    const dir = await mkdtemp(join(root, 'run-'))
    await cp(sandbox, dir, {recursive: true})
    const outcomes = helpExamples(id).map((example) => {
      const result = spawnSync('bash', ['-o', 'pipefail', '-c', example], {
        cwd: dir,
        encoding: 'utf8',
        // As users run it: without vitest's NODE_ENV=test (test/helpers/run-cli.ts).
        env: childEnv({HOME: dir, PATH: `${root}:${process.env.PATH}`}),
        timeout: 60_000,
      })
      return {example, status: result.status, errors: result.stderr.split('\n').filter((line) => line.includes('error'))}
    })
    expect(outcomes.filter((outcome) => outcome.status !== 0 || outcome.errors.length > 0)).toEqual([])
  })
})
