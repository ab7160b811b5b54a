import {execFileSync} from 'node:child_process'
import {chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync} from 'node:fs'
import {type Server, createServer} from 'node:net'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, afterEach, beforeAll, beforeEach, describe, expect, it} from 'vitest'
import {describeUnprivileged} from '../helpers/unprivileged.js'
import {start, stderrLines} from './fault-helpers.js'

describeUnprivileged('create, on input an unprivileged user cannot read', (unprivileged) => {
  // CI runs as root, which reads anything whatever the mode bits: only another user shows EACCES.
  let dir: string
  let root: string

  beforeEach(() => {
    dir = unprivileged.tempDir('perms-')
    root = join(dir, 'content')
    mkdirSync(join(root, 'sub'), {recursive: true})
    writeFileSync(join(root, 'a.txt'), 'readable')
    writeFileSync(join(root, 'sub', 'b.txt'), 'readable too')
    chmodSync(dir, 0o777)
  })

  afterEach(() => {
    chmodSync(dir, 0o755)
    chmodSync(join(root, 'sub'), 0o755)
    rmSync(dir, {recursive: true, force: true})
  })

  it('exits 4 naming an unreadable file, and writes nothing', async () => {
    const secret = join(root, 'sub', 'b.txt')
    chmodSync(secret, 0o000)
    const result = await unprivileged.run(['create', '--no-date', '-o', join(dir, 'out.torrent'), root])
    expect(result.status).toBe(4)
    expect(stderrLines(result.stderr)).toEqual([`mktorrent: error: ${secret} cannot be opened (EACCES)`])
    expect(existsSync(join(dir, 'out.torrent'))).toBe(false)
  })

  it('exits 4 naming an unreadable folder', async () => {
    chmodSync(join(root, 'sub'), 0o000)
    const result = await unprivileged.run(['create', '--no-date', '-o', join(dir, 'out.torrent'), root])
    expect(result.status).toBe(4)
    expect(stderrLines(result.stderr)).toEqual([`mktorrent: error: ${join(root, 'sub')} cannot be read: permission denied`])
  })

  it('exits 4 when the output folder is not writable', async () => {
    chmodSync(dir, 0o555)
    const result = await unprivileged.run(['create', '--no-date', '-o', join(dir, 'out.torrent'), root])
    expect(result.status).toBe(4)
    expect(stderrLines(result.stderr)).toEqual([`mktorrent: error: cannot write in ${dir}: permission denied`])
  })
})

describe('create, on trees with FIFOs, sockets and odd symbolic links', () => {
  let dir: string
  let root: string
  let server: Server

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mktorrent-odd-tree-'))
    root = join(dir, 'content')
    mkdirSync(join(root, 'sub'), {recursive: true})
    mkdirSync(join(dir, 'outside'))
    writeFileSync(join(root, 'a.txt'), 'inside')
    writeFileSync(join(dir, 'outside', 'o.txt'), 'outside')
    execFileSync('mkfifo', [join(root, 'fifo')])
    server = createServer()
    await new Promise<void>((resolve) => server.listen(join(root, 'socket'), resolve))
    symlinkSync('nothing-here', join(root, 'dangling'))
    symlinkSync('self-loop', join(root, 'self-loop'))
    symlinkSync('..', join(root, 'sub', 'up'))
    symlinkSync('fifo', join(root, 'fifo-link'))
    symlinkSync(join(dir, 'outside'), join(root, 'outside-dir'))
    symlinkSync(join(dir, 'outside', 'o.txt'), join(root, 'outside-file'))
  })

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve))
    rmSync(dir, {recursive: true, force: true})
  })

  const files = (stdout: string): string[] => (JSON.parse(stdout) as {files: Array<{path: string}>}).files.map((file) => file.path)

  it('skips special files and every symbolic link by default, never opening any', async () => {
    const result = await start(['create', '--no-date', '--dry-run', '--json', root]).done
    expect(result.hung).toBe(false)
    expect(result.status).toBe(0)
    expect(files(result.stdout.toString())).toEqual(['a.txt'])
  })

  it('with --follow-symlinks, follows links (outside the root too), skips dangling ones, loops and FIFOs behind links', async () => {
    const result = await start(['create', '--no-date', '--dry-run', '--json', '--follow-symlinks', root]).done
    expect(result.hung).toBe(false)
    expect(result.status).toBe(0)
    expect(files(result.stdout.toString())).toEqual(['a.txt', 'outside-dir/o.txt', 'outside-file'])
  })

  it('hashes such a tree to the end without blocking', async () => {
    const output = join(dir, 'out.torrent')
    const result = await start(['create', '--no-date', '--follow-symlinks', '-o', output, root]).done
    expect(result.hung).toBe(false)
    expect(result.status).toBe(0)
    rmSync(output)
  })

  it('refuses a FIFO given as the content with exit 4, without opening it', async () => {
    const result = await start(['create', '--no-date', '--dry-run', join(root, 'fifo')]).done
    expect(result.hung).toBe(false)
    expect(result.status).toBe(4)
    expect(stderrLines(result.stderr)).toEqual([`mktorrent: error: ${join(root, 'fifo')} is not a regular file or folder (a FIFO, socket or device), so it is not read`])
  })
})
