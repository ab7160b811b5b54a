import {spawnSync} from 'node:child_process'
import {mkdtemp, readFile, rm} from 'node:fs/promises'
import https from 'node:https'
import type {AddressInfo} from 'node:net'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterEach, describe, expect, it} from 'vitest'
// Through the library API, as a pipeline written in TypeScript would call it.
import {verifyWebSeeds} from '../../../src/index.js'
import type {WebSeedVerifyReport} from '../../../src/core/remote/web-seed-report.js'
import {pseudoRandomBytes} from '../../helpers/temp-tree.js'
import {KiB, encode, v1File, v1MultiInfo, v2File, v2Info, v2Torrent} from '../../helpers/torrent-builder.js'
import {MODES, multiFileTorrent, pieceAt, piecesOfFile, singleFileTorrent} from '../../helpers/verify-torrents.js'
import {type WebSeedServer, type WebSeedServerOptions, startWebSeedServer} from '../../helpers/web-seed-server.js'

const PIECE = 32 * KiB
const NAME = 'Rel ease ü'
// In tree order; sizes put pieces across file boundaries in v1 and leave short last pieces.
const FILES = [
  {path: 'a b+c.bin', data: pseudoRandomBytes(3 * PIECE + 1000, 1)},
  {path: "sub dir/ñ #?%&=;.bin", data: pseudoRandomBytes(PIECE + 5, 2)},
  {path: "z~'(x)!*.txt", data: pseudoRandomBytes(700, 3)},
]
const LENGTHS = FILES.map((file) => file.data.length)

let servers: WebSeedServer[] = []
afterEach(async () => {
  await Promise.all(servers.map((server) => server.close()))
  servers = []
})

/** Serves the files at /mirror/<name>/<path>, with `change` applied to the served bytes. */
async function serve(options: Partial<WebSeedServerOptions> = {}, change: (path: string, data: Buffer) => Buffer = (_, data) => data): Promise<WebSeedServer> {
  const files: Record<string, Buffer> = {}
  for (const file of FILES) files[`/mirror/${NAME}/${file.path}`] = change(file.path, Buffer.from(file.data))
  const server = await startWebSeedServer({files, ...options})
  servers.push(server)
  return server
}

function flipped(target: string, offset: number) {
  return (path: string, data: Buffer): Buffer => {
    if (path === target) data[offset]! ^= 0xff
    return data
  }
}

function statuses(report: WebSeedVerifyReport): Record<string, string> {
  return Object.fromEntries(report.webSeeds[0]!.files.map((file) => [file.path, file.status]))
}

describe('verifyWebSeeds against a loopback server', () => {
  it.each(MODES)('%s: every piece of a good mirror checks out', async (mode) => {
    const server = await serve()
    const report = await verifyWebSeeds({torrent: multiFileTorrent(NAME, FILES, mode, PIECE), urls: [`${server.origin}/mirror/`]})
    const [seed] = report.webSeeds
    expect(report.ok).toBe(true)
    expect(seed!.rangeSupport).toBe(true)
    expect(seed!.pieces.checked).toBe(seed!.pieces.total)
    expect(seed!.pieces.bad).toEqual([])
    expect(seed!.bytesHashed).toBe(LENGTHS.reduce((a, b) => a + b))
    expect(seed!.files.map((file) => file.remoteLength)).toEqual(LENGTHS)
    // Every request asked for a range, and never more than one piece run.
    expect(server.requests.every((request) => request.range !== undefined)).toBe(true)
  })

  it.each(MODES)('%s: a flipped byte fails exactly the piece holding it', async (mode) => {
    const offset = PIECE + 17
    const server = await serve({}, flipped('a b+c.bin', offset))
    const report = await verifyWebSeeds({torrent: multiFileTorrent(NAME, FILES, mode, PIECE), urls: [`${server.origin}/mirror`]})
    const bad = pieceAt(LENGTHS, mode, PIECE, 0, offset)
    expect(report.ok).toBe(false)
    expect(report.webSeeds[0]!.pieces.bad).toEqual([bad])
    expect(statuses(report)).toEqual({'a b+c.bin': 'corrupt', 'sub dir/ñ #?%&=;.bin': 'ok', "z~'(x)!*.txt": 'ok'})
    expect(report.webSeeds[0]!.files[0]!.badPieces).toEqual([bad])
  })

  it.each(MODES)('%s: a 404 for one file makes it missing and fails only the pieces holding its bytes', async (mode) => {
    const server = await serve({statusFor: {[`/mirror/${NAME}/sub dir/ñ #?%&=;.bin`]: 404}})
    const report = await verifyWebSeeds({torrent: multiFileTorrent(NAME, FILES, mode, PIECE), urls: [`${server.origin}/mirror/`]})
    const seed = report.webSeeds[0]!
    expect(seed.files[1]).toMatchObject({status: 'missing', detail: 'HTTP 404 Not Found', remoteLength: null, badPieces: piecesOfFile(LENGTHS, mode, PIECE, 1)})
    expect(seed.pieces.bad).toEqual(piecesOfFile(LENGTHS, mode, PIECE, 1))
    // Only the piece-sized probe of the missing file: none of its bytes were asked for.
    expect(server.requests.filter((request) => request.url.includes('sub%20dir')).map((request) => request.range)).toEqual(['bytes=0-0'])
  })

  it('reports a server that ignores Range as no-range-support, after checking every piece by reading whole files', async () => {
    const server = await serve({noRange: true})
    const report = await verifyWebSeeds({torrent: multiFileTorrent(NAME, FILES, 'v2', PIECE), urls: [`${server.origin}/mirror/`]})
    const seed = report.webSeeds[0]!
    expect(seed.rangeSupport).toBe(false)
    expect(Object.values(statuses(report))).toEqual(['no-range-support', 'no-range-support', 'no-range-support'])
    expect(seed.pieces).toMatchObject({checked: seed.pieces.total, bad: []})
    expect(seed.bytesHashed).toBe(LENGTHS.reduce((a, b) => a + b))
    expect(report.ok).toBe(false)
  })

  it('still finds the bad piece on a server that ignores Range', async () => {
    const server = await serve({noRange: true}, flipped("z~'(x)!*.txt", 3))
    const report = await verifyWebSeeds({torrent: multiFileTorrent(NAME, FILES, 'v1', PIECE), urls: [`${server.origin}/mirror/`]})
    expect(report.webSeeds[0]!.pieces.bad).toEqual([pieceAt(LENGTHS, 'v1', PIECE, 2, 3)])
    expect(statuses(report)["z~'(x)!*.txt"]).toBe('corrupt')
  })

  it('a file shorter on the server is short, with both lengths, and its pieces fail unread', async () => {
    const server = await serve({}, (path, data) => (path === 'a b+c.bin' ? data.subarray(0, 5000) : data))
    const report = await verifyWebSeeds({torrent: multiFileTorrent(NAME, FILES, 'hybrid', PIECE), urls: [`${server.origin}/mirror/`]})
    expect(report.webSeeds[0]!.files[0]).toMatchObject({status: 'short', remoteLength: 5000, detail: `5000 of ${LENGTHS[0]} bytes`})
    expect(report.webSeeds[0]!.pieces.bad).toEqual(piecesOfFile(LENGTHS, 'hybrid', PIECE, 0))
  })

  it('a Content-Range other than the one asked for is a bad response', async () => {
    const server = await serve({wrongRange: true})
    const report = await verifyWebSeeds({torrent: multiFileTorrent(NAME, FILES, 'v1', PIECE), urls: [`${server.origin}/mirror/`]})
    expect(Object.values(statuses(report))).toEqual(['bad-response', 'bad-response', 'bad-response'])
    expect(report.webSeeds[0]!.files[0]!.detail).toMatch(/^206 with Content-Range "bytes 1-1\/\d+" for bytes 0-0$/)
  })

  it.each([
    [false, /^Content-Length \d+ where 1 bytes were asked for$/],
    [true, /^more than the 1 bytes asked for$/],
  ])('a body longer than asked for is cut off, never read (chunked: %s)', async (chunked, detail) => {
    const server = await serve({overSend: 100_000, chunked})
    const report = await verifyWebSeeds({torrent: multiFileTorrent(NAME, FILES, 'v1', PIECE), urls: [`${server.origin}/mirror/`]})
    const seed = report.webSeeds[0]!
    expect(Object.values(statuses(report))).toEqual(['bad-response', 'bad-response', 'bad-response'])
    expect(seed.files[0]!.detail).toMatch(detail)
    expect(seed.bytesHashed).toBe(0)
  })

  it('a body cut short is retried a bounded number of times, then reported', async () => {
    const server = await serve({truncate: true})
    const report = await verifyWebSeeds({torrent: multiFileTorrent(NAME, FILES, 'v1', PIECE), urls: [`${server.origin}/mirror/`], retries: 1})
    const seed = report.webSeeds[0]!
    expect(seed.files[0]!.status).toBe('network-error')
    expect(seed.files[0]!.detail).toMatch(/^the connection broke after \d+ of \d+ bytes$/)
    expect(seed.pieces.bad.length).toBeGreaterThan(0)
    expect(report.ok).toBe(false)
  })

  it('a redirect loop stops at the limit', async () => {
    const server = await serve({redirectLoop: true})
    const report = await verifyWebSeeds({torrent: singleFileTorrent('one.bin', FILES[0]!.data, 'v1', PIECE), urls: [`${server.origin}/one.bin`], maxRedirects: 3})
    expect(report.webSeeds[0]!.files[0]).toMatchObject({status: 'network-error', detail: 'more than 3 redirects'})
    expect(server.requests).toHaveLength(4)
  })

  it('follows a redirect, then asks the server it led to for the pieces', async () => {
    const target = await serve()
    const front = await serve({redirectTo: target.origin})
    const report = await verifyWebSeeds({torrent: multiFileTorrent(NAME, FILES, 'hybrid', PIECE), urls: [`${front.origin}/mirror/`]})
    expect(report.ok).toBe(true)
    // One probe per file at the front; every Range request for pieces went to the target.
    expect(front.requests.map((request) => request.range)).toEqual(['bytes=0-0', 'bytes=0-0', 'bytes=0-0'])
    expect(target.requests.length).toBeGreaterThan(3)
    expect(report.webSeeds[0]!.files[0]!.url).toBe(`${front.origin}/mirror/Rel%20ease%20%C3%BC/a%20b%2Bc.bin`)
  })

  it('does not follow a redirect to anything but http or https', async () => {
    const front = await serve({redirectTo: 'file://'})
    const report = await verifyWebSeeds({torrent: singleFileTorrent('one.bin', FILES[0]!.data, 'v1', PIECE), urls: [`${front.origin}/one.bin`]})
    expect(report.webSeeds[0]!.files[0]).toMatchObject({status: 'network-error', detail: 'a redirect to file, not followed: only http and https are'})
  })

  it('a server that never answers times out, and its other files are not asked after it', async () => {
    const server = await serve({hang: true})
    const started = performance.now()
    const report = await verifyWebSeeds({torrent: multiFileTorrent(NAME, FILES, 'v2', PIECE), urls: [`${server.origin}/mirror/`], timeoutMs: 200, retries: 1, connections: 1})
    expect(Object.values(statuses(report))).toEqual(['network-error', 'network-error', 'network-error'])
    expect(report.webSeeds[0]!.files.map((file) => file.detail)).toEqual(Array(3).fill('no answer within 0.2 s'))
    expect(server.requests).toHaveLength(2)
    expect(performance.now() - started).toBeLessThan(20_000)
  })

  it('a slow server that keeps sending is waited for', async () => {
    const server = await serve({slowMs: 30})
    const report = await verifyWebSeeds({torrent: multiFileTorrent(NAME, FILES, 'hybrid', PIECE), urls: [`${server.origin}/mirror/`], timeoutMs: 2000})
    expect(report.ok).toBe(true)
  })

  it('a 500 is an HTTP error, retried, and reported with its status', async () => {
    const server = await serve({statusFor: {'/one.bin': 500}})
    const report = await verifyWebSeeds({torrent: singleFileTorrent('one.bin', FILES[0]!.data, 'v2', PIECE), urls: [`${server.origin}/`], retries: 2})
    expect(report.webSeeds[0]!.files[0]).toMatchObject({status: 'http-error', detail: 'HTTP 500 Internal Server Error'})
    expect(server.requests).toHaveLength(3)
  })

  it('masks credentials and query tokens in every URL it reports', async () => {
    const server = await serve({}, (_, data) => data)
    const url = `${server.origin.replace('http://', 'http://user:hunter2@')}/mirror/?token=s3cr3t`
    const report = await verifyWebSeeds({torrent: multiFileTorrent(NAME, FILES, 'v1', PIECE), urls: [url]})
    const text = JSON.stringify(report)
    expect(text).not.toMatch(/hunter2|s3cr3t|user/)
    expect(report.webSeeds[0]!.url).toBe(`${server.origin.replace('http://', 'http://***:***@')}/mirror/?token=***`)
  })

  it('checks every url-list entry with torrentWebSeeds, and reports one that is not http(s) without asking anything', async () => {
    const server = await serve()
    const entries = FILES.map((file) => v1File(file.path, file.data))
    const torrent = encode({'url-list': ['ftp://127.0.0.1/mirror/', `${server.origin}/mirror/`], info: v1MultiInfo(NAME, entries, PIECE)})
    const report = await verifyWebSeeds({torrent, torrentWebSeeds: true})
    expect(report.webSeeds.map((seed) => [seed.url, seed.ok, seed.error])).toEqual([
      ['ftp://127.0.0.1/mirror/', false, 'ftp is not supported: web seeds are http or https'],
      [`${server.origin}/mirror/`, true, null],
    ])
    expect(report.ok).toBe(false)
  })

  it('refuses a --web-seed that is not http(s), and a torrent without url-list when asked for its web seeds', async () => {
    const torrent = multiFileTorrent(NAME, FILES, 'v1', PIECE)
    await expect(verifyWebSeeds({torrent, urls: ['ftp://127.0.0.1/x/']})).rejects.toMatchObject({code: 'invalid-url', exitCode: 2})
    await expect(verifyWebSeeds({torrent, torrentWebSeeds: true})).rejects.toMatchObject({code: 'no-web-seeds', exitCode: 2})
  })
})

describe('--sample', () => {
  const big = [{path: 'big.bin', data: pseudoRandomBytes(40 * 16 * KiB + 3, 9)}, {path: 'small.bin', data: pseudoRandomBytes(3 * 16 * KiB, 10)}]

  it('checks N random pieces plus the first and last of every file, the same ones for the same seed', async () => {
    const files: Record<string, Buffer> = {'/m/s/big.bin': big[0]!.data, '/m/s/small.bin': big[1]!.data}
    const server = await startWebSeedServer({files})
    servers.push(server)
    const torrent = multiFileTorrent('s', big, 'v1', 16 * KiB)
    const run = () => verifyWebSeeds({torrent, urls: [`${server.origin}/m/`], sample: 5, seed: 1234})
    const first = await run()
    const asked = server.requests.splice(0).map((request) => `${request.url} ${request.range}`)
    const second = await run()
    expect(server.requests.map((request) => `${request.url} ${request.range}`).sort()).toEqual(asked.sort())
    expect(first.sample).toEqual({pieces: 5, seed: 1234})
    const {checked, total} = first.webSeeds[0]!.pieces
    // 4 file ends (40 and 43 share none) and 5 draws, some of which may coincide with them.
    expect(checked).toBeGreaterThanOrEqual(5)
    expect(checked).toBeLessThanOrEqual(9)
    expect(total).toBe(44)
    expect(second.webSeeds[0]!.pieces).toEqual(first.webSeeds[0]!.pieces)
  })

  it('checks the whole of a v2 file that has no piece layer, which can only be judged against its root', async () => {
    const data = Buffer.from(big[0]!.data)
    const {info} = v2Info('big.bin', [v2File('big.bin', data)], 16 * KiB)
    data[20 * 16 * KiB]! ^= 0xff
    const server = await startWebSeedServer({files: {'/big.bin': data}})
    servers.push(server)
    const report = await verifyWebSeeds({torrent: v2Torrent(info, undefined), urls: [`${server.origin}/big.bin`], sample: 1, seed: 3})
    const [seed] = report.webSeeds
    expect(seed!.pieces.checked).toBe(41)
    expect(seed!.files[0]!.status).toBe('corrupt')
    expect(seed!.files[0]!.detail).toBe('the torrent has no piece layer for this file, so its bad pieces cannot be told apart')
  })
})

describe('https', () => {
  it('reports a certificate it cannot trust as a TLS network error, and asks nothing more of that host', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mktorrent-tls-'))
    try {
      const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], {encoding: 'utf8'})
      expect(made.status).toBe(0)
      let requests = 0
      const server = https.createServer({key: await readFile(join(dir, 'key.pem')), cert: await readFile(join(dir, 'cert.pem'))}, (_, response) => {
        requests++
        response.end()
      })
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
      try {
        const {port} = server.address() as AddressInfo
        const report = await verifyWebSeeds({torrent: multiFileTorrent(NAME, FILES, 'v1', PIECE), urls: [`https://127.0.0.1:${port}/mirror/`]})
        const details = report.webSeeds[0]!.files.map((file) => [file.status, file.detail])
        expect(details).toEqual(Array(3).fill(['network-error', 'TLS: self-signed certificate']))
        expect(requests).toBe(0)
      } finally {
        server.closeAllConnections()
        await new Promise((resolve) => server.close(resolve))
      }
    } finally {
      await rm(dir, {recursive: true, force: true})
    }
  })
})
