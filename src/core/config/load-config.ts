import {readFile} from 'node:fs/promises'
import {dirname, resolve} from 'node:path'
import {IoError, UsageError} from '../errors.js'
import {configProblem, schemaProblemError} from './config-problem.js'
import {type CreateSettings, mergeSettings, toSettings} from './create-settings.js'
import {expandEnv, hasEnvReference} from './expand-env.js'
import {findConfig} from './find-config.js'
import {type ParsedConfigText, parseConfigText} from './parse-config-text.js'
import {CONFIG_SCHEMA, PRESET_SCHEMA} from './preset-schema.js'
import {type KeyPath, type SchemaProblem, validate} from './schema.js'

export interface LoadedConfig {
  file: string
  /** Each preset as written: checked for keys and types, its `${VAR}` references not yet expanded. */
  presets: Readonly<Record<string, Record<string, unknown>>>
  /** The preset applied when none is named (`default: NAME`). */
  defaultPreset: string | undefined
  parsed: ParsedConfigText
  /** Where the config sits in the file: `["mktorrent"]` in package.json. */
  root: KeyPath
}

export interface ResolvedPresets {
  settings: CreateSettings
  /** Values of the `${VAR}` references expanded, to be masked in everything printed. */
  secrets: string[]
}

/**
 * Reads and checks a config file (docs/config.md): unknown keys, wrong types and invalid values
 * are refused naming the file, line and key path. Strings with `${VAR}` are checked once
 * expanded, when their preset is used (resolvePresets), so listing presets needs no secrets.
 * `namedBy` (`--config`, `MKTORRENT_CONFIG`) makes a missing file a usage error that says so.
 */
export async function loadConfig(file: string, namedBy?: string): Promise<LoadedConfig> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new UsageError('config-not-found', `${namedBy === undefined ? '' : `${namedBy}: `}${file} does not exist`)
    if (code === 'EISDIR') throw new UsageError('config-not-found', `${namedBy === undefined ? '' : `${namedBy}: `}${file} is a folder, not a config file`)
    throw new IoError('read-failed', `cannot read ${file}: ${code ?? (error as Error).message}`, file, {cause: error})
  }
  const parsed = await parseConfigText(file, text)
  const root: KeyPath = file.endsWith('package.json') ? ['mktorrent'] : []
  const value = root.length === 0 ? parsed.value : (parsed.value as Record<string, unknown>).mktorrent
  // An empty file holds no presets (cosmiconfig treats it the same way).
  const config = value ?? {}
  const problems: SchemaProblem[] = []
  validate(CONFIG_SCHEMA, config, problems, root, {deferred: hasEnvReference})
  const where = {file, parsed}
  if (problems.length > 0) throw await schemaProblemError(where, problems)
  const {presets = {}, default: defaultPreset} = config as {presets?: Record<string, Record<string, unknown>>; default?: string}
  if (defaultPreset !== undefined && !Object.hasOwn(presets, defaultPreset)) {
    throw await configProblem('config-invalid-value', where, [...root, 'default'], `no preset is named ${JSON.stringify(defaultPreset)}${known(presets)}`)
  }
  return {file, presets, defaultPreset, parsed, root}
}

/**
 * The settings of presets applied in order (a later one overrides an earlier one key by key),
 * with `${VAR}` expanded from `env` and checked: an unset variable is named (exit 2), and its
 * value never appears in a message.
 */
export async function resolvePresets(config: LoadedConfig, names: readonly string[], env: Readonly<Record<string, string | undefined>>): Promise<ResolvedPresets> {
  const layers: CreateSettings[] = []
  const secrets: string[] = []
  const where = {file: config.file, parsed: config.parsed}
  for (const name of names) {
    if (!Object.hasOwn(config.presets, name)) throw new UsageError('unknown-preset', `no preset ${JSON.stringify(name)} in ${config.file}${known(config.presets)}`)
    const path = [...config.root, 'presets', name]
    const expanded = expandEnv(config.presets[name], env, path)
    secrets.push(...expanded.secrets)
    if (expanded.unset !== undefined) {
      throw await configProblem('config-env-unset', where, expanded.unset.path, `\${${expanded.unset.name}} is not set in the environment`, {secrets})
    }
    const problems: SchemaProblem[] = []
    const checked = validate(PRESET_SCHEMA, expanded.value, problems, path)
    if (problems.length > 0) throw await schemaProblemError(where, problems, secrets)
    const settings = toSettings(checked as Record<string, unknown>)
    if (settings.outputDir !== undefined) settings.outputDir = resolve(dirname(config.file), settings.outputDir)
    layers.push(settings)
  }
  return {settings: mergeSettings(...layers), secrets}
}

function known(presets: Record<string, unknown>): string {
  const names = Object.keys(presets)
  return names.length === 0 ? ' (it defines none)' : ` (it defines ${names.map((name) => JSON.stringify(name)).join(', ')})`
}

/**
 * The config a run uses: `--config FILE`, else `$MKTORRENT_CONFIG`, else the nearest one found
 * from `cwd` upwards (findConfig); undefined when there is none.
 */
export async function openConfig(named: string | undefined, env: Readonly<Record<string, string | undefined>>, cwd: string): Promise<LoadedConfig | undefined> {
  if (named !== undefined) return loadConfig(resolve(cwd, named), '--config')
  const fromEnv = env.MKTORRENT_CONFIG
  if (fromEnv !== undefined && fromEnv !== '') return loadConfig(resolve(cwd, fromEnv), 'MKTORRENT_CONFIG')
  const found = findConfig(cwd)
  return found === undefined ? undefined : loadConfig(found)
}
