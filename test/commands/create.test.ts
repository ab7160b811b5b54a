import {mkdirSync, readFileSync, readdirSync, writeFileSync} from 'node:fs'
import {truncate} from 'node:fs/promises'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {inspectTorrent} from '../../src/core/use-cases/inspect-torrent.js'
import type {TorrentReport} from '../../src/core/metainfo/torrent-report.js'
// runCli here is runWarmCli: bin/run.js in a warm process, start-up paid once per file (test/helpers/warm-cli.ts).
import {runWarmCli as runCli} from '../helpers/warm-cli.js'
import {type TreeSpec, withTempTree} from '../helpers/temp-tree.js'

const TREE: TreeSpec = {'a.bin': 40_000, 'sub/b.txt': 'hello\n', 'sub/c.bin': 20_000}
const REPRODUCIBLE = ['--no-date', '--no-created-by']

function reportOf(path: string): TorrentReport {
  return inspectTorrent(readFileSync(path)).report
}

function lines(text: string): string[] {
  return text.split('\n').filter((line) => line !== '')
}

describe('create, writing a torrent', () => {
  it('writes <name>.torrent in the current folder and one summary line on stderr when piped', async () => {
    await withTempTree(TREE, async ({dir, root}) => {
      const result = await runCli(['create', root, '-l', '16KiB', ...REPRODUCIBLE], {cwd: dir})
      const out = join(dir, 'content.torrent')
      const report = reportOf(out)
      expect(result.status).toBe(0)
      expect(result.stdout).toBe('')
      expect(result.stderr).toBe(`created ${out}: v1 ${report.infoHash}, 3 files, 60006 bytes, 4 pieces of 16384, ${/\d+\.\d\d s/.exec(result.stderr)![0]}\n`)
      expect(report).toMatchObject({name: 'content', metaVersion: 'v1', pieceLength: 16_384, pieceCount: 4, totalLength: 60_006, valid: true, issues: []})
      expect(report.files.map((file) => file.path)).toEqual(['a.bin', 'sub/b.txt', 'sub/c.bin'])
    })
  })

  it('records trackers by tier, web seeds, HTTP seeds, DHT nodes, comment, source and private', async () => {
    await withTempTree(TREE, async ({dir, root}) => {
      const out = join(dir, 'out.torrent')
      const args = ['create', root, '-o', out, '-q', '-a', 'http://a.example/1,http://a.example/2', '-a', 'udp://b.example:80']
      args.push('-w', 'http://seed.example/', '--http-seed', 'http://hs.example/s', '--dht-node', 'router.example:6881', '--dht-node', '[::1]:7000')
      args.push('-c', 'a comment', '-s', 'SRC', '-p', '-n', 'renamed', '--created-by', 'me', '--date', '2024-05-01T12:00:00Z')
      const result = await runCli(args)
      expect(result).toMatchObject({status: 0, stdout: '', stderr: ''})
      expect(reportOf(out)).toMatchObject({
        name: 'renamed',
        announce: [['http://a.example/1', 'http://a.example/2'], ['udp://b.example:80']],
        webSeeds: ['http://seed.example/'],
        httpSeeds: ['http://hs.example/s'],
        comment: 'a comment',
        source: 'SRC',
        private: true,
        createdBy: 'me',
        creationDate: '2024-05-01T12:00:00.000Z',
        issues: [],
      })
      expect(readFileSync(out).includes('5:nodesll14:router.examplei6881eel3:::1i7000eee')).toBe(true)
    })
  })

  it('takes the path after repeatable flags, each flag taking one value', async () => {
    await withTempTree(TREE, async ({dir, root}) => {
      const out = join(dir, 'out.torrent')
      const result = await runCli(['create', '-a', 'http://t.example/a', '-e', '*.txt', '-w', 'http://w.example/', root, '-o', out, '-q'])
      expect(result).toMatchObject({status: 0, stderr: ''})
      expect(reportOf(out)).toMatchObject({announce: [['http://t.example/a']], webSeeds: ['http://w.example/']})
      expect(reportOf(out).files.map((file) => file.path)).toEqual(['a.bin', 'sub/c.bin'])
    })
  })

  it('writes only announce for one tracker, announce-list from two on', async () => {
    await withTempTree(TREE, async ({dir, root}) => {
      await runCli(['create', root, '-o', join(dir, 'one.torrent'), '-q', '-a', 'http://t.example/a'])
      await runCli(['create', root, '-o', join(dir, 'two.torrent'), '-q', '-a', 'http://t.example/a', '-a', 'http://t.example/b'])
      expect(readFileSync(join(dir, 'one.torrent')).includes('announce-list')).toBe(false)
      expect(readFileSync(join(dir, 'two.torrent')).includes('8:announce18:http://t.example/a13:announce-listll18:http://t.example/ael18:http://t.example/bee')).toBe(true)
    })
  })

  it('records "created by" with our version and the current time by default', async () => {
    await withTempTree(TREE, async ({dir, root}) => {
      const before = Math.floor(Date.now() / 1000)
      await runCli(['create', root, '-o', join(dir, 'out.torrent'), '-q'])
      const report = reportOf(join(dir, 'out.torrent'))
      expect(report.createdBy).toMatch(/^mktorrent \d+\.\d+\.\d+$/)
      expect(Date.parse(report.creationDate!) / 1000).toBeGreaterThanOrEqual(before)
    })
  })

  it('writes v2 and hybrid torrents with --v2 and --hybrid', async () => {
    await withTempTree(TREE, async ({dir, root}) => {
      await runCli(['create', root, '-o', join(dir, 'v2.torrent'), '-q', '--v2', '-l', '16KiB'])
      await runCli(['create', root, '-o', join(dir, 'hybrid.torrent'), '-q', '--hybrid', '-l', '16KiB'])
      expect(reportOf(join(dir, 'v2.torrent'))).toMatchObject({metaVersion: 'v2', pieceCount: 6, infoHash: null, issues: []})
      const hybrid = reportOf(join(dir, 'hybrid.torrent'))
      expect(hybrid).toMatchObject({metaVersion: 'hybrid', pieceCount: 6, valid: true})
      expect(hybrid.issues.map((issue) => issue.code)).toEqual(['pad-overhead'])
      expect(hybrid.files.filter((file) => file.padding).map((file) => file.path)).toEqual(['.pad/9152', '.pad/16378', '.pad/12768'])
    })
  })

  it('gives a new info-hash on every run with --cross-seed', async () => {
    await withTempTree(TREE, async ({dir, root}) => {
      for (const name of ['one', 'two']) await runCli(['create', root, '-o', join(dir, `${name}.torrent`), '-q', '-x', ...REPRODUCIBLE])
      expect(reportOf(join(dir, 'one.torrent')).infoHash).not.toBe(reportOf(join(dir, 'two.torrent')).infoHash)
    })
  })

  it('writes the torrent to stdout with -o -, and nothing else there', async () => {
    await withTempTree(TREE, async ({dir, root}) => {
      const result = await runCli(['create', root, '-o', '-', '-l', '16KiB', ...REPRODUCIBLE])
      await runCli(['create', root, '-o', join(dir, 'file.torrent'), '-q', '-l', '16KiB', ...REPRODUCIBLE])
      expect(result.status).toBe(0)
      expect(result.stdoutBytes.equals(readFileSync(join(dir, 'file.torrent')))).toBe(true)
      expect(result.stderr).toMatch(/^created stdout: v1 [0-9a-f]{40}, 3 files/)
    })
  })

  it('prints the info report and the output path with --json', async () => {
    await withTempTree(TREE, async ({dir, root}) => {
      const out = join(dir, 'out.torrent')
      const result = await runCli(['create', root, '-o', out, '--json', ...REPRODUCIBLE])
      expect(result.stderr).toBe('')
      expect(JSON.parse(result.stdout)).toEqual({...reportOf(out), output: out})
    })
  })

  it('leaves out hidden files and OS junk, says so on stderr, and keeps them with --include-hidden', async () => {
    await withTempTree({...TREE, '.git/config': 'x', '.DS_Store': 'junk', 'Thumbs.db': 'junk'}, async ({dir, root}) => {
      const result = await runCli(['create', root, '-o', join(dir, 'out.torrent'), ...REPRODUCIBLE])
      expect(lines(result.stderr).slice(0, 2)).toEqual(['skipped 2 OS junk (--include-hidden keeps them): .DS_Store, Thumbs.db', 'skipped 1 hidden (--include-hidden keeps them): .git'])
      await runCli(['create', root, '-o', join(dir, 'all.torrent'), '-q', '--include-hidden'])
      expect(reportOf(join(dir, 'all.torrent')).files.map((file) => file.path)).toEqual(['.DS_Store', '.git/config', 'Thumbs.db', 'a.bin', 'sub/b.txt', 'sub/c.bin'])
    })
  })

  it('applies --exclude and --include to paths inside the torrent', async () => {
    await withTempTree(TREE, async ({dir, root}) => {
      await runCli(['create', root, '-o', join(dir, 'ex.torrent'), '-q', '-e', '*.txt,a.*'])
      await runCli(['create', root, '-o', join(dir, 'in.torrent'), '-q', '--include', 'sub/*.bin'])
      expect(reportOf(join(dir, 'ex.torrent')).files.map((file) => file.path)).toEqual(['sub/c.bin'])
      expect(reportOf(join(dir, 'in.torrent')).files.map((file) => file.path)).toEqual(['sub/c.bin'])
    })
  })

  it('never includes the output torrent when it is written inside the content', async () => {
    await withTempTree(TREE, async ({root}) => {
      const out = join(root, 'inside.torrent')
      writeFileSync(out, 'stale')
      const result = await runCli(['create', root, '-o', out, '-f', ...REPRODUCIBLE])
      expect(result.status).toBe(0)
      expect(reportOf(out).files.map((file) => file.path)).toEqual(['a.bin', 'sub/b.txt', 'sub/c.bin'])
    })
  })
})

describe('create --dry-run', () => {
  it('prints the plan on stdout and writes nothing', async () => {
    await withTempTree(TREE, async ({dir, root}) => {
      const result = await runCli(['create', root, '--dry-run', '--hybrid', '-l', '16KiB'], {cwd: dir})
      expect(result.status).toBe(0)
      expect(result.stdout).toBe(
        [
          'name          content',
          'meta version  hybrid',
          'files         3',
          'total size    58.6 KiB (60,006 bytes)',
          'piece length  16 KiB (given with --piece-length)',
          'pieces        6',
          'padding       37.4 KiB (63.8% of the payload, hashed with SHA-1)',
          '    39.1 KiB  a.bin',
          '         6 B  sub/b.txt',
          '    19.5 KiB  sub/c.bin',
          'lints         1',
          '  warning: padding is 64% of the payload (37.4 KiB of zeros hashed with SHA-1): smaller pieces or a v2-only torrent avoid it [pad-overhead]',
          '',
        ].join('\n'),
      )
      expect(readdirSync(dir)).toEqual(['content'])
    })
  })

  it('prints the plan as JSON, with the auto piece length and why', async () => {
    await withTempTree(TREE, async ({root}) => {
      const result = await runCli(['create', root, '--dry-run', '--json'])
      expect(JSON.parse(result.stdout)).toEqual({
        name: 'content',
        metaVersion: 'v1',
        pieceLength: 16_384,
        pieceLengthReason: 'auto, policy 1: the 16 KiB minimum',
        pieceCount: 4,
        totalLength: 60_006,
        padBytes: 0,
        files: [
          {path: 'a.bin', length: 40_000},
          {path: 'sub/b.txt', length: 6},
          {path: 'sub/c.bin', length: 20_000},
        ],
        skipped: [],
        issues: [],
      })
    })
  })
})

describe('create, refusing', () => {
  it('exits 5 before hashing when the output exists, leaving it untouched', async () => {
    await withTempTree(TREE, async ({dir, root}) => {
      const out = join(dir, 'out.torrent')
      writeFileSync(out, 'precious')
      const result = await runCli(['create', root, '-o', out])
      expect(result).toMatchObject({status: 5, stdout: '', stderr: `mktorrent: error: ${out} exists; use --force to replace it\n`})
      expect(readFileSync(out, 'utf8')).toBe('precious')
    })
  })

  it('replaces an existing output with --force', async () => {
    await withTempTree(TREE, async ({dir, root}) => {
      const out = join(dir, 'out.torrent')
      writeFileSync(out, 'old')
      expect((await runCli(['create', root, '-o', out, '-f', '-q'])).status).toBe(0)
      expect(reportOf(out).valid).toBe(true)
    })
  })

  it.each<[string, string[], number, string]>([
    ['a missing path', ['/nonexistent/content'], 4, 'mktorrent: error: /nonexistent/content does not exist'],
    ['an exponent below 14', ['.', '-l', '13'], 2, 'mktorrent: error: --piece-length: invalid piece length "13": give an exponent from 14 to 28'],
    ['a piece length that is not a power of two', ['.', '-l', '24KiB'], 2, 'mktorrent: error: --piece-length: invalid piece length "24KiB"'],
    ['both --v2 and --hybrid', ['.', '--v2', '--hybrid'], 2, 'mktorrent: error: --hybrid=true cannot also be provided when using --v2 --v2=true cannot also be provided when using --hybrid; see mktorrent create --help'],
    ['a DHT node without a port', ['.', '--dht-node', 'router.example'], 2, 'mktorrent: error: --dht-node "router.example" is not host:port (IPv6 as [addr]:port)'],
    ['an unreadable date', ['.', '--date', 'yesterday'], 2, 'mktorrent: error: --date "yesterday" is neither ISO 8601'],
    ['--no-date with --date', ['.', '-d', '--date', '0'], 2, 'mktorrent: error: --date=0 cannot also be provided when using --no-date'],
  ])('exits %s with one line on stderr: %s', async (_, args, status, message) => {
    await withTempTree(TREE, async ({root}) => {
      const result = await runCli(['create', ...args], {cwd: root})
      expect(result.status).toBe(status)
      expect(lines(result.stderr)).toHaveLength(1)
      expect(result.stderr.startsWith(message)).toBe(true)
      expect(result.stdout).toBe('')
    })
  })

  it.each<[string[], string]>([
    [['-a', 'not-a-url', '-a', 'http://a b/x', '-w', 'not a url'], '--announce "not-a-url" is not a valid URL: it has no scheme, such as http://'],
    [['-a', 'http://ok.example/a', '-a', 'http://a b/x'], '--announce "http://a b/x" is not a valid URL: it contains a space or other whitespace'],
    [['-w', 'ftp://m.example/pub/', '--dry-run'], '--web-seed "ftp://m.example/pub/" uses ftp, which clients do not use for a web seed; use http or https'],
    [['-n', 'a/b'], `--name "a/b" contains '/' or '\\', which could place a file outside its folder`],
    [['-n', '..', '--dry-run'], '--name is "..", which would leave or alias its folder'],
    [['-n', 'a\nb'], '--name "a\\nb" contains a NUL or control character'],
    [['-s', ''], '--source is empty; leave it out for no source tag'],
    [['-c', 'a\u001Bb'], '--comment "a\\u001bb" contains a control character other than tab or newline, which could drive the terminal of whoever reads it'],
    [['--date', '2024-02-30'], '--date "2024-02-30" is not a real date and time'],
    [['--dht-node', 'a b:6881'], '--dht-node "a b:6881": "a b" is neither a host name nor an IP address'],
  ])('exits 2 for %j before the walk and the output check, naming flag and value', async (flags, message) => {
    // The junk file would be reported as skipped by a walk, and the existing output would exit 5.
    await withTempTree({...TREE, '.DS_Store': 'x'}, async ({dir, root}) => {
      const out = join(dir, 'out.torrent')
      writeFileSync(out, 'precious')
      const result = await runCli(['create', root, '-o', out, ...flags])
      expect(result).toMatchObject({status: 2, stdout: '', stderr: `mktorrent: error: ${message}\n`})
      expect(readFileSync(out, 'utf8')).toBe('precious')
    })
  })

  it('exits 2 for -o - with --json, which both want stdout, with the error as JSON on stdout', async () => {
    const result = await runCli(['create', '.', '-o', '-', '--json'])
    const message = '--output - and --json both want stdout; choose one'
    expect(result.status).toBe(2)
    expect(JSON.parse(result.stdout)).toEqual({error: {code: 'usage', message, exitCode: 2}})
    expect(result.stderr).toBe(`mktorrent: error: ${message}\n`)
  })

  it('exits 2 before hashing when the torrent would be too large for info and libtorrent to load', async () => {
    await withTempTree({}, async ({dir, root}) => {
      // 8 GiB of holes in 16 KiB pieces: 524,288 SHA-1 hashes, a 10 MiB info dictionary.
      writeFileSync(join(root, 'big.bin'), '')
      await truncate(join(root, 'big.bin'), 8 * 1024 ** 3)
      const result = await runCli(['create', root, '-l', '16KiB', '-q', '-o', join(dir, 'out.torrent')])
      expect(result.status).toBe(2)
      expect(result.stderr).toBe('mktorrent: error: the torrent would take 10.0 MiB, over the 10 MB that mktorrent info and libtorrent load by default: choose larger pieces with -l, or write it anyway with --allow info-too-large\n')
      expect(readdirSync(dir)).toEqual(['content'])
    })
  })

  it('exits 2 for a folder with nothing to hash, saying what was skipped', async () => {
    await withTempTree({'.hidden': 'x', 'empty.dat': ''}, async ({root}) => {
      const result = await runCli(['create', root])
      expect(result.status).toBe(2)
      expect(result.stderr).toBe(`mktorrent: error: nothing to hash in ${root}/: 1 file left, all empty (1 hidden); --include-hidden keeps hidden files\n`)
    })
  })

  it('exits 4 naming the folder when the output folder does not exist, before hashing', async () => {
    await withTempTree(TREE, async ({dir, root}) => {
      const out = join(dir, 'missing', 'out.torrent')
      const result = await runCli(['create', root, '-o', out])
      expect(result).toMatchObject({status: 4, stderr: `mktorrent: error: ${join(dir, 'missing')} does not exist, so ${out} cannot be written\n`})
    })
  })

  it('refuses a name a torrent cannot carry safely', async () => {
    await withTempTree(TREE, async ({root}) => {
      mkdirSync(join(root, 'bad\u202Ename'))
      writeFileSync(join(root, 'bad\u202Ename', 'f'), 'x')
      const result = await runCli(['create', root, '--dry-run'])
      expect(result.status).toBe(2)
      expect(result.stderr).toBe('mktorrent: error: "bad\u202Ename" has a name containing a bidi or zero-width character that can disguise it, which a torrent cannot carry safely: rename it, or leave it out with --exclude\n')
    })
  })
})
