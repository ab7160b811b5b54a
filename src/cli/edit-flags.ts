import {Flags} from '@oclif/core'
import type {TorrentEdits} from '../core/edit/torrent-edits.js'
import {UsageError} from '../core/errors.js'
import {assertUrl} from '../core/metainfo/url-rule.js'
import {parseCreationDate} from '../core/create/creation-date.js'
import {trackerTiers} from './flags.js'

// Non-greedy, so `--announce URL a.torrent b.torrent` leaves the torrents to the argument list.
const many = {multiple: true, multipleNonGreedy: true} as const

/** The flags of `edit` that change the torrent (the output flags live in the command). */
export const editFlags = {
  announce: Flags.string({
    ...many,
    char: 'a',
    helpValue: 'URL[,URL]',
    description: 'Add a tracker tier, after the existing ones; commas inside one value put several URLs in the same tier (as in create). URLs already present are skipped.',
  }),
  'remove-announce': Flags.string({...many, helpValue: 'URL', description: 'Remove this tracker URL from every tier; tiers left empty disappear.'}),
  'replace-announce': Flags.string({
    ...many,
    helpValue: 'OLD NEW',
    description: 'Replace tracker OLD with NEW in its tier (two values, repeatable).',
  }),
  'clear-announce': Flags.boolean({description: 'Remove every tracker first; combine with --announce to replace them all.'}),
  'web-seed': Flags.string({...many, char: 'w', helpValue: 'URL', description: 'Add a web seed URL (BEP 19 url-list); URLs already present are skipped.'}),
  'remove-web-seed': Flags.string({...many, helpValue: 'URL', description: 'Remove this web seed URL.'}),
  'clear-web-seeds': Flags.boolean({description: 'Remove every web seed first.'}),
  comment: Flags.string({char: 'c', helpValue: 'TEXT', description: 'Set the comment.', exclusive: ['no-comment']}),
  'no-comment': Flags.boolean({description: 'Remove the comment.', exclusive: ['comment']}),
  'created-by': Flags.string({helpValue: 'TEXT', description: 'Set the "created by" text.', exclusive: ['no-created-by']}),
  'no-created-by': Flags.boolean({description: 'Remove "created by".', exclusive: ['created-by']}),
  date: Flags.string({helpValue: 'DATE', description: 'Set the creation date: ISO 8601, Unix seconds, or "now".', exclusive: ['no-date']}),
  'no-date': Flags.boolean({description: 'Remove the creation date.', exclusive: ['date']}),
  private: Flags.boolean({char: 'p', description: 'Mark the torrent private (BEP 27). Inside info: the info-hash changes.', exclusive: ['no-private']}),
  'no-private': Flags.boolean({description: 'Mark the torrent public. Inside info: the info-hash changes.', exclusive: ['private']}),
  source: Flags.string({char: 's', helpValue: 'TEXT', description: 'Set the source tag. Inside info: the info-hash changes.', exclusive: ['no-source']}),
  'no-source': Flags.boolean({description: 'Remove the source tag. Inside info: the info-hash changes.', exclusive: ['source']}),
}

export type EditFlagValues = {
  announce?: string[]
  'remove-announce'?: string[]
  'clear-announce': boolean
  'web-seed'?: string[]
  'remove-web-seed'?: string[]
  'clear-web-seeds': boolean
  comment?: string
  'no-comment': boolean
  'created-by'?: string
  'no-created-by': boolean
  date?: string
  'no-date': boolean
  private: boolean
  'no-private': boolean
  source?: string
  'no-source': boolean
}

/** Turns the flags into TorrentEdits, checking the URLs to add; no edit at all is a usage error. */
export function editsFromFlags(flags: EditFlagValues, replacements: Array<[string, string]>): TorrentEdits {
  const addTrackers = trackerTiers(flags.announce)
  for (const url of addTrackers.flat()) assertUrl(url, 'tracker', '--announce')
  for (const [, url] of replacements) assertUrl(url, 'tracker', '--replace-announce')
  for (const url of flags['web-seed'] ?? []) assertUrl(url, 'web seed', '--web-seed')
  if (flags.source === '') throw new UsageError('usage', '--source needs a value; --no-source removes the source tag')
  const edits: TorrentEdits = {
    clearTrackers: flags['clear-announce'] || undefined,
    replaceTrackers: replacements.length > 0 ? replacements : undefined,
    removeTrackers: flags['remove-announce'],
    addTrackers: addTrackers.length > 0 ? addTrackers : undefined,
    clearWebSeeds: flags['clear-web-seeds'] || undefined,
    removeWebSeeds: flags['remove-web-seed'],
    addWebSeeds: flags['web-seed'],
    comment: flags['no-comment'] ? null : flags.comment,
    createdBy: flags['no-created-by'] ? null : flags['created-by'],
    creationDate: flags['no-date'] ? null : flags.date === undefined ? undefined : editDate(flags.date),
    private: flags.private ? true : flags['no-private'] ? false : undefined,
    source: flags['no-source'] ? null : flags.source,
  }
  if (Object.values(edits).every((value) => value === undefined)) {
    throw new UsageError('usage', 'nothing to change: give at least one edit, such as --announce URL or --comment TEXT; see mktorrent edit --help')
  }
  return edits
}

function editDate(value: string): number {
  return value === 'now' ? Math.floor(Date.now() / 1000) : parseCreationDate(value)
}
