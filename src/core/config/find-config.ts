import {readFileSync, statSync} from 'node:fs'
import {dirname, join} from 'node:path'

/**
 * The names looked for in each folder, in this order (cosmiconfig's convention); package.json
 * counts only when it has a "mktorrent" key.
 */
export const CONFIG_FILE_NAMES = [
  'package.json',
  '.mktorrentrc',
  '.mktorrentrc.json',
  '.mktorrentrc.yaml',
  '.mktorrentrc.yml',
  'mktorrent.config.json',
  'mktorrent.config.yaml',
  'mktorrent.config.yml',
] as const

/**
 * The config file nearest to `cwd`: the first name found in `cwd`, then in each parent folder up
 * to the root. A few stat calls per folder and no parsing (but package.json's), so `create`
 * without a config pays almost nothing.
 */
export function findConfig(cwd: string): string | undefined {
  for (let folder = cwd; ; folder = dirname(folder)) {
    for (const name of CONFIG_FILE_NAMES) {
      const file = join(folder, name)
      if (isFile(file) && (name !== 'package.json' || hasMktorrentKey(file))) return file
    }
    if (dirname(folder) === folder) return undefined
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile()
  } catch {
    return false
  }
}

function hasMktorrentKey(file: string): boolean {
  try {
    const json: unknown = JSON.parse(readFileSync(file, 'utf8'))
    return typeof json === 'object' && json !== null && Object.hasOwn(json, 'mktorrent')
  } catch {
    // Not ours to judge: a package.json that does not parse simply holds no config.
    return false
  }
}
