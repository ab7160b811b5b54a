import {execFileSync} from 'node:child_process'
import {realpath, symlink} from 'node:fs/promises'
import {createServer, type Server} from 'node:net'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import type {ContentWalk} from '../../../src/core/content/content-file.js'
import {walkContent} from '../../../src/core/content/walk-content.js'
import {withTempTree} from '../../helpers/temp-tree.js'

function outline(walk: ContentWalk): {files: string[]; skipped: string[]} {
  return {files: walk.files.map((file) => file.path.join('/')), skipped: walk.skipped.map(({path, reason}) => `${path} ${reason}`)}
}

const tree = {'a.txt': 'aaa', 'real/file.txt': 'ff'}

async function addLinks(root: string): Promise<void> {
  await symlink('a.txt', join(root, 'link-file'))
  await symlink('real', join(root, 'link-dir'))
  await symlink('missing', join(root, 'dangling'))
  await symlink('..', join(root, 'real/up'))
  await symlink('ping', join(root, 'pong'))
  await symlink('pong', join(root, 'ping'))
}

describe('walkContent symbolic links', () => {
  it('skips every link by default', async () => {
    await withTempTree(tree, async ({root}) => {
      await addLinks(root)
      expect(outline(await walkContent(root))).toEqual({
        files: ['a.txt', 'real/file.txt'],
        skipped: ['dangling symlink', 'link-dir symlink', 'link-file symlink', 'ping symlink', 'pong symlink', 'real/up symlink'],
      })
    })
  })

  it('follows links to files and folders, stops at loops, and skips dangling links', async () => {
    await withTempTree(tree, async ({root}) => {
      await addLinks(root)
      const walk = await walkContent(root, {followSymlinks: true})
      expect(outline(walk)).toEqual({
        files: ['a.txt', 'link-dir/file.txt', 'link-file', 'real/file.txt'],
        skipped: ['dangling symlink', 'link-dir/up symlink-loop', 'ping symlink', 'pong symlink', 'real/up symlink-loop'],
      })
      const real = await realpath(root)
      expect(walk.files.map((file) => [file.diskPath, file.length])).toEqual([
        [join(real, 'a.txt'), 3],
        [join(real, 'real/file.txt'), 2],
        [join(real, 'a.txt'), 3],
        [join(real, 'real/file.txt'), 2],
      ])
    })
  })

  it('detects a loop through a link to a folder higher up the chain', async () => {
    await withTempTree({'a/b/c/leaf.txt': 'x'}, async ({root}) => {
      await symlink('../..', join(root, 'a/b/c/to-a'))
      await symlink(join(root, 'a/b'), join(root, 'a/b/c/to-b'))
      expect(outline(await walkContent(root, {followSymlinks: true}))).toEqual({
        files: ['a/b/c/leaf.txt'],
        skipped: ['a/b/c/to-a symlink-loop', 'a/b/c/to-b symlink-loop'],
      })
    })
  })

  it('follows a link to a sibling folder, which is no loop', async () => {
    await withTempTree({'one/x.txt': 'x', 'two/y.txt': 'y'}, async ({root}) => {
      await symlink('../one', join(root, 'two/one'))
      expect(outline(await walkContent(root, {followSymlinks: true})).files).toEqual(['one/x.txt', 'two/one/x.txt', 'two/y.txt'])
    })
  })

  it('applies --exclude to a link by its own path', async () => {
    await withTempTree(tree, async ({root}) => {
      await symlink('real', join(root, 'link-dir'))
      expect(outline(await walkContent(root, {followSymlinks: true, exclude: ['link-dir/']}))).toEqual({
        files: ['a.txt', 'real/file.txt'],
        skipped: ['link-dir excluded'],
      })
    })
  })
})

describe('walkContent FIFOs, sockets and devices', () => {
  it('skips them without opening them', async () => {
    await withTempTree({'a.txt': 'a'}, async ({root}) => {
      execFileSync('mkfifo', [join(root, 'fifo')])
      const server = await listen(join(root, 'socket'))
      try {
        await symlink('/dev/null', join(root, 'null'))
        // Opening the FIFO for reading would block until a writer comes: the walk would never end.
        expect(outline(await walkContent(root, {followSymlinks: true}))).toEqual({
          files: ['a.txt'],
          skipped: ['fifo special', 'null special', 'socket special'],
        })
      } finally {
        server.close()
      }
    })
  })

  it.each([['a FIFO'], ['a device']])('refuses %s as the root', async (kind) => {
    await withTempTree({}, async ({root}) => {
      const path = kind === 'a FIFO' ? join(root, 'fifo') : '/dev/null'
      if (kind === 'a FIFO') execFileSync('mkfifo', [path])
      await expect(walkContent(path)).rejects.toMatchObject({
        code: 'not-a-file',
        exitCode: 4,
        message: `${path} is not a regular file or folder (a FIFO, socket or device), so it is not read`,
      })
    })
  })
})

function listen(path: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(path, () => resolve(server))
  })
}
