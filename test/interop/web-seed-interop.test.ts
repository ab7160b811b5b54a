import {mkdir, readFile} from 'node:fs/promises'
import {join} from 'node:path'
import {afterAll, beforeAll, expect, it} from 'vitest'
import type {WebSeedVerifyReport} from '../../src/core/remote/web-seed-report.js'
import {describeWithTool, describeWithTools} from '../helpers/external-tools.js'
import {type LtMode, type LtTorrent, ltCreate} from '../helpers/libtorrent.js'
import {runCli} from '../helpers/run-cli.js'
import {type TempTree, makeTempTree} from '../helpers/temp-tree.js'
import {aria2WebSeedDownload, ltWebSeedDownload} from '../helpers/web-seed-clients.js'
import {type WebSeedServer, startWebSeedServer} from '../helpers/web-seed-server.js'

const NAME = 'Rel ease ü'
const PATHS = ['a b+c.bin', 'sub dir/ñ #?%&=;.bin', "z~'(x)!*.txt"]

async function servedFiles(tree: TempTree, prefix: string, paths: string[], change: (path: string, data: Buffer) => Buffer = (_, data) => data): Promise<Record<string, Buffer>> {
  const files: Record<string, Buffer> = {}
  for (const path of paths) files[`${prefix}/${path}`] = change(path, await readFile(join(tree.root, ...path.split('/'))))
  return files
}

async function verifyJson(args: string[]): Promise<{status: number | null; report: WebSeedVerifyReport}> {
  const result = await runCli(['verify', '--json', ...args], {timeoutMs: 60_000})
  return {status: result.status, report: JSON.parse(result.stdout) as WebSeedVerifyReport}
}

const targets = (server: WebSeedServer): string[] => [...new Set(server.requests.map((request) => request.url))].sort()

describeWithTools(['aria2c', 'libtorrent'], 'web seed file URLs, as aria2c and libtorrent request them', () => {
  let tree: TempTree
  let server: WebSeedServer

  beforeAll(async () => {
    tree = await makeTempTree({[PATHS[0]!]: 70_000, [PATHS[1]!]: 40_000, [PATHS[2]!]: 5, 'one/ñ a.bin': 50_000}, {rootName: NAME})
    const files = await servedFiles(tree, `/mirror/${NAME}`, PATHS)
    files['/files/renamed.bin'] = await readFile(join(tree.root, 'one', 'ñ a.bin'))
    server = await startWebSeedServer({files})
  })
  afterAll(async () => {
    await server.close()
    await tree.cleanup()
  })

  it('multi-file: the same request targets as aria2c byte for byte, and as libtorrent once percent-decoded', async () => {
    const torrent = join(tree.dir, 'multi.torrent')
    // `--exclude one`: the single file lives in the same tree for the next test.
    const created = await runCli(['create', '-q', '-d', '--no-created-by', '-l', '16KiB', '-e', 'one', '-w', `${server.origin}/mirror`, '-o', torrent, tree.root])
    expect(created.status).toBe(0)
    const ours = await verifyJson(['--web-seeds', torrent])
    expect(ours).toMatchObject({status: 0, report: {ok: true}})
    const ourTargets = targets(server)
    expect(ourTargets).toEqual([
      '/mirror/Rel%20ease%20%C3%BC/a%20b%2Bc.bin',
      '/mirror/Rel%20ease%20%C3%BC/sub%20dir/%C3%B1%20%23%3F%25%26%3D%3B.bin',
      '/mirror/Rel%20ease%20%C3%BC/z~%27%28x%29%21%2A.txt',
    ])
    expect(ours.report.webSeeds[0]!.files.map((file) => file.url.slice(server.origin.length))).toEqual(ourTargets)

    server.requests.length = 0
    await mkdir(join(tree.dir, 'aria2'))
    expect(await aria2WebSeedDownload(torrent, join(tree.dir, 'aria2'))).toBe(0)
    expect(targets(server)).toEqual(ourTargets)

    server.requests.length = 0
    const lt = await ltWebSeedDownload(torrent, join(tree.dir, 'lt'))
    expect(lt.finished).toBe(true)
    // libtorrent writes lower-case hex and leaves !*'() alone: the same path once decoded.
    expect(targets(server).map(decodeURIComponent)).toEqual(ourTargets.map(decodeURIComponent))
  })

  it('v2, one file: BEP 19 takes the URL itself, libtorrent 2.0.8 appends "/" and the name (noted in our report)', async () => {
    const torrent = join(tree.dir, 'single-v2.torrent')
    const url = `${server.origin}/files/renamed.bin`
    const created = await runCli(['create', '-q', '-d', '--no-created-by', '--v2', '-l', '16KiB', '-w', url, '-o', torrent, join(tree.root, 'one', 'ñ a.bin')])
    expect(created.status).toBe(0)
    server.requests.length = 0
    const ours = await verifyJson(['--web-seeds', torrent])
    expect(targets(server)).toEqual(['/files/renamed.bin'])
    expect(ours.status).toBe(0)
    expect(ours.report.webSeeds[0]!.notes).toEqual([expect.stringContaining(` at ${url}/%C3%B1%20a.bin, `)])
    server.requests.length = 0
    await ltWebSeedDownload(torrent, join(tree.dir, 'lt-single'), {timeoutSeconds: 10})
    expect(targets(server).map(decodeURIComponent)).toEqual(['/files/renamed.bin/ñ a.bin'])
  })
})

describeWithTool('libtorrent', 'a v1 torrent of a folder holding one file', () => {
  it('BEP 19 takes URL + name + / + path, libtorrent 2.0.8 URL + name (noted in our report)', async () => {
    const tree = await makeTempTree({'solo/ñ a.bin': 40_000}, {rootName: 'unused'})
    const server = await startWebSeedServer({files: await servedFiles(tree, '/files', ['solo/ñ a.bin'])})
    try {
      const torrent = join(tree.dir, 'solo.torrent')
      const created = await runCli(['create', '-q', '-d', '--no-created-by', '-l', '16KiB', '-w', `${server.origin}/files/`, '-o', torrent, join(tree.root, 'solo')])
      expect(created.status).toBe(0)
      const ours = await verifyJson(['--web-seeds', torrent])
      expect(ours.status).toBe(0)
      expect(targets(server)).toEqual(['/files/solo/%C3%B1%20a.bin'])
      expect(ours.report.webSeeds[0]!.notes).toEqual([
        `libtorrent 2.0 (qBittorrent, Deluge) asks for ñ a.bin at ${server.origin}/files/solo, not where BEP 19 puts it: serve it there too for those clients`,
      ])
      server.requests.length = 0
      await ltWebSeedDownload(torrent, join(tree.dir, 'lt'), {timeoutSeconds: 8})
      expect([...new Set(server.requests.map((request) => request.url))]).toEqual(['/files/solo'])
    } finally {
      await server.close()
      await tree.cleanup()
    }
  })
})

/** Layout offset of each file in libtorrent's list (pads included), so piece numbers come from libtorrent. */
function ltOffsets(lt: LtTorrent): Map<string, number> {
  const offsets = new Map<string, number>()
  let offset = 0
  for (const file of lt.files) {
    offsets.set(file.path, offset)
    offset += file.length
  }
  return offsets
}

describeWithTool('libtorrent', 'web seeds serving corrupted data: our bad pieces and libtorrent\'s failed downloads', () => {
  const PIECE = 16 * 1024
  const multi = {'ü dir/a b.bin': 100_000, 'ü dir/c d.bin': 60_000, 'e f.txt': 'hello\n'}
  // Each flipped byte in a piece that lies inside one file, in two different files: libtorrent then
  // stops asking for that file only, and still tries the other.
  const flips: Record<string, number> = {'ü dir/a b.bin': 20_000, 'ü dir/c d.bin': 45_000}

  it.each<[LtMode, boolean]>([
    ['v1', false],
    ['v2', false],
    ['hybrid', false],
    ['v1', true],
    ['v2', true],
  ])('%s (single file: %s), torrent made by libtorrent', async (mode, singleFile) => {
    const tree = await makeTempTree(singleFile ? {'ë x.bin': 90_000} : multi, {rootName: 'Wëb Seed'})
    const servers: WebSeedServer[] = []
    try {
      const content = singleFile ? join(tree.root, 'ë x.bin') : tree.root
      const torrent = join(tree.dir, 'lt.torrent')
      const lt = ltCreate(content, torrent, {mode, pieceLength: PIECE})
      const paths = singleFile ? ['ë x.bin'] : Object.keys(multi)
      const prefix = singleFile ? '/m' : `/m/${lt.name}`
      const good = await startWebSeedServer({files: await servedFiles(tree, prefix, paths)})
      servers.push(good)
      const damage = singleFile ? {'ë x.bin': 40_000} : flips
      const bad = await startWebSeedServer({
        files: await servedFiles(tree, prefix, paths, (path, data) => {
          if (damage[path] !== undefined) data[damage[path]]! ^= 0xff
          return data
        }),
      })
      servers.push(bad)
      const offsets = ltOffsets(lt)
      const expected = Object.entries(damage).map(([path, at]) => Math.floor((offsets.get(path)! + at) / PIECE)).sort((a, b) => a - b)

      expect(await verifyJson(['--web-seed', `${good.origin}/m/`, torrent])).toMatchObject({status: 0, report: {ok: true}})
      const ours = await verifyJson(['--web-seed', `${bad.origin}/m/`, torrent])
      expect(ours.status).toBe(1)
      expect(ours.report.webSeeds[0]!.pieces.total).toBe(lt.numPieces)
      expect(ours.report.webSeeds[0]!.pieces.bad).toEqual(expected)

      // libtorrent stops asking for a file after one of its pieces fails (how far it got in that
      // file varies), so each damaged piece sits in a different file: it tries, and fails, exactly
      // the pieces we find bad, and has none of them.
      const download = await ltWebSeedDownload(torrent, join(tree.dir, 'download'), {webSeeds: [`${bad.origin}/m/`]})
      expect(download.failedPieces).toEqual(expected)
      expect(download.havePieces.filter((piece) => expected.includes(piece))).toEqual([])
      expect(download.havePieces.length).toBeGreaterThan(0)
    } finally {
      await Promise.all(servers.map((server) => server.close()))
      await tree.cleanup()
    }
  })
})

describeWithTool('libtorrent', 'a web seed that ignores Range', () => {
  it.each<LtMode>(['v1', 'v2'])('%s: libtorrent gets nothing from it once it asks for part of a file, and we report no-range-support', async (mode) => {
    // libtorrent asks for up to 16 MiB at once (urlseed_max_request_bytes): a whole smaller file
    // comes back in one 200, so the file here is larger.
    const tree = await makeTempTree({'big file.bin': 20 * 1024 * 1024 + 77, 'small.txt': 'hello\n'}, {rootName: 'Nö Range'})
    const server = await startWebSeedServer({files: await servedFiles(tree, '/m/Nö Range', ['big file.bin', 'small.txt']), noRange: true})
    try {
      const torrent = join(tree.dir, 'lt.torrent')
      ltCreate(tree.root, torrent, {mode, pieceLength: 1024 * 1024})
      const ours = await verifyJson(['--web-seed', `${server.origin}/m/`, torrent])
      expect(ours.status).toBe(1)
      expect(ours.report.webSeeds[0]).toMatchObject({rangeSupport: false, pieces: {bad: []}, files: [{status: 'no-range-support'}, {status: 'no-range-support'}]})
      server.requests.length = 0
      const download = await ltWebSeedDownload(torrent, join(tree.dir, 'download'), {webSeeds: [`${server.origin}/m/`], timeoutSeconds: 10})
      const big = server.requests.filter((request) => request.url.includes('big'))
      expect(big.length).toBeGreaterThan(0)
      expect(big.every((request) => request.range !== undefined && request.range !== 'bytes=0-20971596')).toBe(true)
      const bigPieces = Array.from({length: 20}, (_, piece) => piece)
      expect(download.havePieces.filter((piece) => bigPieces.includes(piece))).toEqual([])
    } finally {
      await server.close()
      await tree.cleanup()
    }
  })
})
