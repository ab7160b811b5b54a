import {readdir, stat} from 'node:fs/promises'
import {join, resolve} from 'node:path'
import {formatBytes} from '../../core/bytes.js'
import type {Choice} from '../prompts.js'

const MAX_COMPLETIONS = 50

/**
 * The content-path question's live list: the typed path itself when it is a file or folder (with
 * what it is), then the entries of its folder that start with what was typed, folders ending in `/`.
 * A path that names nothing shows as a disabled line, so the answer is checked as it is typed.
 */
export async function pathChoices(term: string, cwd: string): Promise<Array<Choice<string>>> {
  const choices: Array<Choice<string>> = []
  if (term !== '') {
    const found = await describe(resolve(cwd, term))
    if (found.kind === 'file' || found.kind === 'folder') choices.push({value: term, name: term, description: found.text})
  }
  const slash = term.lastIndexOf('/')
  const folder = term.slice(0, slash + 1)
  const prefix = term.slice(slash + 1)
  const folderPath = resolve(cwd, folder === '' ? '.' : folder)
  let names: string[]
  try {
    names = (await readdir(folderPath)).filter((name) => name.startsWith(prefix)).sort()
  } catch {
    names = []
  }
  for (const name of names.slice(0, MAX_COMPLETIONS)) {
    const path = `${folder}${name}`
    const found = await describe(join(folderPath, name))
    if (found.kind === 'other' || path === term) continue
    const shown = found.kind === 'folder' ? `${path}/` : path
    choices.push({value: path, name: shown, description: found.text})
  }
  if (choices.length === 0) {
    choices.push(term === '' ? {value: term, name: '(this folder is empty)', disabled: ''} : {value: term, name: term, disabled: '(no such file or folder)'})
  }
  return choices
}

async function describe(path: string): Promise<{kind: 'file' | 'folder' | 'other' | 'missing'; text: string}> {
  try {
    const stats = await stat(path)
    if (stats.isDirectory()) return {kind: 'folder', text: 'a folder'}
    if (stats.isFile()) return {kind: 'file', text: `a file of ${formatBytes(stats.size)}`}
    return {kind: 'other', text: 'neither a file nor a folder'}
  } catch {
    return {kind: 'missing', text: ''}
  }
}
