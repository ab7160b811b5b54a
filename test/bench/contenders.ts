import {existsSync, rmSync} from 'node:fs'
import {join} from 'node:path'
import {pathToFileURL} from 'node:url'
import type {Dataset} from './make-data.js'
import {runQuiet, succeeds} from './run-timed.js'

/** Where and on what a contender runs. */
export interface RunContext {
  /** The repository root (bin/run.js, test/bench). */
  repo: string
  data: Dataset
  /** A scratch folder for this contender's output. */
  scratch: string
  /** A small torrent for start-up runs. */
  smallTorrent: string
}

export interface Contender {
  id: string
  label: string
  /** The tool it needs; it is skipped, with the reason, when that tool's probe fails. */
  tool: Tool
  /** Untimed, once before the first run: make the torrent that `verify` or `info` reads. */
  prepare?: (context: RunContext) => void
  /** Untimed, before every run: C mktorrent refuses to replace its output. */
  reset?: (context: RunContext) => void
  argv: (context: RunContext) => string[]
  /** The torrent it writes, when the bench should report the piece length it chose. */
  output?: (context: RunContext) => string
}

export type Tool = 'node' | 'ours' | 'ours-verify' | 'c-mktorrent' | 'libtorrent' | 'create-torrent' | 'vmtouch'

export const SYSTEM_PYTHON = '/usr/bin/python3'
export const C_MKTORRENT = '/usr/bin/mktorrent'
export const VMTOUCH = 'vmtouch'
const node = process.execPath
const ANNOUNCE = 'http://localhost/announce'

const run = (context: RunContext): string => join(context.repo, 'bin', 'run.js')
const out = (context: RunContext, name: string): string => join(context.scratch, `${name}.torrent`)
/** Deterministic output (no date, no "created by") so every run writes the same bytes. */
const oursCreate = (context: RunContext, name: string, pieceArgs: string[], metaVersion: string): string[] =>
  [node, run(context), 'create', context.data.path, '-o', out(context, name), '-f', '-q', '-d', '--no-created-by', ...pieceArgs, '--meta-version', metaVersion]

function ours(metaVersion: 'v1' | 'v2' | 'hybrid', pieceLength: 'auto' | '1MiB'): Contender {
  const id = `ours-create-${metaVersion}${pieceLength === 'auto' ? '-auto' : ''}`
  const pieceArgs = pieceLength === 'auto' ? [] : ['-l', pieceLength]
  return {
    id,
    label: `mktorrent create ${metaVersion}, ${pieceLength}`,
    tool: 'ours',
    argv: (c) => oursCreate(c, id, pieceArgs, metaVersion),
    output: pieceLength === 'auto' ? (c) => out(c, id) : undefined,
  }
}

function oursVerify(metaVersion: 'v1' | 'v2'): Contender {
  const torrent = (c: RunContext): string => out(c, `verify-${metaVersion}`)
  return {
    id: `ours-verify-${metaVersion}`,
    label: `mktorrent verify ${metaVersion}, 1MiB`,
    tool: 'ours-verify',
    prepare: (c) => void runQuiet(oursCreate(c, `verify-${metaVersion}`, ['-l', '1MiB'], metaVersion)),
    argv: (c) => [node, run(c), 'verify', torrent(c), c.data.path],
  }
}

function libtorrent(mode: 'v1' | 'v2' | 'hybrid', pieceLength: 'auto' | '1MiB'): Contender {
  const id = `libtorrent-${mode}${pieceLength === 'auto' ? '-auto' : ''}`
  const flag = {v1: 'v1_only', v2: 'v2_only', hybrid: 'hybrid'}[mode]
  return {
    id,
    label: `libtorrent ${flag}, ${pieceLength === 'auto' ? 'its auto' : pieceLength}`,
    tool: 'libtorrent',
    argv: (c) => [SYSTEM_PYTHON, join(c.repo, 'test', 'bench', 'lt-create.py'), c.data.path, out(c, id), mode, pieceLength === 'auto' ? '0' : String(2 ** 20)],
    output: pieceLength === 'auto' ? (c) => out(c, id) : undefined,
  }
}

/** Every contender; a case lists the ids it runs. Adding a tool is one entry here. */
export const CONTENDERS: Contender[] = [
  {
    id: 'c-mktorrent',
    label: 'C mktorrent -t 2 -l 20',
    tool: 'c-mktorrent',
    reset: (c) => rmSync(out(c, 'c-mktorrent'), {force: true}),
    argv: (c) => [C_MKTORRENT, '-t', '2', '-l', '20', '-d', '-a', ANNOUNCE, '-o', out(c, 'c-mktorrent'), c.data.path],
  },
  ours('v1', '1MiB'),
  ours('v2', '1MiB'),
  ours('hybrid', '1MiB'),
  ours('hybrid', 'auto'),
  oursVerify('v1'),
  oursVerify('v2'),
  libtorrent('v1', '1MiB'),
  libtorrent('v2', '1MiB'),
  libtorrent('hybrid', '1MiB'),
  libtorrent('hybrid', 'auto'),
  {
    id: 'ceiling',
    label: 'ceiling: 2 workers, read + SHA-1 only',
    tool: 'node',
    argv: (c) => [node, join(c.repo, 'test', 'bench', 'ceiling.mjs'), c.data.path, String(2 ** 20)],
  },
  ...(['v2', 'hybrid'] as const).map((mode): Contender => ({
    id: `ceiling-${mode}`,
    label: `ceiling: 2 workers, read + ${mode === 'v2' ? 'SHA-256 leaves and piece roots' : 'SHA-256 leaves, piece roots and SHA-1'} only`,
    tool: 'node',
    argv: (c) => [node, join(c.repo, 'test', 'bench', 'ceiling.mjs'), c.data.path, String(2 ** 20), '2', mode],
  })),
  {
    id: 'ours-info-own',
    label: 'mktorrent info on our v1 torrent of it',
    tool: 'ours',
    prepare: (c) => void runQuiet(oursCreate(c, 'info-own', ['-l', '1MiB'], 'v1')),
    argv: (c) => [node, run(c), 'info', out(c, 'info-own')],
  },
  {
    id: 'create-torrent',
    label: 'npm create-torrent, 1MiB',
    tool: 'create-torrent',
    argv: (c) => [node, join(c.repo, 'test', 'bench', 'create-torrent.mjs'), c.data.path, out(c, 'create-torrent')],
  },
  {
    id: 'startup-floor',
    label: 'floor: a bare Node script, v1 of one file',
    tool: 'node',
    argv: (c) => [node, join(c.repo, 'test', 'bench', 'startup-floor.mjs'), c.data.path, out(c, 'startup-floor')],
    reset: (c) => rmSync(out(c, 'startup-floor'), {force: true}),
  },
  {
    id: 'ours-load-only',
    label: 'importing our CLI bundle, nothing run',
    tool: 'ours',
    argv: (c) => [node, '--input-type=module', '-e', `await import(${JSON.stringify(pathToFileURL(join(c.repo, 'dist', 'cli', 'main.js')).href)})`],
  },
  {id: 'node-e0', label: 'node -e 0', tool: 'node', argv: () => [node, '-e', '0']},
  {id: 'ours-info-small', label: 'mktorrent info on a small torrent', tool: 'ours', argv: (c) => [node, run(c), 'info', c.smallTorrent]},
]

/** Why a tool cannot run here, or undefined when it can. */
export function probeTool(tool: Tool, repo: string): string | undefined {
  const bin = join(repo, 'bin', 'run.js')
  switch (tool) {
    case 'node':
      return undefined
    case 'ours':
      return existsSync(join(repo, 'dist', 'commands', 'create.js')) ? undefined : 'dist/ is not built: run npm run build'
    case 'ours-verify':
      return succeeds([node, bin, 'verify', '--help']) ? undefined : '`mktorrent verify --help` fails: verify is not in this build yet'
    case 'c-mktorrent':
      return succeeds([C_MKTORRENT, '-h']) ? undefined : `${C_MKTORRENT} is not installed (apt-get install mktorrent)`
    case 'libtorrent':
      return succeeds([SYSTEM_PYTHON, '-c', 'import libtorrent']) ? undefined : `${SYSTEM_PYTHON} cannot import libtorrent (apt-get install python3-libtorrent)`
    case 'create-torrent':
      return existsSync(join(repo, 'node_modules', 'create-torrent', 'package.json')) ? undefined : 'npm create-torrent is not installed (npm ci installs it as a devDependency)'
    case 'vmtouch':
      return succeeds([VMTOUCH, '/dev/null']) ? undefined : 'vmtouch is not installed (apt-get install vmtouch), so the page cache cannot be evicted'
  }
}
