import {openConfig} from '../../core/config/load-config.js'
import type {JobContext} from '../../core/config/resolve-job.js'
import {parseCreationDate} from '../../core/create/creation-date.js'
import {dhtNodes} from '../flags.js'
import {type SettingFlags, flagSettings} from './flag-settings.js'

export interface ContextFlags extends SettingFlags {
  config?: string
  preset?: string[]
  output?: string
  name?: string
  'dht-node'?: string[]
}

/**
 * Everything a create job is resolved with (resolveJob): the config (named, from
 * MKTORRENT_CONFIG or found), the presets and flags of the command line, and the flag-only options.
 */
export async function createJobContext(flags: ContextFlags, given: ReadonlySet<string>, run: {version: string; env: NodeJS.ProcessEnv; cwd: string}): Promise<JobContext> {
  const config = await openConfig(flags.config, run.env, run.cwd)
  return {
    config,
    presets: flags.preset ?? [],
    flags: flagSettings(flags, given),
    output: flags.output,
    name: flags.name,
    extra: {dhtNodes: dhtNodes(flags['dht-node']), ...(flags.date === undefined ? {} : {creationDate: parseCreationDate(flags.date)})},
    env: run.env,
    cwd: run.cwd,
    createdBy: `mktorrent ${run.version}`,
    now: Math.floor(Date.now() / 1000),
  }
}
