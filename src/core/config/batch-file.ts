import {readFile} from 'node:fs/promises'
import {dirname, resolve, sep} from 'node:path'
import {IoError, UsageError} from '../errors.js'
import {configProblem, schemaProblemError} from './config-problem.js'
import {type CreateSettings, toSettings} from './create-settings.js'
import {expandEnv, hasEnvReference} from './expand-env.js'
import {parseConfigText} from './parse-config-text.js'
import {BATCH_SCHEMA, JOB_SCHEMA} from './preset-schema.js'
import {type KeyPath, type SchemaProblem, formatKeyPath, validate} from './schema.js'

/** One torrent to make: what a batch file's job, or one path of `create a b c`, asks for. */
export interface BatchJob {
  /** The content, absolute. */
  path: string
  /** The job's own presets, applied after those named on the command line. */
  presets: string[]
  /** A file, or a folder when it ends in `/` (kept); absolute. */
  output: string | undefined
  name: string | undefined
  /** The job's own create options. */
  settings: CreateSettings
  /** Why the job cannot run (a bad value in its batch entry); it fails alone. */
  error?: unknown
}

export interface BatchFile {
  file: string
  jobs: BatchJob[]
  secrets: string[]
}

/**
 * Reads a batch file (`jobs: [{path, preset, output, name, ...create options}]`, docs/config.md):
 * every `${VAR}` expanded, every job checked, relative paths resolved against the file's folder.
 */
export async function loadBatchFile(file: string, env: Readonly<Record<string, string | undefined>>): Promise<BatchFile> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') throw new UsageError('batch-not-found', `--batch: ${file} ${code === 'EISDIR' ? 'is a folder' : 'does not exist'}`)
    throw new IoError('read-failed', `cannot read ${file}: ${code ?? (error as Error).message}`, file, {cause: error})
  }
  const parsed = await parseConfigText(file, text)
  const where = {file, parsed}
  const problems: SchemaProblem[] = []
  const {jobs: items} = validate(BATCH_SCHEMA, parsed.value, problems) as {jobs: unknown[]}
  if (problems.length > 0) throw await schemaProblemError(where, problems)
  if (items.length === 0) throw await configProblem('config-invalid-value', where, ['jobs'], 'the batch has no job')
  const folder = dirname(file)
  const secrets: string[] = []
  // Each job is checked on its own: a bad one fails alone, as the same create on its own would.
  const jobs = await Promise.all(
    items.map(async (item, index): Promise<BatchJob> => {
      const path: KeyPath = ['jobs', index]
      const raw = item as Record<string, unknown>
      const label = typeof raw.path === 'string' && !hasEnvReference(raw.path) ? resolve(folder, raw.path) : `${file} ${formatKeyPath(path)}`
      const expanded = expandEnv(item, env, path)
      secrets.push(...expanded.secrets)
      const failed = (error: unknown): BatchJob => ({path: label, presets: [], output: undefined, name: undefined, settings: {}, error})
      if (expanded.unset !== undefined) {
        return failed(await configProblem('config-env-unset', where, expanded.unset.path, `\${${expanded.unset.name}} is not set in the environment`, {secrets: expanded.secrets}))
      }
      const jobProblems: SchemaProblem[] = []
      const checked = validate(JOB_SCHEMA, expanded.value, jobProblems, path) as Record<string, unknown>
      if (jobProblems.length > 0) return failed(await schemaProblemError(where, jobProblems, expanded.secrets))
      const {path: content, preset, output, name, ...options} = checked
      const settings = toSettings(options)
      if (settings.outputDir !== undefined) settings.outputDir = resolve(folder, settings.outputDir)
      return {
        path: resolve(folder, content as string),
        presets: (preset as string[] | undefined) ?? [],
        output: output === undefined ? undefined : resolveKeepingSlash(folder, output as string),
        name: name as string | undefined,
        settings,
      }
    }),
  )
  return {file, jobs, secrets}
}

/** An output ending in `/` names a folder, which `resolve` would forget. */
export function resolveKeepingSlash(folder: string, path: string): string {
  const absolute = resolve(folder, path)
  return path.endsWith('/') || path.endsWith(sep) ? `${absolute}${absolute.endsWith(sep) ? '' : sep}` : absolute
}
