import type {DiskCheck} from '../verify/check-files.js'
import type {PieceChecker} from '../verify/piece-checker.js'
import {buildReport} from '../verify/verify-report.js'
import type {VerifyPlan} from '../verify/verify-plan.js'
import type {WebSeedFile, WebSeedFileStatus, WebSeedResult} from './web-seed-report.js'

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
export function webSeedResult(url: string, shownUrls: string[], plan: VerifyPlan, states: FileState[], checker: PieceChecker, bytesVerified: number): WebSeedResult {
  // Local verify's report gives the piece totals, each file's bad pieces and the corrupt details.
  const checks = new Map<number, DiskCheck>()
  states.forEach((state, index) => {
    checks.set(index, {status: state.status === 'ok' ? 'ok' : 'unreadable', diskPath: undefined, diskLength: state.remoteLength, mtimeMs: 0, ino: 0, detail: state.detail})
  })
  const selected = states.map((state) => state.status !== 'skipped')
  const report = buildReport({plan, content: url, fast: false, selected, checks, checker, readFailures: new Map(), bytesVerified, extraFiles: []})
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
    bytesVerified,
  }
}

/**
 * libtorrent 2.0.8 gives a v2-only torrent a tail pad file, so one file whose length is not a
 * multiple of the piece length counts as two and is fetched from URL + `/` + its name, not from
 * the URL itself as BEP 19 says (test/interop/web-seed-interop.test.ts records its requests).
 */
export function clientNotes(base: string, plan: VerifyPlan): string[] {
  const file = plan.files[0]
  if (plan.metaVersion !== 'v2' || !plan.singleFile || new URL(base).href.endsWith('/') || file === undefined || file.length % plan.pieceLength === 0) return []
  return ['libtorrent 2.0 (qBittorrent, Deluge) asks for this URL + "/" + the file name instead, as for a torrent of several files: end the URL with "/" to serve every client the same file']
}
