import {mkdir, mkdtemp, readdir, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import {loadWithCodeCache} from '../../src/cli/fast/startup-bundle.js'

/** The code cache of the start-up bundles (src/cli/fast/startup-bundle.ts), on a small CommonJS file. */
describe('loadWithCodeCache', () => {
  let dir: string
  let file: string
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mktorrent-code-cache-'))
    file = join(dir, 'bundle.cjs')
    await writeFile(file, "const {basename} = require('node:path'); exports.name = () => basename(__filename); exports.twice = (n) => n * 2\n")
  })
  afterEach(async () => {
    await rm(dir, {recursive: true, force: true})
    delete process.env.NODE_DISABLE_COMPILE_CACHE
  })
  const cacheFiles = () => readdir(join(dir, '.cache')).catch(() => [] as string[])
  const use = (loaded: {exports: unknown}) => {
    const exports = loaded.exports as {name: () => string; twice: (n: number) => number}
    return [exports.name(), exports.twice(21)]
  }

  it('runs the file as CommonJS, writes the cache after the first run and uses it on the next', async () => {
    const first = loadWithCodeCache(file)
    expect(use(first)).toEqual(['bundle.cjs', 42])
    expect(first.usedCache).toBe(false)
    first.saveCodeCache()
    expect(await cacheFiles()).toEqual([`bundle.cjs-${process.version}-${process.arch}.v8`])
    const second = loadWithCodeCache(file)
    expect(second.usedCache).toBe(true)
    expect(use(second)).toEqual(['bundle.cjs', 42])
  })

  it('compiles as if there were none when V8 refuses the cache (other source), and replaces it', async () => {
    const first = loadWithCodeCache(file)
    first.saveCodeCache()
    await writeFile(file, "exports.name = () => 'changed'; exports.twice = (n) => n + n\n")
    const changed = loadWithCodeCache(file)
    expect(changed.usedCache).toBe(false)
    expect(use(changed)).toEqual(['changed', 42])
    changed.saveCodeCache()
    expect(loadWithCodeCache(file).usedCache).toBe(true)
  })

  it('ignores a damaged cache file', async () => {
    await mkdir(join(dir, '.cache'))
    await writeFile(join(dir, '.cache', `bundle.cjs-${process.version}-${process.arch}.v8`), 'not a code cache')
    const loaded = loadWithCodeCache(file)
    expect(loaded.usedCache).toBe(false)
    expect(use(loaded)).toEqual(['bundle.cjs', 42])
  })

  it('writes nothing with NODE_DISABLE_COMPILE_CACHE', async () => {
    process.env.NODE_DISABLE_COMPILE_CACHE = '1'
    loadWithCodeCache(file).saveCodeCache()
    expect(await cacheFiles()).toEqual([])
  })

  it('runs where the cache cannot be written (a read-only install), without a cache and without a word', async () => {
    // A file where the cache folder would be: mkdir fails for root too, as a read-only folder would for others.
    await writeFile(join(dir, '.cache'), '')
    const loaded = loadWithCodeCache(file)
    expect(() => loaded.saveCodeCache()).not.toThrow()
    expect(use(loaded)).toEqual(['bundle.cjs', 42])
    expect(loadWithCodeCache(file).usedCache).toBe(false)
    expect((await readdir(dir)).sort()).toEqual(['.cache', 'bundle.cjs'])
  })
})
