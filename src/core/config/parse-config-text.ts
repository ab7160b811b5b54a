import {basename, extname} from 'node:path'
import type {Document, LineCounter} from 'yaml'
import {UsageError} from '../errors.js'
import type {KeyPath} from './schema.js'

export interface ParsedConfigText {
  value: unknown
  /** The line (1-based) of a key path's key, or of a list item; undefined when it is not there. */
  locate: (path: KeyPath) => Promise<number | undefined>
}

type Yaml = typeof import('yaml')

/** The `yaml` package is loaded only for a YAML file, or to find the line of a problem in JSON. */
const loadYaml = (): Promise<Yaml> => import('yaml')

export function isJsonFile(file: string): boolean {
  return extname(file) === '.json' || basename(file) === 'package.json'
}

/**
 * Parses a config or batch file: JSON (`.json`, package.json) with JSON.parse, anything else
 * (`.yaml`, `.yml`, the extensionless `.mktorrentrc`) as YAML 1.2, of which JSON is a subset.
 * A syntax error is a usage error naming the file and line (exit 2).
 */
export async function parseConfigText(file: string, text: string): Promise<ParsedConfigText> {
  if (isJsonFile(file)) {
    let value: unknown
    try {
      value = JSON.parse(text)
    } catch (error) {
      const position = /position (\d+)/.exec((error as Error).message)
      const line = position === null ? text.split('\n').length : lineAt(text, Number(position[1]))
      throw new UsageError('config-syntax', `${file}:${line}: not valid JSON: ${(error as Error).message.replace(/ in JSON at position \d+.*$/s, '')}`)
    }
    let document: Promise<{doc: Document; lines: LineCounter}> | undefined
    return {value, locate: async (path) => locateIn(await (document ??= yamlDocument(text)), path)}
  }
  const parsed = await yamlDocument(text)
  const [error] = parsed.doc.errors
  if (error !== undefined) {
    const line = parsed.lines.linePos(error.pos[0]).line
    throw new UsageError('config-syntax', `${file}:${line}: not valid YAML: ${error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`)
  }
  const value: unknown = parsed.doc.toJS({maxAliasCount: 100})
  return {value, locate: async (path) => locateIn(parsed, path)}
}

async function yamlDocument(text: string): Promise<{doc: Document; lines: LineCounter}> {
  const {LineCounter, parseDocument} = await loadYaml()
  const lines = new LineCounter()
  return {doc: parseDocument(text, {lineCounter: lines, prettyErrors: false}), lines}
}

function lineAt(text: string, offset: number): number {
  let line = 1
  for (let index = 0; index < offset && index < text.length; index++) if (text.charCodeAt(index) === 10) line++
  return line
}

async function locateIn({doc, lines}: {doc: Document; lines: LineCounter}, path: KeyPath): Promise<number | undefined> {
  const {isMap, isScalar, isSeq} = await loadYaml()
  let node: unknown = doc.contents
  let offset: number | undefined
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => (isScalar(item.key) ? String(item.key.value) : String(item.key)) === String(key))
      if (pair === undefined) break
      offset = isScalar(pair.key) ? pair.key.range?.[0] : offset
      node = pair.value
    } else if (isSeq(node) && typeof key === 'number') {
      node = node.items[key]
      if (node === undefined) break
      offset = (node as {range?: [number, number, number]}).range?.[0] ?? offset
    } else {
      break
    }
  }
  return offset === undefined ? undefined : lines.linePos(offset).line
}
