import {spawnSync} from 'node:child_process'
import {chmodSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, describe, it} from 'vitest'
import {type Finished, type StartOptions, start} from '../faults/fault-helpers.js'
import {isCi} from './external-tools.js'
import {REPO_ROOT} from './run-cli.js'

/** What the built CLI needs at run time: the package's "files", its package.json, and its production dependencies. */
const PACKAGE_ENTRIES = ['bin', 'dist', 'oclif.manifest.json', 'package.json']

/**
 * A user for whom mode bits count (root reads anything whatever they say), and a copy of the built
 * CLI that user can run: as root that user is `nobody`, who may not be able to reach the checkout
 * (a clone under /root or any `mktemp -d` folder is mode 0700), so the package is copied into a
 * world-readable temporary folder; anyone else is that user already and runs the checkout's bin.
 */
export interface Unprivileged {
  available: boolean
  /** Why the CLI cannot be run unprivileged here, and what would fix it; empty when available. */
  reason: string
  /** 'nobody' when the tests run as root, else the current user. */
  user: string
  /** A folder that user can reach: holds the copy, and the test content (see `tempDir`). */
  folder: string
  /** The bin/run.js that user runs. */
  bin: string
  /** A fresh folder (mode 0755) under `folder`, for content the user must reach. */
  tempDir(prefix: string): string
  /** Runs `node bin/run.js ...args` as that user (fault-helpers' `start`, with its hang guard). */
  run(args: string[], options?: Omit<StartOptions, 'prefix' | 'bin'>): Promise<Finished>
  /** Removes `folder`, the copy and the content with it. */
  cleanup(): void
}

export interface PrepareOptions {
  /** The checkout to copy; the repository by default (tests of this helper give another). */
  source?: string
  /** Whether the tests run as root; by default, whether they do. */
  asRoot?: boolean
}

export const NOBODY_PREFIX = ['runuser', '-u', 'nobody', '--']

/** Copies the built package at `source` to `target`, with the production dependencies package-lock.json names. */
export function copyBuiltPackage(source: string, target: string): void {
  for (const entry of PACKAGE_ENTRIES) cpSync(join(source, entry), join(target, entry), {recursive: true})
  const lock = JSON.parse(readFileSync(join(source, 'package-lock.json'), 'utf8')) as {packages: Record<string, {dev?: boolean}>}
  for (const [path, meta] of Object.entries(lock.packages)) {
    // Nested ones come with their parent folder; optional ones for other platforms are not installed.
    if (!path.startsWith('node_modules/') || meta.dev === true || path.lastIndexOf('node_modules/') !== 0) continue
    if (existsSync(join(source, path))) cpSync(join(source, path), join(target, path), {recursive: true})
  }
}

/** A first line of a spawn's output, for a reason. */
function firstLine(text: string | Buffer | null | undefined): string {
  return String(text ?? '').trim().split('\n')[0] ?? ''
}

/** Whether `prefix node bin --version` prints the version: the same start-up as every run. */
function probeRun(prefix: string[], bin: string, cwd: string): string {
  const [command, ...args] = [...prefix, process.execPath, bin, '--version']
  const result = spawnSync(command!, args, {cwd, encoding: 'utf8', timeout: 120_000, env: {...process.env, NODE_ENV: undefined}})
  if (result.error !== undefined) return `${command} failed: ${result.error.message}`
  if (result.status === 0 && /^mktorrent\/\d/.test(result.stdout)) return ''
  return `exit ${result.status ?? result.signal}: ${firstLine(result.stderr) || firstLine(result.stdout)}`
}

/** Makes the copy and checks that the user can run it (synchronously: called while tests are collected). */
export function prepareUnprivileged(options: PrepareOptions = {}): Unprivileged {
  const source = options.source ?? REPO_ROOT
  const asRoot = options.asRoot ?? process.getuid?.() === 0
  const folder = mkdtempSync(join(tmpdir(), 'mktorrent-unprivileged-'))
  chmodSync(folder, 0o755)
  const prefix = asRoot ? NOBODY_PREFIX : []
  let bin = join(source, 'bin/run.js')
  let reason = ''
  if (asRoot) {
    const copy = join(folder, 'package')
    try {
      copyBuiltPackage(source, copy)
      bin = join(copy, 'bin/run.js')
      const failure = probeRun(prefix, bin, folder)
      if (failure !== '') {
        reason = `user nobody cannot run the built CLI copied to ${copy} (${failure}); needs runuser, and ${process.execPath} and ${tmpdir()} reachable by nobody`
      }
    } catch (error) {
      reason = `cannot copy the built CLI for user nobody: ${(error as Error).message}; run npm run build first`
    }
  }
  const user = asRoot ? 'nobody' : (process.env.USER ?? `uid ${process.getuid?.()}`)
  return {
    available: reason === '',
    reason,
    user,
    folder,
    bin,
    tempDir(name) {
      const dir = mkdtempSync(join(folder, name))
      chmodSync(dir, 0o755)
      return dir
    },
    run: (args, runOptions = {}) => start(args, {cwd: folder, ...runOptions, prefix, bin}).done,
    cleanup: () => rmSync(folder, {recursive: true, force: true}),
  }
}

/**
 * A describe block whose tests run the CLI as a user the mode bits apply to (`unprivileged.run`),
 * with content made under `unprivileged.tempDir`. When that cannot be arranged it is skipped
 * locally with the reason in its title, and fails on CI (CI=true), as describeWithTools does.
 */
export function describeUnprivileged(title: string, body: (unprivileged: Unprivileged) => void): void {
  const unprivileged = prepareUnprivileged()
  if (unprivileged.available) {
    describe(title, () => {
      afterAll(() => unprivileged.cleanup())
      body(unprivileged)
    })
    return
  }
  unprivileged.cleanup()
  if (isCi()) {
    describe(title, () => {
      it('can run the CLI as an unprivileged user', () => {
        throw new Error(unprivileged.reason)
      })
    })
    return
  }
  describe.skip(`${title} [skipped: ${unprivileged.reason}]`, () => body(unprivileged))
}
