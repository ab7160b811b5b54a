import {mkdirSync, readFileSync, renameSync, rmSync, writeFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import {basename, dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {Script} from 'node:vm'
import type {StartupContext} from './run-fast.js'

interface StartupBundle {
  run: (argv: string[], context: StartupContext) => Promise<boolean>
}

/**
 * Runs `command` (create, verify or info) on its start-up path, dist/cli/fast/<command>.cjs
 * (scripts/bundle-cli.js): true when that path handled the run, false when oclif must. bin/run.js
 * calls this (dist/cli/fast/startup-bundle.cjs) before it loads oclif.
 */
export async function runStartupPath(command: string, argv: string[]): Promise<boolean> {
  const file = fileURLToPath(new URL(`${command}.cjs`, import.meta.url))
  const loaded = loadWithCodeCache(file)
  const {version} = createRequire(file)('../../../package.json') as {version: string}
  const handled = await (loaded.exports as StartupBundle).run(argv, {version})
  loaded.saveCodeCache()
  return handled
}

/**
 * Loads a CommonJS bundle with V8's code cache: Node 20 has no compile cache of its own (22 has
 * module.enableCompileCache, which bin/run.js also turns on), and compiling the bundle at every
 * start was a large part of a short run (docs/performance.md). The cache sits next to the bundle,
 * in `.cache/`, one file per bundle, Node version and architecture; V8 itself refuses a cache made
 * for other source or flags, and the bundle then compiles as if there were none. Where the package
 * folder cannot be written (a system-wide install), every run compiles; NODE_DISABLE_COMPILE_CACHE
 * (Node's own switch for its cache) turns this one off too. The cache is as trusted as the code
 * beside it: whoever can write one can write the other.
 */
export function loadWithCodeCache(file: string): {exports: unknown; usedCache: boolean; saveCodeCache: () => void} {
  const source = readFileSync(file, 'utf8')
  const enabled = process.env.NODE_DISABLE_COMPILE_CACHE === undefined
  const cacheFile = join(dirname(file), '.cache', `${basename(file)}-${process.version}-${process.arch}.v8`)
  let cachedData: Buffer | undefined
  if (enabled) {
    try {
      cachedData = readFileSync(cacheFile)
    } catch {
      // None yet: this run makes it.
    }
  }
  // Node's own CommonJS wrapper (Module.wrap), so the bundle runs as require() would run it.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) { ${source}\n});`, {filename: file, cachedData})
  const module = {exports: {} as unknown}
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void
  wrapper.call(module.exports, module.exports, createRequire(file), module, file, dirname(file))
  return {
    exports: module.exports,
    usedCache: cachedData !== undefined && !script.cachedDataRejected,
    saveCodeCache: () => {
      if (!enabled || (cachedData !== undefined && !script.cachedDataRejected)) return
      // Made after the run, so that it holds the functions the run compiled, not only the top level.
      writeAtomically(cacheFile, script.createCachedData())
    },
  }
}

/** A temp file and a rename: a run starting meanwhile reads the old cache or the new one, never half of one. */
function writeAtomically(path: string, data: Buffer): void {
  const temp = `${path}.${process.pid}.tmp`
  try {
    mkdirSync(dirname(path), {recursive: true})
    writeFileSync(temp, data, {flag: 'wx'})
    renameSync(temp, path)
  } catch {
    // A read-only install, a full disk: the next run compiles again, as without a cache.
    try {
      rmSync(temp, {force: true})
    } catch {
      // There was no folder to make it in.
    }
  }
}
