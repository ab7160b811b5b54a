import type {TorrentFile, V1Layout, V2Layout} from './metainfo.js'
import type {IssueList} from './validation-issue.js'

interface PlacedFile {
  path: string
  length: number
  offset: number
}

/**
 * BEP 52: a hybrid's v1 and v2 views "must describe the same data in the same order", which with
 * BEP 47 pads means every non-empty file sits at the same offset in both. This is libtorrent's
 * `files_compatible` rule, including its tolerance of a missing tail pad (spec.md 5.3).
 */
export function checkHybridConsistency(v1: V1Layout, v2: V2Layout, pieceLength: number, issues: IssueList): void {
  const mismatch = (message: string): void => {
    issues.error('hybrid-mismatch', 'info', `the v1 file list and the v2 file tree disagree: ${message}`)
  }
  if (pieceLength <= 0) return
  if (v1.singleFile !== v2.singleFile) return mismatch('one is a single-file torrent and the other is not')

  const v1Placed = placeV1(v1.files)
  const v2Placed = placeV2(v2.files, pieceLength)
  const v1Data = v1Placed.files.filter((file) => file.length > 0)
  const v2Data = v2Placed.files.filter((file) => file.length > 0)
  const count = Math.max(v1Data.length, v2Data.length)
  for (let i = 0; i < count; i++) {
    const a = v1Data[i]
    const b = v2Data[i]
    if (a === undefined || b === undefined) return mismatch(`the v1 list has ${v1Data.length} non-empty files, the v2 tree ${v2Data.length}`)
    if (a.path !== b.path) return mismatch(`file ${i} is ${show(a.path)} in v1 and ${show(b.path)} in v2`)
    if (a.length !== b.length) return mismatch(`${show(a.path)} is ${a.length} bytes in v1 and ${b.length} in v2`)
    if (a.offset !== b.offset) {
      return mismatch(`${show(a.path)} starts at byte ${a.offset} in v1 and ${b.offset} in v2 (pad files missing or wrong)`)
    }
  }
  const v1Empty = v1Placed.files.filter((file) => file.length === 0).map((file) => file.path).sort()
  const v2Empty = v2Placed.files.filter((file) => file.length === 0).map((file) => file.path).sort()
  if (v1Empty.join('\0') !== v2Empty.join('\0')) return mismatch('the empty files differ')
  if (v1Placed.total !== v2Placed.total && v1Placed.total !== v2Placed.totalWithoutTailPad) {
    return mismatch(`the v1 files add up to ${v1Placed.total} bytes, the aligned v2 files to ${v2Placed.total}`)
  }
}

function key(file: TorrentFile): string {
  return file.path.map((element) => Buffer.from(element).toString('latin1')).join('/')
}

function show(path: string): string {
  return JSON.stringify(Buffer.from(path, 'latin1').toString('utf8'))
}

function placeV1(files: TorrentFile[]): {files: PlacedFile[]; total: number} {
  let offset = 0
  const placed: PlacedFile[] = []
  for (const file of files) {
    if (!file.padding) placed.push({path: key(file), length: file.length, offset})
    offset += file.length
  }
  return {files: placed, total: offset}
}

/** v2 offsets: every non-empty file starts on a piece boundary (BEP 52). */
function placeV2(files: TorrentFile[], pieceLength: number): {files: PlacedFile[]; total: number; totalWithoutTailPad: number} {
  let offset = 0
  let dataEnd = 0
  const placed: PlacedFile[] = []
  for (const file of files) {
    placed.push({path: key(file), length: file.length, offset})
    if (file.length === 0) continue
    offset += file.length
    dataEnd = offset
    offset = Math.ceil(offset / pieceLength) * pieceLength
  }
  return {files: placed, total: offset, totalWithoutTailPad: dataEnd}
}
