import type {DiskCheck} from '../verify/check-files.js'
import type {PieceChecker} from '../verify/piece-checker.js'
import {buildReport} from '../verify/verify-report.js'
import type {VerifyPlan} from '../verify/verify-plan.js'
import type {WebSeedFile, WebSeedFileStatus, WebSeedResult} from './web-seed-report.js'
import {type WebSeedLayout, encodeElement} from './web-seed-url.js'

/** What is known of one file on a web seed while it is checked. */
export interface FileState {
  status: WebSeedFileStatus
  remoteLength: number | null
  detail: string | null
  /** Where to fetch it (after redirects). */
  url: string
  rangeSupport: boolean
}

/** One web seed's report: local verify's piece and file verdicts, mapped onto what HTTP said. */
export function webSeedResult(url: string, shownUrls: string[], plan: VerifyPlan, states: FileState[], checker: PieceChecker, bytesHashed: number): WebSeedResult {
  // Local verify's report gives the piece totals, each file's bad pieces and the corrupt details.
  const checks = new Map<number, DiskCheck>()
  states.forEach((state, index) => {
    checks.set(index, {status: state.status === 'ok' ? 'ok' : 'unreadable', diskPath: undefined, diskLength: state.remoteLength, mtimeMs: 0, ino: 0, detail: state.detail})
  })
  const selected = states.map((state) => state.status !== 'skipped')
  const report = buildReport({plan, content: url, fast: false, selected, checks, checker, readFailures: new Map(), bytesHashed, extraFiles: []})
  const noRange = 'the server ignores Range requests (answers 200), so clients cannot fetch pieces from it; verified by reading whole files'
  const files = report.files.map((verified, index): WebSeedFile => {
    const state = states[index]!
    let status: WebSeedFileStatus = state.status
    let detail = state.detail
    if (status === 'ok' && verified.status === 'corrupt') [status, detail] = ['corrupt', verified.detail]
    if (!state.rangeSupport && (status === 'ok' || status === 'corrupt')) {
      detail = detail === null ? noRange : `${detail}; ${noRange}`
      if (status === 'ok') status = 'no-range-support'
    }
    return {path: verified.path, url: shownUrls[index]!, length: verified.length, status, badPieces: verified.badPieces, remoteLength: state.remoteLength, detail}
  })
  const asked = states.filter((state) => state.remoteLength !== null)
  return {
    url,
    ok: report.pieces.bad.length === 0 && report.pieces.inconsistent.length === 0 && files.every((file) => file.status === 'ok' || file.status === 'skipped'),
    error: null,
    notes: [],
    rangeSupport: asked.length === 0 ? null : asked.every((state) => state.rangeSupport),
    pieces: report.pieces,
    files,
    bytesHashed,
    bytesGood: report.bytesGood ?? 0,
  }
}

/**
 * Where libtorrent 2.0.8 looks for each file, when that is not where BEP 19 (and aria2c) do: it
 * takes the single-file form whenever its own file list holds one entry, and that list has a tail
 * pad in a v2-only torrent (so one file of a length that is not a multiple of the piece length
 * takes the several-files form) and no pad in a v1 or hybrid torrent listing one file under a
 * folder (which then takes the single-file form: URL + the folder's name). Both were seen in its
 * requests (test/interop/web-seed-interop.test.ts). Returns a note naming the first file it
 * would ask for elsewhere, or nothing.
 */
export function clientNotes(base: string, plan: VerifyPlan, layout: WebSeedLayout, ours: string[], shown: (url: string) => string): string[] {
  const href = new URL(base).href
  let entries = plan.files.length
  for (const file of plan.segmentFile) if (file === -1) entries++
  const only = plan.files[0]
  if (plan.metaVersion === 'v2' && plan.singleFile && only !== undefined && only.length % plan.pieceLength !== 0) entries++
  const slash = href.endsWith('/') ? href : `${href}/`
  const folder = plan.singleFile ? '' : `${encodeElement(layout.name)}/`
  const theirs =
    entries === 1
      ? [href.endsWith('/') ? href + encodeElement(layout.name) : href]
      : plan.files.map((file) => slash + folder + file.elements.map(encodeElement).join('/'))
  const differs = plan.files.findIndex((file, index) => file.length > 0 && !file.symlink && theirs[index] !== undefined && theirs[index] !== ours[index])
  if (differs === -1) return []
  return [`libtorrent 2.0 (qBittorrent, Deluge) asks for ${plan.files[differs]!.path} at ${shown(theirs[differs]!)}, not where BEP 19 puts it: serve it there too for those clients`]
}
