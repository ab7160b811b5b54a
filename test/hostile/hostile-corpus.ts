import {execFileSync} from 'node:child_process'
import {existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync} from 'node:fs'
import {createServer, type Server} from 'node:net'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import type {Outcome} from '../../scripts/fuzz/inspect-outcome.js'
import {REPO_ROOT} from '../helpers/run-cli.js'

export const HOSTILE_DIR = join(REPO_ROOT, 'fixtures', 'hostile')
/** Where `npm run fuzz` saves what it finds; every file there joins the corpus. */
export const FOUND_DIR = join(HOSTILE_DIR, 'found')

export type Special = 'fifo' | 'directory' | 'socket' | 'link-dev-zero' | 'missing' | 'dangling-link' | 'link-loop'

/** One entry of fixtures/hostile/manifest.json (written by scripts/fixtures/make-hostile.py). */
export interface CorpusEntry {
  file: string
  family: string
  what: string
  /** The exit code of `mktorrent info`. */
  exit: number
  /** The error code (exit 3 or 4 from a thrown error), or an issue code the report must hold; null: no issue at all. */
  code: string | null
  special?: Special
  libtorrent: string
}

export interface Corpus {
  entries: CorpusEntry[]
  /** Absolute path of an entry: in fixtures/hostile, or in the temp folder for a special one. */
  pathOf(entry: CorpusEntry): string
  /** An empty folder, the content `verify` checks each entry against. */
  emptyDir: string
  cleanup(): Promise<void>
}

export function readManifest(): CorpusEntry[] {
  const manifest = JSON.parse(readFileSync(join(HOSTILE_DIR, 'manifest.json'), 'utf8')) as {entries: CorpusEntry[]}
  const found = existsSync(FOUND_DIR) ? readdirSync(FOUND_DIR).filter((file) => file.endsWith('.torrent')) : []
  // A fuzzer finding has no hand-written expectation: any typed answer will do once it is fixed.
  const findings = found.map((file): CorpusEntry => ({file: `found/${file}`, family: 'found', what: 'saved by the fuzzer', exit: -1, code: null, libtorrent: 'n/a'}))
  return [...manifest.entries, ...findings]
}

/** Loads the manifest and makes the special entries (FIFO, socket, links...) in a temp folder. */
export async function openCorpus(): Promise<Corpus> {
  const scratch = mkdtempSync(join(tmpdir(), 'mktorrent-hostile-'))
  const entries = readManifest()
  const servers: Server[] = []
  const emptyDir = join(scratch, 'empty-content')
  mkdirSync(emptyDir)
  for (const entry of entries) {
    if (entry.special === undefined) continue
    const path = join(scratch, entry.file)
    mkdirSync(join(path, '..'), {recursive: true})
    if (entry.special === 'fifo') execFileSync('mkfifo', [path])
    else if (entry.special === 'directory') mkdirSync(path)
    else if (entry.special === 'link-dev-zero') symlinkSync('/dev/zero', path)
    else if (entry.special === 'dangling-link') symlinkSync(join(scratch, 'nothing-here'), path)
    else if (entry.special === 'link-loop') symlinkSync(path, path)
    else if (entry.special === 'socket') {
      const server = createServer()
      await new Promise<void>((resolve) => server.listen(path, resolve))
      servers.push(server)
    }
  }
  return {
    entries,
    emptyDir,
    pathOf: (entry) => (entry.special === undefined ? join(HOSTILE_DIR, entry.file) : join(scratch, entry.file)),
    cleanup: async () => {
      await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))))
      rmSync(scratch, {recursive: true, force: true})
    },
  }
}

/** Why an outcome does not meet an entry's expectation, or undefined when it does. */
export function mismatch(entry: CorpusEntry, outcome: Outcome | {kind: string; message?: string}): string | undefined {
  if (outcome.kind === 'parsed') {
    const {exitCode, errors, warnings} = outcome as Extract<Outcome, {kind: 'parsed'}>
    if (entry.exit === -1) return undefined
    if (exitCode !== entry.exit) return `exit ${exitCode} (errors: ${errors.join(', ') || 'none'}), expected ${entry.exit}`
    if (entry.code === null) return errors.length + warnings.length === 0 ? undefined : `unexpected issues: ${[...errors, ...warnings].join(', ')}`
    const codes = entry.exit === 0 ? warnings : errors
    return codes.includes(entry.code) ? undefined : `no ${entry.code} among ${codes.join(', ') || 'no issues'}`
  }
  if (outcome.kind === 'error') {
    const {exitCode, code} = outcome as Extract<Outcome, {kind: 'error'}>
    if (entry.exit === -1) return exitCode === 3 || exitCode === 4 ? undefined : `exit ${exitCode} (${code})`
    return exitCode === entry.exit && code === entry.code ? undefined : `exit ${exitCode} code ${code}, expected exit ${entry.exit} code ${entry.code}`
  }
  return `${outcome.kind}: ${'message' in outcome ? outcome.message : ''}`
}

/** Entries by family, in manifest order (Map.groupBy needs Node 21). */
export function byFamily(entries: CorpusEntry[]): Map<string, CorpusEntry[]> {
  const families = new Map<string, CorpusEntry[]>()
  for (const entry of entries) families.set(entry.family, [...(families.get(entry.family) ?? []), entry])
  return families
}
