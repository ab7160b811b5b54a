import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {createTorrent} from '../../../src/core/use-cases/create-torrent.js'
import type {Metainfo} from '../../../src/core/metainfo/metainfo.js'
import {parseMetainfo} from '../../../src/core/metainfo/parse-metainfo.js'
import {checkTrackers} from '../../../src/core/remote/tracker-check.js'
import type {TrackerResult} from '../../../src/core/remote/tracker-report.js'
import {type TempTree, makeTempTree} from '../../helpers/temp-tree.js'
import {
  HOST,
  type RealTracker,
  type TestServer,
  bencoded,
  closedPort,
  closedUdpPort,
  startHttpServer,
  startRealTracker,
  startSelfSignedHttpsServer,
  startSilentTcpServer,
  startUdpServer,
} from '../../helpers/tracker-servers.js'

let tracker: RealTracker
let tree: TempTree
const servers: Array<TestServer<unknown>> = []

let madeCount = 0

/** A torrent of the test tree; each gets its own `source`, so its own info-hashes and swarms at the tracker. */
async function made(metaVersion: 'v1' | 'v2' | 'hybrid', announce: string[][]): Promise<Metainfo> {
  const source = `test ${++madeCount}`
  const created = await createTorrent({path: tree.root, metaVersion, pieceLength: 16 * 1024, announce, source, threads: 1})
  return parseMetainfo(created.bytes).metainfo
}

/**
 * bittorrent-tracker's HTTP scrape keys a hash with a byte of 0x80 or more as UTF-8 text; we read
 * it and say so (tracker-reply.ts).
 */
function scrapeWarning(...hashes: Uint8Array[]): string | null {
  return hashes.some((hash) => hash.some((byte) => byte >= 0x80)) ? 'the scrape reply keys this hash as UTF-8 text, not its 20 bytes (BEP 48); counts read anyway' : null
}

const hex = (bytes: Uint8Array | undefined): string => Buffer.from(bytes!).toString('hex')
const v2Short = (metainfo: Metainfo): Uint8Array => metainfo.infoHashV2!.subarray(0, 20)

/** What the real tracker holds for a hash, in our terms (its scrape gives `downloaded` as `complete`). */
function held(infoHash: string): {seeders: number; leechers: number} {
  const swarm = tracker.swarm(infoHash)!
  return {seeders: swarm.complete, leechers: swarm.incomplete}
}

/** A torrent that lists only `urls`, one tier each, for the misbehaving servers. */
async function checkUrls(urls: string[], options: {timeoutMs?: number; metainfo?: Metainfo} = {}): Promise<TrackerResult[]> {
  const announce = urls.map((url) => [url])
  // Trackers are not in the info dictionary: a torrent with other trackers keeps its info-hashes.
  const torrent = options.metainfo === undefined ? await made('v1', announce) : {...options.metainfo, announce}
  const timeoutMs = options.timeoutMs ?? 2000
  return (await checkTrackers(torrent, {timeoutMs, udpRetryMs: 100})).trackers
}

async function server<T>(started: Promise<TestServer<T>>): Promise<TestServer<T>> {
  const value = await started
  servers.push(value)
  return value
}

beforeAll(async () => {
  tracker = await startRealTracker()
  tree = await makeTempTree({'a.bin': 40_000, 'sub/b.txt': 'hello'}, {rootName: 'release'})
})

afterAll(async () => {
  await Promise.all(servers.map((each) => each.close()))
  await tracker?.close()
  await tree?.cleanup()
})

describe('checkTrackers against a real tracker (bittorrent-tracker on 127.0.0.1)', () => {
  it('v1: the HTTP scrape and the UDP scrape give the seeders and leechers the tracker holds', async () => {
    const metainfo = await made('v1', [[tracker.httpAnnounce], [tracker.udpAnnounce]])
    await tracker.announcePeer(metainfo.infoHash!, 50_001, 0)
    await tracker.announcePeer(metainfo.infoHash!, 50_002, 0)
    await tracker.announcePeer(metainfo.infoHash!, 50_003, 1000)
    const report = await checkTrackers(metainfo, {timeoutMs: 5000})
    const v1 = hex(metainfo.infoHash)
    expect(held(v1)).toEqual({seeders: 2, leechers: 1})
    const swarm = {version: 'v1', infoHash: v1, listed: true, ...held(v1), completed: 2}
    expect(report).toMatchObject({
      ok: true,
      name: 'release',
      metaVersion: 'v1',
      infoHashes: [{version: 'v1', infoHash: v1}],
      counts: {trackers: 2, answered: 2, failed: 0, notChecked: 0},
    })
    expect(report.trackers).toEqual([
      {tier: 1, url: tracker.httpAnnounce, protocol: 'http', status: 'ok', reachable: true, method: 'scrape', latencyMs: expect.any(Number), errorClass: null, message: scrapeWarning(metainfo.infoHash!), swarms: [swarm]},
      {tier: 2, url: tracker.udpAnnounce, protocol: 'udp', status: 'ok', reachable: true, method: 'udp-scrape', latencyMs: expect.any(Number), errorClass: null, message: null, swarms: [swarm]},
    ])
  })

  it('v2: asks for the v2 info-hash truncated to 20 bytes (BEP 52)', async () => {
    const metainfo = await made('v2', [[tracker.httpAnnounce, tracker.udpAnnounce]])
    await tracker.announcePeer(v2Short(metainfo), 50_011, 0)
    const report = await checkTrackers(metainfo, {timeoutMs: 5000})
    const short = hex(v2Short(metainfo))
    expect(short).toBe(hex(metainfo.infoHashV2).slice(0, 40))
    expect(report.infoHashes).toEqual([{version: 'v2', infoHash: short}])
    for (const result of report.trackers) {
      expect(result.swarms).toEqual([{version: 'v2', infoHash: short, listed: true, seeders: 1, leechers: 0, completed: 1}])
    }
    expect(report.trackers.map((result) => result.tier)).toEqual([1, 1])
  })

  it('hybrid: asks for both hashes and reports each swarm on its own', async () => {
    const metainfo = await made('hybrid', [[tracker.httpAnnounce], [tracker.udpAnnounce]])
    await tracker.announcePeer(metainfo.infoHash!, 50_021, 0)
    await tracker.announcePeer(v2Short(metainfo), 50_022, 500)
    await tracker.announcePeer(v2Short(metainfo), 50_023, 500)
    const report = await checkTrackers(metainfo, {timeoutMs: 5000})
    const v1 = hex(metainfo.infoHash)
    const v2 = hex(v2Short(metainfo))
    expect(held(v2)).toEqual({seeders: 0, leechers: 2})
    for (const result of report.trackers) {
      expect(result.status).toBe('ok')
      expect(result.swarms).toEqual([
        {version: 'v1', infoHash: v1, listed: true, ...held(v1), completed: 1},
        {version: 'v2', infoHash: v2, listed: true, ...held(v2), completed: 0},
      ])
    }
  })

  it('announces (event=stopped, numwant=0) where the URL has no scrape form, and registers nothing', async () => {
    // A front for the real tracker at a path without "announce": no BEP 48 scrape URL.
    const front = await server(
      startHttpServer((path) => ({status: 307, headers: {location: `${tracker.httpAnnounce}?${path.split('?')[1]}`}}), '/tracker'),
    )
    const metainfo = await made('hybrid', [[front.url]])
    await tracker.announcePeer(metainfo.infoHash!, 50_031, 0)
    const before = held(hex(metainfo.infoHash))
    const [result] = (await checkTrackers(metainfo, {timeoutMs: 5000})).trackers
    expect(result).toMatchObject({status: 'ok', method: 'announce', errorClass: null})
    expect(result!.swarms).toEqual([
      {version: 'v1', infoHash: hex(metainfo.infoHash), listed: true, ...before, completed: null},
      {version: 'v2', infoHash: hex(v2Short(metainfo)), listed: true, seeders: 0, leechers: 0, completed: null},
    ])
    expect(held(hex(metainfo.infoHash))).toEqual(before)
    const queries = front.received.map((path) => new URLSearchParams(path.split('?')[1]))
    expect(queries.map((query) => [query.get('event'), query.get('numwant'), query.get('left')])).toEqual([
      ['stopped', '0', String(40_005)],
      ['stopped', '0', String(40_005)],
    ])
  })

  it('reports a hash the scrape reply leaves out as not listed', async () => {
    const scrape = await server(startHttpServer(() => ({body: bencoded({files: {}})})))
    const [result] = await checkUrls([scrape.url])
    expect(result).toMatchObject({status: 'ok', method: 'scrape'})
    expect(result!.swarms[0]).toMatchObject({listed: false, seeders: null, leechers: null, completed: null})
    expect(scrape.received[0]).toMatch(/^\/scrape\?info_hash=/u)
  })
})

describe('checkTrackers against trackers that fail', () => {
  it('classifies each failure, and a failure does not stop the other trackers', async () => {
    const metainfo = await made('v1', [])
    const status500 = await server(startHttpServer(() => ({status: 500, body: 'oops'})))
    const failure = await server(startHttpServer(() => ({body: bencoded({'failure reason': 'unregistered torrent'})})))
    const malformed = await server(startHttpServer(() => ({body: 'd5:filesd20:'})))
    const silent = await server(startSilentTcpServer())
    const silentUdp = await server(startUdpServer())
    const refused = `http://${HOST}:${await closedPort()}/announce`
    const refusedUdp = `udp://${HOST}:${await closedUdpPort()}`
    const results = await checkUrls(
      [
      status500.url,
      failure.url,
      malformed.url,
      silent.url,
      silentUdp.url,
      refused,
      refusedUdp,
      'http://tracker.invalid/announce',
      `https://${new URL(status500.url).host}/announce`,
      'wss://tracker.example/announce',
      'ftp://tracker.example/announce',
      'http://[bad/announce',
      tracker.httpAnnounce,
      ],
      {timeoutMs: 2000, metainfo},
    )
    expect(results.map(({status, reachable, errorClass, message}) => ({status, reachable, errorClass, message}))).toEqual([
      {status: 'failed', reachable: true, errorClass: 'http-status', message: 'HTTP 500 Internal Server Error'},
      {status: 'failed', reachable: true, errorClass: 'tracker-failure', message: 'unregistered torrent'},
      {status: 'failed', reachable: true, errorClass: 'malformed-reply', message: expect.stringMatching(/^the reply is not bencode \(.*\): "d5:filesd20:"$/u)},
      {status: 'failed', reachable: true, errorClass: 'timeout', message: 'connected, but no reply within 2 s'},
      {status: 'failed', reachable: false, errorClass: 'timeout', message: expect.stringMatching(/^no answer within 2 s \(\d+ requests sent\)$/u)},
      {status: 'failed', reachable: false, errorClass: 'refused', message: `${new URL(refused).host} refused the connection`},
      {status: 'failed', reachable: false, errorClass: 'refused', message: `${new URL(refusedUdp).host} refused the connection`},
      {status: 'failed', reachable: false, errorClass: 'dns', message: 'cannot resolve tracker.invalid (ENOTFOUND)'},
      {status: 'failed', reachable: true, errorClass: 'tls', message: expect.stringMatching(/^TLS with 127\.0\.0\.1:\d+ failed: wrong version number$/u)},
      {status: 'not-checked', reachable: false, errorClass: null, message: expect.stringMatching(/^WebSocket \(WebTorrent\) trackers are not checked/u)},
      {status: 'failed', reachable: false, errorClass: 'unsupported-scheme', message: 'ftp: is not a tracker protocol clients speak'},
      {status: 'failed', reachable: false, errorClass: 'invalid-url', message: 'not a valid URL'},
      {status: 'ok', reachable: true, errorClass: null, message: scrapeWarning(metainfo.infoHash!)},
    ])
    // The silent UDP tracker got the connect request, and again after 100 ms, 200 ms, 400 ms, 800 ms.
    expect(silentUdp.received.length).toBeGreaterThanOrEqual(2)
    expect(Number(/\((\d+) requests/u.exec(results[4]!.message!)![1])).toBe(silentUdp.received.length)
    expect(results.slice(0, 9).every((result) => result.latencyMs === null && result.swarms.length === 0)).toBe(true)
  })

  it('reports a self-signed certificate as a TLS failure, and an HTTP error with its failure reason', async () => {
    const selfSigned = await server(startSelfSignedHttpsServer(tree.dir))
    const badRequest = await server(startHttpServer(() => ({status: 400, body: bencoded({'failure reason': 'passkey not found'})})))
    const [tls, status] = await checkUrls([selfSigned.url, badRequest.url])
    expect(tls).toMatchObject({status: 'failed', errorClass: 'tls', reachable: true})
    expect(tls!.message).toMatch(/^TLS with 127\.0\.0\.1:\d+ failed: self[- ]signed certificate$/u)
    expect(selfSigned.received).toEqual([])
    expect(status).toMatchObject({status: 'failed', errorClass: 'http-status', message: 'HTTP 400 Bad Request: passkey not found'})
  })

  it('scrapes a UDP tracker that speaks BEP 15 byte by byte, ignoring packets of another transaction', async () => {
    const connectionId = Buffer.from('0102030405060708', 'hex')
    /** Each answer is preceded by a packet for another transaction id, which must not be taken as the answer. */
    const withStray = (reply: Buffer): Buffer[] => {
      const stray = Buffer.from(reply)
      stray.writeUInt32BE((reply.readUInt32BE(4) + 1) >>> 0, 4)
      stray.writeUInt32BE(3, 0)
      return [stray, reply]
    }
    const udp = await server(
      startUdpServer((packet) => {
        const tid = packet.subarray(12, 16)
        if (packet.length === 16 && packet.readBigUInt64BE(0) === 0x41727101980n && packet.readUInt32BE(8) === 0) {
          return withStray(Buffer.concat([Buffer.from([0, 0, 0, 0]), tid, connectionId]))
        }
        if (packet.subarray(0, 8).equals(connectionId) && packet.readUInt32BE(8) === 2 && packet.length === 36) {
          const reply = Buffer.alloc(20)
          reply.writeUInt32BE(2, 0)
          tid.copy(reply, 4)
          reply.writeUInt32BE(11, 8) // seeders
          reply.writeUInt32BE(99, 12) // completed
          reply.writeUInt32BE(5, 16) // leechers
          return withStray(reply)
        }
        return undefined
      }),
    )
    const [result] = await checkUrls([udp.url])
    expect(result).toMatchObject({status: 'ok', method: 'udp-scrape'})
    expect(result!.swarms[0]).toMatchObject({listed: true, seeders: 11, leechers: 5, completed: 99})
    expect(udp.received.map((packet) => packet.length)).toEqual([16, 36])
  })

  it('reports a UDP tracker whose name does not resolve as dns', async () => {
    const [result] = await checkUrls(['udp://tracker.invalid:6969'])
    expect(result).toMatchObject({status: 'failed', errorClass: 'dns', reachable: false, message: 'cannot resolve tracker.invalid (ENOTFOUND)'})
  })

  it('falls back to an announce when the scrape URL answers 404', async () => {
    const announceOnly = await server(
      startHttpServer((path) =>
        path.startsWith('/scrape') ? {status: 404} : {body: bencoded({interval: 1800, complete: 7, incomplete: 3, peers: Buffer.alloc(0), 'warning message': 'slow down'})},
      ),
    )
    const [result] = await checkUrls([announceOnly.url])
    expect(result).toMatchObject({status: 'ok', method: 'announce', message: 'slow down'})
    expect(result!.swarms[0]).toMatchObject({seeders: 7, leechers: 3, completed: null})
    expect(announceOnly.received.map((path) => path.split('?')[0])).toEqual(['/scrape', '/announce'])
  })

  it('names the announce as the method when the announce after a 404 scrape fails too', async () => {
    const broken = await server(startHttpServer((path) => ({status: path.startsWith('/scrape') ? 404 : 503})))
    const [result] = await checkUrls([broken.url])
    expect(result).toMatchObject({status: 'failed', method: 'announce', errorClass: 'http-status', message: 'HTTP 503 Service Unavailable'})
  })

  it('ends the other announce of a hybrid when one fails, leaving no request open', async () => {
    const open = new Set<string>()
    // Once both announces are in, answers the first with a 500 and keeps the second waiting for as long as it is open.
    const server2 = await server(
      (async () => {
        const http = await import('node:http')
        const received: string[] = []
        let first: import('node:http').ServerResponse | undefined
        const tcp = http.createServer((request, response) => {
          received.push(request.url ?? '')
          if (first === undefined) return void (first = response)
          open.add(request.url ?? '')
          request.socket.on('close', () => open.delete(request.url ?? ''))
          first.writeHead(500).end()
        })
        await new Promise<void>((resolve) => tcp.listen(0, HOST, resolve))
        const {port} = tcp.address() as {port: number}
        return {url: `http://${HOST}:${port}/tracker`, received, close: () => new Promise<void>((resolve) => (tcp.closeAllConnections(), tcp.close(() => resolve())))}
      })(),
    )
    const metainfo = await made('hybrid', [[server2.url]])
    const [result] = (await checkTrackers(metainfo, {timeoutMs: 30_000})).trackers
    expect(result).toMatchObject({status: 'failed', method: 'announce', errorClass: 'http-status'})
    for (let i = 0; i < 100 && open.size > 0; i++) await new Promise((resolve) => setTimeout(resolve, 20))
    expect(server2.received).toHaveLength(2)
    expect(open.size).toBe(0)
  })

  it('gives up on a redirect loop', async () => {
    const loop = await server(startHttpServer((path) => ({status: 302, headers: {location: path}})))
    const [result] = await checkUrls([loop.url])
    expect(result).toMatchObject({status: 'failed', errorClass: 'redirect', message: 'more than 5 redirects', reachable: true})
    expect(loop.received).toHaveLength(6)
  })

  it('reports a UDP error reply (action 3) as the tracker failure, and a short reply as malformed', async () => {
    const answer = (action: number, extra: Buffer) => (packet: Buffer) => {
      const reply = Buffer.concat([Buffer.alloc(8), extra])
      reply.writeUInt32BE(action, 0)
      packet.copy(reply, 4, 12, 16)
      return reply
    }
    const refusing = await server(startUdpServer(answer(3, Buffer.from('torrent not registered'))))
    const short = await server(startUdpServer(answer(0, Buffer.alloc(2))))
    const [failed, malformed] = await checkUrls([refusing.url, short.url])
    expect(failed).toMatchObject({status: 'failed', errorClass: 'tracker-failure', message: 'torrent not registered', reachable: true})
    expect(malformed).toMatchObject({status: 'failed', errorClass: 'malformed-reply', reachable: true})
    expect(malformed!.message).toBe('a 10-byte reply with action 0, where action 0 and at least 16 bytes were expected')
  })

  it('refuses a reply longer than 1 MiB', async () => {
    const huge = await server(startHttpServer(() => ({body: Buffer.alloc(1024 * 1024 + 1, 0x61)})))
    const [result] = await checkUrls([huge.url])
    expect(result).toMatchObject({status: 'failed', errorClass: 'malformed-reply', message: 'the reply is over 1048576 bytes'})
  })

  it('masks passkeys in the URLs it reports', async () => {
    const [result] = await checkUrls([`http://${HOST}:${await closedPort()}/0123456789abcdef0123/announce?passkey=s3cr3t`])
    expect(result!.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\*\*\*\/announce\?passkey=\*\*\*$/u)
    expect(JSON.stringify(result)).not.toMatch(/s3cr3t|0123456789abcdef0123/u)
  })
})

describe('checkTrackers options', () => {
  it('asks only the tiers and URLs given, and refuses ones the torrent does not have', async () => {
    const metainfo = await made('v1', [[tracker.httpAnnounce], [tracker.udpAnnounce]])
    const byTier = await checkTrackers(metainfo, {tiers: [2]})
    expect(byTier.trackers.map((result) => result.url)).toEqual([tracker.udpAnnounce])
    const byUrl = await checkTrackers(metainfo, {urls: [tracker.httpAnnounce]})
    expect(byUrl.trackers.map((result) => result.url)).toEqual([tracker.httpAnnounce])
    await expect(checkTrackers(metainfo, {tiers: [3]})).rejects.toMatchObject({code: 'no-match', message: 'the torrent has no tier 3 (it has 2 tiers)'})
    await expect(checkTrackers(metainfo, {urls: ['udp://elsewhere.example:1']})).rejects.toMatchObject({code: 'no-match'})
  })

  it('stops every request when its signal is aborted', async () => {
    const silent = await server(startSilentTcpServer())
    const silentUdp = await server(startUdpServer())
    const metainfo = await made('v1', [[silent.url, silentUdp.url]])
    const controller = new AbortController()
    const check = checkTrackers(metainfo, {timeoutMs: 60_000, signal: controller.signal})
    setTimeout(() => controller.abort(new Error('stop')), 100)
    await expect(check).rejects.toThrow('stop')
  })
})
