import {realpath, symlink} from 'node:fs/promises'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {walkContent} from '../../../src/core/content/walk-content.js'
import {type FileTable, fileTable, packFiles, packPaths} from '../../../src/core/hash/job-files.js'
import {withTempTree} from '../../helpers/temp-tree.js'

function rows(table: FileTable, count: number): Array<[string, string, number, number, number]> {
  return Array.from({length: count}, (_, index) => [String(table.openPath(index)), table.diskPath(index), table.length(index), table.mtimeMs(index), table.ino(index)])
}

describe('packed job files', () => {
  it('give each file of a walk its disk path, relative to the folder or absolute through a followed link, and its stats', async () => {
    await withTempTree({'grösse ü/a.bin': 3, 'real/b.bin': 2000, 'z.bin': 1}, async ({root}) => {
      await symlink(join(root, 'real/b.bin'), join(root, 'link.bin'))
      const walk = await walkContent(root, {followSymlinks: true})
      const real = await realpath(root)
      const expected = walk.files.map((file): [string, string, number, number, number] => [file.diskPath, file.diskPath, file.length, file.mtimeMs, file.ino])
      expect(expected.map(([path]) => path)).toEqual([join(real, 'grösse ü/a.bin'), join(real, 'real/b.bin'), join(real, 'real/b.bin'), join(real, 'z.bin')])
      expect(rows(fileTable(walk.columns.packed()), walk.columns.count)).toEqual(expected)
      expect(rows(fileTable(packFiles(walk.files)), walk.columns.count)).toEqual(expected)
    })
  })

  it('give a single file its own path', async () => {
    await withTempTree({'one.bin': 5}, async ({root}) => {
      const walk = await walkContent(join(root, 'one.bin'))
      const file = walk.files[0]!
      expect(rows(fileTable(walk.columns.packed()), 1)).toEqual([[file.diskPath, file.diskPath, 5, file.mtimeMs, file.ino]])
    })
  })

  it('keep a path opened earlier intact only until the next one is asked for, longer ones included', async () => {
    await withTempTree({'a.bin': 1, [`${'x'.repeat(200)}/b.bin`]: 1}, async ({root}) => {
      const walk = await walkContent(root)
      const table = fileTable(walk.columns.packed())
      const real = await realpath(root)
      expect(String(table.openPath(0))).toBe(join(real, 'a.bin'))
      expect(String(table.openPath(1))).toBe(join(real, `${'x'.repeat(200)}/b.bin`))
      expect(String(table.openPath(0))).toBe(join(real, 'a.bin'))
    })
  })

  it.each([
    ['ASCII only', ['/data/a.bin', 'sub/b.bin', '', 'c']],
    ['with UTF-8 beyond ASCII', ['/data/a.bin', 'grösse/ü.bin', '日本/語.bin', 'x']],
    ['with a lone surrogate, as a name Node cannot decode gives', ['a.bin', 'bad\ud800.bin', 'c.bin']],
    ['of no path', []],
  ])('pack paths (%s) as UTF-8 back to back, each ending where its bytes do', (_, paths) => {
    const packed = packPaths(paths.length, (index) => paths[index]!)
    expect(Buffer.from(packed.paths)).toEqual(Buffer.concat(paths.map((path) => Buffer.from(path))))
    let end = 0
    expect([...packed.pathEnds]).toEqual(paths.map((path) => (end += Buffer.byteLength(path))))
  })
})
