import type {CreateSettings} from '../../core/config/create-settings.js'
import type {MetaVersion} from '../../core/metainfo/metainfo.js'
import {trackerTiers} from '../flags.js'

/** The create flags a preset can also set, as oclif parsed them. */
export interface SettingFlags {
  announce?: string[]
  'web-seed'?: string[]
  'http-seed'?: string[]
  private?: boolean
  source?: string
  comment?: string
  'meta-version'?: MetaVersion
  v2?: boolean
  hybrid?: boolean
  'piece-length'?: number | 'auto'
  exclude?: string[]
  include?: string[]
  'include-hidden'?: boolean
  'follow-symlinks'?: boolean
  'created-by'?: string
  'no-created-by'?: boolean
  'no-date'?: boolean
  date?: string
  'cross-seed'?: boolean
  allow?: string[]
}

/**
 * The settings the command line gives, and only those: they override every preset (docs/config.md),
 * so a boolean flag left out must not turn a preset's `private: true` off. `given` holds the names
 * of the flags typed (oclif's raw tokens), `--no-private` included under `private`.
 */
export function flagSettings(flags: SettingFlags, given: ReadonlySet<string>): CreateSettings {
  const settings: CreateSettings = {}
  if (given.has('announce')) settings.announce = trackerTiers(flags.announce)
  if (given.has('web-seed')) settings.webSeeds = flags['web-seed']
  if (given.has('http-seed')) settings.httpSeeds = flags['http-seed']
  if (given.has('private')) settings.private = flags.private
  if (given.has('source')) settings.source = flags.source
  if (given.has('comment')) settings.comment = flags.comment
  if (given.has('meta-version')) settings.metaVersion = flags['meta-version']
  if (flags.v2) settings.metaVersion = 'v2'
  if (flags.hybrid) settings.metaVersion = 'hybrid'
  if (given.has('piece-length')) settings.pieceLength = flags['piece-length']
  if (given.has('exclude')) settings.exclude = flags.exclude
  if (given.has('include')) settings.include = flags.include
  if (given.has('include-hidden')) settings.includeHidden = flags['include-hidden']
  if (given.has('follow-symlinks')) settings.followSymlinks = flags['follow-symlinks']
  if (given.has('created-by')) settings.createdBy = flags['created-by']
  if (flags['no-created-by']) settings.noCreatedBy = true
  if (flags['no-date']) settings.noDate = true
  // A date on the command line wins over a preset's noDate.
  if (given.has('date')) settings.noDate = false
  if (flags['cross-seed']) settings.crossSeed = true
  if (given.has('allow')) settings.allow = flags.allow
  return settings
}
