import type {CreateOptions} from '../use-cases/create-torrent.js'
import type {MetaVersion} from '../metainfo/metainfo.js'

/**
 * The create options a preset, a batch job or the command line sets, under the names config
 * files use (docs/config.md). Layers merge key by key, the later winning; lists are replaced.
 */
export interface CreateSettings {
  /** Tracker tiers (BEP 12). */
  announce?: string[][]
  webSeeds?: string[]
  httpSeeds?: string[]
  private?: boolean
  source?: string
  comment?: string
  metaVersion?: MetaVersion
  pieceLength?: number | 'auto'
  /** A tracker's largest accepted piece length: the auto choice stays at or below it. */
  maxPieceLength?: number
  /** A tracker's largest accepted .torrent file, in bytes. */
  maxTorrentSize?: number
  include?: string[]
  exclude?: string[]
  includeHidden?: boolean
  followSymlinks?: boolean
  createdBy?: string
  noCreatedBy?: boolean
  noDate?: boolean
  crossSeed?: boolean
  allow?: string[]
  /** An absolute folder: torrents go to `<outputDir>/<name>.torrent`. */
  outputDir?: string
}

/** Settings that cancel each other: a later layer setting one drops the other. */
const OPPOSITES: Partial<Record<keyof CreateSettings, keyof CreateSettings>> = {createdBy: 'noCreatedBy', noCreatedBy: 'createdBy'}

export function mergeSettings(...layers: CreateSettings[]): CreateSettings {
  const merged: Record<string, unknown> = {}
  for (const layer of layers) {
    for (const [key, value] of Object.entries(layer) as Array<[keyof CreateSettings, unknown]>) {
      if (value === undefined) continue
      const opposite = OPPOSITES[key]
      if (opposite !== undefined) delete merged[opposite]
      merged[key] = value
    }
  }
  return merged as CreateSettings
}

/** A validated preset or job value (preset-schema.ts) as settings: announce entries become tiers. */
export function toSettings(value: Record<string, unknown>): CreateSettings {
  const settings: Record<string, unknown> = {}
  for (const [key, entry] of Object.entries(value)) {
    if (key === 'announce') settings.announce = (entry as Array<string | string[]>).map((tier) => (typeof tier === 'string' ? [tier] : tier)).filter((tier) => tier.length > 0)
    else settings[key] = entry
  }
  return settings as CreateSettings
}

export interface SettingsContext {
  /** `created by` when the settings do not say: mktorrent and its version. */
  createdBy: string
  /** Unix seconds to record unless `noDate`. */
  now: number
}

/** The CreateOptions the settings mean, without the path (and the options only flags set). */
export function settingsToOptions(settings: CreateSettings, context: SettingsContext): Omit<CreateOptions, 'path'> {
  return {
    metaVersion: settings.metaVersion,
    pieceLength: settings.pieceLength === 'auto' ? undefined : settings.pieceLength,
    announce: settings.announce ?? [],
    webSeeds: settings.webSeeds ?? [],
    httpSeeds: settings.httpSeeds ?? [],
    private: settings.private ?? false,
    source: settings.source,
    comment: settings.comment,
    crossSeed: settings.crossSeed ?? false,
    createdBy: settings.noCreatedBy === true ? undefined : (settings.createdBy ?? context.createdBy),
    creationDate: settings.noDate === true ? undefined : context.now,
    walk: {exclude: settings.exclude, include: settings.include, includeHidden: settings.includeHidden, followSymlinks: settings.followSymlinks},
    allow: new Set(settings.allow ?? []),
    limits: {maxPieceLength: settings.maxPieceLength, maxTorrentSize: settings.maxTorrentSize},
  }
}
