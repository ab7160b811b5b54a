import type {CorpusEntry} from './hostile-corpus.js'

/**
 * The commands every corpus entry goes through. Adding a command that reads torrents (verify) is
 * one more row here; `exit` maps the entry's `info` exit code to this command's where they differ.
 */
export interface CorpusCommand {
  name: string
  argv(file: string): string[]
  json: boolean
  exit(entry: CorpusEntry): number
}

export const CORPUS_COMMANDS: CorpusCommand[] = [
  {name: 'info', argv: (file) => ['info', file], json: false, exit: (entry) => entry.exit},
  {name: 'info --json', argv: (file) => ['info', '--json', file], json: true, exit: (entry) => entry.exit},
]

export interface CommandRun {
  exitCode: number
  stdout: string
  stderr: string
}

/** Why a run of `command` on `entry` breaks the contract of docs/exit-codes.md, or undefined. */
export function commandMismatch(command: CorpusCommand, entry: CorpusEntry, result: CommandRun): string | undefined {
  const lines = result.stderr.split('\n').filter((line) => line !== '')
  if (/^\s+at /m.test(result.stderr)) return 'a stack trace on stderr'
  const expected = command.exit(entry)
  if (entry.exit === -1 ? ![0, 3, 4].includes(result.exitCode) : result.exitCode !== expected) {
    return `exit ${result.exitCode}, expected ${expected}; stderr: ${lines.join(' | ')}`
  }
  if (result.exitCode === 0 && lines.length !== 0) return `stderr on success: ${lines.join(' | ')}`
  if (result.exitCode !== 0 && (lines.length !== 1 || !lines[0]!.startsWith('mktorrent: error: '))) {
    return `${lines.length} stderr lines: ${lines.join(' | ')}`
  }
  if (!command.json || entry.code === null) return undefined
  const json = JSON.parse(result.stdout) as {error?: {code: string}; issues?: Array<{code: string}>}
  const codes = json.error === undefined ? (json.issues ?? []).map((issue) => issue.code) : [json.error.code]
  return codes.includes(entry.code) ? undefined : `--json holds ${codes.join(', ') || 'no code'}, expected ${entry.code}`
}
