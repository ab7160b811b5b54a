import {mkdtemp, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
// runCli here is runWarmCli: bin/run.js in a warm process, start-up paid once per file (test/helpers/warm-cli.ts).
import {runWarmCli as runCli} from '../helpers/warm-cli.js'

const TORRENTS = 'fixtures/torrents'
const GOLDEN = (await import('../../fixtures/torrents/golden.json', {with: {type: 'json'}})).default as Record<
  string,
  {infoHash: string | null; infoHashV2: string | null; magnet: string}
>

/** libtorrent writes percent escapes in lower case, we in upper case (RFC 3986 2.1); the bytes are the same. */
function upperEscapes(uri: string): string {
  return uri.replace(/%[0-9a-f]{2}/gi, (escape) => escape.toUpperCase())
}

let scratch: string
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'mktorrent-magnet-'))
})
afterAll(async () => {
  await rm(scratch, {recursive: true, force: true})
})

describe('magnet', () => {
  for (const file of Object.keys(GOLDEN)) {
    it(`${file}: prints the magnet link info shows, and nothing else`, async () => {
      const info = JSON.parse((await runCli(['info', '--json', `${TORRENTS}/${file}`])).stdout) as {magnet: string}
      const result = await runCli(['magnet', `${TORRENTS}/${file}`])
      expect(result).toMatchObject({status: 0, stdout: `${info.magnet}\n`, stderr: ''})
    })
  }

  it('prints the URI libtorrent made for the golden hybrid (recorded in golden.json)', async () => {
    const result = await runCli(['magnet', `${TORRENTS}/lt-hybrid-tree.torrent`])
    expect(result.stdout).toBe(`${upperEscapes(GOLDEN['lt-hybrid-tree.torrent']!.magnet)}\n`)
    expect(result.stdout).toBe(
      'magnet:?xt=urn:btih:57cb209abfc392c4cd674a324d9781df343a6d5a' +
        '&xt=urn:btmh:122004f41eea06fd1aa6040f3722b04f55c14467ebcf7f6138bb61ec8e482b691479' +
        '&dn=tree&tr=http%3A%2F%2Ftracker.example%2Fannounce\n',
    )
  })

  it('leaves out the trackers with --no-trackers', async () => {
    const result = await runCli(['magnet', '--no-trackers', `${TORRENTS}/lt-v2-tree.torrent`])
    const hash = GOLDEN['lt-v2-tree.torrent']!.infoHashV2
    expect(result).toMatchObject({status: 0, stdout: `magnet:?xt=urn:btmh:1220${hash}&dn=tree\n`, stderr: ''})
  })

  it('prints the documented JSON object with --json', async () => {
    const result = await runCli(['magnet', '--json', `${TORRENTS}/lt-hybrid-single.torrent`])
    const golden = GOLDEN['lt-hybrid-single.torrent']!
    expect(result.status).toBe(0)
    expect(JSON.parse(result.stdout)).toEqual({
      magnet: upperEscapes(golden.magnet),
      name: 'single.bin',
      metaVersion: 'hybrid',
      infoHash: golden.infoHash,
      infoHashV2: golden.infoHashV2,
      trackers: ['http://tracker.example/announce'],
      webSeeds: [],
    })
  })

  it('lists no trackers in the JSON with --no-trackers', async () => {
    const result = await runCli(['magnet', '--json', '--no-trackers', `${TORRENTS}/mktorrent-tree.torrent`])
    const report = JSON.parse(result.stdout) as {magnet: string; trackers: string[]}
    expect(report.trackers).toEqual([])
    expect(report.magnet).not.toContain('tr=')
  })
})

describe('magnet errors', () => {
  it('exits 3 with one line naming the problem for an invalid torrent, printing no link', async () => {
    const result = await runCli(['magnet', 'fixtures/hostile/path-dotdot-v1.torrent'])
    expect(result.status).toBe(3)
    expect(result.stdout).toBe('')
    expect(result.stderr).toBe(
      'mktorrent: error: fixtures/hostile/path-dotdot-v1.torrent is not a valid torrent: info.files[0].path[0] is "..", which would leave or alias its folder; mktorrent info lists every issue\n',
    )
  })

  it('exits 3 for bytes that are not bencode, naming the file and the offset', async () => {
    const result = await runCli(['magnet', 'fixtures/hostile/string-length-overflow.torrent'])
    expect(result.status).toBe(3)
    expect(result.stderr).toMatch(/^mktorrent: error: fixtures\/hostile\/string-length-overflow\.torrent: invalid bencode at byte \d+: .+\n$/)
  })

  it('prints the error as JSON on stdout with --json', async () => {
    const file = join(scratch, 'not-a-torrent.torrent')
    await writeFile(file, 'hello')
    const result = await runCli(['magnet', '--json', file])
    expect(result.status).toBe(3)
    expect(JSON.parse(result.stdout)).toEqual({
      error: {code: 'bencode-syntax', message: `${file}: invalid bencode at byte 0: unexpected byte 0x68 where a value was expected`, exitCode: 3},
    })
  })

  it('exits 4 for a missing file and for a directory', async () => {
    const missing = await runCli(['magnet', join(scratch, 'missing.torrent')])
    expect(missing).toMatchObject({status: 4, stdout: '', stderr: `mktorrent: error: ${join(scratch, 'missing.torrent')} does not exist\n`})
    const directory = await runCli(['magnet', scratch])
    expect(directory).toMatchObject({status: 4, stderr: `mktorrent: error: ${scratch} is a directory, not a .torrent file\n`})
  })

  it('exits 2 without a torrent, and for an unknown flag', async () => {
    expect((await runCli(['magnet'])).status).toBe(2)
    const unknown = await runCli(['magnet', '--no-tracker', `${TORRENTS}/lt-v1-tree.torrent`])
    expect(unknown.status).toBe(2)
    expect(unknown.stderr).toMatch(/^mktorrent: error: .*--no-tracker.*; see mktorrent magnet --help\n$/)
  })
})

