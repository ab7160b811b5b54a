import type {EditableField, FieldChange} from '../../core/edit/field-changes.js'
import {escapeControl} from './escape.js'
import {diffLines} from './line-diff.js'

export interface EditDiff {
  input: string
  /** Where the result goes; null when nowhere (a dry run without -o or --in-place). */
  output: string | null
  changes: FieldChange[]
  before: {infoHash: string | null; infoHashV2: string | null}
  after: {infoHash: string | null; infoHashV2: string | null}
}

export const FIELD_LABELS: Record<EditableField, string> = {
  announce: 'trackers',
  webSeeds: 'web seeds',
  comment: 'comment',
  createdBy: 'created by',
  creationDate: 'creation date',
  private: 'private',
  source: 'source',
}

/**
 * A field-level diff of one edited torrent, for `edit --dry-run`: each changed field with its old
 * lines (-) and new lines (+), then the info-hashes, which stay the same unless info was edited.
 */
export function renderEditDiff(diff: EditDiff): string {
  const header = diff.output === null || diff.output === diff.input ? diff.input : `${diff.input} -> ${diff.output}`
  const lines = [escapeControl(header)]
  if (diff.changes.length === 0) lines.push('  no changes')
  for (const change of diff.changes) {
    lines.push(`  ${FIELD_LABELS[change.field]}${change.field === 'announce' ? ' (one tier per line)' : ''}`)
    for (const line of diffLines(valueLines(change.field, change.before), valueLines(change.field, change.after))) {
      lines.push(`    ${line.op} ${escapeControl(line.text)}`)
    }
  }
  const hashes: Array<['infoHash' | 'infoHashV2', string]> = [
    ['infoHash', 'info hash'],
    ['infoHashV2', 'info hash v2'],
  ]
  for (const [key, label] of hashes) {
    const [before, after] = [diff.before[key], diff.after[key]]
    if (before === null) continue
    if (before === after) lines.push(`  ${label}: ${before} (unchanged)`)
    else lines.push(`  ${label} (changes: info was edited)`, `    - ${before}`, `    + ${after}`)
  }
  return `${lines.join('\n')}\n`
}

function valueLines(field: EditableField, value: FieldChange['before']): string[] {
  if (field === 'announce') return (value as string[][]).map((tier) => tier.join(', '))
  if (Array.isArray(value)) return value as string[]
  if (typeof value === 'boolean') return [value ? 'yes' : 'no']
  return [value === null ? '(none)' : value]
}
