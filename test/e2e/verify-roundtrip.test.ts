import {spawnSync} from 'node:child_process'
import {appendFile, mkdir, readFile, rm, stat, truncate, utimes, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {REPO_ROOT, runCli} from '../helpers/run-cli.js'
import {withTempTree} from '../helpers/temp-tree.js'
import {MODES, type Mode, flipByte, pieceAt, piecesOfFile} from '../helpers/verify-torrents.js'

const L = 16 * 1024
// In tree order. 'a.bin' ends 100 bytes into a piece that 'b.bin' continues in v1.
const TREE = {'a.bin': 3 * L + 100, 'b.bin': 2 * L, 'sub/c.bin': 5000, 'sub/d.bin': L + 1}
const LENGTHS = Object.values(TREE)

interface VerifyJson {
  ok: boolean
  pieces: {bad: number[]}
  files: Array<{path: string; status: string; badPieces: number[]}>
}

async function createTorrent(dir: string, root: string, mode: Mode): Promise<string> {
  const out = join(dir, `${mode}.torrent`)
  const created = await runCli(['create', '-q', '--no-date', '--meta-version', mode, '-l', String(L), '-o', out, root])
  expect(created.status).toBe(0)
  return out
}

async function verifyJson(torrentPath: string): Promise<{status: number | null; report: VerifyJson}> {
  const result = await runCli(['verify', '--json', torrentPath])
  return {status: result.status, report: JSON.parse(result.stdout) as VerifyJson}
}

/** The files with a status other than ok, as `path status pieces`. */
function problems(report: VerifyJson): string[] {
  return report.files.filter((file) => file.status !== 'ok').map((file) => `${file.path} ${file.status} ${file.badPieces.join(',')}`)
}

describe.each(MODES)('create then verify, %s', (mode) => {
  it('verifies fresh data, then names exactly the file and piece of a flipped byte', async () => {
    await withTempTree(TREE, async ({dir, root}) => {
      const torrentPath = await createTorrent(dir, root, mode)
      expect(await verifyJson(torrentPath)).toMatchObject({status: 0, report: {ok: true, pieces: {bad: []}}})

      await flipByte(join(root, 'sub/d.bin'), L)
      const piece = pieceAt(LENGTHS, mode, L, 3, L)
      const {status, report} = await verifyJson(torrentPath)
      expect(status).toBe(1)
      expect(report.pieces.bad).toEqual([piece])
      expect(problems(report)).toEqual([`sub/d.bin corrupt ${piece}`])
    })
  })

  it('blames both files for a flipped byte in a piece they share in v1, one file in v2', async () => {
    await withTempTree(TREE, async ({dir, root}) => {
      const torrentPath = await createTorrent(dir, root, mode)
      await flipByte(join(root, 'a.bin'), 3 * L + 50)
      const {report} = await verifyJson(torrentPath)
      expect(problems(report)).toEqual(mode === 'v1' ? ['a.bin corrupt 3', 'b.bin corrupt 3'] : ['a.bin corrupt 3'])
    })
  })

  // A cut inside its first piece fails all of its pieces; a long file is hashed over its length, so none fail.
  it.each([
    ['truncated', 'short', true, (path: string) => truncate(path, 10)],
    ['grown by a byte', 'long', false, (path: string) => appendFile(path, '!')],
    ['deleted', 'missing', true, (path: string) => rm(path)],
    [
      'replaced by a folder',
      'not-a-file',
      true,
      async (path: string) => {
        await rm(path)
        await mkdir(path)
      },
    ],
  ] as const)('reports a file %s as %s and exits 1', async (_what, status, failsItsPieces, damage) => {
    await withTempTree(TREE, async ({dir, root}) => {
      const torrentPath = await createTorrent(dir, root, mode)
      await damage(join(root, 'b.bin'))
      const result = await verifyJson(torrentPath)
      expect(result.status).toBe(1)
      const pieces = failsItsPieces ? piecesOfFile(LENGTHS, mode, L, 1) : []
      expect(result.report.files[1]).toMatchObject({path: 'b.bin', status, badPieces: pieces})
      expect(result.report.pieces.bad).toEqual(pieces)
    })
  })
})

describe('a hostile torrent', () => {
  const hostile = [
    ['a ".." element', () => ['..', 'canary']],
    ['an absolute path', (dir: string) => [join(dir, 'canary')]],
  ] as const

  /** A torrent whose first file is the canary outside the content folder, with the canary's real hashes. */
  async function writeHostile(dir: string, path: string[]): Promise<string> {
    const {torrent, v1MultiInfo, v1File} = await import('../helpers/torrent-builder.js')
    const canary = await readFile(join(dir, 'canary'))
    const out = join(dir, 'evil.torrent')
    await writeFile(out, torrent(v1MultiInfo('content', [{path, data: canary}, v1File('a.bin', Buffer.alloc(10))], L)))
    return out
  }

  it.for(hostile)('with %s exits 3 and leaves the canary outside the root unread', async ([, pathOf], ctx) => {
    await withTempTree({'a.bin': 10}, async ({dir}) => {
      const canary = join(dir, 'canary')
      await writeFile(canary, 'tweet')
      const torrentPath = await writeHostile(dir, [...pathOf(dir)])
      // Calibrate: on this file system a read must move an atime that is older than the mtime.
      await utimes(canary, 1_000_000, Date.now() / 1000)
      await readFile(canary)
      if ((await stat(canary)).atimeMs === 1_000_000_000) ctx.skip()
      await utimes(canary, 1_000_000, Date.now() / 1000)

      const result = await runCli(['verify', torrentPath])
      expect(result.status).toBe(3)
      expect(result.stdout).toBe('')
      expect(result.stderr).toMatch(/^mktorrent: error: .*evil\.torrent: the torrent is invalid or unsafe, so no content was read: /)
      expect((await stat(canary)).atimeMs).toBe(1_000_000_000)
    })
  })
  const strace = spawnSync('strace', ['-V'], {encoding: 'utf8'}).status === 0

  // Stricter than the atime canary: no system call at all names the content folder or the canary.
  it.skipIf(!strace)('makes no file system call under the content folder or on the canary (strace)', async () => {
    await withTempTree({'a.bin': 10}, async ({dir, root}) => {
      await writeFile(join(dir, 'canary'), 'tweet')
      const torrentPath = await writeHostile(dir, ['..', 'canary'])
      const log = join(dir, 'strace.log')
      const traced = spawnSync('strace', ['-f', '-e', 'trace=%file,%desc', '-o', log, process.execPath, join(REPO_ROOT, 'bin/run.js'), 'verify', torrentPath], {
        encoding: 'utf8',
      })
      expect(traced.status).toBe(3)
      const calls = await readFile(log, 'utf8')
      expect(calls).toContain('evil.torrent')
      expect(calls.split('\n').filter((line) => line.includes(root) || line.includes(join(dir, 'canary')))).toEqual([])
    })
  })
})
