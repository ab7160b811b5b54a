import type {TorrentReport} from '../metainfo/torrent-report.js'

/** The fields `edit` can change, named as in `info --json`. */
export const EDITABLE_FIELDS = ['announce', 'webSeeds', 'comment', 'createdBy', 'creationDate', 'private', 'source'] as const

export type EditableField = (typeof EDITABLE_FIELDS)[number]

/** One field whose value differs between the torrent before and after an edit. */
export type FieldChange = {
  [F in EditableField]: {field: F; before: TorrentReport[F]; after: TorrentReport[F]}
}[EditableField]

/** The editable fields whose values differ, in EDITABLE_FIELDS order. */
export function fieldChanges(before: TorrentReport, after: TorrentReport): FieldChange[] {
  return EDITABLE_FIELDS.filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field])).map(
    (field) => ({field, before: before[field], after: after[field]}) as FieldChange,
  )
}
