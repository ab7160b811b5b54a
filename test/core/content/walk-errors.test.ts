import {chmod, mkdir, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {walkContent} from '../../../src/core/content/walk-content.js'
import {withTempTree} from '../../helpers/temp-tree.js'

const rename = 'which a torrent cannot carry safely: rename it, or leave it out with --exclude'

/** A path whose last element is raw bytes, so it can hold what UTF-8 text cannot. */
function rawPath(folder: string, ...bytes: Array<string | number[]>): Buffer {
  return Buffer.concat([Buffer.from(`${folder}/`), ...bytes.map((part) => (typeof part === 'string' ? Buffer.from(part) : Buffer.from(part)))])
}

describe('walkContent with nothing to hash', () => {
  it('refuses a tree whose files are all skipped, saying what was skipped', async () => {
    await withTempTree({'.a': 'a', '.b/c': 'c', 'x.log': 'x', 'Thumbs.db': 't'}, async ({root}) => {
      await expect(walkContent(root, {exclude: ['*.log']})).rejects.toMatchObject({
        code: 'empty-content',
        exitCode: 2,
        message: `nothing to hash in ${root}/: 0 files left (2 hidden, 1 junk, 1 excluded); --include-hidden keeps hidden files`,
      })
    })
  })

  it('refuses a tree of empty files', async () => {
    await withTempTree({'a': '', 'sub/b': ''}, async ({root}) => {
      await expect(walkContent(`${root}/`)).rejects.toMatchObject({code: 'empty-content', message: `nothing to hash in ${root}/: 2 files left, all empty`})
    })
  })

  it('refuses an empty folder and an empty file', async () => {
    await withTempTree({'empty.txt': ''}, async ({root}) => {
      await mkdir(join(root, 'void'))
      await expect(walkContent(join(root, 'void'))).rejects.toMatchObject({code: 'empty-content', message: `nothing to hash in ${root}/void/: 0 files left`})
      await expect(walkContent(join(root, 'empty.txt'))).rejects.toMatchObject({
        code: 'empty-content',
        message: `nothing to hash in ${root}/empty.txt: 1 file left, all empty`,
      })
    })
  })

  it('suggests --follow-symlinks when links were skipped', async () => {
    await withTempTree({'real.txt': ''}, async ({root}) => {
      const {symlink} = await import('node:fs/promises')
      await symlink('/etc/hostname', join(root, 'link'))
      await expect(walkContent(root)).rejects.toMatchObject({
        message: `nothing to hash in ${root}/: 1 file left, all empty (1 symlink); --follow-symlinks follows symbolic links`,
      })
    })
  })
})

describe('walkContent names a torrent cannot carry', () => {
  it('refuses a name with a backslash', async () => {
    await withTempTree({'ok.txt': 'o', 'sub/back\\slash.txt': 'b'}, async ({root}) => {
      await expect(walkContent(root)).rejects.toMatchObject({
        code: 'unsafe-name',
        exitCode: 2,
        message: `"sub/back\\\\slash.txt" has a name containing '\\', ${rename}`,
      })
    })
  })

  it('refuses a file name that is not valid UTF-8, read as raw bytes', async () => {
    await withTempTree({'ok.txt': 'o'}, async ({root}) => {
      await writeFile(rawPath(root, 'bad', [0xff, 0xfe], '.txt'), 'x')
      await expect(walkContent(root)).rejects.toMatchObject({
        code: 'unsafe-name',
        message: `"bad\uFFFD\uFFFD.txt" has a name that is not valid UTF-8, ${rename}`,
      })
    })
  })

  it('refuses a folder name that is not valid UTF-8, and counts the others', async () => {
    await withTempTree({'ok.txt': 'o', '中\t.txt': 't'}, async ({root}) => {
      await mkdir(rawPath(root, [0xc3, 0x28]))
      await writeFile(Buffer.concat([rawPath(root, [0xc3, 0x28]), Buffer.from('/inside.txt')]), 'i')
      await expect(walkContent(root)).rejects.toMatchObject({
        code: 'unsafe-name',
        message: `"\uFFFD(" has a name that is not valid UTF-8, which a torrent cannot carry safely (and 1 more such names): rename it, or leave it out with --exclude`,
      })
    })
  })

  it.each([
    ['a control character', 'bell\u0007.txt', 'has a name containing a control character'],
    ['a bidi override', 'evil\u202Etxt.exe', 'has a name containing a bidi or zero-width character that can disguise it'],
    ['a drive letter', 'C:boot.ini', 'has a name starting with a drive letter, an absolute path on Windows'],
  ])('refuses a name with %s', async (_label, name, reason) => {
    await withTempTree({'ok.txt': 'o', [name]: 'x'}, async ({root}) => {
      await expect(walkContent(root)).rejects.toMatchObject({code: 'unsafe-name', message: `${JSON.stringify(name)} ${reason}, ${rename}`})
    })
  })

  it('accepts such names when they are excluded, hidden or not included', async () => {
    await withTempTree({'ok.txt': 'o', 'back\\slash.log': 'b', '.hid\\den': 'h', 'x\\y.bin': 'x'}, async ({root}) => {
      await writeFile(rawPath(root, 'bad', [0xff]), 'x')
      const walk = await walkContent(root, {exclude: ['*.log', 'bad*'], include: ['*.txt']})
      expect(walk.files.map((file) => file.path.join('/'))).toEqual(['ok.txt'])
      expect(walk.skipped.map((entry) => entry.reason)).toEqual(['hidden', 'excluded', 'excluded', 'not-included'])
    })
  })

  it('keeps names that are only a problem on Windows', async () => {
    await withTempTree({'CON': 'c', 'aux.txt': 'a', 'trailing.': 't', 'what?.txt': 'w'}, async ({root}) => {
      expect((await walkContent(root)).files).toHaveLength(4)
    })
  })

  it('refuses a root with such a name', async () => {
    await withTempTree({'back\\slash/a.txt': 'a'}, async ({root}) => {
      await expect(walkContent(join(root, 'back\\slash'))).rejects.toMatchObject({code: 'unsafe-name', message: `"back\\\\slash" has a name containing '\\', ${rename}`})
    })
  })
})

describe('walkContent root errors', () => {
  it('reports a missing root in one line, exit 4', async () => {
    await withTempTree({}, async ({root}) => {
      const missing = join(root, 'nope')
      await expect(walkContent(missing)).rejects.toMatchObject({code: 'not-found', exitCode: 4, message: `${missing} does not exist`})
    })
  })

  it.skipIf(process.getuid?.() === 0)('reports an unreadable folder or file as read-failed', async () => {
    await withTempTree({'locked/a.txt': 'a', 'secret.txt': 's'}, async ({root}) => {
      await chmod(join(root, 'locked'), 0o000)
      await chmod(join(root, 'secret.txt'), 0o000)
      try {
        await expect(walkContent(join(root, 'locked'))).rejects.toMatchObject({code: 'read-failed', exitCode: 4})
        await expect(walkContent(join(root, 'secret.txt'))).rejects.toMatchObject({code: 'read-failed', exitCode: 4})
      } finally {
        await chmod(join(root, 'locked'), 0o755)
      }
    })
  })
})
