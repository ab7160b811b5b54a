import {execFileSync, spawnSync} from 'node:child_process'
import {chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync} from 'node:fs'
import {type Server, createServer} from 'node:net'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, afterEach, beforeAll, beforeEach, describe, expect, it} from 'vitest'
import {verifyContent} from '../../src/core/use-cases/verify-content.js'
import {KiB, torrent, v1File, v1MultiInfo} from '../helpers/torrent-builder.js'
import {multiFileTorrent, singleFileTorrent} from '../helpers/verify-torrents.js'
import {describeUnprivileged} from '../helpers/unprivileged.js'
import {start, stderrLines} from './fault-helpers.js'

// Content that points or lies outside its folder, and files that are not files: verify follows
// the content folder it is given (also through a link), then nothing that leads out of that
// folder's real path, and opens nothing but regular files and its folders, listed once each (the
// listings give every entry's type; the checks use lstat and stat).
const L = 16 * KiB
const data = (text: string): Buffer => Buffer.from(text.repeat(100))
const FILES: Array<[path: string, data: Buffer]> = [
  ['a.bin', data('a')],
  ['dev.bin', data('d')],
  ['fifo-link.bin', data('l')],
  ['fifo.bin', data('f')],
  ['inside-link.bin', data('i')],
  ['out-dir/x.bin', data('x')],
  ['out-file.bin', data('o')],
  ['sock.bin', data('s')],
  ['sub/target.bin', data('i')],
]

interface Report {
  ok: boolean
  content: string
  bytesVerified: number
  files: Array<{path: string; status: string; detail: string | null}>
}

describe('verify, on content with links out of its folder and special files', () => {
  let dir: string
  let real: string
  let server: Server
  let device: boolean

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mktorrent-verify-odd-'))
    real = join(dir, 'real')
    mkdirSync(join(real, 'sub'), {recursive: true})
    mkdirSync(join(dir, 'secret'))
    symlinkSync(real, join(dir, 'link-root'))
    writeFileSync(join(dir, 't.torrent'), multiFileTorrent('real', FILES.map(([path, bytes]) => ({path, data: bytes})), 'v2', L))
    writeFileSync(join(real, 'a.bin'), data('a'))
    writeFileSync(join(real, 'sub', 'target.bin'), data('i'))
    // Reached through the content folder's own link: inside once resolved, so followed.
    symlinkSync(join(dir, 'link-root', 'sub', 'target.bin'), join(real, 'inside-link.bin'))
    // The data the torrent wants, outside: a followed link would find it good.
    writeFileSync(join(dir, 'secret', 'out-file.bin'), data('o'))
    writeFileSync(join(dir, 'secret', 'x.bin'), data('x'))
    symlinkSync('../secret/out-file.bin', join(real, 'out-file.bin'))
    symlinkSync('../secret', join(real, 'out-dir'))
    execFileSync('mkfifo', [join(real, 'fifo.bin')])
    symlinkSync('fifo.bin', join(real, 'fifo-link.bin'))
    server = createServer()
    await new Promise<void>((resolve) => server.listen(join(real, 'sock.bin'), resolve))
    // /dev/null's numbers; creating a device needs CAP_MKNOD, which a container may not grant.
    device = spawnSync('mknod', [join(real, 'dev.bin'), 'c', '1', '3']).status === 0
  })

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve))
    rmSync(dir, {recursive: true, force: true})
  })

  const special = 'a FIFO, socket or device, which is never opened'
  const expected = (): Report['files'] => [
    {path: 'a.bin', status: 'ok', detail: null},
    device ? {path: 'dev.bin', status: 'not-a-file', detail: special} : {path: 'dev.bin', status: 'missing', detail: null},
    {path: 'fifo-link.bin', status: 'not-a-file', detail: special},
    {path: 'fifo.bin', status: 'not-a-file', detail: special},
    {path: 'inside-link.bin', status: 'ok', detail: null},
    {path: 'out-dir/x.bin', status: 'not-a-file', detail: 'its folder is a symbolic link to outside the content folder, which is not followed'},
    {path: 'out-file.bin', status: 'not-a-file', detail: 'a symbolic link to outside the content folder, which is not followed'},
    {path: 'sock.bin', status: 'not-a-file', detail: special},
    {path: 'sub/target.bin', status: 'ok', detail: null},
  ]

  it('through a linked content folder, verifies the files inside its real path and follows nothing out of it', async () => {
    const result = await start(['verify', '--json', join(dir, 't.torrent'), join(dir, 'link-root')]).done
    expect(result.hung).toBe(false)
    const report = JSON.parse(result.stdout.toString()) as Report
    expect(report.files.map(({path, status, detail}) => ({path, status, detail}))).toEqual(expected())
    expect(report.bytesVerified).toBe(3 * 100)
    expect(result.status).toBe(1)
    expect(stderrLines(result.stderr)).toHaveLength(1)
  })

  const strace = spawnSync('strace', ['-V']).status === 0

  it.skipIf(!strace)('opens no file outside the content folder and no special file, and names outside paths only to read links (strace)', () => {
    const log = join(dir, 'strace.log')
    const traced = spawnSync('strace', ['-f', '-e', 'trace=%file,%desc', '-o', log, process.execPath, 'bin/run.js', 'verify', join(dir, 't.torrent'), join(dir, 'link-root')], {
      env: {...process.env, NO_COLOR: '1', NODE_ENV: undefined},
      timeout: 120_000,
    })
    expect(traced.status).toBe(1)
    const calls = readFileSync(log, 'utf8').split('\n')
    const opened = calls.flatMap((line) => (/\bopen(at2?)?\(/.test(line) ? [...line.matchAll(/"([^"]*)"/g)].map((match) => match[1]!) : []))
    // The torrent, the regular files by their real paths (target.bin twice: once as inside-link.bin),
    // and the folders, each listed once by its real path.
    expect(opened.filter((path) => path.startsWith(dir)).sort()).toEqual(
      [
        join(dir, 't.torrent'),
        join(real, 'a.bin'),
        join(real, 'sub', 'target.bin'),
        join(real, 'sub', 'target.bin'),
        real,
        join(real, 'sub'),
      ].sort(),
    )
    // glibc's realpath reads each link on the way, so the targets of links out show up in readlink only.
    expect(calls.filter((line) => line.includes(join(dir, 'secret')) && !/^\d+ +readlink\(/.test(line))).toEqual([])
  })
})

describe('verify, a single-file torrent whose content is not a regular file', () => {
  let dir: string
  let server: Server

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mktorrent-verify-single-'))
    writeFileSync(join(dir, 'one.torrent'), singleFileTorrent('one.bin', data('1'), 'v1', L))
  })

  afterEach(async () => {
    if (server !== undefined) await new Promise((resolve) => server.close(resolve))
    rmSync(dir, {recursive: true, force: true})
  })

  const make: Record<string, (path: string) => Promise<void> | void> = {
    'a FIFO with no writer': (path) => void execFileSync('mkfifo', [path]),
    'a socket': (path) => {
      server = createServer()
      return new Promise((resolve) => server.listen(path, () => resolve()))
    },
    '/dev/zero, through a link': (path) => symlinkSync('/dev/zero', path),
  }

  for (const [what, build] of Object.entries(make)) {
    it(`reports ${what} as not a file, without opening it or blocking (exit 1)`, async () => {
      const content = join(dir, 'one.bin')
      await build(content)
      const result = await start(['verify', '--json', join(dir, 'one.torrent')]).done
      expect(result.hung).toBe(false)
      expect((JSON.parse(result.stdout.toString()) as Report).files).toEqual([
        {path: 'one.bin', length: 100, status: 'not-a-file', badPieces: [0], diskLength: null, detail: 'a FIFO, socket or device, which is never opened', bytesGood: 0},
      ])
      expect(result.status).toBe(1)
    })
  }
})

describeUnprivileged('verify, on content an unprivileged user cannot read', (unprivileged) => {
  // CI runs as root, which reads anything whatever the mode bits: only another user shows EACCES.
  // (An unreadable file is in test/commands/verify.test.ts.)
  let dir: string
  let root: string

  beforeEach(() => {
    dir = unprivileged.tempDir('verify-perms-')
    root = join(dir, 'content')
    mkdirSync(join(root, 'sub'), {recursive: true})
    writeFileSync(join(root, 'a.bin'), data('a'))
    writeFileSync(join(root, 'sub', 'b.bin'), data('b'))
    writeFileSync(join(dir, 't.torrent'), multiFileTorrent('content', [{path: 'a.bin', data: data('a')}, {path: 'sub/b.bin', data: data('b')}], 'v2', L))
    chmodSync(dir, 0o755)
  })

  afterEach(() => {
    chmodSync(root, 0o755)
    chmodSync(join(root, 'sub'), 0o755)
    rmSync(dir, {recursive: true, force: true})
  })

  const asUnprivileged = (args: string[]) => unprivileged.run(args)
  const statuses = (stdout: Buffer): string[] => (JSON.parse(stdout.toString()) as Report).files.map((file) => `${file.path} ${file.status} ${file.detail}`)

  it('reports the files of an unreadable folder as unreadable, and verifies the rest (exit 1)', async () => {
    chmodSync(join(root, 'sub'), 0o000)
    const result = await asUnprivileged(['verify', '--json', join(dir, 't.torrent')])
    expect(statuses(result.stdout)).toEqual(['a.bin ok null', 'sub/b.bin unreadable permission denied'])
    expect(result.status).toBe(1)
    expect(stderrLines(result.stderr)).toEqual([`mktorrent: error: 1 of 2 files failed verification (1 unreadable) in ${root}`])
  })

  it('reports every file unreadable when the content folder cannot be searched (exit 1)', async () => {
    chmodSync(root, 0o000)
    const result = await asUnprivileged(['verify', '--json', join(dir, 't.torrent')])
    expect(statuses(result.stdout)).toEqual(['a.bin unreadable permission denied', 'sub/b.bin unreadable permission denied'])
    expect(result.status).toBe(1)
    expect(stderrLines(result.stderr)).toHaveLength(1)
  })
})

describe('verify, on names this file system cannot hold', () => {
  it('reports a file whose name is too long for the file system as missing', async () => {
    const root = mkdtempSync(join(tmpdir(), 'mktorrent-verify-long-'))
    try {
      // 300 bytes: a valid torrent (a warning), but over NAME_MAX (255) here.
      const info = v1MultiInfo('content', [v1File('a.bin', data('a')), v1File('n'.repeat(300), data('n'))], L)
      writeFileSync(join(root, 'a.bin'), data('a'))
      const report = await verifyContent({torrent: torrent(info), content: root, threads: 1})
      expect(report.files.map(({status, detail}) => ({status, detail}))).toEqual([
        {status: 'corrupt', detail: 'shares pieces with a missing or damaged file'},
        {status: 'missing', detail: 'its name is too long for this file system'},
      ])
    } finally {
      rmSync(root, {recursive: true, force: true})
    }
  })
})
