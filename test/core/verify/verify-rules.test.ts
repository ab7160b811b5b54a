import {truncateSync, utimesSync} from 'node:fs'
import {mkdir, rename, symlink, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {InvalidTorrentError, UsageError} from '../../../src/core/errors.js'
import {type VerifyProgress, verifyContent} from '../../../src/core/use-cases/verify-content.js'
import {KiB, hybridInfo, torrent, v1File, v1MultiInfo, v2File, v2Info, v2Torrent} from '../../helpers/torrent-builder.js'
import {withTempTree} from '../../helpers/temp-tree.js'
import {flipByte, multiFileTorrent, readTree} from '../../helpers/verify-torrents.js'

const L = 64 * KiB
const TREE = {'a.bin': 2 * L + 100, 'b.bin': L / 2, 'sub/c.bin': 3 * L}

async function filesOf(root: string, paths = Object.keys(TREE)) {
  return readTree(root, paths)
}

describe('verifyContent on pads and piece layers', () => {
  it('treats v1 pad files as zeros and never looks for them on disk', async () => {
    await withTempTree(TREE, async ({root}) => {
      const torrentBytes = multiFileTorrent('content', await filesOf(root), 'v1', L, {v1Pads: true})
      const report = await verifyContent({torrent: torrentBytes, content: root, threads: 1})
      expect(report).toMatchObject({ok: true, extraFiles: [], pieces: {total: 3 + 1 + 3, bad: []}})
      expect(report.files.map((file) => file.path)).toEqual(['a.bin', 'b.bin', 'sub/c.bin'])
    })
  })

  it('reports a hybrid piece that passes SHA-1 and fails SHA-256 as inconsistent', async () => {
    await withTempTree(TREE, async ({root}) => {
      const files = await filesOf(root)
      const v2Files = files.map((file) => v2File(file.path, file.data))
      const {info} = hybridInfo('content', v2Files, L)
      // The v2 half describes other data: b.bin with one byte changed; the v1 half describes the disk.
      const changed = v2Files.map((file) => (file.path.join('/') === 'b.bin' ? {...file, data: Buffer.from(file.data).fill(7, 10, 11)} : file))
      const other = v2Info('content', changed, L)
      const report = await verifyContent({torrent: v2Torrent({...info, 'file tree': other.info['file tree']}, other.layers), content: root, threads: 1})
      expect(report.ok).toBe(false)
      expect(report.pieces).toMatchObject({bad: [3], inconsistent: [3]})
      expect(report.files[1]).toMatchObject({path: 'b.bin', status: 'corrupt', badPieces: [3]})
    })
  })

  it('refuses a piece layer that does not fold up to its pieces root, before reading anything', async () => {
    await withTempTree(TREE, async ({root}) => {
      const files = await filesOf(root)
      const {info, layers} = v2Info('content', files.map((file) => v2File(file.path, file.data)), L)
      const wrong = new Map([...layers].map(([key, layer]) => [key, Buffer.from(layer).fill(1, 0, 1)]))
      await expect(verifyContent({torrent: v2Torrent(info, wrong), content: join(root, 'nowhere')})).rejects.toMatchObject({
        code: 'piece-layer-root-mismatch',
        exitCode: 3,
      })
    })
  })

  it('judges a file without a piece layer as a whole: OK when intact, every piece bad when not', async () => {
    await withTempTree(TREE, async ({root}) => {
      const files = await filesOf(root)
      const {info} = v2Info('content', files.map((file) => v2File(file.path, file.data)), L)
      const noLayers = v2Torrent(info, undefined)
      expect(await verifyContent({torrent: noLayers, content: root, threads: 1})).toMatchObject({ok: true})
      await flipByte(join(root, 'sub/c.bin'), 5)
      const report = await verifyContent({torrent: noLayers, content: root, threads: 1})
      expect(report.pieces.bad).toEqual([4, 5, 6])
      expect(report.files[2]).toMatchObject({status: 'corrupt', badPieces: [4, 5, 6], detail: 'the torrent has no piece layer for this file, so its bad pieces cannot be told apart'})
    })
  })

  it('fails every piece of a short file without a piece layer, whose leading pieces cannot be judged alone', async () => {
    await withTempTree(TREE, async ({root}) => {
      const files = await filesOf(root)
      const {info} = v2Info('content', files.map((file) => v2File(file.path, file.data)), L)
      truncateSync(join(root, 'sub/c.bin'), 2 * L + 5)
      const report = await verifyContent({torrent: v2Torrent(info, undefined), content: root, threads: 1})
      expect(report.pieces.bad).toEqual([4, 5, 6])
      expect(report.files[2]).toMatchObject({status: 'short', badPieces: [4, 5, 6], bytesGood: 0, detail: `${2 * L + 5} of ${3 * L} bytes, 0 intact`})
    })
  })
})

describe('verifyContent safety', () => {
  it.each([
    ['a ".." element', ['..', 'canary'], 'path-dot-element'],
    ['an absolute path', ['/etc', 'passwd'], 'path-separator'],
  ])('refuses a torrent with %s before opening anything', async (_title, path, code) => {
    const info = v1MultiInfo('content', [{path, data: Buffer.from('canary')}, v1File('ok.txt', Buffer.from('ok'))], L)
    const error = await verifyContent({torrent: torrent(info), content: '/nonexistent-root'}).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(InvalidTorrentError)
    expect(error).toMatchObject({code, exitCode: 3})
    expect((error as Error).message).toMatch(/^the torrent is invalid or unsafe, so no content was read: /)
  })

  it('does not follow a symbolic link out of the content folder, for a file or a folder', async () => {
    await withTempTree({...TREE, 'outside/a.bin': 1, 'outside/c.bin': 1}, async ({dir, root}) => {
      const files = await filesOf(root)
      const torrentBytes = multiFileTorrent('content', files, 'v1', L)
      // Put the real data outside the root, where only a followed link could find it.
      await mkdir(join(dir, 'elsewhere/sub'), {recursive: true})
      await rename(join(root, 'a.bin'), join(dir, 'elsewhere/a.bin'))
      await rename(join(root, 'sub/c.bin'), join(dir, 'elsewhere/sub/c.bin'))
      await symlink(join(dir, 'elsewhere/a.bin'), join(root, 'a.bin'))
      await rename(join(root, 'sub'), join(root, 'old-sub'))
      await symlink(join(dir, 'elsewhere/sub'), join(root, 'sub'))
      const report = await verifyContent({torrent: torrentBytes, content: root, threads: 1})
      expect(report.files.map(({path, status, detail}) => ({path, status, detail}))).toEqual([
        {path: 'a.bin', status: 'not-a-file', detail: 'a symbolic link to outside the content folder, which is not followed'},
        {path: 'b.bin', status: 'corrupt', detail: 'shares pieces with a missing or damaged file'},
        {path: 'sub/c.bin', status: 'not-a-file', detail: 'its folder is a symbolic link to outside the content folder, which is not followed'},
      ])
    })
  })

  it('follows a symbolic link that stays inside the content folder', async () => {
    await withTempTree(TREE, async ({root}) => {
      const torrentBytes = multiFileTorrent('content', await filesOf(root), 'v2', L)
      await rename(join(root, 'b.bin'), join(root, 'sub/b-real.bin'))
      await symlink('sub/b-real.bin', join(root, 'b.bin'))
      const report = await verifyContent({torrent: torrentBytes, content: root, threads: 1})
      expect(report).toMatchObject({ok: true, extraFiles: ['sub/b-real.bin']})
    })
  })
})

/**
 * verify hashes first and looks only at the files it could not read (verify-content.ts). A file
 * looked at is then read held to what the look found: these change it between the two. Hashing
 * inline (one thread), progress is reported after each task, and once more after the look, before
 * the second round reads anything: the first event after the one that ends the first round.
 */
function changeAfterTheLook(firstRoundBytes: number, change: () => void): (event: VerifyProgress) => void {
  let firstRoundDone = false
  let changed = false
  return (event) => {
    if (event.phase !== 'hashing' || changed) return
    if (firstRoundDone) {
      changed = true
      change()
    } else if (event.bytesDone === firstRoundBytes) firstRoundDone = true
  }
}

describe('verifyContent on files that change after they were looked at', () => {
  it.each([
    ['shrinks', (path: string) => truncateSync(path, 10), {status: 'short', diskLength: 10, detail: `10 of ${L / 2} bytes, 0 intact`}],
    ['is modified', (path: string) => utimesSync(path, 1, 1), {status: 'unreadable', diskLength: L / 2, detail: 'changed while it was being verified'}],
  ] as const)('fails only the pieces of a file that %s, and says what it found', async (_what, change, expected) => {
    await withTempTree(TREE, async ({root}) => {
      const torrentBytes = multiFileTorrent('content', await filesOf(root), 'v2', L)
      // A symbolic link inside the content folder: the first round leaves it (its folder's listing
      // shows a link, not a regular file), and the look after it follows the link.
      await rename(join(root, 'b.bin'), join(root, 'sub/b-real.bin'))
      await symlink('sub/b-real.bin', join(root, 'b.bin'))
      const report = await verifyContent({
        torrent: torrentBytes,
        content: root,
        threads: 1,
        onProgress: changeAfterTheLook(2 * L + 100 + 3 * L, () => change(join(root, 'sub/b-real.bin'))),
      })
      expect(report.pieces.bad).toEqual([3])
      expect(report.bytesVerified).toBe(2 * L + 100 + 3 * L)
      expect(report.files.map((file) => file.status)).toEqual(['ok', expected.status, 'ok'])
      expect(report.files[1]).toMatchObject({badPieces: [3], diskLength: expected.diskLength, detail: expected.detail})
    })
  })

  it('holds a file read by several tasks to one look: one changed between them fails the pieces read after', async () => {
    // One thread: the last tasks are a quarter of 16 MiB, 64 pieces of 64 KiB, so big.bin (pieces 4-99) is read by two.
    const tree = {...TREE, 'big.bin': 6 * 1024 * KiB}
    await withTempTree(tree, async ({root}) => {
      const torrentBytes = multiFileTorrent('content', await filesOf(root, Object.keys(tree)), 'v2', L)
      let changed = false
      const report = await verifyContent({
        torrent: torrentBytes,
        content: root,
        threads: 1,
        onProgress: (event) => {
          if (event.phase === 'hashing' && event.bytesDone > 0 && !changed) {
            changed = true
            utimesSync(join(root, 'big.bin'), 1, 1)
          }
        },
      })
      const later = Array.from({length: 36}, (_, n) => 64 + n)
      expect(report.pieces.bad).toEqual(later)
      expect(report.files.map(({path, status}) => `${path} ${status}`)).toEqual(['a.bin ok', 'b.bin ok', 'big.bin unreadable', 'sub/c.bin ok'])
      expect(report.files[2]).toMatchObject({badPieces: later, detail: 'changed while it was being verified', bytesGood: 60 * L})
    })
  })
})

describe('verifyContent on a short file that changes after it was looked at', () => {
  it.each([
    ['shrinks further', (path: string) => truncateSync(path, 10), {diskLength: 10, detail: `10 of ${3 * L} bytes, 0 intact`}],
    ['grows back to its length', (path: string) => truncateSync(path, 3 * L), {diskLength: 3 * L, status: 'unreadable', detail: 'changed while it was being verified'}],
  ] as const)('reads none of it when it %s: its pieces fail, and the report says what a second look found', async (_what, change, expected) => {
    await withTempTree(TREE, async ({root}) => {
      const torrentBytes = multiFileTorrent('content', await filesOf(root), 'v2', L)
      const path = join(root, 'sub/c.bin')
      truncateSync(path, 2 * L + 5)
      // The first round reads every file but the short one, whose size differs from the torrent's.
      const report = await verifyContent({torrent: torrentBytes, content: root, threads: 1, onProgress: changeAfterTheLook(2 * L + 100 + L / 2, () => change(path))})
      expect(report.pieces.bad).toEqual([4, 5, 6])
      expect(report.bytesHashed).toBe(2 * L + 100 + L / 2)
      expect(report.files[2]).toMatchObject({status: 'short', badPieces: [4, 5, 6], bytesGood: 0, ...expected})
    })
  })
})

describe('verifyContent options', () => {
  it('with files selected, skips the others but checks the v1 pieces they share', async () => {
    await withTempTree(TREE, async ({root}) => {
      const torrentBytes = multiFileTorrent('content', await filesOf(root), 'v1', L)
      await flipByte(join(root, 'a.bin'), 2 * L + 50)
      const report = await verifyContent({torrent: torrentBytes, content: root, files: ['b.bin'], threads: 1})
      expect(report.files.map(({status, badPieces}) => ({status, badPieces}))).toEqual([
        {status: 'skipped', badPieces: []},
        {status: 'corrupt', badPieces: [2]},
        {status: 'skipped', badPieces: []},
      ])
      expect(report.pieces).toEqual({total: 6, checked: 1, good: 0, bad: [2], inconsistent: []})
    })
  })

  it('refuses a --file pattern that matches no file', async () => {
    await withTempTree(TREE, async ({root}) => {
      const torrentBytes = multiFileTorrent('content', await filesOf(root), 'v2', L)
      await expect(verifyContent({torrent: torrentBytes, content: root, files: ['*.txt']})).rejects.toBeInstanceOf(UsageError)
    })
  })

  it('with fast, checks sizes only: a flipped byte goes unnoticed, a short file does not', async () => {
    await withTempTree(TREE, async ({root}) => {
      const torrentBytes = multiFileTorrent('content', await filesOf(root), 'hybrid', L)
      await flipByte(join(root, 'a.bin'), 0)
      await writeFile(join(root, 'b.bin'), 'short')
      const report = await verifyContent({torrent: torrentBytes, content: root, fast: true})
      expect(report).toMatchObject({fast: true, bytesVerified: 0, pieces: {checked: 1, good: 0, bad: [3]}})
      expect(report.files.map((file) => file.status)).toEqual(['ok', 'short', 'ok'])
    })
  })

  it('lists entries the torrent does not hold as extra, in name order, without failing', async () => {
    await withTempTree({...TREE, 'notes.txt': 'x', 'sub/d.bin': 1, 'junk/deep/e': 1}, async ({root}) => {
      const files = (await filesOf(root)).filter((file) => file.path in TREE)
      const report = await verifyContent({torrent: multiFileTorrent('content', files, 'v1', L), content: root, threads: 1})
      expect(report).toMatchObject({ok: true, extraFiles: ['junk/', 'notes.txt', 'sub/d.bin']})
    })
  })

  it('lists extra entries as a walk of folders sorted by their names\' UTF-8 bytes finds them', async () => {
    // 'sub/x' before 'sub-b' (the folder's name is shorter), and U+FFE0 (EF BF A0) before U+1F600
    // (F0 9F 98 80), which UTF-16 would order the other way.
    const extras = {'sub/x': 1, 'sub-b': 1, 'sub.txt': 1, '\u{1F600}': 1, '\uFFE0': 1, 'zz/deep/e': 1}
    await withTempTree({...TREE, ...extras}, async ({root}) => {
      const files = (await filesOf(root)).filter((file) => file.path in TREE)
      const report = await verifyContent({torrent: multiFileTorrent('content', files, 'v1', L), content: root, threads: 1})
      expect(report.extraFiles).toEqual(['sub/x', 'sub-b', 'sub.txt', 'zz/', '\uFFE0', '\u{1F600}'])
    })
  })

  it('lists an extra file in a folder the torrent also names through a symbolic link to it', async () => {
    // a/x.bin is read twice, as a/x.bin and as b/x.bin: two files located in one listing of two,
    // which must not count as all of that folder's files located.
    await withTempTree({'a/x.bin': L, 'a/y.bin': 1}, async ({root}) => {
      await symlink('a', join(root, 'b'))
      const [x] = await filesOf(root, ['a/x.bin'])
      const torrentBytes = multiFileTorrent('content', [x!, {path: 'b/x.bin', data: x!.data}], 'v1', L)
      const report = await verifyContent({torrent: torrentBytes, content: root, threads: 1})
      expect(report).toMatchObject({ok: true, extraFiles: ['a/y.bin']})
      expect(report.files.map(({path, status}) => [path, status])).toEqual([['a/x.bin', 'ok'], ['b/x.bin', 'ok']])
    })
  })

  it('lists an extra file beside files that are all located, in a folder of many', async () => {
    const tree: Record<string, number> = {'d/zz-extra.bin': 3}
    for (let index = 0; index < 300; index++) tree[`d/f${String(index).padStart(3, '0')}.bin`] = 1 + (index % 7)
    await withTempTree(tree, async ({root}) => {
      const files = await filesOf(root, Object.keys(tree).filter((path) => !path.includes('extra')))
      const report = await verifyContent({torrent: multiFileTorrent('content', files, 'v1', L), content: root, threads: 1})
      expect(report).toMatchObject({ok: true, extraFiles: ['d/zz-extra.bin']})
    })
  })

  it('looks for a v2 single file under its file tree key in the save path, not under the name', async () => {
    await withTempTree({'0.bin': 1000}, async ({root}) => {
      // What a v2 creator (libtorrent's too) makes of a folder `content` holding one file.
      const {info, layers} = v2Info('content', [v2File('0.bin', (await filesOf(root, ['0.bin']))[0]!.data)], L)
      const report = await verifyContent({torrent: v2Torrent(info, layers), savePath: root, threads: 1})
      expect(report).toMatchObject({ok: true, name: 'content', content: join(root, '0.bin')})
    })
  })

  it('reports every file missing when the content folder does not exist', async () => {
    await withTempTree(TREE, async ({dir, root}) => {
      const torrentBytes = multiFileTorrent('content', await filesOf(root), 'v2', L)
      const report = await verifyContent({torrent: torrentBytes, savePath: join(dir, 'elsewhere')})
      expect(report.files.map(({status, detail}) => ({status, detail}))).toEqual(
        Object.keys(TREE).map(() => ({status: 'missing', detail: `the content folder ${join(dir, 'elsewhere', 'content')} does not exist`})),
      )
      expect(report.pieces).toMatchObject({checked: 7, good: 0, bad: [0, 1, 2, 3, 4, 5, 6]})
    })
  })
})
