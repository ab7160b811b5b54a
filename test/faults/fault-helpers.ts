import {type ChildProcessWithoutNullStreams, spawn} from 'node:child_process'
import {closeSync, ftruncateSync, openSync, readdirSync, readlinkSync, writeFileSync, writeSync} from 'node:fs'
import {join} from 'node:path'
import {REPO_ROOT} from '../helpers/run-cli.js'

const BIN = join(REPO_ROOT, 'bin/run.js')

export interface Running {
  child: ChildProcessWithoutNullStreams
  done: Promise<Finished>
}

export interface Finished {
  status: number | null
  signal: NodeJS.Signals | null
  stdout: Buffer
  stderr: string
  /** Killed by the guard: the process did not end in time. */
  hung: boolean
}

export interface StartOptions {
  env?: Record<string, string>
  cwd?: string
  /** Runs the command through a shell prefix, e.g. ['runuser', '-u', 'nobody', '--']. */
  prefix?: string[]
  /** SIGKILL after this long: a guard against a hang, not a timing assertion. */
  guardMs?: number
  /** The bin/run.js to run: the repository's by default (test/helpers/unprivileged.ts runs a copy). */
  bin?: string
}

/** Starts `node bin/run.js ...args` without waiting for it (without vitest's NODE_ENV, as test/helpers/run-cli.ts). */
export function start(args: string[], options: StartOptions = {}): Running {
  const [command, ...rest] = [...(options.prefix ?? []), process.execPath, options.bin ?? BIN, ...args]
  const child = spawn(command!, rest, {cwd: options.cwd ?? REPO_ROOT, env: {...process.env, NO_COLOR: '1', DEBUG: '', NODE_ENV: undefined, ...options.env}})
  const stdout: Buffer[] = []
  const stderr: Buffer[] = []
  child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk))
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk))
  child.stdin.end()
  let hung = false
  const guard = setTimeout(() => {
    hung = true
    child.kill('SIGKILL')
  }, options.guardMs ?? 90_000)
  const done = new Promise<Finished>((resolve) => {
    child.on('close', (status, signal) => {
      clearTimeout(guard)
      resolve({status, signal, stdout: Buffer.concat(stdout), stderr: Buffer.concat(stderr).toString('utf8'), hung})
    })
  })
  return {child, done}
}

/** Runs `script` in bash, where "$@" is the mktorrent command line (`node bin/run.js ...args`). */
export function startInShell(script: string, args: string[], options: StartOptions = {}): Running {
  return start(args, {...options, prefix: ['bash', '-c', script, 'bash']})
}

/** Resolves once process `pid` (any of its threads) holds `path` open; false if it ended first. */
export async function waitForOpen(pid: number, path: string, limitMs = 90_000): Promise<boolean> {
  const until = Date.now() + limitMs
  while (Date.now() < until) {
    let fds: string[]
    try {
      fds = readdirSync(`/proc/${pid}/fd`)
    } catch {
      return false
    }
    for (const fd of fds) {
      try {
        if (readlinkSync(`/proc/${pid}/fd/${fd}`) === path) return true
      } catch {
        // Closed between the listing and the readlink.
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 2))
  }
  return false
}

/** A file of `size` bytes that takes no disk space: holes read as zeros (sparse). */
export function sparseFile(path: string, size: number, bytes: Array<[offset: number, value: number]> = []): void {
  const fd = openSync(path, 'w')
  try {
    // Extending with ftruncate writes nothing: all but the bytes written below stays a hole.
    ftruncateSync(fd, size)
    for (const [offset, value] of bytes) writeSync(fd, Buffer.from([value]), 0, 1, offset)
  } finally {
    closeSync(fd)
  }
}

export function stderrLines(stderr: string): string[] {
  return stderr.split('\n').filter((line) => line !== '')
}

/** Temp files of an atomic write (`.<name>.<hex>.tmp`) left in a folder. */
export function tempFiles(folder: string): string[] {
  return readdirSync(folder).filter((name) => name.endsWith('.tmp'))
}

/**
 * Runs `body` in the hashing worker threads of a spawned CLI: through NODE_OPTIONS --require, which
 * Node also runs in worker threads (nothing in mktorrent knows about it); the hashing workers are
 * the ones whose workerData is 'mktorrent-hash-worker'. Returns the environment to spawn with.
 */
export function injectIntoHashWorkers(folder: string, body: string): Record<string, string> {
  const preload = join(folder, 'fault.cjs')
  writeFileSync(preload, `const {workerData} = require('node:worker_threads')\nif (workerData === 'mktorrent-hash-worker') {\n${body}\n}\n`)
  return {NODE_OPTIONS: `--require ${preload}`}
}
