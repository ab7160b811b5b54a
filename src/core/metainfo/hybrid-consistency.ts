import type {TorrentFile, V1Layout, V2Layout} from './metainfo.js'
import type {IssueList} from './validation-issue.js'

/** One entry of a file view, as libtorrent's `file_storage` holds it. */
interface ViewEntry {
  /** Full path key; `S:` marks a single-file torrent's bare name, `M:` a path under the torrent folder. */
  path: string
  length: number
  offset: number
  padding: boolean
  symlink: string | undefined
}

/**
 * BEP 52: a hybrid's v1 and v2 views "must describe the same data in the same order", which with
 * BEP 47 pads means every non-empty file sits at the same offset in both. The check is libtorrent's
 * (`parse_info_section` + `aux::files_compatible`, spec.md 5.3): build the v2 view with a pad after
 * every file that does not end on a piece boundary; drop its tail pad when it has exactly one entry
 * more than the v1 list (hybrids from libtorrent < 2.0.8 and the BEP 52 reference creator); then
 * both views need the same number of entries and the same total, and at every index where either
 * side holds a real file (not a pad; non-empty or a symlink) both must hold the same path, size and
 * offset (and symlink target). Split or extra pads therefore fail, as they do in libtorrent.
 */
export function checkHybridConsistency(v1: V1Layout, v2: V2Layout, pieceLength: number, issues: IssueList): void {
  const mismatch = (message: string): void => {
    issues.error('hybrid-mismatch', 'info', `the v1 file list and the v2 file tree disagree: ${message}`)
  }
  if (pieceLength <= 0) return

  const v1View = placeV1(v1)
  // libtorrent treats the tree as a single file only when info has no `files` list either.
  const v2View = placeV2(v2.files, pieceLength, v2.singleFile && v1.singleFile)
  if (v2View.length === v1View.length + 1) removeTailPadding(v2View)

  if (v1View.length !== v2View.length) {
    return mismatch(`the v1 list has ${v1View.length} entries, but the v2 tree needs ${v2View.length} with its alignment pads (pads missing, split or extra)`)
  }
  const v1Total = total(v1View)
  const v2Total = total(v2View)
  if (v1Total !== v2Total) return mismatch(`the v1 files add up to ${v1Total} bytes, the aligned v2 files to ${v2Total}`)

  for (let i = 0; i < v1View.length; i++) {
    const a = v1View[i]!
    const b = v2View[i]!
    const relevantA = isRelevant(a)
    const relevantB = isRelevant(b)
    if (!relevantA && !relevantB) continue
    if (relevantA !== relevantB) {
      return mismatch(`entry ${i} is ${describe(a)} in v1 but ${describe(b)} in v2`)
    }
    if (a.path !== b.path) return mismatch(`entry ${i} is ${show(a.path)} in v1 and ${show(b.path)} in v2`)
    if (a.length !== b.length) return mismatch(`${show(a.path)} is ${a.length} bytes in v1 and ${b.length} in v2`)
    if (a.offset !== b.offset) {
      return mismatch(`${show(a.path)} starts at byte ${a.offset} in v1 and ${b.offset} in v2 (pad files missing or wrong)`)
    }
    if (a.symlink !== b.symlink) return mismatch(`the symlink ${show(a.path)} points elsewhere in v1 than in v2`)
  }
}

/** Only real files count: pads and empty files may sit anywhere (libtorrent; symlinks since 2.0.10). */
function isRelevant(entry: ViewEntry): boolean {
  return !entry.padding && (entry.length > 0 || entry.symlink !== undefined)
}

function describe(entry: ViewEntry): string {
  if (entry.padding) return `a ${entry.length}-byte pad`
  return entry.length === 0 && entry.symlink === undefined ? `the empty file ${show(entry.path)}` : show(entry.path)
}

function joined(elements: Uint8Array[]): string {
  return elements.map((element) => Buffer.from(element).toString('latin1')).join('/')
}

function symlinkOf(file: TorrentFile): string | undefined {
  return file.attr.includes('l') && file.symlinkPath !== undefined ? joined(file.symlinkPath) : undefined
}

function show(path: string): string {
  return JSON.stringify(Buffer.from(path.slice(2), 'latin1').toString('utf8'))
}

function total(view: ViewEntry[]): number {
  return view.reduce((sum, entry) => sum + entry.length, 0)
}

function placeV1(v1: V1Layout): ViewEntry[] {
  let offset = 0
  return v1.files.map((file) => {
    const entry = {path: `${v1.singleFile ? 'S' : 'M'}:${joined(file.path)}`, length: file.length, offset, padding: file.padding, symlink: symlinkOf(file)}
    offset += file.length
    return entry
  })
}

/** libtorrent's v2 view: a pad after every file whose end is not on a piece boundary (BEP 52). */
function placeV2(files: TorrentFile[], pieceLength: number, singleFile: boolean): ViewEntry[] {
  let offset = 0
  const view: ViewEntry[] = []
  for (const file of files) {
    view.push({path: `${singleFile ? 'S' : 'M'}:${joined(file.path)}`, length: file.length, offset, padding: false, symlink: symlinkOf(file)})
    offset += file.length
    const rest = offset % pieceLength
    if (rest !== 0) {
      view.push({path: 'M:.pad', length: pieceLength - rest, offset, padding: true, symlink: undefined})
      offset += pieceLength - rest
    }
  }
  return view
}

/** libtorrent's `remove_tail_padding`: drop the last pad if only empty files follow it. */
function removeTailPadding(view: ViewEntry[]): void {
  for (let i = view.length - 1; i >= 0; i--) {
    const entry = view[i]!
    if (entry.length === 0) continue
    if (entry.padding) {
      view.splice(i, 1)
      for (let j = i; j < view.length; j++) view[j]!.offset -= entry.length
    }
    return
  }
}
