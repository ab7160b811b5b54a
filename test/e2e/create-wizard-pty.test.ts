import {execFileSync} from 'node:child_process'
import {readdirSync} from 'node:fs'
import {fileURLToPath} from 'node:url'
import {afterAll, afterEach, beforeAll, expect, it} from 'vitest'
import {describeWithTool} from '../helpers/external-tools.js'
import {runCli} from '../helpers/run-cli.js'
import {type TempTree, makeTempTree} from '../helpers/temp-tree.js'
import {type TmuxSession, startTmux} from '../helpers/tmux-session.js'

const BIN = fileURLToPath(new URL('../../bin/run.js', import.meta.url))

let tree: TempTree
let session: TmuxSession | undefined
beforeAll(async () => {
  tree = await makeTempTree({'a.bin': 200_000, 'sub/b.txt': 'hello\n'}, {rootName: 'album'})
})
afterEach(() => session?.close())
afterAll(() => tree.cleanup())

async function infoHashes(torrent: string): Promise<[string, string]> {
  const report = JSON.parse((await runCli(['info', '--json', torrent], {cwd: tree.dir})).stdout) as {infoHash: string; infoHashV2: string}
  return [report.infoHash, report.infoHashV2]
}

describeWithTool('tmux', 'create wizard in a terminal', () => {
  it('asks step by step, prints a command line that makes the same torrent, and creates it', async () => {
    const s = (session = startTmux(['create'], {cwd: tree.dir}))
    await s.waitFor(/File or folder to share/)
    s.type('alb')
    await s.waitFor(/❯ album\/$/m)
    s.keys('Enter')
    await s.waitFor(/❯ v1/)
    s.keys('Down', 'Down', 'Enter')
    await s.waitFor(/Tracker tier 1/)
    s.type('ftp://nope')
    s.keys('Enter')
    await s.waitFor(/"ftp:\/\/nope" uses ftp, which clients do not use for a tracker; use http, https, udp, ws or wss/)
    s.keys('C-u')
    s.type('udp://tracker.example:6969/announce')
    s.keys('Enter')
    await s.waitFor(/Tracker tier 2/)
    s.keys('Enter')
    await s.waitFor(/Web seed 1/)
    s.keys('Enter')
    await s.waitFor(/Private .*\(y\/N\)/)
    s.type('y')
    s.keys('Enter')
    await s.waitFor(/Source tag/)
    s.type('SRC')
    s.keys('Enter')
    await s.waitFor(/Comment/)
    s.keys('Enter')
    await s.waitFor(/❯ auto: 16 KiB/)
    s.keys('Enter')
    await s.waitFor(/Save the torrent as/)
    s.keys('Enter')
    const summary = await s.waitFor(/Create the torrent now\?/)
    s.keys('Enter')
    expect(await s.exitCode()).toBe(0)
    const commandLine = /The same from a script:\n {2}(mktorrent create .*)\n/.exec(summary)?.[1]
    expect(commandLine).toBe('mktorrent create --hybrid -a udp://tracker.example:6969/announce -p -s SRC album')
    expect(s.screen()).toMatch(/Created .*album\.torrent\n {2}name {10}album \(hybrid\)/)

    execFileSync('sh', ['-c', `mktorrent() { "${process.execPath}" "${BIN}" "$@"; }; ${commandLine} -o again.torrent`], {cwd: tree.dir, env: {...process.env, NO_COLOR: '1'}, stdio: 'pipe'})
    expect(await infoHashes('album.torrent')).toEqual(await infoHashes('again.torrent'))
  })

  it('exits 130 and writes nothing on Ctrl-C at a question', async () => {
    const before = readdirSync(tree.dir)
    const s = (session = startTmux(['create'], {cwd: tree.dir}))
    await s.waitFor(/File or folder to share/)
    s.type('album')
    await s.waitFor(/❯ album$/m)
    s.keys('Enter')
    await s.waitFor(/❯ v1/)
    s.keys('C-c')
    expect(await s.exitCode()).toBe(130)
    expect(s.screen()).toContain('mktorrent: error: interrupted; nothing was written')
    expect(readdirSync(tree.dir)).toEqual(before)
  })

  it('asks only what the command line leaves open, and exits 130 without writing when told no', async () => {
    const args = ['create', '-i', '--v2', '-a', 'udp://t.example:1/a', '-w', 'https://w.example/', '-p', '-s', 'S', '-c', 'C', '-l', '1MiB', '-o', 'declined.torrent', 'album']
    const s = (session = startTmux(args, {cwd: tree.dir}))
    const screen = await s.waitFor(/Create the torrent now\? \(Y\/n\)/)
    expect(screen).toContain('mktorrent create --v2 -a udp://t.example:1/a -w https://w.example/ -p -s S -c C -l 1MiB -o declined.torrent album')
    expect(screen).not.toMatch(/Torrent format|Tracker|Private|Piece length/)
    s.type('n')
    s.keys('Enter')
    expect(await s.exitCode()).toBe(130)
    expect(readdirSync(tree.dir)).not.toContain('declined.torrent')
  })
})
