import {readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {describeWithTool} from '../helpers/external-tools.js'
import {type InfoIssue, payloadFiles, runInfoJson} from '../helpers/info-json.js'
import {type LtMode, type LtTorrent, ltCreate, ltMagnet} from '../helpers/libtorrent.js'
import {REPO_ROOT} from '../helpers/run-cli.js'
// runCli here is runWarmCli: bin/run.js in a warm process, start-up paid once per file (test/helpers/warm-cli.ts).
import {runWarmCli as runCli} from '../helpers/warm-cli.js'
import {type TempTree, type TreeSpec, makeTempTree} from '../helpers/temp-tree.js'

const TORRENTS = join(REPO_ROOT, 'fixtures', 'torrents')
const HOSTILE = join(REPO_ROOT, 'fixtures', 'hostile')
const TRACKER = 'http://tracker.example/announce'

interface Golden {
  tool: string
  command: string
  name: string
  infoHash: string | null
  infoHashV2: string | null
  pieceLength: number
  numPieces: number
  magnet: string
  files: Array<{path: string; length: number}>
  /** Present when a sorted re-encoding of `info` hashes differently (non-canonical input). */
  reencodedInfoHash?: string
}

const GOLDEN = JSON.parse(readFileSync(join(TORRENTS, 'golden.json'), 'utf8')) as Record<string, Golden>
const HOSTILE_FILES = readdirSync(HOSTILE).filter((file) => file.endsWith('.torrent'))

/** Every boundary and ordering trap of spec.md 3.3, 4.2 and 4.5, for both piece lengths used below. */
const TRAP_TREE: TreeSpec = {
  'a.txt': 1000,
  'B.txt': 300,
  'empty.dat': 0,
  'exact16k.bin': 16384,
  'over16k.bin': 16385,
  'exact32k.bin': 32768,
  'over32k.bin': 32769,
  '\u{1F600} smile.txt': 2000,
  '\uFF3A wide.txt': 900,
  '\u6570\u636e.bin': 50000,
  'sub/x': 5,
  'sub/deeper/leaf.txt': 7000,
  'sub.txt': 40000,
  'nested/a/b/c.txt': 123,
}

function errors(issues: InfoIssue[]): InfoIssue[] {
  return issues.filter((issue) => issue.severity === 'error')
}

function magnetTopics(magnet: string): {xt: string[]; dn: string | null} {
  const params = new URL(magnet).searchParams
  return {xt: params.getAll('xt').map((topic) => topic.toLowerCase()).sort(), dn: params.get('dn')}
}

describeWithTool('libtorrent', 'info on torrents libtorrent creates during the test', () => {
  let tree: TempTree

  beforeAll(async () => {
    tree = await makeTempTree(TRAP_TREE, {rootName: 'traps'})
  })

  afterAll(async () => {
    await tree?.cleanup()
  })

  const modes: LtMode[] = ['v1', 'v2', 'hybrid']
  for (const mode of modes) {
    for (const pieceLength of [16384, 32768]) {
      describe(`${mode} with ${pieceLength / 1024} KiB pieces`, () => {
        let torrent: string
        let theirs: LtTorrent

        beforeAll(() => {
          torrent = join(tree.dir, `${mode}-${pieceLength}.torrent`)
          theirs = ltCreate(tree.root, torrent, {mode, pieceLength, trackers: [TRACKER]})
        })

        it('reports the info-hashes libtorrent computes', async () => {
          const ours = await runInfoJson(torrent)
          expect({infoHash: ours.infoHash, infoHashV2: ours.infoHashV2}).toEqual({
            infoHash: theirs.infoHash,
            infoHashV2: theirs.infoHashV2,
          })
          expect(ours.metaVersion).toBe(mode)
        })

        it("lists libtorrent's payload files in the same order, paths and lengths", async () => {
          const ours = await runInfoJson(torrent)
          expect(payloadFiles(ours.files)).toEqual(payloadFiles(theirs.files))
          expect(ours.totalLength).toBe(payloadFiles(theirs.files).reduce((sum, file) => sum + file.length, 0))
        })

        if (mode === 'hybrid') {
          it("lists libtorrent's padding files exactly where libtorrent writes them", async () => {
            const ours = await runInfoJson(torrent)
            expect(ours.files.map(({path, length, padding}) => ({path, length, padding}))).toEqual(theirs.files)
          })
        }

        it('counts the pieces libtorrent counts, with no error issues', async () => {
          const ours = await runInfoJson(torrent)
          expect({pieceLength: ours.pieceLength, pieceCount: ours.pieceCount}).toEqual({
            pieceLength,
            pieceCount: theirs.numPieces,
          })
          expect(errors(ours.issues)).toEqual([])
        })
      })
    }
  }
})

describe('info on the golden torrents in fixtures/torrents', () => {
  for (const [file, golden] of Object.entries(GOLDEN)) {
    it(`${file}: info-hashes, name, pieces and files match golden.json`, async () => {
      const ours = await runInfoJson(join(TORRENTS, file))
      expect({
        infoHash: ours.infoHash,
        infoHashV2: ours.infoHashV2,
        name: ours.name,
        pieceLength: ours.pieceLength,
        pieceCount: ours.pieceCount,
        files: payloadFiles(ours.files),
      }).toEqual({
        infoHash: golden.infoHash,
        infoHashV2: golden.infoHashV2,
        name: golden.name,
        pieceLength: golden.pieceLength,
        pieceCount: golden.numPieces,
        files: golden.files,
      })
      expect(ours.private).toBe(false)
      expect(errors(ours.issues)).toEqual([])
    })
  }

  it('hashes the raw info bytes of a v1 torrent with unsorted keys and warns about them', async () => {
    const golden = GOLDEN['unsorted-keys-v1.torrent']
    expect(golden?.reencodedInfoHash).toBeDefined()
    const ours = await runInfoJson(join(TORRENTS, 'unsorted-keys-v1.torrent'))
    expect(ours.infoHash).toBe(golden?.infoHash)
    expect(ours.infoHash).not.toBe(golden?.reencodedInfoHash)
    expect(ours.issues.filter((issue) => issue.severity === 'warning')).not.toEqual([])
  })
})

describeWithTool('libtorrent', "info's magnet link against libtorrent's make_magnet_uri", () => {
  for (const file of Object.keys(GOLDEN)) {
    it(`${file}: same xt topics and dn`, async () => {
      const ours = await runInfoJson(join(TORRENTS, file))
      expect(magnetTopics(ours.magnet)).toEqual(magnetTopics(ltMagnet(join(TORRENTS, file))))
    })
  }
})

describe('info on hostile files in fixtures/hostile', () => {
  for (const file of HOSTILE_FILES) {
    // The timeout guards against a hang; speed itself is measured by benchmarks, not tests.
    it(`${file}: exits 3 with one stderr line and no stack trace, without hanging`, async () => {
      const result = await runCli(['info', join(HOSTILE, file)], {timeoutMs: 60_000, env: {DEBUG: undefined}})
      expect(result.timedOut).toBe(false)
      expect(result.status).toBe(3)
      const lines = result.stderr.trimEnd().split('\n')
      expect(lines).toHaveLength(1)
      expect(lines[0]?.trim()).not.toBe('')
      expect(result.stderr).not.toMatch(/^\s+at /m)
    })
  }
})
