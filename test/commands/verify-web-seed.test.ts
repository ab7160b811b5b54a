import {writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {start, stderrLines} from '../faults/fault-helpers.js'
import {runCli} from '../helpers/run-cli.js'
import {type TempTree, makeTempTree, pseudoRandomBytes} from '../helpers/temp-tree.js'
import {KiB, encode, hybridInfo, v1File, v1MultiInfo, v2File, v2Info, v2Torrent} from '../helpers/torrent-builder.js'
import {multiFileTorrent, pieceAt, piecesOfFile, singleFileTorrent} from '../helpers/verify-torrents.js'
import {type WebSeedServer, startWebSeedServer} from '../helpers/web-seed-server.js'

const L = 32 * KiB
const FILES = [
  {path: 'a.bin', data: pseudoRandomBytes(2 * L + 10, 5)},
  {path: 'sub/b c.bin', data: pseudoRandomBytes(L, 6)},
  {path: 'z.txt', data: Buffer.from('hello\n')},
]
const LENGTHS = FILES.map((file) => file.data.length)
const TOTAL = LENGTHS.reduce((a, b) => a + b)

let dir: TempTree
let good: WebSeedServer
let bad: WebSeedServer

beforeAll(async () => {
  dir = await makeTempTree({})
  const served = (change: (path: string, data: Buffer) => Buffer): Record<string, Buffer> =>
    Object.fromEntries(FILES.map((file) => [`/pub/rel/${file.path}`, change(file.path, Buffer.from(file.data))]))
  good = await startWebSeedServer({files: served((_, data) => data)})
  bad = await startWebSeedServer({
    files: served((path, data) => {
      if (path === 'a.bin') data[L + 5]! ^= 0xff
      return data
    }),
    statusFor: {'/pub/rel/z.txt': 404},
  })
})
afterAll(async () => {
  await Promise.all([good.close(), bad.close()])
  await dir.cleanup()
})

async function torrentWith(mode: 'v1' | 'v2' | 'hybrid', name = 't.torrent'): Promise<string> {
  const path = join(dir.dir, name)
  await writeFile(path, multiFileTorrent('rel', FILES, mode, L))
  return path
}

describe('verify --web-seed, piped output', () => {
  it('prints one block per web seed and the overall result, exit 0 when every piece checks out', async () => {
    const result = await runCli(['verify', '--web-seed', `${good.origin}/pub/`, await torrentWith('hybrid')])
    expect(result.stdout).toBe(
      [
        'meta version\thybrid',
        `web seed\t${good.origin}/pub/`,
        'range support\tyes',
        'files ok\t3\t3',
        'pieces ok\t5\t5',
        'pieces checked\t5',
        `bytes hashed\t${TOTAL}`,
        `bytes good\t${TOTAL}`,
        'web seed result\tok',
        'result\tok',
        '',
      ].join('\n'),
    )
    expect(result.stderr).toBe('')
    expect(result.status).toBe(0)
  })

  it('names each bad file with its pieces, detail and URL, and exits 1', async () => {
    const result = await runCli(['verify', '--web-seed', `${bad.origin}/pub`, '--web-seed', `${good.origin}/pub/`, await torrentWith('v1')])
    const corrupt = pieceAt(LENGTHS, 'v1', L, 0, L + 5)
    const missing = piecesOfFile(LENGTHS, 'v1', L, 2)
    expect(result.stdout).toBe(
      [
        'meta version\tv1',
        `web seed\t${bad.origin}/pub`,
        'range support\tyes',
        `file\tcorrupt\ta.bin\t${corrupt}\t\t${bad.origin}/pub/rel/a.bin`,
        `file\tcorrupt\tsub/b c.bin\t${missing.join(', ')}\tshares pieces with a missing or damaged file\t${bad.origin}/pub/rel/sub/b%20c.bin`,
        `file\tmissing\tz.txt\t${missing.join(', ')}\tHTTP 404 Not Found\t${bad.origin}/pub/rel/z.txt`,
        'files ok\t0\t3',
        'pieces ok\t2\t4',
        'pieces checked\t4',
        // Read and hashed, as local verify counts: the corrupt piece too, not the missing file's.
        `bytes hashed\t${3 * L}`,
        // Pieces 0 and 2 passed, both whole: a.bin's first piece and its 10 bytes in piece 2, and b c.bin's 32,758.
        `bytes good\t${2 * L}`,
        'web seed result\tproblems',
        `web seed\t${good.origin}/pub/`,
        'range support\tyes',
        'files ok\t3\t3',
        'pieces ok\t4\t4',
        'pieces checked\t4',
        `bytes hashed\t${TOTAL}`,
        `bytes good\t${TOTAL}`,
        'web seed result\tok',
        'result\tproblems',
        '',
      ].join('\n'),
    )
    expect(result.stderr).toBe(`mktorrent: error: 1 of 2 web seeds failed verification: ${bad.origin}/pub (2 corrupt, 1 missing)\n`)
    expect(result.status).toBe(1)
  })

  it('--web-seeds checks the url-list; --sample prints its seed, and --seed repeats the same pieces', async () => {
    const path = join(dir.dir, 'listed.torrent')
    await writeFile(path, encode({'url-list': [`${good.origin}/pub/`], info: v1MultiInfo('rel', FILES.map((file) => v1File(file.path, file.data)), L)}))
    const first = await runCli(['verify', '--web-seeds', '--sample', '1', '--json', path])
    const report = JSON.parse(first.stdout) as {sample: {pieces: number; seed: number}; webSeeds: Array<{pieces: {checked: number}}>}
    expect(first.status).toBe(0)
    expect(report.sample.pieces).toBe(1)
    const {seed} = report.sample
    const again = await runCli(['verify', '--web-seeds', '--sample', '1', '--seed', String(seed), path])
    expect(again.stdout).toContain(`sample\t1\t${seed}\n`)
    expect(again.stdout).toContain(`pieces checked\t${report.webSeeds[0]!.pieces.checked}\n`)
    expect(again.stderr).toBe(`Sampled 1 random pieces and the first and last piece of every file with seed ${seed}; repeat with --sample 1 --seed ${seed}\n`)
  })
})

describe('verify --web-seed --json', () => {
  it('prints the report with the file\'s URL and the per-URL totals, credentials and query tokens masked', async () => {
    // A signed URL fits a single-file torrent, whose URL is used as it is (BEP 19).
    const data = FILES[0]!.data
    const server = await startWebSeedServer({files: {'/pub/rel.bin': data}})
    try {
      const path = join(dir.dir, 'single.torrent')
      await writeFile(path, singleFileTorrent('rel.bin', data, 'v2', L))
      const url = `${server.origin.replace('http://', 'http://me:pw@')}/pub/rel.bin?expires=1&sig=abc`
      const result = await runCli(['verify', '--json', '--web-seed', url, path])
      const masked = `${server.origin.replace('http://', 'http://***:***@')}/pub/rel.bin?expires=***&sig=***`
      expect(JSON.parse(result.stdout)).toEqual({
        ok: true,
        metaVersion: 'v2',
        name: 'rel.bin',
        fast: false,
        sample: null,
        webSeeds: [
          {
            url: masked,
            ok: true,
            error: null,
            // libtorrent would ask for <url>/rel.bin: 2 * L + 10 is not a multiple of the piece length.
            notes: [expect.stringMatching(/^libtorrent 2\.0 /)],
            rangeSupport: true,
            pieces: {total: 3, checked: 3, good: 3, bad: [], inconsistent: []},
            files: [{path: 'rel.bin', url: masked, length: data.length, status: 'ok', badPieces: [], remoteLength: data.length, detail: null}],
            bytesHashed: data.length,
            bytesGood: data.length,
          },
        ],
      })
      expect(result.stdout).not.toMatch(/pw|abc/)
      expect(result.status).toBe(0)
      expect(server.requests.map((request) => request.url)).toContain('/pub/rel.bin?expires=1&sig=abc')
    } finally {
      await server.close()
    }
  })
})

describe('verify --web-seed, interrupted', () => {
  it('exits 130 on SIGINT while a server keeps it waiting, with one error line and no report', async () => {
    const hanging = await startWebSeedServer({files: {}, hang: true})
    try {
      const running = start(['verify', '--web-seed', `${hanging.origin}/pub/`, await torrentWith('v1', 'hang.torrent')], {guardMs: 20_000})
      for (let waited = 0; hanging.requests.length === 0 && waited < 15_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50))
      expect(hanging.requests.length).toBeGreaterThan(0)
      running.child.kill('SIGINT')
      const result = await running.done
      expect(result.hung).toBe(false)
      expect(result.status).toBe(130)
      expect(stderrLines(result.stderr)).toEqual(['mktorrent: error: interrupted; verification stopped'])
      expect(result.stdout.toString()).toBe('')
    } finally {
      await hanging.close()
    }
  })
})

describe('verify --web-seed, usage and invalid torrents', () => {
  it.each([
    [['--web-seed', 'ftp://127.0.0.1/x/'], '--web-seed ftp://127.0.0.1/x/: ftp is not supported: web seeds are http or https'],
    [['--web-seeds'], 'the torrent lists no web seeds (url-list); give one with --web-seed URL'],
    [['--sample', '3'], '--sample applies to web seeds: give --web-seed URL or --web-seeds'],
    [['--web-seed', 'http://127.0.0.1:9/', '--save-path', '/tmp'], '--web-seed and --web-seeds check remote data: give no content path, --save-path or --file with them'],
  ])('%j exits 2', async (flags, message) => {
    const result = await runCli(['verify', ...flags, await torrentWith('v1', 'usage.torrent')])
    expect(result.stderr).toBe(`mktorrent: error: ${message}\n`)
    expect(result.status).toBe(2)
  })

  it('--seed needs --sample', async () => {
    const result = await runCli(['verify', '--web-seeds', '--seed', '5', await torrentWith('v1', 'usage.torrent')])
    expect(result.status).toBe(2)
    expect(result.stderr).toMatch(/^mktorrent: error: .*--sample/)
  })

  it('exits 3 with the report when a hybrid contradicts itself on the data served', async () => {
    const v2Files = FILES.map((file) => v2File(file.path, file.data))
    const {info} = hybridInfo('rel', v2Files, L)
    const other = v2Info('rel', v2Files.map((file) => (file.path.join('/') === 'z.txt' ? {...file, data: Buffer.from('hellO\n')} : file)), L)
    const path = join(dir.dir, 'mixed.torrent')
    await writeFile(path, v2Torrent({...info, 'file tree': other.info['file tree']}, other.layers))
    const result = await runCli(['verify', '--web-seed', `${good.origin}/pub/`, path])
    expect(result.stdout).toContain('file\tcorrupt\tz.txt\t4\t\t')
    expect(result.stdout).toContain('inconsistent\t4\n')
    expect(result.stdout).toContain('web seed result\tinconsistent\nresult\tinconsistent\n')
    expect(result.stderr).toBe(
      'mktorrent: error: the torrent is internally inconsistent: piece 4 passes one of its v1 (SHA-1) and v2 (SHA-256) hashes and fails the other, so the two describe different data\n',
    )
    expect(result.status).toBe(3)
  })

  it('refuses an invalid torrent with exit 3 before asking any server', async () => {
    const path = join(dir.dir, 'bad.torrent')
    await writeFile(path, encode({info: v1MultiInfo('rel', [v1File('../escape', Buffer.from('x'))], L)}))
    const before = good.requests.length
    const result = await runCli(['verify', '--web-seed', `${good.origin}/pub/`, path])
    expect(result.status).toBe(3)
    expect(good.requests.length).toBe(before)
  })
})
