import type {EditedTorrent} from '../../core/edit/edit-torrent.js'
import {FIELD_LABELS} from './edit-diff.js'
import {escapeControl} from './escape.js'

/** stderr warnings: edits that matched nothing, and a new info-hash. */
export function renderEditWarnings(input: string, edited: EditedTorrent): string {
  const name = escapeControl(input)
  let text = ''
  for (const miss of edited.unmatched) {
    text += `mktorrent: warning: ${name} has no ${miss.kind} ${escapeControl(miss.url)}, so there was nothing to ${miss.action}\n`
  }
  if (edited.infoChanged) {
    const hashes = (['infoHash', 'infoHashV2'] as const)
      .filter((key) => edited.before.report[key] !== null)
      .map((key) => `${edited.before.report[key]} -> ${edited.after.report[key]}`)
    text += `mktorrent: warning: ${name}: private and source are inside info, so the info-hash changes (${hashes.join(', ')}); clients, trackers and the DHT see a different torrent\n`
  }
  return text
}

/** One stderr line per torrent after writing: what changed, and whether the info-hash stayed. */
export function renderEditSummary(input: string, output: string | null, edited: EditedTorrent, written: boolean): string {
  const fields = edited.changes.map((change) => FIELD_LABELS[change.field])
  const what = fields.length === 0 ? 'no field changed' : `changed ${fields.join(', ')}`
  const hash = edited.infoChanged ? 'new info-hash' : 'info-hash unchanged'
  if (!written) return `${escapeControl(input)}: ${what}; left as it was\n`
  const where = output === '-' ? `${escapeControl(input)} -> stdout` : output === input ? escapeControl(input) : `${escapeControl(input)} -> ${escapeControl(output ?? '')}`
  return `wrote ${where}: ${what}; ${hash}\n`
}
