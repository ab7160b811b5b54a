import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {describeWithTool} from '../helpers/external-tools.js'
import {type LtMode, ltCreate, ltMagnet} from '../helpers/libtorrent.js'
import {REPO_ROOT} from '../helpers/run-cli.js'
// runCli here is runWarmCli: bin/run.js in a warm process, start-up paid once per file (test/helpers/warm-cli.ts).
import {runWarmCli as runCli} from '../helpers/warm-cli.js'
import {type TempTree, makeTempTree} from '../helpers/temp-tree.js'

const TORRENTS = join(REPO_ROOT, 'fixtures', 'torrents')
const GOLDEN_FILES = Object.keys(JSON.parse(readFileSync(join(TORRENTS, 'golden.json'), 'utf8')) as Record<string, unknown>)
const MODES: LtMode[] = ['v1', 'v2', 'hybrid']
/** Characters that need escaping, the apostrophe libtorrent escapes and encodeURIComponent does not, and non-ASCII. */
const AWKWARD_NAME = "it's (a) test ü&=+#%"
const TIER_TRACKERS = ['udp://t1.example:6969/announce', 'http://t2.example/ann?x=1&y=2', 'https://t3.example/a%20b']

/** libtorrent writes percent escapes in lower case, we in upper case (RFC 3986 2.1); the bytes are the same. */
function upperEscapes(uri: string): string {
  return uri.replace(/%[0-9a-f]{2}/gi, (escape) => escape.toUpperCase())
}

async function ourMagnet(torrent: string): Promise<string> {
  const result = await runCli(['magnet', torrent], {timeoutMs: 30_000})
  if (result.status !== 0) throw new Error(`mktorrent magnet exited ${result.status}: ${result.stderr}`)
  return result.stdout.trimEnd()
}

describeWithTool('libtorrent', "magnet against libtorrent's make_magnet_uri", () => {
  for (const file of GOLDEN_FILES) {
    it(`${file}: the same URI`, async () => {
      expect(await ourMagnet(join(TORRENTS, file))).toBe(upperEscapes(ltMagnet(join(TORRENTS, file))))
    })
  }

  describe('on torrents libtorrent creates with an awkward name, one tracker per tier and a web seed', () => {
    let tree: TempTree
    beforeAll(async () => {
      tree = await makeTempTree({'a.txt': 5000, 'sub/b.bin': 40_000}, {rootName: AWKWARD_NAME})
    })
    afterAll(async () => {
      await tree?.cleanup()
    })

    for (const mode of MODES) {
      it(`${mode}: the same URI, topics, dn, tr and ws in the same order`, async () => {
        const torrent = join(tree.dir, `${mode}.torrent`)
        // libtorrent adds a trailing slash to a multi-file torrent's web seed on load (spec.md 3.1), so give it one.
        ltCreate(tree.root, torrent, {mode, pieceLength: 16384, trackers: TIER_TRACKERS, webSeed: 'http://seed.example/files/'})
        expect(await ourMagnet(torrent)).toBe(upperEscapes(ltMagnet(torrent)))
      })
    }
  })

  describe('on torrents we create with several trackers in one tier and several web seeds', () => {
    let tree: TempTree
    beforeAll(async () => {
      tree = await makeTempTree({'only.bin': 70_000}, {rootName: 'single'})
    })
    afterAll(async () => {
      await tree?.cleanup()
    })

    // Web seeds end in a slash: libtorrent adds one on load to any other in a v2-only torrent (docs/magnet-output.md).
    for (const mode of MODES) {
      it(`${mode}: the same xt, dn and ws, and the same trackers (libtorrent shuffles within a tier)`, async () => {
        const torrent = join(tree.dir, `${mode}.torrent`)
        const created = await runCli(
          ['create', '-q', '--meta-version', mode, '-a', 'udp://a.example:1/x,udp://b.example:2/y,http://c.example/z', '-a', 'http://d.example/w',
            '-w', 'http://seed1.example/pub/', '-w', 'http://seed2.example/mirror/', '--no-date', '-o', torrent, join(tree.root, 'only.bin')],
          {timeoutMs: 60_000},
        )
        expect(created.status).toBe(0)
        const ours = new URL(await ourMagnet(torrent)).searchParams
        const theirs = new URL(ltMagnet(torrent)).searchParams
        for (const key of ['xt', 'dn', 'ws']) expect(ours.getAll(key)).toEqual(theirs.getAll(key))
        expect(ours.getAll('tr').slice(0, 3).sort()).toEqual(theirs.getAll('tr').slice(0, 3).sort())
        expect(ours.getAll('tr').slice(3)).toEqual(theirs.getAll('tr').slice(3))
        expect([...new Set(ours.keys())]).toEqual([...new Set(theirs.keys())])
      })
    }
  })
})
