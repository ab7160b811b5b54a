import {spawnSync} from 'node:child_process'
import {createHash} from 'node:crypto'
import {mkdir, symlink, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {afterAll, beforeAll, expect, it} from 'vitest'
import {readInfoDict} from '../helpers/c-tools.js'
import {C_MKTORRENT, describeWithTool} from '../helpers/external-tools.js'
// runCli here is runWarmCli: bin/run.js in a warm process, start-up paid once per file (test/helpers/warm-cli.ts).
import {runWarmCli as runCli} from '../helpers/warm-cli.js'
import {type TempTree, makeTempTree} from '../helpers/temp-tree.js'

// No name is a prefix of a sibling's name followed by a character below '/', so C mktorrent's
// strcmp order of whole paths equals the canonical per-element order (docs/compat-mktorrent.md).
let tree: TempTree
beforeAll(async () => {
  tree = await makeTempTree({'a.bin': 700_000, 'b/c.txt': 'hello\n', 'b/d/e.bin': 90_000, '.hidden': 'dot', 'empty': '', 'z.bin': 33_000}, {rootName: 'album'})
  await symlink('a.bin', join(tree.root, 'link.bin'))
  await mkdir(join(tree.dir, 'out'))
  await writeFile(join(tree.dir, 'single.bin'), Buffer.alloc(100_000, 7))
})
afterAll(() => tree.cleanup())

let counter = 0
function cMktorrent(args: string[]): {status: number | null; stdout: string; torrent: string} {
  const torrent = join('out', `c-${++counter}.torrent`)
  const result = spawnSync(C_MKTORRENT, ['-o', torrent, ...args], {cwd: tree.dir, encoding: 'utf8'})
  return {status: result.status, stdout: result.stdout, torrent}
}
async function ours(args: string[]) {
  const torrent = join('out', `ours-${++counter}.torrent`)
  const result = await runCli(['-o', torrent, ...args], {cwd: tree.dir})
  return {...result, torrent}
}
const infoHash = (torrent: string): string => createHash('sha1').update(readInfoDict(join(tree.dir, torrent))).digest('hex')

describeWithTool('mktorrent', 'the C mktorrent drop-in mode against C mktorrent 1.1', () => {
  it.each([
    ['trackers, -l 20, private', ['-a', 'udp://t.example:6969/announce', '-l', '20', '-p', 'album']],
    ['the default piece length (2^18), no tracker', ['album']],
    ['name, source, comment, web seeds, no date', ['-d', '-n', 'Renamed', '-s', 'SRC', '-c', 'a comment', '-w', 'http://w1/,http://w2/', 'album']],
    ['clustered switches and an attached exponent', ['-dpl15', '-a', 'http://a/,http://b/', '-a', 'udp://c:1', 'album']],
    ['long options', ['--announce=http://t/', '--piece-length=16', '--private', '--source', 'S', 'album']],
    ['a single file', ['-l', '15', 'single.bin']],
    ['a trailing slash on the target', ['-l', '17', 'album/']],
  ])('gives the info-hash C mktorrent gives, with %s', async (_label, args) => {
    const c = cMktorrent(args)
    const mine = await ours(args)
    expect([mine.status, c.status]).toEqual([0, 0])
    expect(infoHash(mine.torrent)).toBe(infoHash(c.torrent))
  })

  it('prints progress in the format of C mktorrent: "Hashed N of M pieces." redrawn, then "Writing metainfo file... done."', async () => {
    const c = cMktorrent(['-a', 'http://t/', 'album'])
    const mine = await ours(['-a', 'http://t/', 'album'])
    // C mktorrent's progress thread prints on a timer, so only the format and the counts can match.
    const format = /\n\n((?:\rHashed \d+ of \d+ pieces\.)+)\nWriting metainfo file\.\.\. done\.\n$/
    const counts = (stdout: string) => [...format.exec(stdout)![1]!.matchAll(/Hashed (\d+) of (\d+)/g)].map((match) => [Number(match[1]), Number(match[2])])
    const [cCounts, myCounts] = [counts(c.stdout), counts(mine.stdout)]
    expect(myCounts.at(-1)).toEqual(cCounts.at(-1))
    expect(myCounts[0]).toEqual([0, cCounts.at(-1)![1]])
  })

  it.each([
    ['the output exists', (torrent: string) => ['-o', torrent, 'album']],
    ['-l is out of range', () => ['-l', '29', 'album']],
    ['the target is missing', () => ['-a', 'http://t/', 'nothing-here']],
    ['there is no target', () => ['-a', 'http://t/']],
  ])('exits 1 like C mktorrent when %s', async (_label, extra) => {
    const existing = join('out', 'exists.torrent')
    await writeFile(join(tree.dir, existing), 'keep')
    const c = spawnSync(C_MKTORRENT, extra(existing), {cwd: tree.dir, encoding: 'utf8'})
    const mine = await runCli(extra(existing), {cwd: tree.dir})
    expect([mine.status, c.status]).toEqual([1, 1])
    expect(mine.stderr.split('\n').filter((line) => line !== '')).toHaveLength(1)
  })
})
