import {mkdir, truncate, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
// runCli here is runWarmCli: bin/run.js in a warm process, start-up paid once per file (test/helpers/warm-cli.ts).
import {runWarmCli as runCli} from '../helpers/warm-cli.js'
import {type TempTree, makeTempTree} from '../helpers/temp-tree.js'

let tree: TempTree
beforeAll(async () => {
  tree = await makeTempTree({'a.bin': 100_000, 'b.txt': 'hello\n'}, {rootName: 'album'})
})
afterAll(() => tree.cleanup())

const run = (args: string[]) => runCli(args, {cwd: tree.dir})
const PRIVATE_LINT = 'the torrent is private but lists no tracker: private torrents turn off DHT and peer exchange (BEP 27), so peers cannot find each other until a tracker is added (-a URL)'

describe('lints in create and info', () => {
  it('create --dry-run lists the lints after the plan', async () => {
    const result = await run(['create', '--dry-run', '-p', 'album'])
    expect(result.stdout.split('\n').slice(-3)).toEqual(['lints         1', `  warning: ${PRIVATE_LINT} [private-without-tracker]`, ''])
    expect(result.status).toBe(0)
  })

  it('create --dry-run --allow silences the lint it names', async () => {
    const result = await run(['create', '--dry-run', '-p', '--allow', 'private-without-tracker', 'album'])
    expect(result.stdout).toMatch(/\nlints {9}none\n$/)
  })

  it('create warns on stderr before hashing, and info reports the same lint in the torrent', async () => {
    const created = await run(['create', '-p', '-o', 'private.torrent', 'album'])
    expect(created.stderr.split('\n')[0]).toBe(`mktorrent: warning: ${PRIVATE_LINT} [private-without-tracker; --allow private-without-tracker silences it]`)
    expect(created.status).toBe(0)
    const info = await run(['info', 'private.torrent'])
    expect(info.stdout).toContain(`\nwarning\tprivate-without-tracker\tinfo.private\t${PRIVATE_LINT}\n`)
    expect(info.status).toBe(0)
  })

  it('info --strict fails on a lint (exit 3) unless --allow names it', async () => {
    await run(['create', '-p', '-o', 'strict.torrent', 'album'])
    expect((await run(['info', '--strict', 'strict.torrent'])).status).toBe(3)
    const allowed = await run(['info', '--strict', '--allow', 'private-without-tracker', 'strict.torrent'])
    expect(allowed.status).toBe(0)
    expect(allowed.stdout).not.toContain('private-without-tracker')
  })

  it('--allow with an unknown code is a usage error listing the lints', async () => {
    const result = await run(['info', '--allow', 'nope', 'strict.torrent'])
    expect(result.status).toBe(2)
    expect(result.stderr).toBe(
      'mktorrent: error: Expected --allow=nope to be one of: private-without-tracker, piece-length-too-small, piece-length-not-power-of-two, many-pieces, info-too-large, pad-overhead, one-file-folder; see mktorrent info --help\n',
    )
  })

  it('create --v2 of a folder holding one file warns before hashing that the folder is lost, and info says so of the torrent', async () => {
    await mkdir(join(tree.dir, 'solo'))
    await writeFile(join(tree.dir, 'solo', 'song.flac'), 'x'.repeat(40_000))
    const lint =
      'the v2 file tree holds one file, "song.flac", at its top, which BEP 52 reads as a single-file torrent: clients save it as song.flac, not in a folder "solo" (libtorrent 2.0.8 also names the torrent "song.flac"); make the torrent of the file itself, or put a second file in the folder'
    const created = await run(['create', '--v2', '-o', 'solo.torrent', 'solo'])
    expect(created.stderr.split('\n')[0]).toBe(`mktorrent: warning: ${lint} [one-file-folder; --allow one-file-folder silences it]`)
    expect(created.status).toBe(0)
    expect((await run(['info', 'solo.torrent'])).stdout).toContain(`\nwarning\tone-file-folder\tinfo["file tree"]\t${lint}\n`)
    const allowed = await run(['create', '--v2', '--allow', 'one-file-folder', '-o', 'solo-allowed.torrent', 'solo'])
    expect(allowed.stderr).not.toContain('warning')
    expect(allowed.status).toBe(0)
  })

  it('create --dry-run --json flags hybrid padding above 25%', async () => {
    const result = await run(['create', '--dry-run', '--json', '--hybrid', '-l', '1MiB', '-a', 'udp://t.example:1', 'album'])
    const plan = JSON.parse(result.stdout) as {issues: Array<{code: string; severity: string}>}
    expect(plan.issues.map((issue) => [issue.severity, issue.code])).toEqual([['warning', 'pad-overhead']])
  })

  it('create --dry-run flags more than 50,000 pieces and an info dict over 10 MB (sparse file, never read)', async () => {
    const big = join(tree.dir, 'big.img')
    await writeFile(big, '')
    await truncate(big, 9 * 1024 ** 3)
    const result = await run(['create', '--dry-run', '--json', '-l', '16KiB', '-a', 'udp://t.example:1', 'big.img'])
    const plan = JSON.parse(result.stdout) as {pieceCount: number; issues: Array<{code: string}>}
    expect(plan.pieceCount).toBe((9 * 1024 ** 3) / 16_384)
    expect(plan.issues.map((issue) => issue.code)).toEqual(['many-pieces', 'info-too-large'])
  })
})
