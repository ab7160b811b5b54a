import {rm, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {expect, it} from 'vitest'
import {cMktorrentCreate, transmissionCreate} from '../helpers/c-tools.js'
import {describeWithTool, describeWithTools} from '../helpers/external-tools.js'
import {type LtMode, ltCreate, ltRecheck} from '../helpers/libtorrent.js'
// runCli here is runWarmCli: bin/run.js in a warm process, start-up paid once per file (test/helpers/warm-cli.ts).
import {runWarmCli as runCli} from '../helpers/warm-cli.js'
import {type TreeSpec, withTempTree} from '../helpers/temp-tree.js'
import {hybridInfo, v2File, v2Info, v2Torrent} from '../helpers/torrent-builder.js'
import {flipByte, readTree} from '../helpers/verify-torrents.js'

const TRACKER = 'http://tracker.example/announce'
const TREE: TreeSpec = {'a.bin': 100_000, 'sub/b.bin': 50_000, 'c.txt': 'hello\n', 'd.bin': 70_000}

interface VerifyJson {
  ok: boolean
  pieces: {total: number; bad: number[]}
  files: Array<{path: string; status: string}>
}

async function verify(torrentPath: string, content: string): Promise<{status: number | null; report: VerifyJson}> {
  const result = await runCli(['verify', '--json', torrentPath, content])
  return {status: result.status, report: JSON.parse(result.stdout) as VerifyJson}
}

/** Our report on intact data, then after damage our bad pieces against the pieces libtorrent's recheck misses. */
async function checkAgainstLibtorrent(torrentPath: string, dir: string, content: string, damage: () => Promise<void>): Promise<void> {
  const intact = await verify(torrentPath, content)
  expect(intact).toMatchObject({status: 0, report: {ok: true, pieces: {bad: []}}})
  await damage()
  const damaged = await verify(torrentPath, content)
  const recheck = ltRecheck(torrentPath, dir)
  expect(damaged.status).toBe(1)
  expect(recheck.missingPieces.length).toBeGreaterThan(0)
  expect(damaged.report.pieces.total).toBe(recheck.numPieces)
  expect(damaged.report.pieces.bad).toEqual(recheck.missingPieces)
}

describeWithTool('libtorrent', 'verify on torrents libtorrent made', () => {
  it.each<LtMode>(['v1', 'v2', 'hybrid'])('verifies %s data, and after a flipped byte fails exactly the pieces libtorrent misses', async (mode) => {
    await withTempTree(TREE, async ({dir, root}) => {
      const out = join(dir, `${mode}.torrent`)
      ltCreate(root, out, {mode, pieceLength: 16_384, trackers: [TRACKER]})
      await checkAgainstLibtorrent(out, dir, root, () => flipByte(join(root, 'd.bin'), 40_000))
    })
  })

  it.each<LtMode>(['v1', 'v2', 'hybrid'])('after a file is deleted from %s data, fails exactly the pieces libtorrent misses', async (mode) => {
    await withTempTree(TREE, async ({dir, root}) => {
      const out = join(dir, `${mode}.torrent`)
      ltCreate(root, out, {mode, pieceLength: 32_768})
      await checkAgainstLibtorrent(out, dir, root, () => rm(join(root, 'c.txt')))
    })
  })

  it('calls a hybrid inconsistent at the piece where libtorrent reports error 217', async () => {
    await withTempTree(TREE, async ({dir, root}) => {
      const files = (await readTree(root, Object.keys(TREE))).map((file) => v2File(file.path, file.data))
      const {info} = hybridInfo('content', files, 16_384)
      // The v2 half describes d.bin with one byte changed; the v1 half describes the disk.
      const other = v2Info('content', files.map((file) => (file.path[0] === 'd.bin' ? {...file, data: Buffer.from(file.data).fill(0, 40_000, 40_001)} : file)), 16_384)
      const mixed = join(dir, 'mixed.torrent')
      await writeFile(mixed, v2Torrent({...info, 'file tree': other.info['file tree']}, other.layers))
      const recheck = ltRecheck(mixed, dir)
      expect(recheck.errors).toEqual(['content ERROR: (217 v1 and v2 hashes do not describe the same data)'])
      expect(recheck.missingPieces).toHaveLength(1)
      const result = await runCli(['verify', '--json', mixed])
      expect(result.status).toBe(3)
      expect(JSON.parse(result.stdout).pieces.inconsistent).toEqual(recheck.missingPieces)
    })
  })

  it('finds the one file of a v2 torrent made from a folder where libtorrent does: under its key, not the name', async () => {
    await withTempTree({'only.bin': 40_000}, async ({dir, root}) => {
      const out = join(dir, 'v2.torrent')
      // libtorrent writes name "content" and a file tree of the one file, which BEP 52 reads as a single file.
      expect(ltCreate(root, out, {mode: 'v2', pieceLength: 16_384}).files.filter((file) => !file.padding).map((file) => file.path)).toEqual(['only.bin'])
      expect(ltRecheck(out, root).missingPieces).toEqual([])
      const result = await runCli(['verify', '--json', '--save-path', root, out])
      expect(result.status).toBe(0)
      expect(JSON.parse(result.stdout)).toMatchObject({ok: true, name: 'content', content: join(root, 'only.bin')})
    })
  })

  it('verifies a single-file hybrid given as --save-path', async () => {
    await withTempTree({'one.bin': 300_000}, async ({dir, root}) => {
      const out = join(dir, 'one.torrent')
      ltCreate(join(root, 'one.bin'), out, {mode: 'hybrid', pieceLength: 65_536})
      const result = await runCli(['verify', '--json', '--save-path', root, out])
      expect(result.status).toBe(0)
      expect(JSON.parse(result.stdout)).toMatchObject({ok: true, metaVersion: 'hybrid', content: join(root, 'one.bin'), pieces: {total: 5, good: 5}})
    })
  })
})

describeWithTools(['transmission-create', 'libtorrent'], 'verify on torrents transmission-create made', () => {
  it.each([
    ['a folder', (root: string) => root, (root: string) => join(root, 'a.bin')],
    ['a single file', (root: string) => join(root, 'd.bin'), (root: string) => join(root, 'd.bin')],
  ])('verifies %s, and fails the pieces libtorrent misses after a flipped byte', async (_what, contentOf, flipped) => {
    await withTempTree(TREE, async ({dir, root}) => {
      const out = join(dir, 'tr.torrent')
      transmissionCreate(contentOf(root), out, {pieceKiB: 16, tracker: TRACKER})
      const saveDir = contentOf(root) === root ? dir : root
      await checkAgainstLibtorrent(out, saveDir, contentOf(root), () => flipByte(flipped(root), 30_000))
    })
  })
})

describeWithTools(['mktorrent', 'libtorrent'], 'verify on torrents C mktorrent made', () => {
  it.each([
    ['a folder', (root: string) => root, (root: string) => join(root, 'sub/b.bin')],
    ['a single file', (root: string) => join(root, 'a.bin'), (root: string) => join(root, 'a.bin')],
  ])('verifies %s, and fails the pieces libtorrent misses after a flipped byte', async (_what, contentOf, flipped) => {
    await withTempTree(TREE, async ({dir, root}) => {
      const out = join(dir, 'mk.torrent')
      cMktorrentCreate(contentOf(root), out, {pieceExponent: 15, announce: TRACKER})
      const saveDir = contentOf(root) === root ? dir : root
      await checkAgainstLibtorrent(out, saveDir, contentOf(root), () => flipByte(flipped(root), 10))
    })
  })
})
