import type {CorpusEntry} from './hostile-corpus.js'

/**
 * The commands every corpus entry goes through. Adding a command that reads torrents is one more
 * row here; `exit` maps the entry's `info` exit code to this command's where they differ.
 */
export interface CorpusCommand {
  name: string
  /** The command line for the entry at `file`; `emptyDir` is an empty folder to use as content. */
  argv(file: string, emptyDir: string): string[]
  json: boolean
  exit(entry: CorpusEntry): number
  /** The exits that are a typed answer, for fuzzer findings that have no hand-written expectation. */
  typedExits: number[]
}

/**
 * `verify` runs against an empty content folder: an invalid or unsafe torrent is refused (3) before
 * anything is looked up, an unreadable torrent file is 4, and a valid torrent finds all its data
 * missing (1) without reading a byte.
 */
const verifyExit = (entry: CorpusEntry): number => (entry.exit === 0 ? 1 : entry.exit)

export const CORPUS_COMMANDS: CorpusCommand[] = [
  {name: 'info', argv: (file) => ['info', file], json: false, exit: (entry) => entry.exit, typedExits: [0, 3, 4]},
  {name: 'info --json', argv: (file) => ['info', '--json', file], json: true, exit: (entry) => entry.exit, typedExits: [0, 3, 4]},
  {name: 'verify', argv: (file, emptyDir) => ['verify', file, emptyDir], json: false, exit: verifyExit, typedExits: [1, 3, 4]},
  {name: 'verify --json', argv: (file, emptyDir) => ['verify', '--json', file, emptyDir], json: true, exit: verifyExit, typedExits: [1, 3, 4]},
]

export interface CommandRun {
  exitCode: number
  stdout: string
  stderr: string
}

/**
 * Why a run of `command` on `entry` breaks the contract of docs/exit-codes.md, or undefined.
 * `infoJson` is what `info --json` printed for the same entry: `verify` must refuse a torrent with
 * one of the errors `info` lists (it names the first, where the manifest names one of them).
 */
export function commandMismatch(command: CorpusCommand, entry: CorpusEntry, result: CommandRun, infoJson?: string): string | undefined {
  const lines = result.stderr.split('\n').filter((line) => line !== '')
  if (/^\s+at /m.test(result.stderr)) return 'a stack trace on stderr'
  const expected = command.exit(entry)
  if (entry.exit === -1 ? !command.typedExits.includes(result.exitCode) : result.exitCode !== expected) {
    return `exit ${result.exitCode}, expected ${entry.exit === -1 ? command.typedExits.join(' or ') : expected}; stderr: ${lines.join(' | ')}`
  }
  if (result.exitCode === 0 && lines.length !== 0) return `stderr on success: ${lines.join(' | ')}`
  if (result.exitCode !== 0 && (lines.length !== 1 || !lines[0]!.startsWith('mktorrent: error: '))) {
    return `${lines.length} stderr lines: ${lines.join(' | ')}`
  }
  if (!command.json) return undefined
  const json = JSON.parse(result.stdout) as JsonAnswer
  if (command.name.startsWith('verify')) {
    if (result.exitCode === 1) return nothingRead(json)
    if (infoJson === undefined) return 'no info --json answer to compare with'
    const allowed = errorCodes(JSON.parse(infoJson) as JsonAnswer)
    return allowed.includes(json.error?.code ?? '') ? undefined : `--json error ${json.error?.code}, not among the errors of info: ${allowed.join(', ')}`
  }
  if (entry.code === null) return undefined
  const codes = json.error === undefined ? (json.issues ?? []).map((issue) => issue.code) : [json.error.code]
  return codes.includes(entry.code) ? undefined : `--json holds ${codes.join(', ') || 'no code'}, expected ${entry.code}`
}

function errorCodes(info: JsonAnswer): string[] {
  if (info.error !== undefined) return [info.error.code]
  return (info.issues ?? []).filter((issue) => issue.severity === 'error').map((issue) => issue.code)
}

interface JsonAnswer {
  error?: {code: string}
  issues?: Array<{code: string; severity: string}>
  bytesVerified?: number
  files?: Array<{path: string; status: string}>
}

/** A verify report against the empty folder: every file missing (or the folder where a single file should be), nothing read. */
function nothingRead(report: JsonAnswer): string | undefined {
  if (report.bytesVerified !== 0) return `${report.bytesVerified} bytes verified in an empty folder`
  const found = (report.files ?? []).filter((file) => file.status !== 'missing' && file.status !== 'not-a-file')
  return found.length === 0 ? undefined : `files found in an empty folder: ${found.map((file) => `${file.path} ${file.status}`).join(', ')}`
}
