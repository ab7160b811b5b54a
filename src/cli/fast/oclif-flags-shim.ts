// What the flag definitions (src/cli/create/create-flags.ts, src/cli/verify/verify-flags.ts,
// src/cli/flags.ts) take from '@oclif/core': Flags and Args. The start-up bundles
// (scripts/bundle-cli.js) resolve '@oclif/core' to this file, because oclif's own flags module
// loads its help system, config and TypeScript support with it (~330 KB of start-up). It builds the
// same definition objects oclif 4's flags.js and args.js do, for the kinds we use; a kind we do not
// use is missing on purpose, so that using one fails the build rather than the run.
// test/cli/fast-parse.test.ts holds these objects and parsers equal to oclif's.

type Definition = Record<string, unknown>
type Parse = (input: never, context: unknown, definition: never) => Promise<unknown>

const identity = async (input: unknown): Promise<unknown> => input

function optionFlag(defaults: Definition & {multiple?: boolean}) {
  return (options: Definition & {multiple?: boolean} = {}) => ({
    parse: identity as Parse,
    ...defaults,
    ...options,
    input: [],
    multiple: Boolean(options.multiple === undefined ? (defaults.multiple ?? false) : options.multiple),
    type: 'option',
  })
}

/** oclif's Flags.integer: a whole number within `min` and `max`. */
async function parseInteger(input: string, _context: unknown, definition: {min?: number; max?: number}): Promise<number> {
  if (!/^-?\d+$/u.test(input)) throw new Error(`Expected an integer but received: ${input}`)
  const value = Number.parseInt(input, 10)
  if (definition.min !== undefined && value < definition.min) throw new Error(`Expected an integer greater than or equal to ${definition.min} but received: ${input}`)
  if (definition.max !== undefined && value > definition.max) throw new Error(`Expected an integer less than or equal to ${definition.max} but received: ${input}`)
  return value
}

export const Flags = {
  boolean: (options: Definition = {}) => ({parse: identity as Parse, ...options, allowNo: Boolean(options.allowNo), type: 'boolean'}),
  string: optionFlag({}),
  integer: optionFlag({parse: parseInteger}),
  custom: (defaults: Definition = {}) => optionFlag(defaults),
  option: (defaults: Definition) => optionFlag(defaults),
}

export const Args = {
  string: (options: Definition = {}) => ({parse: identity as Parse, ...options, input: [], type: 'option'}),
}
