import {spawn, spawnSync} from 'node:child_process'
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {REPO_ROOT, runCli} from '../helpers/run-cli.js'

// Issue 11, section 2: `-` is stdin, and a FIFO or a process substitution is read as the torrent.
const TORRENT = 'fixtures/torrents/lt-v1-tree.torrent'
const BYTES = readFileSync(join(REPO_ROOT, TORRENT))
const BIN = join(REPO_ROOT, 'bin/run.js')
const scratch = mkdtempSync(join(tmpdir(), 'mktorrent-pipe-'))
afterAll(() => rmSync(scratch, {recursive: true, force: true}))

const lines = (text: string): string[] => text.split('\n').filter((line) => line !== '')

/** Runs a bash script (for `<(...)` and `yes |`) with `$MKT` the CLI; a 60 s kill guards against a hang. */
function bash(script: string): {status: number | null; stdout: string; stderr: string} {
  const env: NodeJS.ProcessEnv = {...process.env, NO_COLOR: '1', MKT: `${process.execPath} ${BIN}`}
  delete env.NODE_ENV
  const result = spawnSync('bash', ['-c', script], {cwd: REPO_ROOT, env, encoding: 'utf8', timeout: 60_000})
  return {status: result.status, stdout: result.stdout, stderr: result.stderr}
}

describe('a torrent from stdin ("-")', () => {
  it('info - prints what info prints for the file', async () => {
    const fromFile = await runCli(['info', TORRENT])
    const fromStdin = await runCli(['info', '-'], {input: BYTES})
    expect(fromStdin.status).toBe(0)
    expect(fromStdin.stdout).toBe(fromFile.stdout)
    expect(fromStdin.stderr).toBe('')
  })

  it('magnet - prints the same link as magnet FILE', async () => {
    const fromStdin = await runCli(['magnet', '-'], {input: BYTES})
    expect(fromStdin.status).toBe(0)
    expect(fromStdin.stdout).toBe((await runCli(['magnet', TORRENT])).stdout)
  })

  it('verify - looks for the content in the current folder, or under --save-path', async () => {
    const fromCwd = await runCli(['verify', '-', '--json'], {input: BYTES, cwd: join(REPO_ROOT, 'fixtures/content')})
    const saved = await runCli(['verify', '-', '--save-path', 'fixtures/content', '--json'], {input: BYTES})
    for (const result of [fromCwd, saved]) {
      expect(result.stderr).toBe('')
      expect(result.status).toBe(0)
      expect(JSON.parse(result.stdout)).toMatchObject({ok: true})
    }
  })

  it('edit - writes the edited torrent to stdout, or to -o', async () => {
    const result = await runCli(['edit', '-', '--comment', 'from a pipe', '--quiet'], {input: BYTES})
    expect(result.status).toBe(0)
    const info = await runCli(['info', '--json', '-'], {input: result.stdoutBytes})
    expect(JSON.parse(info.stdout)).toMatchObject({comment: 'from a pipe', infoHash: '263be6a9344bdac7e4111cb4d7ddc0a4272a8fac'})

    const out = join(scratch, 'edited.torrent')
    const written = await runCli(['edit', '-', '--comment', 'to a file', '-o', out], {input: BYTES})
    expect([written.status, written.stdout, lines(written.stderr)]).toEqual([0, '', [`wrote stdin -> ${out}: changed comment; info-hash unchanged`]])
    expect(JSON.parse((await runCli(['info', '--json', out])).stdout)).toMatchObject({comment: 'to a file'})
  })

  it.each([
    [['edit', '-', '--in-place', '--comment', 'x'], '--in-place cannot replace stdin; write to -o PATH or to stdout'],
    [['edit', '-', TORRENT, '--in-place', '--comment', 'x'], '"-" (a torrent from stdin) is edited alone, not with other torrents'],
    [['edit', '-', '--json', '--comment', 'x'], '--json and the edited torrent from stdin both want stdout; give -o PATH'],
  ])('%j is a usage error (exit 2)', async (argv, message) => {
    const result = await runCli(argv, {input: BYTES})
    expect([result.status, lines(result.stderr)]).toEqual([2, [`mktorrent: error: ${message}`]])
  })

  it('an endless stdin stops one byte past the 10 MB limit with exit 3, reading no further', () => {
    const result = bash('yes | $MKT info -')
    expect([result.status, result.stdout, lines(result.stderr)]).toEqual([
      3,
      '',
      ['mktorrent: error: stdin holds more than the 10000000-byte limit for a .torrent file; the rest was not read'],
    ])
  })

  it('"-" with a terminal on stdin is a usage error (exit 2), not a wait for typed bytes', () => {
    // util-linux `script` gives the command a pseudo-terminal; -e passes its exit status on.
    const result = bash(`script -qec "$MKT magnet -" /dev/null < /dev/null`)
    expect(result.status).toBe(2)
    expect(lines(result.stdout.replaceAll('\r', ''))).toEqual(['mktorrent: error: "-" reads the torrent from stdin, but stdin is a terminal; pipe a .torrent file in, or give its path'])
  })

  it('an empty stdin is refused as invalid, naming stdin', async () => {
    const result = await runCli(['magnet', '-'], {input: ''})
    expect([result.status, lines(result.stderr)]).toEqual([3, ['mktorrent: error: stdin: invalid bencode at byte 0: the input is empty']])
  })
})

describe('a torrent from a FIFO or a process substitution', () => {
  it('info <(cat FILE) prints what info FILE prints', () => {
    const result = bash(`$MKT info <(cat ${TORRENT})`)
    expect(result.stderr).toBe('')
    expect([result.status, result.stdout]).toEqual([0, spawnSync('bash', ['-c', `${process.execPath} ${BIN} info ${TORRENT}`], {cwd: REPO_ROOT, encoding: 'utf8'}).stdout])
  })

  it('a decoding error from a pipe is reported once, from the bytes read (no second read of an empty pipe)', () => {
    const result = bash(`$MKT info <(printf '<html><body>log in</body></html>')`)
    expect(result.status).toBe(3)
    expect(lines(result.stderr)).toEqual([expect.stringMatching(/^mktorrent: error: \/dev\/fd\/\d+: invalid bencode at byte 0: unexpected byte 0x3c where a value was expected \(this is an HTML page, often a login or error page saved in place of the torrent; download the \.torrent again\)$/u)])
  })

  it('a process substitution that never ends stops at the limit with exit 3', () => {
    const result = bash('$MKT magnet <(yes)')
    expect(result.status).toBe(3)
    expect(lines(result.stderr)).toEqual([expect.stringMatching(/^mktorrent: error: \/dev\/fd\/\d+ holds more than the 10000000-byte limit for a \.torrent file; the rest was not read$/u)])
  })

  it('a named FIFO whose writer is slow to write is waited on, then read', async () => {
    const fifo = join(scratch, 'slow.torrent')
    spawnSync('mkfifo', [fifo])
    // The writer opens the FIFO at once but writes only later: the reader must wait for the bytes.
    const writer = spawn('bash', ['-c', `exec 3>"${fifo}"; sleep 1; cat ${TORRENT} >&3`], {cwd: REPO_ROOT, stdio: 'ignore'})
    await new Promise((resolve) => setTimeout(resolve, 200))
    const result = await runCli(['magnet', fifo], {timeoutMs: 60_000})
    writer.kill()
    expect([result.status, result.stderr]).toEqual([0, ''])
    expect(result.stdout).toBe((await runCli(['magnet', TORRENT])).stdout)
  })

  it('a FIFO with no writer is refused at once (exit 4), not waited on', async () => {
    const fifo = join(scratch, 'nobody.torrent')
    spawnSync('mkfifo', [fifo])
    const result = await runCli(['info', fifo], {timeoutMs: 60_000})
    expect([result.timedOut, result.status, lines(result.stderr)]).toEqual([
      false,
      4,
      [`mktorrent: error: ${fifo} is a FIFO with no program writing to it; start the writer first`],
    ])
  })

  it('edit --in-place refuses a FIFO (exit 2)', () => {
    const result = bash(`$MKT edit --in-place --comment x <(cat ${TORRENT})`)
    expect(result.status).toBe(2)
    expect(lines(result.stderr)).toEqual([expect.stringMatching(/^mktorrent: error: --in-place cannot replace \/dev\/fd\/\d+, a FIFO; write to -o PATH instead$/u)])
  })
})

describe('info on files that are not torrents', () => {
  const cases: Array<[string, Buffer | string, string]> = [
    ['photo.jpg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46]), 'unexpected byte 0xff where a value was expected (this is a JPEG image, not a .torrent file)'],
    ['login.torrent', '<!DOCTYPE html>\n<html><body>Please log in</body></html>\n', 'unexpected byte 0x3c where a value was expected (this is an HTML page, often a login or error page saved in place of the torrent; download the .torrent again)'],
    ['link.txt', 'magnet:?xt=urn:btih:263be6a9344bdac7e4111cb4d7ddc0a4272a8fac\n', 'unexpected byte 0x6d where a value was expected (this is a magnet link, not a .torrent file; give the link to a client as it is)'],
  ]
  it.each(cases)('info %s names the file and says what it looks like', async (name, content, message) => {
    const path = join(scratch, name)
    writeFileSync(path, content)
    const result = await runCli(['info', path])
    expect([result.status, result.stdout, lines(result.stderr)]).toEqual([3, '', [`mktorrent: error: ${path}: invalid bencode at byte 0: ${message}`]])
  })
})
