import type {KeyPath} from './schema.js'

const REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g

/** Whether a config string holds a `${NAME}` reference, to be checked once it is expanded. */
export function hasEnvReference(text: string): boolean {
  return text.includes('${') && new RegExp(REFERENCE.source).test(text)
}

export interface Expanded {
  value: unknown
  /** The values substituted, to be masked wherever the run prints anything. */
  secrets: string[]
  /** The first reference to an unset variable, if any. */
  unset: {path: KeyPath; name: string} | undefined
}

/**
 * Replaces `${NAME}` in every string of a parsed config value with the variable's value. An unset
 * variable (an empty one counts as set) is reported, not replaced; the first one found wins.
 */
export function expandEnv(value: unknown, env: Readonly<Record<string, string | undefined>>, path: KeyPath = []): Expanded {
  const secrets = new Set<string>()
  let unset: Expanded['unset']
  const walk = (item: unknown, at: KeyPath): unknown => {
    if (typeof item === 'string') {
      return item.replace(REFERENCE, (reference, name: string) => {
        const replacement = env[name]
        if (replacement === undefined) {
          unset ??= {path: at, name}
          return reference
        }
        if (replacement !== '') secrets.add(replacement)
        return replacement
      })
    }
    if (Array.isArray(item)) return item.map((entry, index) => walk(entry, [...at, index]))
    if (typeof item === 'object' && item !== null) return Object.fromEntries(Object.entries(item).map(([key, entry]) => [key, walk(entry, [...at, key])]))
    return item
  }
  return {value: walk(value, path), secrets: [...secrets], unset}
}
