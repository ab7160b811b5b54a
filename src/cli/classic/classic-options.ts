import {basename, resolve} from 'node:path'
import {UsageError} from '../../core/errors.js'
import {type ClassicArgs, isSet, lastValue, valuesOf} from './parse-classic-args.js'

/** C mktorrent 1.1's default piece length, 2^18 = 256 KiB (it has no automatic choice). */
export const CLASSIC_DEFAULT_EXPONENT = 18
const MAX_THREADS = 20

/** What a C mktorrent command line asks for, checked the way C mktorrent 1.1 checks it. */
export interface ClassicOptions {
  help: boolean
  verbose: boolean
  target: string
  name: string
  /** Absolute path of the .torrent to write. */
  output: string
  force: boolean
  announce: string[][]
  webSeeds: string[]
  comment: string | undefined
  source: string | undefined
  private: boolean
  noDate: boolean
  crossSeed: boolean
  exclude: string[]
  pieceLength: number
  /** Undefined: as many as there are CPUs. */
  threads: number | undefined
}

/** C's atoi: leading blanks, an optional sign and digits; anything else reads as 0. */
function atoi(text: string): number {
  const match = /^[\t\n\v\f\r ]*([+-]?\d+)/.exec(text)
  return match ? Number.parseInt(match[1]!, 10) : 0
}

const splitCommas = (values: string[]): string[] => values.flatMap((value) => value.split(',')).filter((url) => url !== '')

export function classicOptions(args: ClassicArgs, cwd: string): ClassicOptions | {help: true} {
  if (isSet(args, 'h')) return {help: true}
  const exponentText = lastValue(args, 'l')
  const exponent = exponentText === undefined ? CLASSIC_DEFAULT_EXPONENT : atoi(exponentText)
  if (exponent < 15 || exponent > 28) throw new UsageError('invalid-piece-length', 'The piece length must be a number between 15 and 28.')
  const threadsText = lastValue(args, 't')
  const threads = threadsText === undefined ? undefined : atoi(threadsText)
  if (threads !== undefined && threads > MAX_THREADS) throw new UsageError('invalid-threads', `The number of threads is limited to at most ${MAX_THREADS}`)
  const [target, ...extra] = args.operands
  if (target === undefined) throw new UsageError('usage', 'Must specify the contents, use -h for help')
  if (extra.length > 0) throw new UsageError('usage', `give one file or folder, not ${args.operands.length} (C mktorrent would silently use only the first)`)
  // C mktorrent strips trailing slashes before taking the basename.
  const name = lastValue(args, 'n') ?? basename(resolve(cwd, target.replace(/\/+$/, '') || '/'))
  return {
    help: false,
    verbose: isSet(args, 'v'),
    target,
    name,
    output: resolve(cwd, lastValue(args, 'o') ?? `${name}.torrent`),
    force: isSet(args, 'f'),
    announce: valuesOf(args, 'a').map((tier) => splitCommas([tier])).filter((tier) => tier.length > 0),
    webSeeds: splitCommas(valuesOf(args, 'w')),
    comment: lastValue(args, 'c'),
    source: lastValue(args, 's'),
    private: isSet(args, 'p'),
    noDate: isSet(args, 'd'),
    crossSeed: isSet(args, 'x'),
    exclude: valuesOf(args, 'e'),
    pieceLength: 2 ** exponent,
    threads: threads !== undefined && threads >= 1 ? threads : undefined,
  }
}
