import {writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {createTorrent} from '../../src/core/use-cases/create-torrent.js'
import type {TrackersReport} from '../../src/core/remote/tracker-report.js'
import {start} from '../faults/fault-helpers.js'
import {describeWithTool} from '../helpers/external-tools.js'
import {ltCreate} from '../helpers/libtorrent.js'
import {runCli} from '../helpers/run-cli.js'
import {type TempTree, makeTempTree} from '../helpers/temp-tree.js'
import {HOST, type RealTracker, type TestServer, closedPort, startRealTracker, startSilentTcpServer} from '../helpers/tracker-servers.js'

let tracker: RealTracker
let tree: TempTree
let silent: TestServer
let refused: string
/** v1, seeded at the tracker by one real announce, listing the HTTP and the UDP tracker in two tiers. */
let v1Torrent: string
let v1Hash: string

/** A torrent of the test tree with these tiers, written to the tree's folder. */
async function writeTorrent(file: string, announce: string[][], metaVersion: 'v1' | 'v2' | 'hybrid' = 'v1'): Promise<{path: string; bytes: Buffer}> {
  const created = await createTorrent({path: tree.root, metaVersion, pieceLength: 16 * 1024, announce, threads: 1})
  const path = join(tree.dir, file)
  await writeFile(path, created.bytes)
  return {path, bytes: created.bytes}
}

/** Latencies differ from run to run: `<ms>` in their place. */
function normalise(text: string): string {
  return text.replace(/^(tracker\tok\t\d+\t[^\t]+\t[^\t]+\t)\d+/gmu, '$1<ms>')
}

beforeAll(async () => {
  tracker = await startRealTracker()
  silent = await startSilentTcpServer()
  refused = `http://${HOST}:${await closedPort()}/announce`
  tree = await makeTempTree({'a.bin': 20_000}, {rootName: 'release'})
  v1Torrent = (await writeTorrent('v1.torrent', [[tracker.httpAnnounce], [tracker.udpAnnounce]])).path
  const report = JSON.parse((await runCli(['info', '--json', v1Torrent])).stdout) as {infoHash: string}
  v1Hash = report.infoHash
  await tracker.announcePeer(Buffer.from(v1Hash, 'hex'), 50_101, 0)
})

afterAll(async () => {
  await silent?.close()
  await tracker?.close()
  await tree?.cleanup()
})

describe('trackers', () => {
  it('prints one line per tracker and swarm on a pipe, nothing on stderr, and exits 0 when all answer', async () => {
    const result = await runCli(['trackers', v1Torrent], {timeoutMs: 60_000})
    expect(result.stderr).toBe('')
    expect(result.status).toBe(0)
    const warning = Buffer.from(v1Hash, 'hex').some((byte) => byte >= 0x80)
      ? 'the scrape reply keys this hash as UTF-8 text, not its 20 bytes (BEP 48); counts read anyway'
      : '-'
    expect(normalise(result.stdout)).toBe(
      [
        'name\trelease',
        `info hash\tv1\t${v1Hash}`,
        `tracker\tok\t1\t${tracker.httpAnnounce}\tscrape\t<ms>\t-\t${warning}`,
        `swarm\t1\t${tracker.httpAnnounce}\tv1\t1\t0\t1`,
        `tracker\tok\t2\t${tracker.udpAnnounce}\tudp-scrape\t<ms>\t-\t-`,
        `swarm\t2\t${tracker.udpAnnounce}\tv1\t1\t0\t1`,
        'trackers answered\t2\t2',
        'result\tok',
        '',
      ].join('\n'),
    )
  })

  it('prints the documented JSON object with --json', async () => {
    const result = await runCli(['trackers', '--json', '--tier', '2', v1Torrent], {timeoutMs: 60_000})
    expect(result).toMatchObject({status: 0, stderr: ''})
    expect(JSON.parse(result.stdout)).toEqual({
      ok: true,
      name: 'release',
      metaVersion: 'v1',
      infoHashes: [{version: 'v1', infoHash: v1Hash}],
      timeoutMs: 10_000,
      trackers: [
        {
          tier: 2,
          url: tracker.udpAnnounce,
          protocol: 'udp',
          status: 'ok',
          reachable: true,
          method: 'udp-scrape',
          latencyMs: expect.any(Number),
          errorClass: null,
          message: null,
          swarms: [{version: 'v1', infoHash: v1Hash, listed: true, seeders: 1, leechers: 0, completed: 1}],
        },
      ],
      counts: {trackers: 1, answered: 1, failed: 0, notChecked: 0},
    } satisfies TrackersReport)
  })

  it('exits 1 with one line on stderr naming the failures, after listing every tracker', async () => {
    const {path} = await writeTorrent('mixed.torrent', [[tracker.udpAnnounce, refused], [silent.url], ['wss://tracker.example/announce']])
    const result = await runCli(['trackers', '--timeout', '2s', path], {timeoutMs: 60_000})
    expect(result.status).toBe(1)
    expect(result.stderr).toBe('mktorrent: error: 2 of 3 trackers did not answer (1 refused, 1 timeout)\n')
    const trackerLines = result.stdout.split('\n').filter((line) => line.startsWith('tracker\t'))
    expect(trackerLines.map((line) => line.split('\t').slice(1, 4).concat(line.split('\t')[6]!))).toEqual([
      ['ok', '1', tracker.udpAnnounce, '-'],
      ['failed', '1', refused, 'refused'],
      ['failed', '2', silent.url, 'timeout'],
      ['not-checked', '3', 'wss://tracker.example/announce', '-'],
    ])
    expect(result.stdout).toMatch(/\ntrackers answered\t1\t4\nresult\tproblems\n$/u)
  })

  it('also exits 1 with --json, the report on stdout', async () => {
    const {path} = await writeTorrent('refused.torrent', [[refused]])
    const result = await runCli(['trackers', '--json', path], {timeoutMs: 60_000})
    expect(result.status).toBe(1)
    expect(result.stderr).toBe('mktorrent: error: 1 of 1 tracker did not answer (1 refused)\n')
    expect(JSON.parse(result.stdout)).toMatchObject({ok: false, counts: {trackers: 1, answered: 0, failed: 1, notChecked: 0}})
  })

  it('exits 0 and says so on stderr when no tracker can be asked', async () => {
    const {path} = await writeTorrent('wss.torrent', [['wss://tracker.example/announce']])
    const result = await runCli(['trackers', path], {timeoutMs: 60_000})
    expect(result.status).toBe(0)
    expect(result.stderr).toBe('mktorrent: note: no tracker was asked: none of its trackers can be checked\n')
    expect(result.stdout).toContain('tracker\tnot-checked\t1\twss://tracker.example/announce\t-\t-\t-\tWebSocket (WebTorrent) trackers are not checked')
  })

  it('masks a passkey in every line it prints', async () => {
    const secret = `http://${HOST}:${new URL(refused).port}/announce.php?passkey=0123456789abcdef0123`
    const {path} = await writeTorrent('private.torrent', [[secret]])
    const result = await runCli(['trackers', path], {timeoutMs: 60_000})
    expect(result.status).toBe(1)
    expect(`${result.stdout}${result.stderr}`).not.toContain('0123456789abcdef0123')
    expect(result.stdout).toContain(`/announce.php?passkey=***\t`)
  })
})

describe('trackers errors', () => {
  it('exits 3 for an invalid torrent, printing nothing on stdout', async () => {
    const result = await runCli(['trackers', 'fixtures/hostile/path-dotdot-v1.torrent'])
    expect(result).toMatchObject({status: 3, stdout: ''})
    expect(result.stderr).toMatch(/^mktorrent: error: fixtures\/hostile\/path-dotdot-v1\.torrent is not a valid torrent: .*\n$/u)
  })

  it.each([
    [['--timeout', 'soon'], 'mktorrent: error: --timeout "soon" is not a time from 100ms to 600s (seconds, or with a unit: 500ms, 2.5s)\n'],
    [['--tier', '3'], 'mktorrent: error: the torrent has no tier 3 (it has 2 tiers)\n'],
    [['--url', 'udp://other.example:1'], 'mktorrent: error: the torrent has no tracker udp://other.example:1\n'],
  ])('exits 2 for %j', async (flags, stderr) => {
    const result = await runCli(['trackers', ...flags, v1Torrent])
    expect(result).toMatchObject({status: 2, stdout: '', stderr})
  })
})

describe('trackers, interrupted', () => {
  it('exits 130 on SIGINT while a tracker has not answered, with one line on stderr', async () => {
    const quiet = await startSilentTcpServer()
    try {
      const {path} = await writeTorrent('quiet.torrent', [[quiet.url]])
      const running = start(['trackers', '--timeout', '600', path], {guardMs: 60_000})
      // Signal once the request has reached the server: the check is then waiting on the network.
      for (let i = 0; i < 400 && quiet.received.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 50))
      expect(quiet.received[0]).toMatch(/^GET \/scrape\?info_hash=/u)
      running.child.kill('SIGINT')
      const result = await running.done
      expect(result).toMatchObject({status: 130, hung: false, stderr: 'mktorrent: error: interrupted; the trackers were not all asked\n'})
      expect(result.stdout.toString()).toBe('')
    } finally {
      await quiet.close()
    }
  })
})

describeWithTool('libtorrent', 'trackers with a torrent libtorrent made', () => {
  it('asks for the v1 hash and the truncated v2 hash libtorrent computed, and reads the counts the tracker holds', async () => {
    const path = join(tree.dir, 'lt-hybrid.torrent')
    const lt = ltCreate(tree.root, path, {mode: 'hybrid', pieceLength: 16 * 1024, trackers: [tracker.udpAnnounce, tracker.httpAnnounce]})
    const v2 = lt.infoHashV2!.slice(0, 40)
    await tracker.announcePeer(Buffer.from(v2, 'hex'), 50_111, 0)
    await tracker.announcePeer(Buffer.from(v2, 'hex'), 50_112, 100)
    const result = await runCli(['trackers', '--json', path], {timeoutMs: 60_000})
    expect(result).toMatchObject({status: 0, stderr: ''})
    const report = JSON.parse(result.stdout) as TrackersReport
    expect(report.infoHashes).toEqual([
      {version: 'v1', infoHash: lt.infoHash},
      {version: 'v2', infoHash: v2},
    ])
    const held = (hash: string) => ({seeders: tracker.swarm(hash)?.complete ?? 0, leechers: tracker.swarm(hash)?.incomplete ?? 0})
    expect(held(v2)).toEqual({seeders: 1, leechers: 1})
    for (const each of report.trackers) {
      expect(each.swarms.map(({version, seeders, leechers}) => ({version, seeders, leechers}))).toEqual([
        {version: 'v1', ...held(lt.infoHash!)},
        {version: 'v2', ...held(v2)},
      ])
    }
  })
})
