import {MAX_PIECE_LENGTH, MIN_PIECE_LENGTH} from '../content/piece-length.js'
import type {CreateOptions} from '../use-cases/create-torrent.js'
import {UsageError} from '../errors.js'
import {checkPathElement} from '../metainfo/path-safety.js'
import {type UrlRole, assertUrl} from '../metainfo/url-rule.js'
import {IssueList, type ValidationIssue} from '../metainfo/validation-issue.js'
import {assertCreationDate} from './creation-date.js'
import {assertDhtNode} from './dht-node.js'

const META_VERSIONS: ReadonlySet<unknown> = new Set(['v1', 'v2', 'hybrid'])
const controlCharacter = /[\u0000-\u001F\u007F-\u009F]/u
// A comment may span lines; any other control character could drive the terminal that shows it.
const commentControlCharacter = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/u
// UTF-8 cannot encode a lone surrogate: it would be written as U+FFFD, another text than given.
const loneSurrogate = /[\uD800-\uDFFF]/u

/**
 * Everything `create` takes besides the content, checked before the walk and before any byte is
 * hashed: a value `info` would reject or flag is a usage error (exit 2) naming the flag and the
 * value, for the command, its wizard and C mktorrent mode, and the library (planTorrent).
 */
export function checkCreateOptions(options: CreateOptions): void {
  if (options.metaVersion !== undefined && !META_VERSIONS.has(options.metaVersion)) {
    throw new UsageError('usage', `--meta-version ${JSON.stringify(options.metaVersion)} is not v1, v2 or hybrid`)
  }
  if (options.pieceLength !== undefined) checkPieceLength(options.pieceLength)
  if (options.name !== undefined) checkName(options.name)
  for (const tier of options.announce ?? []) for (const url of tier) checkUrl(url, 'tracker', '--announce')
  for (const url of options.webSeeds ?? []) checkUrl(url, 'web seed', '--web-seed')
  for (const url of options.httpSeeds ?? []) checkUrl(url, 'http seed', '--http-seed')
  for (const node of options.dhtNodes ?? []) assertDhtNode(node)
  if (options.source !== undefined) {
    if (options.source === '') throw new UsageError('invalid-text', '--source is empty; leave it out for no source tag')
    checkText(options.source, '--source', controlCharacter)
  }
  if (options.comment !== undefined) checkText(options.comment, '--comment', commentControlCharacter)
  if (options.createdBy !== undefined) checkText(options.createdBy, '--created-by', controlCharacter)
  if (options.creationDate !== undefined) assertCreationDate(options.creationDate)
  if (options.threads !== undefined && (!Number.isInteger(options.threads) || options.threads < 1)) {
    throw new UsageError('usage', `--threads ${options.threads} is not a whole number of at least 1`)
  }
}

function checkPieceLength(pieceLength: number): void {
  const inRange = Number.isInteger(pieceLength) && pieceLength >= MIN_PIECE_LENGTH && pieceLength <= MAX_PIECE_LENGTH
  // In range every value fits in 31 bits, so the bit test for a power of two is exact.
  if (!inRange || (pieceLength & (pieceLength - 1)) !== 0) {
    throw new UsageError('invalid-piece-length', `--piece-length ${pieceLength} is not a power of two from 16 KiB (16384) to 256 MiB (268435456) bytes`)
  }
}

/** The torrent's name is one path element: what the validator would call an error is refused (docs/validation.md, "Paths"). */
function checkName(name: string): void {
  if (typeof name !== 'string' || name === '') throw new UsageError('invalid-name', '--name is empty; leave it out to use the file or folder name')
  if (loneSurrogate.test(name)) throw new UsageError('invalid-name', `--name ${JSON.stringify(name)} contains a lone surrogate, which UTF-8 cannot encode`)
  const issues = new IssueList()
  checkPathElement(Buffer.from(name), '--name', issues)
  const error = issues.issues.find((issue) => issue.severity === 'error')
  if (error !== undefined) throw new UsageError('invalid-name', error.message)
}

function checkUrl(url: string, role: UrlRole, flag: string): void {
  if (typeof url !== 'string') throw new UsageError('invalid-url', `${flag} ${String(url)} is not a URL string`)
  assertUrl(url, role, flag)
}

function checkText(text: string, flag: string, forbidden: RegExp): void {
  if (typeof text !== 'string') throw new UsageError('invalid-text', `${flag} must be text`)
  if (forbidden.test(text)) {
    const allowed = forbidden === commentControlCharacter ? ' other than tab or newline' : ''
    throw new UsageError('invalid-text', `${flag} ${JSON.stringify(text)} contains a control character${allowed}, which could drive the terminal of whoever reads it`)
  }
  if (loneSurrogate.test(text)) throw new UsageError('invalid-text', `${flag} ${JSON.stringify(text)} contains a lone surrogate, which UTF-8 cannot encode`)
}

/**
 * The warnings `info` will give the torrent's name (a Windows-reserved name, a character Windows
 * refuses, a trailing dot or space, over 255 bytes): shown before hashing with the lints, since the
 * name, unlike the files, is often typed with --name.
 */
export function nameWarnings(name: string): ValidationIssue[] {
  const issues = new IssueList()
  checkPathElement(Buffer.from(name), 'info.name', issues)
  return issues.issues.filter((issue) => issue.severity === 'warning')
}
