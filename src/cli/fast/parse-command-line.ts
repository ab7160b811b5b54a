/**
 * A flag or argument definition as oclif's Flags and Args build it (the fields this parser reads).
 * The start-up paths parse with the very definitions the oclif commands use.
 */
export interface FlagDefinition {
  type: 'boolean' | 'option'
  char?: string
  allowNo?: boolean
  multiple?: boolean
  multipleNonGreedy?: boolean
  options?: readonly string[]
  default?: unknown
  exclusive?: readonly string[]
  parse?: (input: never, context: never, definition: never) => Promise<unknown>
}

export interface ArgDefinition {
  required?: boolean
  ignoreStdin?: boolean
  multiple?: boolean
  options?: readonly string[]
  default?: unknown
  parse?: (input: never, context: never, definition: never) => Promise<unknown>
}

export interface CommandLineSpec {
  flags: Record<string, FlagDefinition>
  args: Record<string, ArgDefinition>
  /** oclif's `strict`: arguments beyond the defined ones are an error (true) or kept in `argv`. */
  strict: boolean
}

export interface CommandLine {
  flags: Record<string, unknown>
  args: Record<string, unknown>
  /** The arguments' values, then the extra ones (strict: false), in command-line order. */
  argv: unknown[]
  /** The flags given on the command line, as opposed to defaults. */
  given: Set<string>
}

/**
 * Features of oclif's parser this one leaves to oclif. A flag defined with one of the first kind
 * sends every command line through oclif (they act when the flag is absent too); a flag with one
 * of the second kind, every command line that gives it. (Aliases need no rule: a name this parser
 * does not know sends the command line to oclif.)
 */
const LEFT_TO_OCLIF = ['env', 'required', 'exactlyOne', 'relationships'] as const
const LEFT_TO_OCLIF_WHEN_GIVEN = ['dependsOn', 'delimiter', 'allowStdin', 'deprecated'] as const

const uses = (flag: FlagDefinition, feature: string): boolean => (flag as unknown as Record<string, unknown>)[feature] !== undefined

/**
 * Parses a command line as oclif 4 would, for the plain command lines of the start-up paths
 * (src/cli/fast/): the same definitions, the same values, the same errors avoided. It returns
 * undefined for anything it does not handle exactly as oclif, before anything has run: an unknown
 * or misspelt flag, `--help`, `--`, grouped short flags, a value oclif would reject (a flag's own
 * parse throwing, an option not listed, a missing value), exclusive flags together, a missing
 * argument. oclif then parses the same command line and reports what is wrong, so usage errors and
 * help keep one source. test/cli/fast-parse.test.ts checks the results against oclif's parser.
 */
export async function parseCommandLine(words: readonly string[], spec: CommandLineSpec): Promise<CommandLine | undefined> {
  const definitions = Object.entries(spec.flags)
  if (definitions.some(([, flag]) => LEFT_TO_OCLIF.some((feature) => uses(flag, feature)))) return undefined
  if (Object.values(spec.args).some((arg) => arg.multiple === true || arg.default !== undefined)) return undefined
  const byChar = new Map(definitions.flatMap(([name, flag]) => (flag.char === undefined ? [] : [[flag.char, name] as const])))

  const tokens = new Map<string, string[]>()
  const positional: string[] = []
  const queue = [...words]
  while (queue.length > 0) {
    const word = queue.shift()!
    if (!word.startsWith('-') || word === '-') {
      positional.push(word)
      continue
    }
    const found = findFlag(word)
    if (found === undefined) return undefined
    const {name, flag, inline} = found
    if (LEFT_TO_OCLIF_WHEN_GIVEN.some((feature) => uses(flag, feature))) return undefined
    const seen = tokens.get(name) ?? []
    if (flag.type === 'boolean') {
      if (inline !== undefined) return undefined
      seen.push(word)
    } else {
      if (seen.length > 0 && !flag.multiple) return undefined
      // oclif's greedy multiple flags take the words after them; ours take one value each.
      if (flag.multiple && !flag.multipleNonGreedy) return undefined
      const value = inline ?? queue.shift()
      // oclif takes a value that is itself a flag as a missing value; any value starting with "-" is left to it.
      if (value === undefined || (value.startsWith('-') && value !== '-')) return undefined
      seen.push(value)
    }
    tokens.set(name, seen)
  }

  const flags: Record<string, unknown> = {}
  try {
    for (const [name, flag] of definitions) {
      const inputs = tokens.get(name)
      let value: unknown
      if (inputs === undefined) {
        // A default computed from other flags: oclif's order of evaluation is not worth copying.
        if (typeof flag.default === 'function') return undefined
        value = flag.default
      } else if (flag.type === 'boolean') value = await parseWith(flag, inputs.at(-1) !== `--no-${name}`)
      else if (flag.multiple) value = await Promise.all(inputs.map((input) => parseOption(flag, input)))
      else value = await parseOption(flag, inputs.at(-1)!)
      if (value !== undefined) flags[name] = value
    }
  } catch {
    return undefined
  }
  for (const [name, flag] of definitions) {
    if (flags[name] !== undefined && flag.exclusive?.some((other) => flags[other] !== undefined)) return undefined
  }

  const args: Record<string, unknown> = {}
  const argv: unknown[] = []
  const argNames = Object.keys(spec.args)
  try {
    for (const [index, name] of argNames.entries()) {
      const arg = spec.args[name]!
      const input = positional[index]
      if (input === undefined) {
        // oclif reports a missing required argument, and reads a missing argument from stdin unless told not to.
        if (arg.required || !arg.ignoreStdin) return undefined
        continue
      }
      if (arg.options !== undefined && !arg.options.includes(input)) return undefined
      const value = arg.parse === undefined ? input : await arg.parse(input as never, {} as never, arg as never)
      args[name] = value
      argv.push(value)
    }
  } catch {
    return undefined
  }
  const extra = positional.slice(argNames.length)
  if (spec.strict && extra.length > 0) return undefined
  argv.push(...extra)
  return {flags, args, argv, given: new Set(tokens.keys())}

  function findFlag(word: string): {name: string; flag: FlagDefinition; inline?: string} | undefined {
    if (word.startsWith('--')) {
      const equals = word.indexOf('=')
      const key = word.slice(2, equals === -1 ? undefined : equals)
      const inline = equals === -1 ? undefined : word.slice(equals + 1)
      const flag = spec.flags[key]
      if (flag !== undefined) return {name: key, flag, inline}
      const negated = key.startsWith('no-') ? spec.flags[key.slice(3)] : undefined
      if (negated?.type === 'boolean' && negated.allowNo && inline === undefined) return {name: key.slice(3), flag: negated}
      return undefined
    }
    const name = byChar.get(word[1]!)
    if (name === undefined) return undefined
    const flag = spec.flags[name]!
    // `-ovalue` and `-o=value` as oclif reads them; grouped booleans (`-qf`) are left to oclif.
    if (word.length === 2) return {name, flag}
    if (flag.type === 'boolean') return undefined
    return {name, flag, inline: word.slice(word[2] === '=' ? 3 : 2)}
  }
}

async function parseOption(flag: FlagDefinition, input: string): Promise<unknown> {
  if (flag.options !== undefined && !flag.options.includes(input)) throw new Error(`not one of the options: ${input}`)
  return parseWith(flag, input)
}

async function parseWith(flag: FlagDefinition, input: unknown): Promise<unknown> {
  return flag.parse === undefined ? input : flag.parse(input as never, {} as never, flag as never)
}
