import {symlink} from 'node:fs/promises'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import type {ContentWalk} from '../../../src/core/content/content-file.js'
import {type WalkOptions, walkContent} from '../../../src/core/content/walk-content.js'
import {withTempTree} from '../../helpers/temp-tree.js'

function outline(walk: ContentWalk): {files: string[]; skipped: string[]} {
  return {files: walk.files.map((file) => file.path.join('/')), skipped: walk.skipped.map(({path, reason}) => `${path} ${reason}`)}
}

describe('walkContent hidden files and OS junk', () => {
  const tree = {
    'a.txt': 'a',
    '.hidden': 'h',
    '.git/config': 'c',
    '.git/objects/x': 'x',
    '._a.txt': 'apple double',
    'Thumbs.db': 't',
    'DESKTOP.INI': 'd',
    'sub/.DS_Store': 's',
    'sub/b.txt': 'b',
    'sub/.dir/c.txt': 'c',
  }

  it('skips them by default and lists a hidden folder once', async () => {
    await withTempTree(tree, async ({root}) => {
      expect(outline(await walkContent(root))).toEqual({
        files: ['a.txt', 'sub/b.txt'],
        skipped: ['._a.txt hidden', '.git hidden', '.hidden hidden', 'DESKTOP.INI junk', 'Thumbs.db junk', 'sub/.DS_Store junk', 'sub/.dir hidden'],
      })
    })
  })

  it('keeps them with includeHidden', async () => {
    await withTempTree(tree, async ({root}) => {
      expect(outline(await walkContent(root, {includeHidden: true}))).toEqual({
        files: ['._a.txt', '.git/config', '.git/objects/x', '.hidden', 'DESKTOP.INI', 'Thumbs.db', 'a.txt', 'sub/.DS_Store', 'sub/.dir/c.txt', 'sub/b.txt'],
        skipped: [],
      })
    })
  })
})

describe('walkContent --exclude and --include', () => {
  const tree = {
    'a.txt': 'a',
    'b.log': 'b',
    'logs/c.log': 'c',
    'logs/d.txt': 'd',
    'docs/readme.md': 'r',
    'docs/sub/deep.md': 'd',
    'build/out.js': 'o',
    'src/build/gen.js': 'g',
    'other/build': 'a file named build',
  }
  const cases: Array<[label: string, options: WalkOptions, files: string[], skipped: string[]]> = [
    [
      'a name pattern matches at any depth',
      {exclude: ['*.log']},
      ['a.txt', 'build/out.js', 'docs/readme.md', 'docs/sub/deep.md', 'logs/d.txt', 'other/build', 'src/build/gen.js'],
      ['b.log excluded', 'logs/c.log excluded'],
    ],
    [
      'commas and repeats combine, and an excluded folder is listed once',
      {exclude: ['*.log,docs', 'other']},
      ['a.txt', 'build/out.js', 'logs/d.txt', 'src/build/gen.js'],
      ['b.log excluded', 'docs excluded', 'logs/c.log excluded', 'other excluded'],
    ],
    [
      'a leading / anchors at the top folder',
      {exclude: ['/build']},
      ['a.txt', 'b.log', 'docs/readme.md', 'docs/sub/deep.md', 'logs/c.log', 'logs/d.txt', 'other/build', 'src/build/gen.js'],
      ['build excluded'],
    ],
    [
      'a trailing / matches folders only',
      {exclude: ['build/']},
      ['a.txt', 'b.log', 'docs/readme.md', 'docs/sub/deep.md', 'logs/c.log', 'logs/d.txt', 'other/build'],
      ['build excluded', 'src/build excluded'],
    ],
    [
      '** matches any number of folders',
      {exclude: ['docs/**/*.md']},
      ['a.txt', 'b.log', 'build/out.js', 'logs/c.log', 'logs/d.txt', 'other/build', 'src/build/gen.js'],
      ['docs/readme.md excluded', 'docs/sub/deep.md excluded'],
    ],
    [
      'include keeps only matching files, descending every folder',
      {include: ['*.md']},
      ['docs/readme.md', 'docs/sub/deep.md'],
      [
        'a.txt not-included',
        'b.log not-included',
        'build/out.js not-included',
        'logs/c.log not-included',
        'logs/d.txt not-included',
        'other/build not-included',
        'src/build/gen.js not-included',
      ],
    ],
    [
      'including a folder includes everything in it',
      {include: ['docs/', 'src']},
      ['docs/readme.md', 'docs/sub/deep.md', 'src/build/gen.js'],
      ['a.txt not-included', 'b.log not-included', 'build/out.js not-included', 'logs/c.log not-included', 'logs/d.txt not-included', 'other/build not-included'],
    ],
    [
      'exclude wins over include',
      {include: ['*.txt,*.md'], exclude: ['logs/', 'deep.md']},
      ['a.txt', 'docs/readme.md'],
      [
        'b.log not-included',
        'build/out.js not-included',
        'docs/sub/deep.md excluded',
        'logs excluded',
        'other/build not-included',
        'src/build/gen.js not-included',
      ],
    ],
  ]

  it.each(cases)('%s', async (_label, options, files, skipped) => {
    await withTempTree(tree, async ({root}) => {
      expect(outline(await walkContent(root, options))).toEqual({files, skipped})
    })
  })

  it('matches a single-file root by its name', async () => {
    await withTempTree({'notes.txt': 'n'}, async ({root}) => {
      const file = join(root, 'notes.txt')
      expect(outline(await walkContent(file, {include: ['*.txt']})).files).toEqual(['notes.txt'])
      await expect(walkContent(file, {exclude: ['*.txt']})).rejects.toMatchObject({code: 'empty-content'})
    })
  })

  it('rejects a malformed pattern as a usage error', async () => {
    await withTempTree({'a.txt': 'a'}, async ({root}) => {
      await expect(walkContent(root, {exclude: ['[z-a]']})).rejects.toMatchObject({code: 'invalid-glob', exitCode: 2})
    })
  })
})

describe('walkContent output files', () => {
  it('skips the output torrent and its temporary file, by real path', async () => {
    await withTempTree({'a.txt': 'a', 'out.torrent': 'old', 'sub/.tmp-out': 'partial'}, async ({dir, root}) => {
      await symlink(root, join(dir, 'alias'))
      const walk = await walkContent(root, {includeHidden: true, skipPaths: [join(dir, 'alias', 'out.torrent'), join(root, 'sub/.tmp-out'), join(root, 'not-yet.torrent')]})
      expect(outline(walk)).toEqual({files: ['a.txt'], skipped: ['out.torrent output', 'sub/.tmp-out output']})
    })
  })

  it('skips an output reached through a followed symbolic link', async () => {
    await withTempTree({'a.txt': 'a', 'out.torrent': 'old'}, async ({root}) => {
      await symlink('out.torrent', join(root, 'link.torrent'))
      const walk = await walkContent(root, {followSymlinks: true, skipPaths: [join(root, 'out.torrent')]})
      expect(outline(walk)).toEqual({files: ['a.txt'], skipped: ['link.torrent output', 'out.torrent output']})
    })
  })
})
