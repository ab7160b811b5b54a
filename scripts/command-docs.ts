// Writes docs/commands.md from oclif.manifest.json (what `oclif readme` does, without the oclif CLI):
// `npm run docs`. test/docs/commands-doc.test.ts fails when the file is not what this writes.
import {readFileSync, writeFileSync} from 'node:fs'
import {pathToFileURL} from 'node:url'

interface ManifestFlag {
  name: string
  char?: string
  type: 'boolean' | 'option'
  description?: string
  summary?: string
  helpGroup?: string
  helpValue?: string
  options?: string[]
  multiple?: boolean
  allowNo?: boolean
  hidden?: boolean
  default?: unknown
}

interface ManifestCommand {
  id: string
  hidden?: boolean
  summary?: string
  description?: string
  usage?: string | string[]
  examples?: Array<string | {command: string; description?: string}>
  args: Record<string, {name: string; description?: string; required?: boolean; options?: string[]}>
  flags: Record<string, ManifestFlag>
}

export interface Manifest {
  commands: Record<string, ManifestCommand>
}

const BIN = 'mktorrent'
const withBin = (text: string): string => text.replaceAll('<%= config.bin %>', BIN)
const cell = (text: string): string => withBin(text).replace(/\s*\n\s*/g, ' ').replaceAll('|', '\\|')

function usage(command: ManifestCommand): string {
  if (command.usage !== undefined) return [command.usage].flat().map((line) => `${BIN} ${withBin(line)}`).join('\n')
  const args = Object.values(command.args).map((arg) => (arg.required ? `<${arg.name.toUpperCase()}>` : `[${arg.name.toUpperCase()}]`))
  return [BIN, command.id, ...args, Object.keys(command.flags).length > 0 ? '[FLAGS]' : ''].filter((word) => word !== '').join(' ')
}

function flagName(flag: ManifestFlag): string {
  const long = flag.allowNo ? `--[no-]${flag.name}` : `--${flag.name}`
  const value = flag.type === 'option' ? `=<${flag.helpValue ?? flag.options?.join('\\|') ?? 'value'}>` : ''
  return `${flag.char ? `-${flag.char}, ` : ''}${long}${value}${flag.multiple ? '...' : ''}`
}

function flagTable(title: string, flags: ManifestFlag[]): string[] {
  if (flags.length === 0) return []
  const rows = flags.map((flag) => `| \`${flagName(flag)}\` | ${cell(flag.summary ?? flag.description ?? '')} |`)
  return [`${title}:`, '', '| flag | meaning |', '|---|---|', ...rows, '']
}

function section(command: ManifestCommand): string[] {
  const flags = Object.values(command.flags).filter((flag) => !flag.hidden)
  const args = Object.values(command.args)
  const examples = (command.examples ?? []).map((example) => withBin(typeof example === 'string' ? example : example.command))
  return [
    `## \`${BIN} ${command.id}\``,
    '',
    withBin(command.summary ?? ''),
    '',
    // A line break in a description separates paragraphs.
    ...(command.description ? [withBin(command.description).split('\n').join('\n\n'), ''] : []),
    '```',
    usage(command),
    '```',
    '',
    ...(args.length > 0 ? ['Arguments:', '', '| argument | meaning |', '|---|---|', ...args.map((arg) => `| \`${arg.name.toUpperCase()}\` | ${cell(arg.description ?? '')}${arg.options ? ` One of: ${arg.options.join(', ')}.` : ''} |`), ''] : []),
    ...flagTable('Flags', flags.filter((flag) => flag.helpGroup !== 'GLOBAL')),
    ...flagTable('Global flags', flags.filter((flag) => flag.helpGroup === 'GLOBAL')),
    ...(examples.length > 0 ? ['Examples:', '', '```sh', ...examples, '```', ''] : []),
  ]
}

export function renderCommandDocs(manifest: Manifest): string {
  const commands = Object.values(manifest.commands)
    .filter((command) => !command.hidden)
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  const lines = [
    '# Command reference',
    '',
    '<!-- Written by `npm run docs` from the commands themselves (oclif.manifest.json); do not edit. -->',
    '',
    `\`${BIN} help [COMMAND]\` and \`${BIN} COMMAND --help\` print the same. Exit codes: docs/exit-codes.md.`,
    '',
    ...commands.map((command) => `- [\`${BIN} ${command.id}\`](#${`${BIN}-${command.id}`.replaceAll(/[^a-z0-9-]/g, '')}): ${cell(command.summary ?? '')}`),
    '',
    ...commands.flatMap(section),
  ]
  return `${lines.join('\n').replace(/\n+$/, '')}\n`
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const manifest = JSON.parse(readFileSync(new URL('../oclif.manifest.json', import.meta.url), 'utf8')) as Manifest
  writeFileSync(new URL('../docs/commands.md', import.meta.url), renderCommandDocs(manifest))
}
