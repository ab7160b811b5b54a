import {existsSync, readFileSync, readdirSync} from 'node:fs'
import {rm} from 'node:fs/promises'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {NO_CONFIG_ENV, REPRODUCIBLE, projectFolders, reportOf} from '../helpers/config-project.js'
import {runCli} from '../helpers/run-cli.js'

const ENV = NO_CONFIG_ENV

const project = projectFolders('mktorrent-batch-')

function jsonLines(text: string): Array<Record<string, unknown>> {
  return text.split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as Record<string, unknown>)
}

/** Temp files of an atomic write that was not finished: there must never be any. */
function leftovers(folder: string): string[] {
  return readdirSync(folder).filter((name) => name.endsWith('.tmp'))
}

describe('create --batch', () => {
  it('makes 50 torrents in one run, one failing alone, with one JSON line per job', async () => {
    const files: Record<string, string> = {
      'mktorrent.config.yaml': 'presets:\n  release:\n    announce: ["https://t.example/${PASSKEY}/announce"]\n    source: REL\n    noDate: true\n    noCreatedBy: true\n',
    }
    const jobs: string[] = []
    for (let index = 0; index < 50; index++) {
      files[`content/item-${index}/file.txt`] = `item ${index}\n`
      // Job 30 has a tracker URL no client can use: refused before any hashing, exit 2.
      const extra = index === 30 ? ', announce: ["htp:/broken"]' : index % 10 === 0 ? `, comment: "job ${index}"` : ''
      jobs.push(`  - {path: item-${index}, preset: release, output: ../torrents/${extra}}`)
    }
    files['content/batch.yaml'] = `jobs:\n${jobs.join('\n')}\n`
    const dir = await project(files)
    const secret = 'passkey-abcdef0123456789'
    const result = await runCli(['create', '--batch', 'content/batch.yaml', '--json'], {cwd: dir, env: {...ENV, PASSKEY: secret}})

    expect(result.status).toBe(2)
    expect(result.stdout + result.stderr).not.toContain(secret)
    const lines = jsonLines(result.stdout)
    expect(lines).toHaveLength(50)
    // The exit-2 problem is reported before any torrent is hashed.
    expect(lines[0]).toEqual({
      path: join(dir, 'content/item-30'),
      error: {code: 'config-invalid-value', exitCode: 2, message: `${join(dir, 'content/batch.yaml')}:32: jobs[30].announce[0]: "htp:/broken" uses htp, which clients do not use for a tracker; use http, https, udp, ws or wss`},
    })
    expect(result.stderr.split('\n').filter((line) => line !== '')).toEqual([`mktorrent: error: ${join(dir, 'content/item-30')}: ${(lines[0]!.error as {message: string}).message}`])
    const created = lines.slice(1)
    expect(created.map((line) => line.path)).toEqual(Array.from({length: 50}, (_, index) => join(dir, `content/item-${index}`)).filter((_, index) => index !== 30))
    for (const line of created) {
      const index = Number(/item-(\d+)$/.exec(line.path as string)![1])
      const output = join(dir, `torrents/item-${index}.torrent`)
      const report = reportOf(output)
      // What create --json prints, with the passkey masked.
      expect(line).toEqual(JSON.parse(JSON.stringify({path: line.path, ...report, output}).replaceAll(secret, '***')))
      expect(report).toMatchObject({name: `item-${index}`, source: 'REL', createdBy: null, creationDate: null, comment: index % 10 === 0 ? `job ${index}` : null, valid: true})
      expect(readFileSync(output).includes(`https://t.example/${secret}/announce`)).toBe(true)
      expect(line.announce).toEqual([['https://t.example/***/announce']])
    }
    expect(existsSync(join(dir, 'torrents/item-30.torrent'))).toBe(false)
    expect(readdirSync(join(dir, 'torrents'))).toHaveLength(49)
    expect(leftovers(join(dir, 'torrents'))).toEqual([])
  })

  it('exits with the code of the first failed job in the batch order, and --fail-fast stops there', async () => {
    const dir = await project({
      'a/x': 'a',
      'c/x': 'c',
      'd/x': 'd',
      'out/c.torrent': 'already here',
      'batch.json': JSON.stringify({jobs: [{path: 'a'}, {path: 'missing'}, {path: 'c'}, {path: 'd'}].map((job) => ({...job, output: 'out/'}))}),
    })
    const all = await runCli(['create', '--batch', 'batch.json', ...REPRODUCIBLE], {cwd: dir, env: ENV})
    expect(all.status).toBe(4)
    expect(all.stderr.split('\n')).toEqual([
      `mktorrent: error: ${join(dir, 'missing')}: ${join(dir, 'missing')} does not exist`,
      `mktorrent: error: ${join(dir, 'c')}: ${join(dir, 'out/c.torrent')} exists; use --force to replace it`,
      expect.stringMatching(new RegExp(`^created ${join(dir, 'out/a.torrent')}: v1 [0-9a-f]{40}, 1 files, 1 bytes, 1 pieces of 16384, \\d+\\.\\d\\d s$`)),
      expect.stringMatching(/^created .*\/out\/d\.torrent: /),
      'batch: 2 of 4 created, 2 failed',
      '',
    ])
    expect(readFileSync(join(dir, 'out/c.torrent'), 'utf8')).toBe('already here')

    await rm(join(dir, 'out/a.torrent'))
    await rm(join(dir, 'out/d.torrent'))
    const fast = await runCli(['create', '--batch', 'batch.json', '--fail-fast', ...REPRODUCIBLE], {cwd: dir, env: ENV})
    expect(fast.status).toBe(4)
    expect(fast.stderr).toBe(`mktorrent: error: ${join(dir, 'missing')}: ${join(dir, 'missing')} does not exist\nbatch: 0 of 4 created, 1 failed, 3 not run (--fail-fast)\n`)
    expect(readdirSync(join(dir, 'out'))).toEqual(['c.torrent'])
  })

  it('fails alone a job whose batch entry is invalid, naming the file, line and key', async () => {
    const dir = await project({'a/x': 'a', 'b/x': 'b', 'batch.yaml': 'jobs:\n  - path: a\n  - path: b\n    pieceLenght: 1MiB\n'})
    const result = await runCli(['create', '--batch', 'batch.yaml', '-o', 'out/', '--json', ...REPRODUCIBLE], {cwd: dir, env: ENV})
    expect(result.status).toBe(2)
    const [first, second] = jsonLines(result.stdout)
    expect(first).toEqual({
      path: join(dir, 'b'),
      error: {code: 'config-unknown-key', exitCode: 2, message: `${join(dir, 'batch.yaml')}:4: jobs[1].pieceLenght: unknown key (did you mean "pieceLength"?)`},
    })
    expect(second).toMatchObject({path: join(dir, 'a'), name: 'a', output: join(dir, 'out/a.torrent')})
  })

  it('refuses two jobs writing the same file before hashing either', async () => {
    const dir = await project({'one/x': '1', 'two/x': '2', 'batch.yaml': 'jobs:\n  - {path: one, name: same, output: out/}\n  - {path: two, name: same, output: out/}\n'})
    const result = await runCli(['create', '--batch', 'batch.yaml', '--json'], {cwd: dir, env: ENV})
    expect(result.status).toBe(2)
    expect(jsonLines(result.stdout)[0]).toEqual({
      path: join(dir, 'two'),
      error: {code: 'duplicate-output', exitCode: 2, message: `${join(dir, 'out/same.torrent')} is also the output of job 1 (${join(dir, 'one')}); give each job its own output or name`},
    })
  })

  it('refuses a whole batch file that is not one (exit 2), in one JSON line', async () => {
    const dir = await project({'batch.yaml': 'jobs: {path: a}\n'})
    const result = await runCli(['create', '--batch', 'batch.yaml', '--json'], {cwd: dir, env: ENV})
    expect(result.status).toBe(2)
    expect(result.stdout).toBe(`${JSON.stringify({error: {code: 'config-wrong-type', message: `${join(dir, 'batch.yaml')}:1: jobs: expected a list of mappings (a job), not a mapping`, exitCode: 2}})}\n`)
  })
})

describe('create with several paths', () => {
  it('writes one torrent per path into the -o folder, creating it, and a line per job', async () => {
    const dir = await project({'a/x': 'aa', 'b/y': 'bbb', 'c.bin': 'cccc'})
    const result = await runCli(['create', '-o', 'out/', 'a', 'b', 'c.bin', ...REPRODUCIBLE], {cwd: dir, env: ENV})
    expect(result).toMatchObject({status: 0, stdout: ''})
    const lines = result.stderr.split('\n')
    expect(lines.slice(0, 3).map((line) => line.replace(/: v1 .*/, ''))).toEqual(['a', 'b', 'c.bin'].map((name) => `created ${join(dir, 'out', `${name}.torrent`)}`))
    expect(lines.slice(3)).toEqual(['batch: 3 of 3 created, 0 failed', ''])
    expect(reportOf(join(dir, 'out/c.bin.torrent'))).toMatchObject({name: 'c.bin', totalLength: 4})
  })

  it('prints JSON lines, keeps the no-clobber rule per file, and replaces with --force', async () => {
    const dir = await project({'a/x': 'aa', 'b/y': 'bbb', 'out/b.torrent': 'old'})
    const kept = await runCli(['create', '-o', 'out', 'a', 'b', '--json', ...REPRODUCIBLE], {cwd: dir, env: ENV})
    expect(kept.status).toBe(5)
    const [refused, written] = jsonLines(kept.stdout)
    expect(refused).toEqual({path: 'b', error: {code: 'output-exists', exitCode: 5, message: `${join(dir, 'out/b.torrent')} exists; use --force to replace it`}})
    expect(written).toEqual({path: 'a', ...reportOf(join(dir, 'out/a.torrent')), output: join(dir, 'out/a.torrent')})
    expect(readFileSync(join(dir, 'out/b.torrent'), 'utf8')).toBe('old')
    const forced = await runCli(['create', '-o', 'out', 'a', 'b', '--force', '--json', ...REPRODUCIBLE], {cwd: dir, env: ENV})
    expect(forced.status).toBe(0)
    expect(jsonLines(forced.stdout).map((line) => line.name)).toEqual(['a', 'b'])
    expect(reportOf(join(dir, 'out/b.torrent')).name).toBe('b')
  })

  it.each([
    [['a', 'b', '-o', 'one.torrent'], '--output "one.torrent": several torrents need a folder (end it with "/", or name an existing folder)'],
    [['a', 'b', '-o', '-'], '--output "-": several torrents need a folder (end it with "/", or name an existing folder)'],
    [['a', 'b', '-n', 'x'], '--name names one torrent; in a batch, give each job its own name in the batch file'],
    [['a', '--batch', 'b.yaml'], '--batch takes the paths from its file; give no path on the command line'],
  ])('refuses create %j (exit 2)', async (args, message) => {
    const dir = await project({'a/x': 'a', 'b/x': 'b'})
    const result = await runCli(['create', ...args], {cwd: dir, env: ENV})
    expect(result).toMatchObject({status: 2, stdout: '', stderr: `mktorrent: error: ${message}\n`})
  })
})

describe('create -o DIR', () => {
  it('writes DIR/<name>.torrent into an existing folder, or a folder ending in / that it creates', async () => {
    const dir = await project({'data/x': 'x', 'there/.keep': ''})
    const existing = await runCli(['create', 'data', '-o', 'there', '-q', ...REPRODUCIBLE], {cwd: dir, env: ENV})
    expect(existing).toMatchObject({status: 0, stderr: ''})
    expect(reportOf(join(dir, 'there/data.torrent')).name).toBe('data')
    const created = await runCli(['create', 'data', '-o', 'new/deeper/', '-n', 'renamed', '-q', ...REPRODUCIBLE], {cwd: dir, env: ENV})
    expect(created).toMatchObject({status: 0, stderr: ''})
    expect(reportOf(join(dir, 'new/deeper/renamed.torrent')).name).toBe('renamed')
    const again = await runCli(['create', 'data', '-o', 'there'], {cwd: dir, env: ENV})
    expect(again).toMatchObject({status: 5, stderr: `mktorrent: error: ${join(dir, 'there/data.torrent')} exists; use --force to replace it\n`})
  })
})
