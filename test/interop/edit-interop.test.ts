import {spawnSync} from 'node:child_process'
import {mkdtemp, rm} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, expect, it} from 'vitest'
import {describeWithTool} from '../helpers/external-tools.js'
import {type LtTorrent, ltLoadValid, ltRecheck} from '../helpers/libtorrent.js'
import {REPO_ROOT} from '../helpers/run-cli.js'
// runCli here is runWarmCli: bin/run.js in a warm process, start-up paid once per file (test/helpers/warm-cli.ts).
import {runWarmCli as runCli} from '../helpers/warm-cli.js'

const TORRENTS = join(REPO_ROOT, 'fixtures', 'torrents')
const CONTENT = join(REPO_ROOT, 'fixtures', 'content')
const OLD = 'http://tracker.example/announce'
const NEW = 'udp://new.example:6969/announce'
const BACKUP = ['http://backup1.example/announce', 'http://backup2.example/announce']
const SEED = 'http://seed.example/pub/'

let scratch: string
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'mktorrent-edit-interop-'))
})
afterAll(async () => {
  await rm(scratch, {recursive: true, force: true})
})

async function editTo(file: string, flags: string[]): Promise<string> {
  const out = join(scratch, `${file}-${flags.length}-${Math.random().toString(16).slice(2)}.torrent`)
  const result = await runCli(['edit', join(TORRENTS, file), ...flags, '-o', out, '-q'], {timeoutMs: 30_000})
  if (result.status !== 0) throw new Error(`mktorrent edit exited ${result.status}: ${result.stderr}`)
  return out
}

/** libtorrent's tiers as sorted URL lists: it shuffles the URLs within a tier when it loads (BEP 12). */
function sortedTiers(loaded: LtTorrent): string[][] {
  const result: string[][] = []
  for (const {url, tier} of loaded.trackers) (result[tier] ??= []).push(url)
  return result.map((tier) => tier.sort())
}

const TRACKER_EDIT = ['--replace-announce', OLD, NEW, '-a', BACKUP.join(','), '-w', SEED, '--comment', 'edited']

describeWithTool('libtorrent', 'edited torrents in libtorrent', () => {
  for (const file of ['lt-v1-tree.torrent', 'lt-v2-tree.torrent', 'lt-hybrid-tree.torrent', 'mktorrent-tree.torrent', 'unsorted-keys-v1.torrent']) {
    it(`${file}: loads with the same info-hashes and the new trackers and web seed`, async () => {
      const original = ltLoadValid(join(TORRENTS, file))
      const edited = ltLoadValid(await editTo(file, TRACKER_EDIT))
      expect({infoHash: edited.infoHash, infoHashV2: edited.infoHashV2}).toEqual({infoHash: original.infoHash, infoHashV2: original.infoHashV2})
      expect(sortedTiers(edited)).toEqual([[NEW], [...BACKUP].sort()])
      expect(edited.webSeeds).toEqual([SEED])
    })
  }

  it('a hybrid made private with a source loads private, with the info-hashes edit reports, and rechecks complete', async () => {
    const out = join(scratch, 'private-hybrid.torrent')
    const result = await runCli(['edit', join(TORRENTS, 'lt-hybrid-tree.torrent'), '--private', '--source', 'TRK', '-o', out, '--json'], {timeoutMs: 30_000})
    expect(result.status).toBe(0)
    const report = JSON.parse(result.stdout) as {infoHash: string; infoHashV2: string; previousInfoHash: string; infoHashChanged: boolean}
    const loaded = ltLoadValid(out)
    expect(loaded.private).toBe(true)
    expect({infoHash: loaded.infoHash, infoHashV2: loaded.infoHashV2}).toEqual({infoHash: report.infoHash, infoHashV2: report.infoHashV2})
    expect(report.infoHashChanged).toBe(true)
    expect(loaded.infoHash).not.toBe(report.previousInfoHash)
    const recheck = ltRecheck(out, CONTENT)
    expect({have: recheck.havePieces, errors: recheck.errors}).toEqual({have: recheck.numPieces, errors: []})
  })

  it('a private v1 torrent made public again gets back its original info-hash', async () => {
    const privateCopy = await editTo('mktorrent-tree.torrent', ['--private'])
    const out = join(scratch, 'public-again.torrent')
    expect((await runCli(['edit', privateCopy, '--no-private', '-o', out, '-q'])).status).toBe(0)
    const loaded = ltLoadValid(out)
    expect(loaded.private).toBe(false)
    expect(loaded.infoHash).toBe(ltLoadValid(join(TORRENTS, 'mktorrent-tree.torrent')).infoHash)
  })
})

describeWithTool('transmission-show', 'edited torrents in transmission-show', () => {
  for (const file of ['transmission-tree.torrent', 'mktorrent-single.torrent']) {
    it(`${file}: shows the same hash, the new tiers and the web seed`, async () => {
      const show = (path: string) => spawnSync('transmission-show', [path], {encoding: 'utf8', timeout: 30_000})
      const original = show(join(TORRENTS, file))
      const edited = show(await editTo(file, TRACKER_EDIT))
      expect(edited.status).toBe(0)
      const hash = (text: string) => /^ {2}Hash: ([0-9a-f]{40})$/m.exec(text)?.[1]
      expect(hash(edited.stdout)).toBeDefined()
      expect(hash(edited.stdout)).toBe(hash(original.stdout))
      const trackers = edited.stdout.split('\nTRACKERS\n')[1]!.split('\nWEBSEEDS\n')[0]!.trim()
      expect(trackers).toBe(['Tier #1', `  ${NEW}`, '', '  Tier #2', ...BACKUP.map((url) => `  ${url}`)].join('\n'))
      expect(edited.stdout.split('\nWEBSEEDS\n')[1]!.trim().split('\n')[0]).toBe(SEED)
    })
  }
})
