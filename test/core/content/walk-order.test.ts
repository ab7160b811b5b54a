import {chmod, realpath, stat, symlink} from 'node:fs/promises'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import type {ContentFile} from '../../../src/core/content/content-file.js'
import {walkContent} from '../../../src/core/content/walk-content.js'
import {makeTempTree, withTempTree} from '../../helpers/temp-tree.js'

/** A file's values: the walk's files are views of columns. */
function plain(file: ContentFile): ContentFile {
  return {path: file.path, diskPath: file.diskPath, length: file.length, mtimeMs: file.mtimeMs, ino: file.ino, executable: file.executable}
}

describe('walkContent file order', () => {
  it('sorts each folder by raw bytes, depth first, not by whole path strings', async () => {
    const names = ['sub.txt', 'z.txt', 'a.txt', 'B.txt', 'sub/x', 'sub/a b.txt', 'ｚ.txt', '😀.txt', '中文.txt', 'é.txt', 'sub-dash', 'sub0']
    await withTempTree(Object.fromEntries(names.map((name) => [name, name])), async ({root}) => {
      const walk = await walkContent(root)
      // 'B' (0x42) < 'a' (0x61); 'sub' < 'sub-dash' < 'sub.txt' < 'sub0' at the top level, so sub/x
      // comes before sub.txt; 'ｚ' (EF BD 9A) < '😀' (F0 9F 98 80) in UTF-8, though not in UTF-16.
      expect(walk.files.map((file) => file.path.join('/'))).toEqual([
        'B.txt',
        'a.txt',
        'sub/a b.txt',
        'sub/x',
        'sub-dash',
        'sub.txt',
        'sub0',
        'z.txt',
        'é.txt',
        '中文.txt',
        'ｚ.txt',
        '😀.txt',
      ])
    })
  })

  it('describes each file: path elements, real disk path, length, mtime, executable bit', async () => {
    await withTempTree({'bin/run.sh': '#!/bin/sh\n', 'data/中文/😀.bin': 1000}, async ({root}) => {
      await chmod(join(root, 'bin/run.sh'), 0o755)
      const real = await realpath(root)
      const mtime = (await stat(join(root, 'data/中文/😀.bin'))).mtimeMs
      const walk = await walkContent(root)
      expect({name: walk.name, singleFile: walk.singleFile, files: walk.files.map(plain), skipped: walk.skipped, totalLength: walk.totalLength}).toEqual({
        name: 'content',
        singleFile: false,
        files: [
          {path: ['bin', 'run.sh'], diskPath: join(real, 'bin/run.sh'), length: 10, mtimeMs: expect.any(Number), ino: expect.any(Number), executable: true},
          {path: ['data', '中文', '😀.bin'], diskPath: join(real, 'data/中文/😀.bin'), length: 1000, mtimeMs: mtime, ino: expect.any(Number), executable: false},
        ],
        skipped: [],
        totalLength: 1010,
      })
    })
  })

  it('keeps empty files in their place', async () => {
    await withTempTree({'a.txt': 'a', 'b.empty': '', 'c/d.empty': '', 'c/e.txt': 'eee'}, async ({root}) => {
      const walk = await walkContent(root)
      expect(walk.files.map((file) => [file.path.join('/'), file.length])).toEqual([
        ['a.txt', 1],
        ['b.empty', 0],
        ['c/d.empty', 0],
        ['c/e.txt', 3],
      ])
      expect(walk.totalLength).toBe(4)
    })
  })

  it.each([['/.'], ['/'], ['/sub/..']])('names the torrent after the resolved root given as root%s', async (suffix) => {
    await withTempTree({'a.txt': 'a', 'sub/b.txt': 'b'}, async ({root}) => {
      const walk = await walkContent(root + suffix)
      expect(walk.name).toBe('content')
      expect(walk.files).toHaveLength(2)
    })
  })

  it('makes a single-file walk of a file root', async () => {
    await withTempTree({'movie.mkv': 4096}, async ({root}) => {
      const walk = await walkContent(join(root, 'movie.mkv'))
      expect(walk).toMatchObject({name: 'movie.mkv', singleFile: true, totalLength: 4096, skipped: []})
      expect(walk.files.map(plain)).toEqual([
        {path: ['movie.mkv'], diskPath: join(await realpath(root), 'movie.mkv'), length: 4096, mtimeMs: expect.any(Number), ino: expect.any(Number), executable: false},
      ])
    })
  })

  it('never skips the root for being hidden', async () => {
    await withTempTree({'.config/.x': 'x', '.config/y': 'y', '.bashrc': 'z'}, async ({root}) => {
      const folder = await walkContent(join(root, '.config'))
      expect(folder.name).toBe('.config')
      expect(folder.files.map((file) => file.path.join('/'))).toEqual(['y'])
      expect((await walkContent(join(root, '.bashrc'))).files.map((file) => file.path)).toEqual([['.bashrc']])
    })
  })

  it('follows a root that is a symbolic link, named after the link', async () => {
    await withTempTree({'target/a.txt': 'a', 'file.bin': 'b'}, async ({dir, root}) => {
      await symlink(join(root, 'target'), join(dir, 'linked-folder'))
      await symlink(join(root, 'file.bin'), join(dir, 'linked-file'))
      const folder = await walkContent(join(dir, 'linked-folder'))
      expect(folder).toMatchObject({name: 'linked-folder', singleFile: false})
      expect(folder.files.map((file) => file.diskPath)).toEqual([join(await realpath(root), 'target/a.txt')])
      const file = await walkContent(join(dir, 'linked-file'))
      expect(file).toMatchObject({name: 'linked-file', singleFile: true})
      expect(file.files[0]).toMatchObject({path: ['linked-file'], diskPath: join(await realpath(root), 'file.bin')})
    })
  })

  it('reports progress every 250 files and once at the end', async () => {
    const spec = Object.fromEntries(Array.from({length: 600}, (_, index) => [`d${index % 7}/f${index}`, 'x']))
    await withTempTree(spec, async ({root}) => {
      const calls: number[] = []
      const walk = await walkContent(root, {onProgress: (seen) => calls.push(seen)})
      expect(walk.files).toHaveLength(600)
      expect(calls).toEqual([250, 500, 600])
    })
  })

  it('walks a deep tree without recursion', async () => {
    const depth = 400
    const tree = await makeTempTree({[`${Array.from({length: depth}, () => 'd').join('/')}/leaf`]: 'x', 'top': 'y'})
    try {
      const walk = await walkContent(tree.root)
      expect(walk.files.map((file) => file.path.length)).toEqual([depth + 1, 1])
    } finally {
      await tree.cleanup()
    }
  })
})
