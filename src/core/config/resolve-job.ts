import {basename, resolve} from 'node:path'
import type {CreateOptions} from '../use-cases/create-torrent.js'
import {checkCreateOptions} from '../create/check-create-options.js'
import {type OutputTarget, outputTarget} from '../create/output-target.js'
import {UsageError} from '../errors.js'
import type {BatchJob} from './batch-file.js'
import {type CreateSettings, type SettingsContext, mergeSettings, settingsToOptions} from './create-settings.js'
import {type LoadedConfig, type ResolvedPresets, resolvePresets} from './load-config.js'

export interface JobContext extends SettingsContext {
  /** The config file, when one was named or found. */
  config: LoadedConfig | undefined
  /** Presets named on the command line (`--preset`), in order. */
  presets: readonly string[]
  /** What the command line sets: it overrides the presets and the job (flagSettings). */
  flags: CreateSettings
  /** `-o` for every job: a file for one job, a folder for several. */
  output: string | undefined
  /** `-n`, for one job only. */
  name: string | undefined
  /** Options only flags give (DHT nodes, a fixed date, threads), laid over the result. */
  extra: Partial<CreateOptions>
  env: Readonly<Record<string, string | undefined>>
  cwd: string
}

export interface ResolvedJob {
  options: CreateOptions
  output: OutputTarget
  secrets: string[]
}

/**
 * What one torrent is made with (docs/config.md, "Which setting wins"), lowest first: the
 * config's default preset (only when no preset is named anywhere), the `--preset`s, the job's own
 * presets, the job's own options, the command line's flags.
 */
export async function resolveJob(job: BatchJob, context: JobContext, cache = new Map<string, Promise<ResolvedPresets>>()): Promise<ResolvedJob> {
  if (job.error !== undefined) throw job.error
  const named = [...context.presets, ...job.presets]
  const names = named.length > 0 ? named : context.config?.defaultPreset === undefined ? [] : [context.config.defaultPreset]
  let presets: ResolvedPresets = {settings: {}, secrets: []}
  if (names.length > 0) {
    const {config} = context
    if (config === undefined) {
      throw new UsageError('config-not-found', `--preset ${names[0]}: no config file found in ${context.cwd} or its parents (docs/config.md)`)
    }
    const key = JSON.stringify(names)
    if (!cache.has(key)) cache.set(key, resolvePresets(config, names, context.env))
    presets = await cache.get(key)!
  }
  const settings = mergeSettings(presets.settings, job.settings, context.flags)
  const options: CreateOptions = {...settingsToOptions(settings, context), ...context.extra, path: job.path, name: job.name ?? context.name}
  // Before the output is worked out from the name, and so before its checks (exit 4, 5): a bad
  // value is the first thing to fix.
  checkCreateOptions(options)
  const name = options.name ?? basename(resolve(context.cwd, job.path))
  const output = await outputTarget({output: job.output ?? context.output, outputDir: settings.outputDir, name, cwd: context.cwd})
  return {options, output, secrets: presets.secrets}
}
