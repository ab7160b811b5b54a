import {spawn} from 'node:child_process'
import {chmod, rm, truncate, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {describe, expect, it} from 'vitest'
import {KiB, torrent, v1File, v1MultiInfo, v2File, v2Info, v2Torrent, hybridInfo} from '../helpers/torrent-builder.js'
import {waitForOpen} from '../faults/fault-helpers.js'
// runCli here is runWarmCli: bin/run.js in a warm process, start-up paid once per file (test/helpers/warm-cli.ts).
import {runWarmCli as runCli} from '../helpers/warm-cli.js'
import {type TempTree, withTempTree} from '../helpers/temp-tree.js'
import {describeUnprivileged} from '../helpers/unprivileged.js'
import {flipByte, multiFileTorrent, readTree, singleFileTorrent} from '../helpers/verify-torrents.js'

const L = 32 * KiB
const TREE = {'a.bin': 2 * L + 10, 'sub/b.bin': L, 'z.txt': 'hello\n'}
const BIN = fileURLToPath(new URL('../../bin/run.js', import.meta.url))

/** The tree's v1/v2/hybrid torrent, written next to the content folder as `<dir>/t.torrent`. */
async function torrentFile(tree: TempTree, mode: 'v1' | 'v2' | 'hybrid'): Promise<string> {
  const path = join(tree.dir, 't.torrent')
  await writeFile(path, multiFileTorrent('content', await readTree(tree.root, Object.keys(TREE)), mode, L))
  return path
}

describe('verify, piped output', () => {
  it('prints the summary lines and exits 0 when everything matches', async () => {
    await withTempTree(TREE, async (tree) => {
      const result = await runCli(['verify', await torrentFile(tree, 'hybrid')])
      expect(result.stdout).toBe(
        [`content\t${tree.root}`, 'meta version\thybrid', 'files ok\t3\t3', 'pieces ok\t5\t5', `bytes verified\t${3 * L + 16}`, `bytes hashed\t${3 * L + 16}`, `bytes good\t${3 * L + 16}\t${3 * L + 16}`, 'result\tok', ''].join('\n'),
      )
      expect(result.stderr).toBe('')
      expect(result.status).toBe(0)
    })
  })

  it('names the corrupt, missing and short files with their pieces and exits 1', async () => {
    await withTempTree(TREE, async (tree) => {
      const path = await torrentFile(tree, 'v1')
      await flipByte(join(tree.root, 'a.bin'), L + 5)
      await truncate(join(tree.root, 'sub/b.bin'), 100)
      await rm(join(tree.root, 'z.txt'))
      await writeFile(join(tree.root, 'extra.nfo'), 'x')
      const result = await runCli(['verify', path, tree.root])
      expect(result.stdout).toBe(
        [
          `content\t${tree.root}`,
          'meta version\tv1',
          'file\tcorrupt\ta.bin\t1-2\t',
          `file\tshort\tsub/b.bin\t2-3\t100 of ${L} bytes, 0 intact`,
          'file\tmissing\tz.txt\t3\t',
          'extra\textra.nfo',
          'files ok\t0\t3',
          'pieces ok\t1\t4',
          `bytes verified\t${2 * L}`,
          `bytes hashed\t${2 * L}`,
          `bytes good\t${L}\t${3 * L + 16}`,
          'result\tproblems',
          '',
        ].join('\n'),
      )
      expect(result.stderr).toBe(`mktorrent: error: 3 of 3 files failed verification (1 corrupt, 1 short, 1 missing) in ${tree.root}\n`)
      expect(result.status).toBe(1)
    })
  })

  it('lists every file with --verbose, and only the selected ones as checked with --file', async () => {
    await withTempTree(TREE, async (tree) => {
      const result = await runCli(['verify', '--verbose', '--file', 'sub/*', '--save-path', tree.dir, await torrentFile(tree, 'v2')])
      expect(result.stdout.split('\n').filter((line) => line.startsWith('file'))).toEqual([
        'file\tskipped\ta.bin\t\t',
        'file\tok\tsub/b.bin\t\t',
        'file\tskipped\tz.txt\t\t',
        'files ok\t1\t3',
        'files skipped\t2',
      ])
      expect(result.status).toBe(0)
    })
  })

  it('checks sizes only with --fast', async () => {
    await withTempTree(TREE, async (tree) => {
      const path = await torrentFile(tree, 'v2')
      await flipByte(join(tree.root, 'a.bin'), 0)
      const result = await runCli(['verify', '--fast', path])
      expect(result.stdout).toBe(
        [`content\t${tree.root}`, 'meta version\tv2', 'fast\tyes', 'files ok\t3\t3', 'pieces ok\t0\t5', 'bytes verified\t0', 'bytes hashed\t0', 'result\tok', ''].join('\n'),
      )
      expect(result.status).toBe(0)
    })
  })
})

describe('verify, a content path that is the save path', () => {
  it('says in one line that the folder given holds the content, for a multi-file torrent', async () => {
    await withTempTree(TREE, async (tree) => {
      const result = await runCli(['verify', await torrentFile(tree, 'v1'), tree.dir])
      expect(result.stdout).toContain('file\tmissing\ta.bin\t')
      expect(result.stderr).toBe(`mktorrent: error: the torrent's content is not at ${tree.dir}, which holds ${tree.root}: did you mean --save-path ${tree.dir}?\n`)
      expect(result.status).toBe(1)
    })
  })

  it('says so for a single-file torrent given the folder holding the file, in --json too', async () => {
    await withTempTree({'one.bin': L + 7}, async (tree) => {
      const [one] = await readTree(tree.root, ['one.bin'])
      const path = join(tree.dir, 'one.torrent')
      await writeFile(path, singleFileTorrent('one.bin', one!.data, 'v2', L))
      const result = await runCli(['verify', '--json', path, tree.root])
      const file = join(tree.root, 'one.bin')
      expect(JSON.parse(result.stdout)).toMatchObject({
        ok: false,
        files: [{status: 'not-a-file', detail: 'a folder'}],
        hint: {code: 'content-is-save-path', path: file, message: `${tree.root} holds "one.bin", named like the torrent's content: it is the folder the content was saved to (the save path), not the content`},
      })
      expect(result.stderr).toBe(`mktorrent: error: the torrent's content is not at ${tree.root}, which holds ${file}: did you mean --save-path ${tree.root}?\n`)
      expect(result.status).toBe(1)
    })
  })

  it('gives no hint when a file of the torrent is where it was looked for, even next to a folder named like the torrent', async () => {
    await withTempTree({...TREE, 'content/a.bin': 1}, async (tree) => {
      const path = await torrentFile(tree, 'v2')
      await rm(join(tree.root, 'z.txt'))
      const result = await runCli(['verify', '--json', path, tree.root])
      expect(JSON.parse(result.stdout)).toMatchObject({ok: false, hint: null})
      expect(result.stderr).toBe(`mktorrent: error: 1 of 3 files failed verification (1 missing) in ${tree.root}\n`)
    })
  })
})

describe('verify --json', () => {
  it('prints the documented report and exits 1 on a bad piece', async () => {
    await withTempTree(TREE, async (tree) => {
      const path = await torrentFile(tree, 'v2')
      await flipByte(join(tree.root, 'sub/b.bin'), L - 1)
      const result = await runCli(['verify', '--json', path])
      expect(JSON.parse(result.stdout)).toStrictEqual({
        ok: false,
        metaVersion: 'v2',
        content: tree.root,
        pieces: {total: 5, checked: 5, good: 4, bad: [3], inconsistent: []},
        files: [
          {path: 'a.bin', length: 2 * L + 10, status: 'ok', badPieces: [], diskLength: 2 * L + 10, detail: null, bytesGood: 2 * L + 10},
          {path: 'sub/b.bin', length: L, status: 'corrupt', badPieces: [3], diskLength: L, detail: null, bytesGood: 0},
          {path: 'z.txt', length: 6, status: 'ok', badPieces: [], diskLength: 6, detail: null, bytesGood: 6},
        ],
        name: 'content',
        fast: false,
        bytesVerified: 3 * L + 16,
        extraFiles: [],
        bytesHashed: 3 * L + 16,
        bytesGood: 2 * L + 16,
        hint: null,
      })
      expect(Object.keys(JSON.parse(result.stdout))).toEqual(['ok', 'metaVersion', 'content', 'pieces', 'files', 'name', 'fast', 'bytesVerified', 'extraFiles', 'bytesHashed', 'bytesGood', 'hint'])
      expect(result.stderr).toBe(`mktorrent: error: 1 of 3 files failed verification (1 corrupt) in ${tree.root}\n`)
      expect(result.status).toBe(1)
    })
  })

  it('prints an error object for a usage error', async () => {
    const result = await runCli(['verify', '--json', 'x.torrent', 'content', '--save-path', '/tmp'])
    expect(JSON.parse(result.stdout)).toEqual({error: {code: 'usage', message: 'give the content path or --save-path, not both', exitCode: 2}})
    expect(result.status).toBe(2)
  })
})

describe('verify exit codes', () => {
  it('exits 3 on an unsafe torrent and reads nothing', async () => {
    await withTempTree(TREE, async (tree) => {
      const path = join(tree.dir, 'evil.torrent')
      await writeFile(path, torrent(v1MultiInfo('content', [{path: ['..', 'canary'], data: Buffer.from('x')}, v1File('a', Buffer.from('y'))], L)))
      const result = await runCli(['verify', path])
      expect(result.stdout).toBe('')
      expect(result.stderr).toBe(
        `mktorrent: error: ${path}: the torrent is invalid or unsafe, so no content was read: info.files[0].path[0] is "..", which would leave or alias its folder\n`,
      )
      expect(result.status).toBe(3)
    })
  })

  it('exits 3 on bytes that are not bencode', async () => {
    await withTempTree({}, async ({dir}) => {
      await writeFile(join(dir, 'bad.torrent'), 'd-3:e')
      const result = await runCli(['verify', join(dir, 'bad.torrent')])
      expect(result.stderr).toMatch(/^mktorrent: error: .*invalid bencode at byte \d+/)
      expect(result.status).toBe(3)
    })
  })

  it('exits 3 with the report when a hybrid contradicts itself', async () => {
    await withTempTree(TREE, async (tree) => {
      const files = await readTree(tree.root, Object.keys(TREE))
      const v2Files = files.map((file) => v2File(file.path, file.data))
      const {info} = hybridInfo('content', v2Files, L)
      const other = v2Info('content', v2Files.map((file) => (file.path.join('/') === 'z.txt' ? {...file, data: Buffer.from('hellO\n')} : file)), L)
      const path = join(tree.dir, 'mixed.torrent')
      await writeFile(path, v2Torrent({...info, 'file tree': other.info['file tree']}, other.layers))
      const result = await runCli(['verify', path])
      expect(result.stdout).toContain('file\tcorrupt\tz.txt\t4\t\ninconsistent\t4\n')
      expect(result.stdout).toContain('result\tinconsistent\n')
      expect(result.stderr).toBe(
        'mktorrent: error: the torrent is internally inconsistent: piece 4 passes one of its v1 (SHA-1) and v2 (SHA-256) hashes and fails the other, so the two describe different data\n',
      )
      expect(result.status).toBe(3)
    })
  })

  it('exits 4 when the torrent file does not exist', async () => {
    const result = await runCli(['verify', '/nonexistent/x.torrent'])
    expect(result.stderr).toBe('mktorrent: error: /nonexistent/x.torrent does not exist\n')
    expect(result.status).toBe(4)
  })

  it('exits 2 when --file matches no file', async () => {
    await withTempTree(TREE, async (tree) => {
      const result = await runCli(['verify', '--file', '*.iso', await torrentFile(tree, 'v1')])
      expect(result.stderr).toBe('mktorrent: error: --file "*.iso" matches no file of the torrent\n')
      expect(result.status).toBe(2)
    })
  })

  it('exits 2 without a torrent argument', async () => {
    const result = await runCli(['verify'])
    expect(result.stderr).toMatch(/^mktorrent: error: Missing 1 required arg: torrent .*; see mktorrent verify --help\n$/)
    expect(result.status).toBe(2)
  })
})

describeUnprivileged('verify, as a user the mode bits apply to', (unprivileged) => {
  // As root every file is readable, so the helper runs the CLI as nobody then.
  it('reports a file it may not read as unreadable, without hashing it', async () => {
    await withTempTree(
      TREE,
      async (tree) => {
        const path = await torrentFile(tree, 'v1')
        await chmod(join(tree.root, 'a.bin'), 0o000)
        await chmod(tree.dir, 0o755)
        const result = await unprivileged.run(['verify', path])
        expect(result.stdout.toString()).toContain('file\tunreadable\ta.bin\t0-2\tpermission denied\n')
        expect(result.status).toBe(1)
      },
      {parent: unprivileged.folder},
    )
  })
})

describe('verify interrupted', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('stops on %s with exit %i and one line', async (signal, code) => {
    // A sparse 64 GiB file: hashing it takes far longer than the test waits before signalling.
    await withTempTree({}, async ({dir, root}) => {
      const length = 64 * 1024 * 1024 * KiB
      await writeFile(join(root, 'huge.bin'), '')
      await truncate(join(root, 'huge.bin'), length)
      const pieceLength = 16 * 1024 * KiB
      const info = {name: 'content', 'piece length': pieceLength, files: [{length, path: ['huge.bin']}], pieces: Buffer.alloc((length / pieceLength) * 20)}
      await writeFile(join(dir, 'huge.torrent'), torrent(info))
      const child = spawn(process.execPath, [BIN, 'verify', '--threads', '1', join(dir, 'huge.torrent')], {env: {...process.env, NO_COLOR: '1'}})
      let stderr = ''
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
      const exit = new Promise<number | null>((resolve) => child.on('close', (status) => resolve(status)))
      // Signalled once it is reading the data, so neither start-up nor load decides the outcome.
      expect(await waitForOpen(child.pid!, join(root, 'huge.bin'))).toBe(true)
      child.kill(signal)
      expect(await exit).toBe(code)
      expect(stderr).toBe('mktorrent: error: interrupted; verification stopped\n')
    })
  })
})
