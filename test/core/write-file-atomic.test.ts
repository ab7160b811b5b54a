import {execFileSync} from 'node:child_process'
import {chmod, mkdir, readdir, readFile, stat, symlink, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest'
import {ExitCode, IoError} from '../../src/core/errors.js'
import {OutputExistsError} from '../../src/core/io/output-exists-error.js'
import {
  assertWritableDestination,
  pendingTempFiles,
  removePendingTempFilesSync,
  writeFileAtomic,
} from '../../src/core/io/write-file-atomic.js'
import {type TempTree, makeTempTree} from '../helpers/temp-tree.js'

/** Lets a test run code at the moment writeFileAtomic links the temp file into place. */
const linkHook = vi.hoisted(() => ({before: undefined as undefined | ((temp: string, destination: string) => Promise<void> | void)}))

vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>()
  return {
    ...real,
    link: async (temp: string, destination: string) => {
      await linkHook.before?.(temp, destination)
      return real.link(temp, destination)
    },
  }
})

const isRoot = process.getuid?.() === 0
const DATA = Buffer.from('d8:announce4:test4:infod4:name1:xee')

let tree: TempTree
let out: string

beforeEach(async () => {
  tree = await makeTempTree({})
  out = join(tree.dir, 'out')
  await mkdir(out)
})

afterEach(async () => {
  linkHook.before = undefined
  await chmod(out, 0o755).catch(() => {})
  await tree.cleanup()
})

async function entries(): Promise<string[]> {
  return (await readdir(out)).sort()
}

function errnoError(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: simulated`), {code})
}

describe('writeFileAtomic', () => {
  it('writes a new file with exactly the given bytes and leaves no temp file', async () => {
    const destination = join(out, 'a.torrent')
    await writeFileAtomic(destination, DATA, {force: false})
    expect(await readFile(destination)).toEqual(DATA)
    expect(await entries()).toEqual(['a.torrent'])
  })

  it('gives the file mode 0644 less the umask, like any new file', async () => {
    const destination = join(out, 'a.torrent')
    await writeFileAtomic(destination, DATA, {force: false})
    await writeFile(join(out, 'reference'), '', {mode: 0o644})
    expect((await stat(destination)).mode & 0o777).toBe((await stat(join(out, 'reference'))).mode & 0o777)
  })

  it('gives the file exactly the mode asked for, whatever the umask', async () => {
    const destination = join(out, 'a.torrent')
    await writeFileAtomic(destination, DATA, {force: false, mode: 0o600})
    expect((await stat(destination)).mode & 0o777).toBe(0o600)
    await writeFileAtomic(destination, DATA, {force: true, mode: 0o664})
    expect((await stat(destination)).mode & 0o777).toBe(0o664)
  })

  it('refuses an existing file without force and leaves its content as it was', async () => {
    const destination = join(out, 'a.torrent')
    await writeFile(destination, 'old')
    const error = await writeFileAtomic(destination, DATA, {force: false}).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(OutputExistsError)
    expect(error).toMatchObject({code: 'output-exists', exitCode: ExitCode.outputExists, message: `${destination} exists; use --force to replace it`})
    expect(await readFile(destination, 'utf8')).toBe('old')
    expect(await entries()).toEqual(['a.torrent'])
  })

  it('replaces an existing file with force', async () => {
    const destination = join(out, 'a.torrent')
    await writeFile(destination, 'old')
    await writeFileAtomic(destination, DATA, {force: true})
    expect(await readFile(destination)).toEqual(DATA)
    expect(await entries()).toEqual(['a.torrent'])
  })

  it('replaces a symbolic link itself with force, not the file it points to', async () => {
    const target = join(tree.dir, 'target')
    await writeFile(target, 'kept')
    const destination = join(out, 'a.torrent')
    await symlink(target, destination)
    await writeFileAtomic(destination, DATA, {force: true})
    expect(await readFile(destination)).toEqual(DATA)
    expect(await readFile(target, 'utf8')).toBe('kept')
  })

  it.each([false, true])('fails on a directory destination (force %s), leaving it and no temp file', async (force) => {
    const destination = join(out, 'a.torrent')
    await mkdir(destination)
    await writeFile(join(destination, 'inside'), 'kept')
    const error = await writeFileAtomic(destination, DATA, {force}).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(IoError)
    expect(error).toMatchObject({code: 'output-is-directory', exitCode: ExitCode.io, message: `${destination} is a directory; give a file name with --output`})
    expect(await entries()).toEqual(['a.torrent'])
    expect(await readdir(destination)).toEqual(['inside'])
  })

  it('reports a missing folder as an I/O error', async () => {
    const destination = join(out, 'missing', 'a.torrent')
    await expect(writeFileAtomic(destination, DATA, {force: false})).rejects.toMatchObject({
      code: 'output-folder-missing',
      exitCode: ExitCode.io,
      message: `${destination} cannot be written: the folder does not exist`,
    })
  })

  it.skipIf(isRoot)('fails in a read-only folder without touching the existing file (skipped as root)', async () => {
    const destination = join(out, 'a.torrent')
    await writeFile(destination, 'old')
    await chmod(out, 0o555)
    await expect(writeFileAtomic(destination, DATA, {force: true})).rejects.toMatchObject({code: 'write-failed', exitCode: ExitCode.io})
    expect(await readFile(destination, 'utf8')).toBe('old')
    expect(await entries()).toEqual(['a.torrent'])
  })

  it('fails with OutputExistsError when the destination appears after the check, leaving the other file alone', async () => {
    const destination = join(out, 'a.torrent')
    await assertWritableDestination(destination, {force: false})
    linkHook.before = () => writeFile(destination, 'written by someone else')
    await expect(writeFileAtomic(destination, DATA, {force: false})).rejects.toBeInstanceOf(OutputExistsError)
    expect(await readFile(destination, 'utf8')).toBe('written by someone else')
    expect(await entries()).toEqual(['a.torrent'])
  })

  it('copies exclusively where the file system has no hard links', async () => {
    const destination = join(out, 'a.torrent')
    linkHook.before = () => {
      throw errnoError('EPERM')
    }
    await writeFileAtomic(destination, DATA, {force: false})
    expect(await readFile(destination)).toEqual(DATA)
    expect(await entries()).toEqual(['a.torrent'])
    await expect(writeFileAtomic(destination, Buffer.from('new'), {force: false})).rejects.toBeInstanceOf(OutputExistsError)
    expect(await readFile(destination)).toEqual(DATA)
    expect(await entries()).toEqual(['a.torrent'])
  })

  it('registers the temp file while writing it, and forgets it afterwards', async () => {
    const destination = join(out, 'a.torrent')
    let seen: string[] = []
    linkHook.before = (temp) => {
      seen = [...pendingTempFiles]
      expect(temp).toMatch(/\/\.a\.torrent\.[0-9a-f]{12}\.tmp$/)
    }
    await writeFileAtomic(destination, DATA, {force: false})
    expect(seen).toHaveLength(1)
    expect(seen[0]).toMatch(/\/\.a\.torrent\.[0-9a-f]{12}\.tmp$/)
    expect(pendingTempFiles.size).toBe(0)
  })

  it('keeps the temp name within NAME_MAX for a destination name of 255 bytes', async () => {
    const destination = join(out, `${'n'.repeat(247)}.torrent`)
    await writeFileAtomic(destination, DATA, {force: false})
    expect(await readFile(destination)).toEqual(DATA)
  })
})

describe('removePendingTempFilesSync', () => {
  it('deletes every registered temp file and empties the set, ignoring ones already gone', async () => {
    const temp = join(out, '.a.torrent.0123456789ab.tmp')
    await writeFile(temp, 'partial')
    pendingTempFiles.add(temp)
    pendingTempFiles.add(join(out, '.gone.tmp'))
    removePendingTempFilesSync()
    expect(pendingTempFiles.size).toBe(0)
    expect(await entries()).toEqual([])
  })
})

describe('assertWritableDestination', () => {
  it('accepts a new file in a writable folder', async () => {
    await expect(assertWritableDestination(join(out, 'a.torrent'), {force: false})).resolves.toBeUndefined()
  })

  it('refuses an existing file without force', async () => {
    const destination = join(out, 'a.torrent')
    await writeFile(destination, 'old')
    await expect(assertWritableDestination(destination, {force: false})).rejects.toThrow(
      new OutputExistsError(destination),
    )
    await expect(assertWritableDestination(destination, {force: false})).rejects.toMatchObject({code: 'output-exists', exitCode: 5})
  })

  it('refuses a dangling symbolic link without force, since link() would fail on it later', async () => {
    const destination = join(out, 'a.torrent')
    await symlink(join(out, 'nowhere'), destination)
    await expect(assertWritableDestination(destination, {force: false})).rejects.toBeInstanceOf(OutputExistsError)
  })

  it('accepts an existing file with force', async () => {
    const destination = join(out, 'a.torrent')
    await writeFile(destination, 'old')
    await expect(assertWritableDestination(destination, {force: true})).resolves.toBeUndefined()
  })

  it.each([false, true])('refuses a directory (force %s)', async (force) => {
    await expect(assertWritableDestination(out, {force})).rejects.toMatchObject({
      code: 'output-is-directory',
      exitCode: ExitCode.io,
      message: `${out} is a directory; give a file name with --output`,
    })
  })

  it('refuses a symbolic link to a directory', async () => {
    const destination = join(tree.dir, 'link')
    await symlink(out, destination)
    await expect(assertWritableDestination(destination, {force: true})).rejects.toMatchObject({code: 'output-is-directory'})
  })

  it('never replaces a FIFO, even with force', async () => {
    const destination = join(out, 'fifo')
    execFileSync('mkfifo', [destination])
    await expect(assertWritableDestination(destination, {force: true})).rejects.toMatchObject({
      code: 'output-not-a-file',
      exitCode: ExitCode.io,
      message: `${destination} is not a regular file (a FIFO, socket or device), so it is not replaced`,
    })
    await expect(writeFileAtomic(destination, DATA, {force: true})).rejects.toMatchObject({code: 'output-not-a-file'})
    expect(await entries()).toEqual(['fifo'])
  })

  it('reports a missing folder', async () => {
    const folder = join(out, 'missing')
    await expect(assertWritableDestination(join(folder, 'a.torrent'), {force: false})).rejects.toMatchObject({
      code: 'output-folder-missing',
      exitCode: ExitCode.io,
      message: `${folder} does not exist, so ${join(folder, 'a.torrent')} cannot be written`,
    })
  })

  it('reports a folder that is a file', async () => {
    const folder = join(out, 'file')
    await writeFile(folder, '')
    await expect(assertWritableDestination(join(folder, 'a.torrent'), {force: false})).rejects.toMatchObject({
      code: 'output-folder-missing',
      message: `${folder} is not a folder, so ${join(folder, 'a.torrent')} cannot be written`,
    })
  })

  it.skipIf(isRoot)('reports a folder without write permission (skipped as root)', async () => {
    await chmod(out, 0o555)
    await expect(assertWritableDestination(join(out, 'a.torrent'), {force: false})).rejects.toMatchObject({
      code: 'write-failed',
      exitCode: ExitCode.io,
      message: `cannot write in ${out}: permission denied`,
    })
  })
})
