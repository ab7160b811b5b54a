import {stat} from 'node:fs/promises'
import {basename, dirname, resolve} from 'node:path'
import {formatBytes} from '../../core/bytes.js'
import {ExitCode, MktorrentError} from '../../core/errors.js'
import {type WalkOptions, walkContent} from '../../core/content/walk-content.js'
import type {MetaVersion} from '../../core/metainfo/metainfo.js'
import {type UrlRole, describeUrlFault, urlFault} from '../../core/metainfo/url-rule.js'
import type {Prompts} from '../prompts.js'
import {renderCommandLine} from '../render/command-line.js'
import {pathChoices} from './path-choices.js'
import {pieceLengthChoices} from './piece-length-choices.js'

/** What the command line already says; the wizard asks only about the rest. */
export interface GivenValues {
  path?: string
  name?: string
  metaVersion?: MetaVersion
  announce?: string[]
  webSeeds?: string[]
  private: boolean
  source?: string
  comment?: string
  pieceLength?: string
  output?: string
}

export interface WizardContext {
  prompts: Prompts
  cwd: string
  /** Where the wizard's own lines go (the terminal the questions are on). */
  write: (text: string) => void
  given: GivenValues
  /** The arguments `create` was started with, `-i` removed; the answers are added to them. */
  argv: string[]
  walk: Omit<WalkOptions, 'onProgress'>
}

const metaVersions = [
  {value: 'v1', name: 'v1', description: 'BEP 3, SHA-1 pieces: every BitTorrent client reads it'},
  {value: 'v2', name: 'v2', description: 'BEP 52, a SHA-256 merkle tree per file: needs a client with v2 support'},
  {value: 'hybrid', name: 'hybrid', description: 'v1 and v2 in one torrent, for both kinds of client; files are padded to piece boundaries'},
] as const

/**
 * Asks step by step for what `create` needs, shows the equivalent command line and asks before
 * hashing. Returns that command line's arguments (after `mktorrent create`). Ctrl-C at any
 * question, or "no" at the end, rejects with exit code 130 before anything is written.
 */
export async function runCreateWizard(context: WizardContext): Promise<string[]> {
  const {prompts, given, cwd} = context
  const flags: string[] = []
  const path = given.path ?? (await prompts.search({message: 'File or folder to share', source: (term) => pathChoices(term, cwd)}))

  const metaVersion: MetaVersion = given.metaVersion ?? (await prompts.select<MetaVersion>({message: 'Torrent format', choices: [...metaVersions], default: 'v1'}))
  if (given.metaVersion === undefined && metaVersion !== 'v1') flags.push(`--${metaVersion}`)

  if (given.announce === undefined) {
    const tiers = await askList(prompts, 'Tracker tier', 'URLs, commas between backups', trackerProblem, true)
    for (const tier of tiers) flags.push('-a', tier)
  }
  if (given.webSeeds === undefined) {
    for (const url of await askList(prompts, 'Web seed', 'a URL', webSeedProblem, false)) flags.push('-w', url)
  }
  if (!given.private && (await prompts.confirm({message: 'Private (trackers only: no DHT or peer exchange)?', default: false}))) flags.push('-p')
  if (given.source === undefined) {
    const source = (await prompts.input({message: 'Source tag (empty for none)'})).trim()
    if (source !== '') flags.push('-s', source)
  }
  if (given.comment === undefined) {
    const comment = (await prompts.input({message: 'Comment (empty for none)'})).trim()
    if (comment !== '') flags.push('-c', comment)
  }
  if (given.pieceLength === undefined) {
    context.write('Scanning the content...\n')
    const walk = await walkContent(resolve(cwd, path), context.walk)
    context.write(`${walk.files.length.toLocaleString('en-US')} files, ${formatBytes(walk.totalLength)}\n`)
    const fileLengths = walk.files.map((file) => file.length)
    const pieceLength = await prompts.select({message: 'Piece length', choices: pieceLengthChoices(metaVersion, fileLengths), default: 'auto'})
    if (pieceLength !== 'auto') flags.push('-l', pieceLength)
  }
  if (given.output === undefined) flags.push(...(await askOutput(prompts, cwd, `${given.name ?? basename(resolve(cwd, path))}.torrent`)))

  const argv = withAnswers(context.argv, flags, given.path === undefined ? path : undefined)
  context.write(`\nThe same from a script:\n  ${renderCommandLine(['mktorrent', 'create', ...argv])}\n\n`)
  if (!(await prompts.confirm({message: 'Create the torrent now?', default: true}))) {
    throw new MktorrentError('cancelled', 'cancelled; nothing was written', ExitCode.interrupted)
  }
  return argv
}

/**
 * Repeats a question until an empty answer, checking each answer before it is kept. With `tiers`,
 * one answer may hold several URLs separated by commas (one tracker tier, as `-a` takes it).
 */
async function askList(prompts: Prompts, label: string, hint: string, problem: (url: string) => string | undefined, tiers: boolean): Promise<string[]> {
  const split = (value: string): string[] => (tiers ? value.split(',') : [value]).map((url) => url.trim()).filter((url) => url !== '')
  const validate = (value: string): true | string => split(value).map(problem).find((text) => text !== undefined) ?? true
  const answers: string[] = []
  for (;;) {
    const message = answers.length === 0 ? `${label} 1 (${hint}; empty for none)` : `${label} ${answers.length + 1} (empty when done)`
    const urls = split(await prompts.input({message, validate}))
    if (urls.length === 0) return answers
    answers.push(urls.join(','))
  }
}

/** The URL rule of create, edit and info (url-rule.ts), as the wizard's refusal of one answer. */
function urlProblem(url: string, role: UrlRole): string | undefined {
  const fault = urlFault(url, role)
  return fault === undefined ? undefined : `${JSON.stringify(url)} ${describeUrlFault(fault, role)}`
}

const trackerProblem = (url: string): string | undefined => urlProblem(url, 'tracker')
const webSeedProblem = (url: string): string | undefined => urlProblem(url, 'web seed')

/** The output question; an existing file needs a confirmation, which adds --force. */
async function askOutput(prompts: Prompts, cwd: string, suggested: string): Promise<string[]> {
  for (;;) {
    const output = (await prompts.input({message: 'Save the torrent as', default: suggested, validate: (value) => outputProblem(cwd, value.trim() || suggested)})).trim() || suggested
    const flags = output === suggested ? [] : ['-o', output]
    const exists = await stat(resolve(cwd, output)).then(
      () => true,
      () => false,
    )
    if (!exists) return flags
    if (await prompts.confirm({message: `${output} exists. Replace it?`, default: false})) return [...flags, '--force']
  }
}

async function outputProblem(cwd: string, output: string): Promise<true | string> {
  if (output === '-') return 'give a file name (writing the torrent to the terminal is of no use)'
  const target = resolve(cwd, output)
  const folder = await stat(dirname(target)).catch(() => undefined)
  if (!folder?.isDirectory()) return `${dirname(output)} is not a folder`
  const existing = await stat(target).catch(() => undefined)
  if (existing !== undefined && !existing.isFile()) return `${output} exists and is not a file`
  return true
}

/** The original arguments with the answers added before any `--`, and the path last. */
function withAnswers(argv: string[], answers: string[], path: string | undefined): string[] {
  const end = argv.includes('--') ? argv.indexOf('--') : argv.length
  const words = [...argv.slice(0, end), ...answers, ...argv.slice(end)]
  if (path !== undefined) words.push(path.startsWith('-') ? `./${path}` : path)
  return words
}
