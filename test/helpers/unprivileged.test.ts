import {spawnSync} from 'node:child_process'
import {chmodSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {REPO_ROOT} from './run-cli.js'
import {NOBODY_PREFIX, copyBuiltPackage, prepareUnprivileged} from './unprivileged.js'

const asRoot = process.getuid?.() === 0
const {version} = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {version: string}

/** A checkout (the built package, its lock file and node_modules by link) inside a folder only its owner may enter, as `mktemp -d` makes. */
function privateCheckout(): {outer: string; source: string} {
  const outer = mkdtempSync(join(tmpdir(), 'mktorrent-private-'))
  chmodSync(outer, 0o700)
  const source = join(outer, 'x')
  for (const entry of ['bin', 'dist', 'oclif.manifest.json', 'package.json', 'package-lock.json']) cpSync(join(REPO_ROOT, entry), join(source, entry), {recursive: true})
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(source, 'node_modules'))
  return {outer, source}
}

describe('copyBuiltPackage', () => {
  const target = mkdtempSync(join(tmpdir(), 'mktorrent-copy-'))
  afterAll(() => rmSync(target, {recursive: true, force: true}))

  it('copies the package, its production dependencies and none of the development ones', () => {
    copyBuiltPackage(REPO_ROOT, join(target, 'package'))
    const has = (path: string): boolean => existsSync(join(target, 'package', path))
    expect(['bin/run.js', 'dist/index.js', 'oclif.manifest.json', 'package.json'].filter((path) => !has(path))).toEqual([])
    expect(['@oclif/core', '@oclif/plugin-help', 'piscina', 'cli-table3', '@inquirer/prompts'].filter((name) => !has(`node_modules/${name}/package.json`))).toEqual([])
    expect(['vitest', 'typescript', 'tsx', 'fast-check', 'bencode'].filter((name) => has(`node_modules/${name}`))).toEqual([])
  })
})

describe.runIf(asRoot)('prepareUnprivileged, as root', () => {
  const {outer, source} = privateCheckout()
  const unprivileged = prepareUnprivileged({source})
  afterAll(() => {
    unprivileged.cleanup()
    rmSync(outer, {recursive: true, force: true})
  })

  it('sees that nobody cannot run a checkout under a folder only root may enter', () => {
    const [command, ...args] = [...NOBODY_PREFIX, process.execPath, join(source, 'bin/run.js'), '--version']
    const direct = spawnSync(command!, args, {cwd: tmpdir(), encoding: 'utf8'})
    // Node itself fails to load bin/run.js, before any of our code runs.
    expect(direct.status).toBe(1)
    expect(direct.stdout).toBe('')
  })

  it('runs a copy of that checkout as nobody, from a world-readable folder', async () => {
    expect(unprivileged.reason).toBe('')
    expect(unprivileged.available).toBe(true)
    expect(unprivileged.user).toBe('nobody')
    expect(unprivileged.bin.startsWith(unprivileged.folder)).toBe(true)
    expect(statSync(unprivileged.folder).mode & 0o777).toBe(0o755)
    const result = await unprivileged.run(['--version'])
    expect(result.status).toBe(0)
    expect(result.stdout.toString()).toMatch(new RegExp(`^mktorrent/${version.replaceAll('.', '\\.')} `))
  })

  it('runs it as a user the mode bits apply to, in folders that user can reach', async () => {
    const dir = unprivileged.tempDir('probe-')
    expect(statSync(dir).mode & 0o777).toBe(0o755)
    const secret = join(dir, 'secret.torrent')
    writeFileSync(secret, 'd4:infodee')
    chmodSync(secret, 0o600)
    const result = await unprivileged.run(['info', secret])
    expect(result.status).toBe(4)
    expect(result.stderr).toContain('permission denied')
  })

  it('removes its folder, the copy in it, on cleanup', () => {
    expect(existsSync(unprivileged.bin)).toBe(true)
    unprivileged.cleanup()
    expect(existsSync(unprivileged.folder)).toBe(false)
  })
})

describe('prepareUnprivileged, when it cannot be arranged', () => {
  it('says why when the package is not built, without running anything', () => {
    const source = mkdtempSync(join(tmpdir(), 'mktorrent-unbuilt-'))
    const unprivileged = prepareUnprivileged({source, asRoot: true})
    try {
      expect(unprivileged.available).toBe(false)
      expect(unprivileged.reason).toMatch(/^cannot copy the built CLI for user nobody: .*ENOENT.*; run npm run build first$/)
    } finally {
      unprivileged.cleanup()
      rmSync(source, {recursive: true, force: true})
    }
  })

  it('runs the checkout itself as the current user when that user is not root', async () => {
    const unprivileged = prepareUnprivileged({asRoot: false})
    try {
      expect(unprivileged.available).toBe(true)
      expect(unprivileged.bin).toBe(join(REPO_ROOT, 'bin/run.js'))
      const result = await unprivileged.run(['--version'])
      expect(result.status).toBe(0)
    } finally {
      unprivileged.cleanup()
    }
  })
})
