import {mkdtemp, rm, writeFile} from 'node:fs/promises'
import {execFileSync} from 'node:child_process'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
// runCli here is runWarmCli: bin/run.js in a warm process, start-up paid once per file (test/helpers/warm-cli.ts).
import {runWarmCli as runCli} from '../helpers/warm-cli.js'

const TORRENTS = 'fixtures/torrents'
const GOLDEN = (await import('../../fixtures/torrents/golden.json', {with: {type: 'json'}})).default as Record<
  string,
  {infoHash: string | null; infoHashV2: string | null}
>

let scratch: string
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'mktorrent-info-'))
})
afterAll(async () => {
  await rm(scratch, {recursive: true, force: true})
})

function stderrLines(stderr: string): string[] {
  return stderr.split('\n').filter((line) => line !== '')
}

describe('info, piped output', () => {
  it('prints one key<TAB>value line per fact for a single-file v1 torrent', async () => {
    const result = await runCli(['info', `${TORRENTS}/mktorrent-single.torrent`])
    const hash = GOLDEN['mktorrent-single.torrent']!.infoHash
    expect(result.stdout).toBe(
      [
        'name\tsingle.bin',
        'meta version\tv1',
        `info hash\t${hash}`,
        'total length\t100000',
        'piece length\t32768',
        'piece count\t4',
        'private\tno',
        'created by\tmktorrent 1.1',
        'tracker\t1\thttp://tracker.example/announce',
        `magnet\tmagnet:?xt=urn:btih:${hash}&dn=single.bin&tr=http%3A%2F%2Ftracker.example%2Fannounce`,
        'file\t100000\tsingle.bin',
        '',
      ].join('\n'),
    )
    expect(result.stderr).toBe('')
    expect(result.status).toBe(0)
  })

  it('hides pad files unless --padding is given', async () => {
    const plain = await runCli(['info', `${TORRENTS}/lt-hybrid-tree.torrent`])
    const padded = await runCli(['info', '--padding', `${TORRENTS}/lt-hybrid-tree.torrent`])
    const pads = (text: string) => text.split('\n').filter((line) => line.startsWith('pad\t'))
    expect(pads(plain.stdout)).toEqual([])
    expect(pads(padded.stdout)).toContain('pad\t30768\t.pad/30768')
    expect(pads(padded.stdout)).toHaveLength(10)
  })
})

describe('info --json', () => {
  it('prints the documented fields for a hybrid torrent, hashes as libtorrent computed them', async () => {
    const result = await runCli(['info', '--json', `${TORRENTS}/lt-hybrid-single.torrent`])
    const report = JSON.parse(result.stdout)
    const golden = GOLDEN['lt-hybrid-single.torrent']!
    expect(Object.keys(report)).toEqual([
      'name',
      'metaVersion',
      'infoHash',
      'infoHashV2',
      'infoHashV2Truncated',
      'pieceLength',
      'pieceCount',
      'totalLength',
      'private',
      'source',
      'comment',
      'createdBy',
      'creationDate',
      'announce',
      'webSeeds',
      'httpSeeds',
      'files',
      'magnet',
      'valid',
      'issues',
    ])
    expect(report).toMatchObject({
      name: 'single.bin',
      metaVersion: 'hybrid',
      infoHash: golden.infoHash,
      infoHashV2: golden.infoHashV2,
      infoHashV2Truncated: golden.infoHashV2!.slice(0, 40),
      pieceLength: 32768,
      pieceCount: 4,
      totalLength: 100000,
      private: false,
      source: null,
      comment: null,
      createdBy: null,
      creationDate: null,
      announce: [['http://tracker.example/announce']],
      webSeeds: [],
      httpSeeds: [],
      files: [{path: 'single.bin', length: 100000, padding: false, attr: ''}],
      magnet: `magnet:?xt=urn:btih:${golden.infoHash}&xt=urn:btmh:1220${golden.infoHashV2}&dn=single.bin&tr=http%3A%2F%2Ftracker.example%2Fannounce`,
      valid: true,
      issues: [],
    })
    expect(result.status).toBe(0)
  })

  it('prints an invalid torrent with valid: false and its issues, and exits 3', async () => {
    const result = await runCli(['info', '--json', 'fixtures/hostile/path-dotdot-v1.torrent'])
    const report = JSON.parse(result.stdout)
    expect(report.valid).toBe(false)
    expect(report.issues).toContainEqual(expect.objectContaining({severity: 'error', code: 'path-dot-element', path: 'info.files[0].path[0]'}))
    expect(result.status).toBe(3)
    expect(stderrLines(result.stderr)).toHaveLength(1)
  })

  it('prints a fatal error as an error object on stdout, and one line on stderr', async () => {
    const result = await runCli(['info', '--json', join(scratch, 'absent.torrent')])
    expect(JSON.parse(result.stdout)).toEqual({
      error: {code: 'not-found', message: `${join(scratch, 'absent.torrent')} does not exist`, exitCode: 4},
    })
    expect(stderrLines(result.stderr)).toEqual([`mktorrent: error: ${join(scratch, 'absent.torrent')} does not exist`])
    expect(result.status).toBe(4)
  })
})

describe('info --raw', () => {
  it('dumps the decoded file as JSON, binary strings as hex', async () => {
    const result = await runCli(['info', '--raw', `${TORRENTS}/mktorrent-single.torrent`])
    const raw = JSON.parse(result.stdout)
    expect(Object.keys(raw)).toEqual(['announce', 'created by', 'info'])
    expect(raw.info).toMatchObject({length: 100000, name: 'single.bin', 'piece length': 32768})
    expect(raw.info.pieces.hex).toMatch(/^[0-9a-f]{160}$/)
    expect(result.status).toBe(0)
  })
})

describe('info exit codes and errors', () => {
  it('exits 2 with one line when the torrent argument is missing', async () => {
    const result = await runCli(['info'])
    expect(result.status).toBe(2)
    expect(stderrLines(result.stderr)).toEqual([
      'mktorrent: error: Missing 1 required arg: torrent  The .torrent file to read ("-" for stdin; a FIFO or <(...) works too).; see mktorrent info --help',
    ])
    expect(result.stdout).toBe('')
  })

  it('exits 2 on an unknown flag', async () => {
    const result = await runCli(['info', '--bogus', `${TORRENTS}/lt-v1-tree.torrent`])
    expect(result.status).toBe(2)
    expect(stderrLines(result.stderr)).toEqual(['mktorrent: error: Nonexistent flag: --bogus; see mktorrent info --help'])
  })

  it('exits 2 on an unknown command', async () => {
    const result = await runCli(['nosuch'])
    expect(result.status).toBe(2)
    expect(stderrLines(result.stderr)).toHaveLength(1)
    expect(result.stderr).toMatch(/^mktorrent: error: unknown command "nosuch"/)
  })

  it('exits 4 for a directory', async () => {
    const result = await runCli(['info', scratch])
    expect(result.status).toBe(4)
    expect(stderrLines(result.stderr)).toEqual([`mktorrent: error: ${scratch} is a directory, not a .torrent file`])
  })

  it('exits 4 for a FIFO no program writes to, without blocking on it', async () => {
    const fifo = join(scratch, 'pipe.torrent')
    execFileSync('mkfifo', [fifo])
    const result = await runCli(['info', fifo], {timeoutMs: 60_000})
    expect(result.timedOut).toBe(false)
    expect(result.status).toBe(4)
    expect(stderrLines(result.stderr)).toEqual([`mktorrent: error: ${fifo} is a FIFO with no program writing to it; start the writer first`])
  })

  it('exits 3 for a file over the 10 MB limit without decoding it', async () => {
    const big = join(scratch, 'big.torrent')
    await writeFile(big, Buffer.alloc(10_000_001, 0x30))
    const result = await runCli(['info', big])
    expect(result.status).toBe(3)
    expect(stderrLines(result.stderr)).toEqual([
      `mktorrent: error: ${big} is 10000001 bytes, over the 10000000-byte limit for a .torrent file`,
    ])
  })

  it('exits 0 with warnings for non-canonical v1, and 3 with --strict', async () => {
    const lenient = await runCli(['info', `${TORRENTS}/unsorted-keys-v1.torrent`])
    const strict = await runCli(['info', '--strict', `${TORRENTS}/unsorted-keys-v1.torrent`])
    expect(lenient.status).toBe(0)
    expect(lenient.stdout).toMatch(/^warning\tnon-canonical-bencode\tbytes\[\d+\]\t/m)
    expect(strict.status).toBe(3)
    expect(strict.stdout).toMatch(/^error\tnon-canonical-bencode\tbytes\[\d+\]\t/m)
    expect(stderrLines(strict.stderr)).toHaveLength(1)
  })

  it('prints the stack trace only with --debug', async () => {
    const quiet = await runCli(['info', join(scratch, 'absent.torrent')], {env: {DEBUG: undefined}})
    const debug = await runCli(['info', '--debug', join(scratch, 'absent.torrent')], {env: {DEBUG: undefined}})
    expect(quiet.stderr).not.toMatch(/^\s+at /m)
    expect(debug.stderr).toMatch(/^\s+at /m)
    expect(debug.status).toBe(4)
  })
})
