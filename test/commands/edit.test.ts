import {chmod, cp, lstat, mkdir, mkdtemp, readFile, rm, stat, symlink, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, beforeEach, describe, expect, it} from 'vitest'
import {runInfoJson} from '../helpers/info-json.js'
import {REPO_ROOT} from '../helpers/run-cli.js'
// runCli here is runWarmCli: bin/run.js in a warm process, start-up paid once per file (test/helpers/warm-cli.ts).
import {runWarmCli as runCli} from '../helpers/warm-cli.js'
import {KiB, payload, torrent, v1SingleInfo} from '../helpers/torrent-builder.js'

const GOLDEN = (await import('../../fixtures/torrents/golden.json', {with: {type: 'json'}})).default as Record<
  string,
  {infoHash: string | null; infoHashV2: string | null}
>
const T1 = 'http://tracker.example/announce'
const NEW = 'udp://new.example:6969/announce'

let scratch: string
let dir: string
let count = 0

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'mktorrent-edit-'))
})
afterAll(async () => {
  await rm(scratch, {recursive: true, force: true})
})
/** A fresh folder with a copy of fixtures/torrents and the hostile path-dotdot torrent, for each test. */
beforeEach(async () => {
  dir = join(scratch, String(++count))
  await cp(join(REPO_ROOT, 'fixtures', 'torrents'), dir, {recursive: true})
  await cp(join(REPO_ROOT, 'fixtures', 'hostile', 'path-dotdot-v1.torrent'), join(dir, 'invalid.torrent'))
})

const edit = (args: string[]) => runCli(['edit', ...args], {cwd: dir, timeoutMs: 60_000})
const at = (name: string) => join(dir, name)

describe('edit --dry-run', () => {
  it('prints a field-level diff and writes nothing', async () => {
    const before = await readFile(at('lt-hybrid-tree.torrent'))
    const result = await edit(['lt-hybrid-tree.torrent', '-a', `${NEW},udp://other.example:1/a`, '--comment', 'hello', '--dry-run'])
    expect(result.stdout).toBe(
      [
        'lt-hybrid-tree.torrent',
        '  trackers (one tier per line)',
        `      ${T1}`,
        `    + ${NEW}, udp://other.example:1/a`,
        '  comment',
        '    - (none)',
        '    + hello',
        `  info hash: ${GOLDEN['lt-hybrid-tree.torrent']!.infoHash} (unchanged)`,
        `  info hash v2: ${GOLDEN['lt-hybrid-tree.torrent']!.infoHashV2} (unchanged)`,
        '',
      ].join('\n'),
    )
    expect(result).toMatchObject({status: 0, stderr: ''})
    expect((await readFile(at('lt-hybrid-tree.torrent'))).equals(before)).toBe(true)
  })

  it('shows both info-hashes changing, and warns on stderr, for --private', async () => {
    const result = await edit(['mktorrent-single.torrent', '--private', '--dry-run'])
    const old = GOLDEN['mktorrent-single.torrent']!.infoHash!
    const lines = result.stdout.split('\n')
    expect(lines.slice(0, 5)).toEqual(['mktorrent-single.torrent', '  private', '    - no', '    + yes', '  info hash (changes: info was edited)'])
    expect(lines[5]).toBe(`    - ${old}`)
    expect(lines[6]).toMatch(/^ {4}\+ [0-9a-f]{40}$/)
    expect(result.stderr).toBe(
      `mktorrent: warning: mktorrent-single.torrent: private and source are inside info, so the info-hash changes (${old} -> ${lines[6]!.slice(6)}); clients, trackers and the DHT see a different torrent\n`,
    )
  })

  it('says when nothing would change', async () => {
    const result = await edit(['lt-v1-tree.torrent', '-a', T1, '--dry-run'])
    expect(result.stdout).toBe(`lt-v1-tree.torrent\n  no changes\n  info hash: ${GOLDEN['lt-v1-tree.torrent']!.infoHash} (unchanged)\n`)
  })
})

describe('edit -o', () => {
  it('writes the edited torrent with the same info-hash and the new tracker, and says so on stderr', async () => {
    const result = await edit(['lt-v1-tree.torrent', '--replace-announce', T1, NEW, '-o', 'out.torrent'])
    expect(result).toMatchObject({status: 0, stdout: '', stderr: 'wrote lt-v1-tree.torrent -> out.torrent: changed trackers; info-hash unchanged\n'})
    const info = await runInfoJson(at('out.torrent'))
    expect(info.infoHash).toBe(GOLDEN['lt-v1-tree.torrent']!.infoHash)
    expect(info.announce).toEqual([[NEW]])
  })

  it('keeps the info-hash of a v1 torrent whose info keys are not sorted', async () => {
    expect((await edit(['unsorted-keys-v1.torrent', '-a', NEW, '-o', 'out.torrent'])).status).toBe(0)
    const info = await runInfoJson(at('out.torrent'))
    expect(info.infoHash).toBe(GOLDEN['unsorted-keys-v1.torrent']!.infoHash)
    expect(info.announce).toEqual([[T1], [NEW]])
  })

  it('exits 5 when the output exists, leaving it alone, and replaces it with --force', async () => {
    await writeFile(at('out.torrent'), 'keep me')
    const refused = await edit(['lt-v1-tree.torrent', '-a', NEW, '-o', 'out.torrent'])
    expect(refused).toMatchObject({status: 5, stderr: `mktorrent: error: ${at('out.torrent')} exists; use --force to replace it\n`})
    expect(await readFile(at('out.torrent'), 'utf8')).toBe('keep me')
    expect((await edit(['lt-v1-tree.torrent', '-a', NEW, '-o', 'out.torrent', '--force'])).status).toBe(0)
    expect((await runInfoJson(at('out.torrent'))).announce).toEqual([[T1], [NEW]])
  })

  it('writes the torrent to stdout with -o -', async () => {
    const result = await edit(['lt-v1-tree.torrent', '-a', NEW, '-o', '-', '-q'])
    expect(result).toMatchObject({status: 0, stderr: ''})
    await writeFile(at('piped.torrent'), result.stdoutBytes)
    expect((await runInfoJson(at('piped.torrent'))).announce).toEqual([[T1], [NEW]])
  })
})

describe('edit --in-place', () => {
  it('rewrites each input, keeping its permissions', async () => {
    await chmod(at('lt-v1-tree.torrent'), 0o600)
    const result = await edit(['lt-v1-tree.torrent', 'lt-v2-tree.torrent', '-a', NEW, '--in-place'])
    expect(result.stderr).toBe(
      'wrote lt-v1-tree.torrent: changed trackers; info-hash unchanged\nwrote lt-v2-tree.torrent: changed trackers; info-hash unchanged\n',
    )
    expect((await stat(at('lt-v1-tree.torrent'))).mode & 0o777).toBe(0o600)
    for (const file of ['lt-v1-tree.torrent', 'lt-v2-tree.torrent']) {
      const info = await runInfoJson(at(file))
      const golden = GOLDEN[file]!
      expect({infoHash: info.infoHash, infoHashV2: info.infoHashV2, announce: info.announce}).toEqual({
        infoHash: golden.infoHash,
        infoHashV2: golden.infoHashV2,
        announce: [[T1], [NEW]],
      })
    }
  })

  it('rewrites the target of a symbolic link and keeps the link', async () => {
    await mkdir(at('links'))
    await symlink(at('lt-v1-tree.torrent'), at('links/link.torrent'))
    expect((await edit(['links/link.torrent', '-a', NEW, '--in-place'])).status).toBe(0)
    expect((await lstat(at('links/link.torrent'))).isSymbolicLink()).toBe(true)
    expect((await runInfoJson(at('lt-v1-tree.torrent'))).announce).toEqual([[T1], [NEW]])
  })

  it('leaves a file untouched when nothing changes', async () => {
    const before = await stat(at('lt-v1-tree.torrent'))
    const result = await edit(['lt-v1-tree.torrent', '--announce', T1, '--in-place'])
    expect(result).toMatchObject({status: 0, stderr: 'lt-v1-tree.torrent: no field changed; left as it was\n'})
    expect((await stat(at('lt-v1-tree.torrent'))).mtimeMs).toBe(before.mtimeMs)
  })

  it('writes none of several torrents when one is invalid, and exits 3 naming it', async () => {
    const before = await readFile(at('lt-v1-tree.torrent'))
    const result = await edit(['lt-v1-tree.torrent', 'invalid.torrent', 'lt-v2-tree.torrent', '-a', NEW, '--in-place'])
    expect(result.status).toBe(3)
    expect(result.stderr).toBe(
      'mktorrent: error: invalid.torrent is not a valid torrent: info.files[0].path[0] is "..", which would leave or alias its folder; mktorrent info lists every issue\n' +
        'mktorrent: error: 1 of 3 torrents cannot be edited (see above), so none was written\n',
    )
    expect((await readFile(at('lt-v1-tree.torrent'))).equals(before)).toBe(true)
  })
})

describe('edit --json', () => {
  it('prints the info --json report plus input, output, written, the old hashes and the changes', async () => {
    const result = await edit(['lt-hybrid-single.torrent', '--comment', 'c', '-o', 'out.torrent', '--json'])
    expect(result.status).toBe(0)
    const report = JSON.parse(result.stdout) as Record<string, unknown>
    const info = JSON.parse((await runCli(['info', '--json', at('out.torrent')])).stdout) as Record<string, unknown>
    expect(report).toEqual({
      ...info,
      input: 'lt-hybrid-single.torrent',
      output: 'out.torrent',
      written: true,
      infoHashChanged: false,
      previousInfoHash: GOLDEN['lt-hybrid-single.torrent']!.infoHash,
      previousInfoHashV2: GOLDEN['lt-hybrid-single.torrent']!.infoHashV2,
      changes: [{field: 'comment', before: null, after: 'c'}],
    })
    expect(Object.keys(report).slice(-7)).toEqual(['input', 'output', 'written', 'infoHashChanged', 'previousInfoHash', 'previousInfoHashV2', 'changes'])
  })

  it('prints an array for several torrents, and marks the new info-hash', async () => {
    const result = await edit(['lt-v1-tree.torrent', 'mktorrent-tree.torrent', '--source', 'TRK', '--dry-run', '--json'])
    const reports = JSON.parse(result.stdout) as Array<{input: string; output: null; written: boolean; infoHashChanged: boolean; infoHash: string; previousInfoHash: string}>
    expect(reports.map(({input, output, written, infoHashChanged}) => ({input, output, written, infoHashChanged}))).toEqual([
      {input: 'lt-v1-tree.torrent', output: null, written: false, infoHashChanged: true},
      {input: 'mktorrent-tree.torrent', output: null, written: false, infoHashChanged: true},
    ])
    expect(reports[0]!.previousInfoHash).toBe(GOLDEN['lt-v1-tree.torrent']!.infoHash)
    expect(reports[0]!.infoHash).not.toBe(reports[0]!.previousInfoHash)
  })
})

describe('edit flags', () => {
  const A = 'udp://a.example:1/announce'
  const B = 'http://b.example/announce'
  const C = 'https://c.example/announce'
  const W1 = 'http://seed1.example/pub/'
  const W2 = 'http://seed2.example/pub/'
  const rich = () =>
    torrent(v1SingleInfo('rich.bin', payload(20_000, 9), 16 * KiB, {private: 1, source: 'OLD'}), {
      announce: A,
      'announce-list': [[A, B], [C]],
      'url-list': [W1, W2],
      comment: 'old comment',
      'created by': 'old tool',
      'creation date': 1_700_000_000,
    })

  const table: Array<{flags: string[]; changes: unknown[]}> = [
    {flags: ['--announce', `${NEW},http://d.example/a`], changes: [{field: 'announce', before: [[A, B], [C]], after: [[A, B], [C], [NEW, 'http://d.example/a']]}]},
    {flags: ['-a', NEW, '-a', 'http://d.example/a'], changes: [{field: 'announce', before: [[A, B], [C]], after: [[A, B], [C], [NEW], ['http://d.example/a']]}]},
    {flags: ['--remove-announce', B], changes: [{field: 'announce', before: [[A, B], [C]], after: [[A], [C]]}]},
    {flags: ['--replace-announce', C, NEW], changes: [{field: 'announce', before: [[A, B], [C]], after: [[A, B], [NEW]]}]},
    {flags: ['--clear-announce'], changes: [{field: 'announce', before: [[A, B], [C]], after: []}]},
    {flags: ['-w', 'https://seed3.example/'], changes: [{field: 'webSeeds', before: [W1, W2], after: [W1, W2, 'https://seed3.example/']}]},
    {flags: ['--remove-web-seed', W1], changes: [{field: 'webSeeds', before: [W1, W2], after: [W2]}]},
    {flags: ['--clear-web-seeds'], changes: [{field: 'webSeeds', before: [W1, W2], after: []}]},
    {flags: ['-c', 'new comment'], changes: [{field: 'comment', before: 'old comment', after: 'new comment'}]},
    {flags: ['--no-comment'], changes: [{field: 'comment', before: 'old comment', after: null}]},
    {flags: ['--created-by', 'me'], changes: [{field: 'createdBy', before: 'old tool', after: 'me'}]},
    {flags: ['--no-created-by'], changes: [{field: 'createdBy', before: 'old tool', after: null}]},
    {flags: ['--date', '2024-05-01T12:00:00Z'], changes: [{field: 'creationDate', before: '2023-11-14T22:13:20.000Z', after: '2024-05-01T12:00:00.000Z'}]},
    {flags: ['--date', '86400'], changes: [{field: 'creationDate', before: '2023-11-14T22:13:20.000Z', after: '1970-01-02T00:00:00.000Z'}]},
    {flags: ['--no-date'], changes: [{field: 'creationDate', before: '2023-11-14T22:13:20.000Z', after: null}]},
    {flags: ['--no-private'], changes: [{field: 'private', before: true, after: false}]},
    {flags: ['-s', 'NEW'], changes: [{field: 'source', before: 'OLD', after: 'NEW'}]},
    {flags: ['--no-source'], changes: [{field: 'source', before: 'OLD', after: null}]},
  ]

  it.each(table)('$flags: changes exactly the named field', async ({flags, changes}) => {
    await writeFile(at('rich.torrent'), rich())
    const result = await edit(['rich.torrent', ...flags, '-o', 'out.torrent', '--json'])
    expect(result.status).toBe(0)
    const report = JSON.parse(result.stdout) as {changes: unknown[]; valid: boolean}
    expect(report.changes).toEqual(changes)
    expect((await runCli(['info', at('out.torrent')])).status).toBe(0)
  })

  it('--date now records the current time', async () => {
    const before = Math.floor(Date.now() / 1000)
    const result = await edit(['lt-v1-tree.torrent', '--date', 'now', '-o', 'out.torrent', '--json'])
    const seconds = Date.parse((JSON.parse(result.stdout) as {creationDate: string}).creationDate) / 1000
    expect(seconds).toBeGreaterThanOrEqual(before)
    expect(seconds).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000))
  })

  it('warns about a removal that matches nothing, and --quiet silences it', async () => {
    const loud = await edit(['lt-v1-tree.torrent', '--remove-announce', NEW, '--dry-run'])
    expect(loud.stderr).toBe(`mktorrent: warning: lt-v1-tree.torrent has no tracker ${NEW}, so there was nothing to remove\n`)
    const quiet = await edit(['lt-v1-tree.torrent', '--remove-announce', NEW, '--in-place', '-q'])
    expect(quiet).toMatchObject({status: 0, stderr: ''})
  })
})

describe('edit errors', () => {
  const table: Array<{name: string; args: string[]; status: number; stderr: RegExp}> = [
    {name: 'no output choice', args: ['lt-v1-tree.torrent', '-a', NEW], status: 2, stderr: /say where to write: -o PATH, or --in-place/},
    {name: 'no edit', args: ['lt-v1-tree.torrent', '--in-place'], status: 2, stderr: /nothing to change/},
    {name: '-o with several inputs', args: ['lt-v1-tree.torrent', 'lt-v2-tree.torrent', '-a', NEW, '-o', 'x.torrent'], status: 2, stderr: /-o takes one input, but 2 torrents/},
    {name: '-o and --in-place', args: ['lt-v1-tree.torrent', '-a', NEW, '-o', 'x.torrent', '--in-place'], status: 2, stderr: /--in-place/},
    {name: '-o - with --json', args: ['lt-v1-tree.torrent', '-a', NEW, '-o', '-', '--json'], status: 2, stderr: /both want stdout/},
    {name: 'a tracker that is not a URL', args: ['lt-v1-tree.torrent', '-a', 'tracker.example', '--dry-run'], status: 2, stderr: /^mktorrent: error: --announce "tracker\.example" is not a valid URL: it has no scheme, such as http:\/\/\n$/},
    {name: 'a tracker URL with a space', args: ['lt-v1-tree.torrent', '--replace-announce', T1, 'http://t.example/a b', '--dry-run'], status: 2, stderr: /^mktorrent: error: --replace-announce "http:\/\/t\.example\/a b" is not a valid URL: it contains a space/},
    {name: 'an ftp web seed (clients fetch web seeds over HTTP only)', args: ['lt-v1-tree.torrent', '-w', 'ftp://m.example/pub/', '--dry-run'], status: 2, stderr: /^mktorrent: error: --web-seed "ftp:\/\/m\.example\/pub\/" uses ftp, which clients do not use for a web seed; use http or https\n$/},
    {name: '--replace-announce with one value', args: ['lt-v1-tree.torrent', '--replace-announce', T1], status: 2, stderr: /--replace-announce takes two values/},
    {name: '--comment with --no-comment', args: ['lt-v1-tree.torrent', '-c', 'x', '--no-comment', '--dry-run'], status: 2, stderr: /--no-comment/},
    {name: 'a bad date', args: ['lt-v1-tree.torrent', '--date', 'yesterday', '--dry-run'], status: 2, stderr: /--date "yesterday" is neither ISO 8601/},
    {name: 'an unknown flag', args: ['lt-v1-tree.torrent', '--anounce', NEW, '--dry-run'], status: 2, stderr: /--anounce/},
    {name: 'an invalid torrent', args: ['invalid.torrent', '-a', NEW, '--dry-run'], status: 3, stderr: /^mktorrent: error: invalid\.torrent is not a valid torrent: /},
    {name: 'a missing torrent', args: ['missing.torrent', '-a', NEW, '--dry-run'], status: 4, stderr: /^mktorrent: error: missing\.torrent does not exist\n$/},
    {name: 'a directory', args: ['.', '-a', NEW, '--dry-run'], status: 4, stderr: /^mktorrent: error: \. is a directory, not a \.torrent file\n$/},
  ]

  it.each(table)('$name: exits $status with one error line', async ({args, status, stderr}) => {
    const result = await edit(args)
    expect(result.status).toBe(status)
    expect(result.stderr).toMatch(stderr)
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1)
    if (args.includes('--json')) expect(JSON.parse(result.stdout)).toMatchObject({error: {code: 'usage', exitCode: 2}})
    else expect(result.stdout).toBe('')
  })
})

