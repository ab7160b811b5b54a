import {isDict} from '../bencode/bencode-value.js'
import {BencodeError} from '../bencode/bencode-error.js'
import {type DecodeLimits, type Decoded, decodeBencode} from '../bencode/decode.js'
import {InvalidTorrentError} from '../errors.js'
import {sha1, sha256} from '../hash/merkle.js'
import {DictReader} from './dict-reader.js'
import {checkHybridConsistency} from './hybrid-consistency.js'
import {notATorrentHint} from './not-a-torrent.js'
import {MAX_PIECE_LENGTH, MIN_V2_PIECE_LENGTH, isPowerOfTwo} from './limits.js'
import type {Metainfo, MetainfoCommon} from './metainfo.js'
import {readPrivate, readTrackers, readUrlList} from './parse-common.js'
import {parseV1} from './parse-v1.js'
import {parseV2} from './parse-v2.js'
import {checkPathElement} from './path-safety.js'
import {IssueList, type ValidationIssue} from './validation-issue.js'

export interface ParsedTorrent {
  metainfo: Metainfo
  issues: ValidationIssue[]
}

export interface ParseOptions {
  limits?: Partial<DecodeLimits>
  /** Only the errors are read: some warnings may be left out (IssueList.errorsOnly). */
  errorsOnly?: boolean
}

/**
 * Decodes and validates a .torrent file. Bytes that are not bencode, or not a torrent at all (no
 * `info` dictionary, an unknown meta version), throw an InvalidTorrentError; every other problem is
 * returned as an issue next to the best model that could be built, so `info` can still show it.
 */
export function parseMetainfo(bytes: Uint8Array, options: ParseOptions = {}): ParsedTorrent {
  const decoded = decodeTorrentBytes(bytes, options.limits)
  if (!isDict(decoded.value)) throw new InvalidTorrentError('not-a-dictionary', 'the file is bencode, but not a torrent: its top level is not a dictionary')
  const issues = new IssueList(options.errorsOnly ?? false)
  const top = new DictReader(decoded.value, '', issues)
  const infoDict = decoded.value.get('info')
  if (!isDict(infoDict)) throw new InvalidTorrentError('missing-info', 'the file is not a torrent: it has no info dictionary')
  const info = new DictReader(infoDict, 'info', issues)

  // BEP 52: check `meta version` first, and name a newer version before any other complaint.
  const metaVersionValue = info.dict.get('meta version')
  if (typeof metaVersionValue === 'number' && metaVersionValue > 2) {
    throw new InvalidTorrentError(
      'unsupported-meta-version',
      `the torrent has meta version ${metaVersionValue}, newer than this tool understands; upgrade mktorrent`,
    )
  }
  const declaresV2 = info.integer('meta version') === 2
  if (info.has('meta version') && !declaresV2 && typeof metaVersionValue === 'number') {
    issues.error('meta-version-invalid', info.pathOf('meta version'), `${info.pathOf('meta version')} is ${metaVersionValue}; the only versions are 2 and absent (v1)`)
  }
  if (!declaresV2 && info.has('file tree')) {
    issues.error('file-tree-without-meta-version', info.pathOf('file tree'), 'info has a file tree but no meta version 2')
  }
  const hasV1Keys = info.has('pieces') || info.has('length') || info.has('files')
  const infoSpan = decoded.spanOf(infoDict)!
  const infoBytes = bytes.subarray(infoSpan.start, infoSpan.end)
  reportNonCanonical(decoded, infoSpan, declaresV2, issues)

  const name = info.bytes('name', {required: 'error'}) ?? new Uint8Array(0)
  if (info.has('name')) checkPathElement(name, info.pathOf('name'), issues)
  const pieceLength = readPieceLength(info, declaresV2)

  const common: MetainfoCommon = {
    name,
    pieceLength,
    private: readPrivate(info),
    source: info.text('source'),
    announce: readTrackers(top),
    webSeeds: readUrlList(top, 'url-list'),
    httpSeeds: readUrlList(top, 'httpseeds'),
    comment: top.text('comment'),
    createdBy: top.text('created by'),
    creationDate: top.integer('creation date', {wrongType: 'warning'}),
    infoHash: !declaresV2 || hasV1Keys ? sha1(infoBytes) : undefined,
    infoHashV2: declaresV2 ? sha256(infoBytes) : undefined,
    infoBytes,
    raw: decoded.value,
  }
  const metainfo = buildLayouts(common, info, top, declaresV2, hasV1Keys)
  return {metainfo, issues: issues.issues}
}

/**
 * decodeBencode, whose syntax errors also say what the bytes look like when they are something
 * else (an HTML page, an image, a magnet link), since "unexpected byte 0x3c" alone helps nobody.
 */
export function decodeTorrentBytes(bytes: Uint8Array, limits?: Partial<DecodeLimits>): Decoded {
  try {
    return decodeBencode(bytes, limits)
  } catch (error) {
    if (!(error instanceof BencodeError) || (error.code !== 'bencode-syntax' && error.code !== 'bencode-truncated')) throw error
    const hint = notATorrentHint(bytes)
    if (hint === undefined) throw error
    throw new InvalidTorrentError(error.code, `${error.message} (${hint})`, error.offset)
  }
}

function buildLayouts(common: MetainfoCommon, info: DictReader, top: DictReader, declaresV2: boolean, hasV1Keys: boolean): Metainfo {
  if (!declaresV2) {
    if (top.has('piece layers')) info.issues.warning('piece-layers-without-v2', top.pathOf('piece layers'), 'piece layers are present, but info has no meta version 2')
    return {...common, metaVersion: 'v1', v1: parseV1(info, common.name, common.pieceLength)}
  }
  const v2 = parseV2(info, top, common.pieceLength)
  if (!hasV1Keys) return {...common, metaVersion: 'v2', v2}
  const v1 = parseV1(info, common.name, common.pieceLength)
  checkHybridConsistency(v1, v2, common.pieceLength, info.issues)
  return {...common, metaVersion: 'hybrid', v1, v2}
}

function readPieceLength(info: DictReader, v2: boolean): number {
  const path = info.pathOf('piece length')
  const value = info.integer('piece length', {required: 'error'})
  if (value === undefined) return 0
  if (value <= 0) {
    info.issues.error('piece-length-invalid', path, `${path} must be positive, not ${value}`)
    return 0
  }
  if (value > MAX_PIECE_LENGTH) {
    info.issues.error('piece-length-too-large', path, `${path} is ${value}, over the ${MAX_PIECE_LENGTH} clients accept`)
  }
  const severity = v2 ? 'error' : 'warning'
  if (!isPowerOfTwo(value)) {
    info.issues[severity]('piece-length-not-power-of-two', path, `${path} ${value} is not a power of two${v2 ? ', as BEP 52 requires' : ''}`)
  } else if (value < MIN_V2_PIECE_LENGTH) {
    info.issues[severity]('piece-length-too-small', path, `${path} ${value} is below 16 KiB${v2 ? ', the BEP 52 minimum' : ''}`)
  }
  return value
}

/**
 * libtorrent rejects non-canonical bencode inside a v2 or hybrid info dictionary and accepts it in
 * v1 (spec.md section 1). Outside `info` it changes no hash, so it is only worth a warning.
 */
function reportNonCanonical(decoded: Decoded, infoSpan: {start: number; end: number}, v2: boolean, issues: IssueList): void {
  for (const form of decoded.nonCanonical) {
    const insideInfo = form.offset >= infoSpan.start && form.offset < infoSpan.end
    const path = `bytes[${form.offset}]`
    const message = `non-canonical bencode: ${form.message}${insideInfo ? ' (inside info)' : ''}`
    if (insideInfo && v2) issues.error('non-canonical-bencode', path, `${message}; v2 clients reject it`)
    else issues.warning(form.code === 'trailing-data' ? 'trailing-data' : 'non-canonical-bencode', path, message)
  }
  const unreported = decoded.nonCanonicalCount - decoded.nonCanonical.length
  if (unreported > 0) issues.warning('non-canonical-bencode', '', `${unreported} more non-canonical forms`)
}

