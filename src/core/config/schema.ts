import {MktorrentError} from '../errors.js'

/** Where a value sits in a config or batch file: keys and list indexes from the top. */
export type KeyPath = ReadonlyArray<string | number>

export type SchemaProblemKind = 'unknown-key' | 'wrong-type' | 'invalid-value' | 'missing-key'

export interface SchemaProblem {
  kind: SchemaProblemKind
  path: KeyPath
  message: string
}

/**
 * A small declarative schema for config and batch files (docs/ARCHITECTURE.md says why not zod).
 * `convert` turns an accepted value into what the code uses (`"4MiB"` into 4194304) or throws a
 * MktorrentError whose message says what is wrong with it.
 */
export type Schema =
  | {type: 'string'; convert?: (text: string) => unknown}
  | {type: 'boolean'}
  | {type: 'integer'; min: number; max: number}
  | {type: 'enum'; values: readonly string[]}
  /** `orSingle`: a lone value stands for a list of one. */
  | {type: 'list'; of: Schema; orSingle?: boolean}
  | {type: 'object'; fields: Readonly<Record<string, Schema>>; required?: readonly string[]}
  /** Any mapping, checked later on its own (a batch job). */
  | {type: 'mapping'; expected: string}
  /** Any key, each value of one schema (`presets: {NAME: preset}`). */
  | {type: 'record'; of: Schema}
  /** The first schema whose type (string, number, boolean, list, object) matches the value. */
  | {type: 'either'; of: readonly Schema[]; expected?: string}
  /** Strings or numbers (`pieceLength: 20`, `pieceLength: 4MiB`), converted by one function. */
  | {type: 'scalar'; expected: string; convert: (value: string | number) => unknown}

export interface ValidateOptions {
  /**
   * Strings for which `convert` is skipped and that are kept as they are: a config is checked
   * whole before its `${VAR}` references are expanded, and only the presets in use are expanded
   * and checked again.
   */
  deferred?: (text: string) => boolean
}

/** Checks `value` against `schema`, gathering every problem; returns the converted value. */
export function validate(schema: Schema, value: unknown, problems: SchemaProblem[], path: KeyPath = [], options: ValidateOptions = {}): unknown {
  const wrongType = (): undefined => {
    problems.push({kind: 'wrong-type', path, message: `expected ${expected(schema)}, not ${describe(value)}`})
    return undefined
  }
  const invalid = (message: string): undefined => {
    problems.push({kind: 'invalid-value', path, message})
    return undefined
  }
  switch (schema.type) {
    case 'string': {
      if (typeof value !== 'string') return wrongType()
      if (schema.convert === undefined || options.deferred?.(value) === true) return value
      return converted(() => schema.convert!(value), invalid)
    }
    case 'boolean':
      return typeof value === 'boolean' ? value : wrongType()
    case 'integer': {
      if (typeof value !== 'number' || !Number.isInteger(value)) return wrongType()
      return value >= schema.min && value <= schema.max ? value : invalid(`${value} is not from ${schema.min} to ${schema.max}`)
    }
    case 'enum': {
      if (typeof value !== 'string') return wrongType()
      return schema.values.includes(value) ? value : invalid(`${JSON.stringify(value)} is not one of ${schema.values.join(', ')}`)
    }
    case 'scalar': {
      if (typeof value !== 'string' && typeof value !== 'number') return wrongType()
      if (typeof value === 'string' && options.deferred?.(value) === true) return value
      return converted(() => schema.convert(value), invalid)
    }
    case 'list': {
      if (!Array.isArray(value)) return schema.orSingle && kindOf(value) === kindOf(sample(schema.of)) ? [validate(schema.of, value, problems, path, options)] : wrongType()
      return value.map((item, index) => validate(schema.of, item, problems, [...path, index], options))
    }
    case 'either': {
      const match = schema.of.find((option) => kindOf(sample(option)) === kindOf(value))
      return match === undefined ? wrongType() : validate(match, value, problems, path, options)
    }
    case 'mapping':
      return isPlainObject(value) ? value : wrongType()
    case 'record': {
      if (!isPlainObject(value)) return wrongType()
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, validate(schema.of, item, problems, [...path, key], options)]))
    }
    case 'object': {
      if (!isPlainObject(value)) return wrongType()
      const result: Record<string, unknown> = {}
      for (const [key, item] of Object.entries(value)) {
        const field = Object.hasOwn(schema.fields, key) ? schema.fields[key] : undefined
        if (field === undefined) {
          problems.push({kind: 'unknown-key', path: [...path, key], message: `unknown key${suggestion(key, Object.keys(schema.fields))}`})
          continue
        }
        result[key] = validate(field, item, problems, [...path, key], options)
      }
      for (const key of schema.required ?? []) {
        if (!Object.hasOwn(value, key)) problems.push({kind: 'missing-key', path: [...path, key], message: `missing (${expected(schema.fields[key]!)})`})
      }
      return result
    }
  }
}

/** `presets.ptp.announce[0]` */
export function formatKeyPath(path: KeyPath): string {
  return path.map((key, index) => (typeof key === 'number' ? `[${key}]` : /^[A-Za-z_$][\w$-]*$/.test(key) ? `${index === 0 ? '' : '.'}${key}` : `[${JSON.stringify(key)}]`)).join('')
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function converted(convert: () => unknown, invalid: (message: string) => undefined): unknown {
  try {
    return convert()
  } catch (error) {
    if (error instanceof MktorrentError) return invalid(error.message)
    throw error
  }
}

type Kind = 'string' | 'number' | 'boolean' | 'list' | 'object' | 'null'

function kindOf(value: unknown): Kind {
  if (value === null || value === undefined) return 'null'
  if (Array.isArray(value)) return 'list'
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return typeof value as Kind
  return 'object'
}

/** A value of the JavaScript type a schema takes (scalar: a string, numbers are matched in `either` by order). */
function sample(schema: Schema): unknown {
  switch (schema.type) {
    case 'string':
    case 'enum':
    case 'scalar':
      return ''
    case 'boolean':
      return false
    case 'integer':
      return 0
    case 'list':
      return []
    case 'either':
      return sample(schema.of[0]!)
    default:
      return {}
  }
}

function expected(schema: Schema): string {
  switch (schema.type) {
    case 'string':
      return 'a string'
    case 'boolean':
      return 'true or false'
    case 'integer':
      return `a whole number from ${schema.min} to ${schema.max}`
    case 'enum':
      return `one of ${schema.values.join(', ')}`
    case 'scalar':
      return schema.expected
    case 'list':
      return schema.orSingle ? `${expected(schema.of)} or a list of them` : `a list of ${plural(expected(schema.of))}`
    case 'either':
      return schema.expected ?? schema.of.map(expected).join(' or ')
    case 'mapping':
      return schema.expected
    default:
      return 'a mapping of keys to values'
  }
}

function plural(text: string): string {
  return text.replace(/^an? (\w+)/, '$1s')
}

function describe(value: unknown): string {
  const kind = kindOf(value)
  if (kind === 'null') return 'null'
  if (kind === 'list') return 'a list'
  if (kind === 'object') return 'a mapping'
  return `${kind === 'number' ? 'the number' : kind === 'boolean' ? 'the boolean' : 'the string'} ${JSON.stringify(value)}`
}

/** ` (did you mean "webSeeds"?)` for a key one or two edits from a known one. */
function suggestion(key: string, known: string[]): string {
  const close = known.find((name) => editDistance(name.toLowerCase(), key.toLowerCase()) <= 2)
  return close === undefined ? '' : ` (did you mean ${JSON.stringify(close)}?)`
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({length: b.length + 1}, (_, index) => index)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1))
    previous = current
  }
  return previous[b.length]!
}
