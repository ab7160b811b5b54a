import {spawn} from 'node:child_process'
import {writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {afterAll, beforeAll, expect, it} from 'vitest'
import {createTorrent} from '../../src/core/use-cases/create-torrent.js'
import {parseMetainfo} from '../../src/core/metainfo/parse-metainfo.js'
import {checkTrackers} from '../../src/core/remote/tracker-check.js'
import {describeWithTool} from '../helpers/external-tools.js'
import {type TempTree, makeTempTree} from '../helpers/temp-tree.js'
import {type RealTracker, startRealTracker} from '../helpers/tracker-servers.js'

let tracker: RealTracker
let tree: TempTree

beforeAll(async () => {
  tracker = await startRealTracker()
  tree = await makeTempTree({'a.bin': 30_000}, {rootName: 'release'})
})

afterAll(async () => {
  await tracker?.close()
  await tree?.cleanup()
})

/** transmission-show, asynchronously: the tracker it asks runs in this process. */
function transmissionShow(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('transmission-show', args)
    let out = ''
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')))
    const guard = setTimeout(() => child.kill('SIGKILL'), 60_000)
    child.on('error', reject)
    child.on('close', () => {
      clearTimeout(guard)
      resolve(out)
    })
  })
}

describeWithTool('transmission-show', 'trackers against transmission-show --scrape', () => {
  it("finds no entry in bittorrent-tracker's scrape reply, as libtorrent would not; we read it and say why", async () => {
    const created = await createTorrent({path: tree.root, metaVersion: 'v1', pieceLength: 16 * 1024, announce: [[tracker.httpAnnounce]], source: 'interop', threads: 1})
    const metainfo = parseMetainfo(created.bytes).metainfo
    // The quirk shows only for a hash with a byte of 0x80 or more; this torrent's has (its bytes are fixed).
    expect(metainfo.infoHash!.some((byte) => byte >= 0x80)).toBe(true)
    await tracker.announcePeer(metainfo.infoHash!, 50_201, 0)
    const path = join(tree.dir, 'release.torrent')
    await writeFile(path, created.bytes)

    expect(await transmissionShow(['--scrape', path])).toMatch(/\/scrape\?info_hash=\S+ \.\.\. no match\n/u)
    const [result] = (await checkTrackers(metainfo, {timeoutMs: 10_000})).trackers
    expect(result).toMatchObject({status: 'ok', method: 'scrape', message: expect.stringContaining('UTF-8 text')})
    expect(result!.swarms[0]).toMatchObject({listed: true, seeders: 1, leechers: 0})
  })
})
