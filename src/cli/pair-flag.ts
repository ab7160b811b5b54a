import {UsageError} from '../core/errors.js'

export interface PairFlagValues {
  pairs: Array<[string, string]>
  /** argv without the pair flags, for oclif to parse. */
  rest: string[]
}

/**
 * Takes a two-value flag (`--replace-announce OLD NEW`) out of argv, since oclif flags take one
 * value each. Everything after `--` is left alone.
 */
export function takePairFlag(argv: readonly string[], flag: string): PairFlagValues {
  const pairs: Array<[string, string]> = []
  const rest: string[] = []
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]!
    if (token === '--') {
      rest.push(...argv.slice(i))
      break
    }
    const joined = token.startsWith(`${flag}=`)
    if (token !== flag && !joined) {
      rest.push(token)
      continue
    }
    // Both `--flag OLD NEW` and `--flag=OLD NEW` (the form --help shows).
    const values = joined ? [token.slice(flag.length + 1), argv[i + 1]] : [argv[i + 1], argv[i + 2]]
    const [from, to] = values
    if (from === undefined || to === undefined || from === '' || from.startsWith('-') || to.startsWith('-')) {
      throw new UsageError('usage', `${flag} takes two values: ${flag} OLD NEW`)
    }
    pairs.push([from, to])
    i += joined ? 1 : 2
  }
  return {pairs, rest}
}
