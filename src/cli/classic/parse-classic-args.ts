/** C mktorrent's options: short letter, long name, and whether it takes a value (getopt "a:c:de:..."). */
const OPTIONS = [
  ['a', 'announce', true],
  ['c', 'comment', true],
  ['d', 'no-date', false],
  ['e', 'exclude', true],
  ['f', 'force', false],
  ['h', 'help', false],
  ['l', 'piece-length', true],
  ['n', 'name', true],
  ['o', 'output', true],
  ['p', 'private', false],
  ['s', 'source', true],
  ['t', 'threads', true],
  ['v', 'verbose', false],
  ['w', 'web-seed', true],
  ['x', 'cross-seed', false],
] as const

export type ClassicLetter = (typeof OPTIONS)[number][0]

/** The options in the order given (repeatable ones keep every value), and the operands. */
export interface ClassicArgs {
  options: Array<{letter: ClassicLetter; value: string | undefined}>
  operands: string[]
}

export type ClassicParse = {ok: true; args: ClassicArgs} | {ok: false; message: string}

const byLetter = new Map(OPTIONS.map(([letter, long, takesValue]) => [letter as string, {letter, long, takesValue}]))

/**
 * Reads arguments the way C mktorrent 1.1 does with GNU getopt_long: clustered short options
 * (`-dp`), values attached or separate (`-l20`, `-l 20`), long options with `=` or a separate value,
 * unambiguous prefixes of long names (`--priv`), `--` to end options, and operands anywhere
 * (GNU getopt permutes them to the end).
 */
export function parseClassicArgs(argv: string[]): ClassicParse {
  const options: ClassicArgs['options'] = []
  const operands: string[] = []
  for (let index = 0; index < argv.length; index++) {
    const word = argv[index]!
    if (word === '--') {
      operands.push(...argv.slice(index + 1))
      break
    }
    if (word.startsWith('--')) {
      const equals = word.indexOf('=')
      const typed = word.slice(2, equals === -1 ? undefined : equals)
      const exact = OPTIONS.find(([, long]) => long === typed)
      const matches = exact ? [exact] : OPTIONS.filter(([, long]) => long.startsWith(typed))
      if (matches.length === 0) return {ok: false, message: `unrecognized option '--${typed}'`}
      if (matches.length > 1) return {ok: false, message: `option '--${typed}' is ambiguous (${matches.map(([, long]) => `--${long}`).join(', ')})`}
      const [letter, long, takesValue] = matches[0]!
      if (!takesValue && equals !== -1) return {ok: false, message: `option '--${long}' doesn't allow an argument`}
      let value: string | undefined
      if (takesValue) {
        value = equals === -1 ? argv[++index] : word.slice(equals + 1)
        if (value === undefined) return {ok: false, message: `option '--${long}' requires an argument`}
      }
      options.push({letter, value})
      continue
    }
    if (!word.startsWith('-') || word === '-') {
      operands.push(word)
      continue
    }
    for (let at = 1; at < word.length; at++) {
      const option = byLetter.get(word[at]!)
      if (option === undefined) return {ok: false, message: `invalid option -- '${word[at]}'`}
      if (!option.takesValue) {
        options.push({letter: option.letter, value: undefined})
        continue
      }
      const value = at + 1 < word.length ? word.slice(at + 1) : argv[++index]
      if (value === undefined) return {ok: false, message: `option requires an argument -- '${option.letter}'`}
      options.push({letter: option.letter, value})
      break
    }
  }
  return {ok: true, args: {options, operands}}
}

/** The values of a repeatable option, in order. */
export function valuesOf(args: ClassicArgs, letter: ClassicLetter): string[] {
  return args.options.filter((option) => option.letter === letter).map((option) => option.value!)
}

/** The last value of an option: as in C mktorrent, a later one replaces an earlier one. */
export function lastValue(args: ClassicArgs, letter: ClassicLetter): string | undefined {
  return valuesOf(args, letter).at(-1)
}

/** Whether a switch was given. */
export function isSet(args: ClassicArgs, letter: ClassicLetter): boolean {
  return args.options.some((option) => option.letter === letter)
}
