import type {BencodeDict, BencodeValue} from '../bencode/bencode-value.js'
import {type Encodable, encodeBencode} from '../bencode/encode.js'
import {RawBencode} from '../bencode/raw-bencode.js'
import {InvalidTorrentError} from '../errors.js'
import type {Inspection} from '../use-cases/inspect-torrent.js'
import type {Metainfo} from '../metainfo/metainfo.js'
import {parseMetainfo} from '../metainfo/parse-metainfo.js'
import {torrentReport} from '../metainfo/torrent-report.js'
import {parseValidTorrent} from '../use-cases/parse-valid-torrent.js'
import {type FieldChange, fieldChanges} from './field-changes.js'
import {type TorrentEdits, type UnmatchedEdit, editTiers, editWebSeeds} from './torrent-edits.js'

export interface EditedTorrent {
  /** The edited .torrent file. */
  bytes: Buffer
  before: Inspection
  after: Inspection
  changes: FieldChange[]
  /** True when `info` itself was edited (private, source), so both info-hashes are new. */
  infoChanged: boolean
  unmatched: UnmatchedEdit[]
}

type Top = Map<string, Encodable>

/**
 * Edits a valid torrent without rehashing. The top-level dictionary is re-encoded canonically with
 * every unknown key kept; unless private or source change, `info` is written back as the exact
 * bytes it had, so its info-hashes stay the same even when those bytes are not canonical (BEP 3:
 * the hash is over the bytes as found). An invalid input, or an edit that would make the torrent
 * invalid, throws an InvalidTorrentError; `label` names the torrent in its message.
 */
export function editTorrent(bytes: Uint8Array, edits: TorrentEdits, label = 'the torrent'): EditedTorrent {
  const parsed = parseValidTorrent(bytes, label)
  const before = parsed.metainfo
  const top: Top = new Map(before.raw)
  const unmatched: UnmatchedEdit[] = []

  const tiers = editTiers(before.announce, edits, unmatched)
  if (JSON.stringify(tiers) !== JSON.stringify(before.announce)) {
    // As libtorrent writes them: `announce` is the first tracker, `announce-list` only for several.
    const urls = tiers.flat()
    setOrDelete(top, 'announce', urls[0])
    setOrDelete(top, 'announce-list', urls.length > 1 ? tiers : undefined)
  }
  const seeds = editWebSeeds(before.webSeeds, edits, unmatched)
  if (JSON.stringify(seeds) !== JSON.stringify(before.webSeeds)) {
    setOrDelete(top, 'url-list', seeds.length === 0 ? undefined : seeds.length === 1 ? seeds[0] : seeds)
  }
  editText(top, 'comment', edits.comment)
  editText(top, 'created by', edits.createdBy)
  if (edits.creationDate !== undefined) setOrDelete(top, 'creation date', edits.creationDate ?? undefined)

  const info = editedInfo(before, edits)
  top.set('info', info ?? new RawBencode(before.infoBytes))
  const output = encodeBencode(top)
  const after = parseMetainfo(output)
  const errors = after.issues.filter((issue) => issue.severity === 'error')
  if (errors.length > 0) {
    throw new InvalidTorrentError(errors[0]!.code, `${label}: the edited torrent would be invalid: ${errors[0]!.message}`)
  }
  const beforeReport = torrentReport(before, parsed.issues)
  const afterReport = torrentReport(after.metainfo, after.issues)
  return {
    bytes: output,
    before: {metainfo: before, report: beforeReport},
    after: {metainfo: after.metainfo, report: afterReport},
    changes: fieldChanges(beforeReport, afterReport),
    infoChanged: info !== undefined,
    unmatched,
  }
}

/** The re-encoded info dictionary when private or source really change; undefined to keep its bytes. */
function editedInfo(before: Metainfo, edits: TorrentEdits): Map<string, Encodable> | undefined {
  const info: Map<string, Encodable> = new Map(before.raw.get('info') as BencodeDict)
  let changed = false
  if (edits.private !== undefined && edits.private !== before.private) {
    setOrDelete(info, 'private', edits.private ? 1 : undefined)
    changed = true
  }
  if (edits.source !== undefined && (edits.source ?? undefined) !== before.source) {
    setOrDelete(info, 'source', edits.source ?? undefined)
    changed = true
  }
  return changed ? info : undefined
}

/**
 * Sets or removes a text field. Its `.utf-8` twin (`comment.utf-8`), which libtorrent prefers when
 * present, goes too, so no client keeps showing the old text.
 */
function editText(top: Top, key: string, wanted: string | null | undefined): void {
  if (wanted === undefined) return
  setOrDelete(top, key, wanted ?? undefined)
  top.delete(`${key}.utf-8`)
}

function setOrDelete(dict: Map<string, Encodable>, key: string, value: Encodable | BencodeValue | undefined): void {
  if (value === undefined) dict.delete(key)
  else dict.set(key, value)
}
