// What `mktorrent info` makes of some bytes, computed in-process, plus the invariants every answer
// must keep. Shared by the hostile corpus tests and the fuzzer (scripts/fuzz/fuzz.ts); `verify`'s
// side is scripts/fuzz/verify-outcome.ts.
import {createHash} from 'node:crypto'
import {decodeBencode} from '../../src/core/bencode/decode.js'
import {encodeBencode} from '../../src/core/bencode/encode.js'
import {bencodeToJson} from '../../src/core/bencode/to-json.js'
import {MktorrentError} from '../../src/core/errors.js'
import {inspectTorrent} from '../../src/core/use-cases/inspect-torrent.js'
import {readTorrentFile} from '../../src/core/io/torrent-file.js'
import {renderInfoLines} from '../../src/cli/render/info-lines.js'

export type Outcome =
  /** A torrent was read: exit 0 (no errors) or 3; `errors` and `warnings` are issue codes. */
  | {kind: 'parsed'; exitCode: 0 | 3; errors: string[]; warnings: string[]}
  /** A typed MktorrentError, as `info` reports it. */
  | {kind: 'error'; exitCode: number; code: string}
  /** Anything else thrown: a bug. */
  | {kind: 'crash'; message: string}
  /** An answer that breaks an invariant (see checkInvariants): a bug. */
  | {kind: 'inconsistent'; message: string}

export type Finding = Extract<Outcome, {kind: 'crash' | 'inconsistent'}> | {kind: 'hang' | 'out-of-memory'; message: string}

/** `info` on bytes: decode, parse, validate, render; then the invariants. */
export function inspectOutcome(bytes: Uint8Array): Outcome {
  try {
    return judge(bytes)
  } catch (error) {
    return thrown(error)
  }
}

/** `info` on a file: read it as the command does (regular files only, size-capped), then inspect; the bytes when read. */
export async function inspectFileOutcome(path: string): Promise<{outcome: Outcome; bytes?: Uint8Array}> {
  let bytes: Uint8Array
  try {
    bytes = await readTorrentFile(path)
  } catch (error) {
    return {outcome: thrown(error)}
  }
  return {outcome: inspectOutcome(bytes), bytes}
}

function thrown(error: unknown): Outcome {
  if (error instanceof MktorrentError) return {kind: 'error', exitCode: error.exitCode, code: error.code}
  return {kind: 'crash', message: error instanceof Error ? `${error.name}: ${error.message}\n${error.stack ?? ''}` : String(error)}
}

/** Inputs up to this size get every invariant; larger ones (only in the corpus) skip the re-decodes. */
const FULL_CHECK_BYTES = 1_000_000

function judge(bytes: Uint8Array): Outcome {
  const {metainfo, report} = inspectTorrent(bytes)
  const problem = checkInvariants(bytes, metainfo.infoBytes, metainfo.infoHash, metainfo.infoHashV2)
  if (problem !== undefined) return {kind: 'inconsistent', message: problem}
  // The other ways `info` prints the same torrent must not throw either.
  JSON.stringify(report)
  renderInfoLines(report, true)
  const errors = report.issues.filter((issue) => issue.severity === 'error').map((issue) => issue.code)
  const warnings = report.issues.filter((issue) => issue.severity === 'warning').map((issue) => issue.code)
  if (report.valid !== (errors.length === 0)) return {kind: 'inconsistent', message: `report.valid is ${report.valid} with ${errors.length} errors`}
  return {kind: 'parsed', exitCode: errors.length > 0 ? 3 : 0, errors, warnings}
}

/**
 * BEP 3: the info-hash is the hash of the info bytes exactly as found, so those bytes must be one
 * whole bencoded dictionary inside the input. Canonical input must encode back to itself byte for
 * byte, `info --raw` must render it, and nothing may reach Object.prototype.
 */
function checkInvariants(bytes: Uint8Array, infoBytes: Uint8Array, infoHash: Uint8Array | undefined, infoHashV2: Uint8Array | undefined): string | undefined {
  if (infoBytes.buffer !== bytes.buffer || infoBytes.byteOffset < bytes.byteOffset || infoBytes.byteOffset + infoBytes.length > bytes.byteOffset + bytes.length) {
    return 'the info bytes are not a span of the input'
  }
  if (infoHash !== undefined && !Buffer.from(infoHash).equals(createHash('sha1').update(infoBytes).digest())) return 'the v1 info-hash is not the SHA-1 of the info span'
  if (infoHashV2 !== undefined && !Buffer.from(infoHashV2).equals(createHash('sha256').update(infoBytes).digest())) {
    return 'the v2 info-hash is not the SHA-256 of the info span'
  }
  if (Object.getOwnPropertyNames(Object.prototype).some((name) => !PROTOTYPE_NAMES.has(name))) return 'Object.prototype gained a property'
  if (bytes.length > FULL_CHECK_BYTES) return undefined
  const info = decodeBencode(infoBytes)
  if (!(info.value instanceof Map) || info.nonCanonical.some((form) => form.code === 'trailing-data')) {
    return 'the info span is not exactly one dictionary'
  }
  const whole = decodeBencode(bytes)
  if (whole.nonCanonicalCount === 0 && !encodeBencode(whole.value).equals(bytes)) return 'canonical input does not encode back to the same bytes'
  JSON.stringify(bencodeToJson(whole.value))
  return undefined
}

const PROTOTYPE_NAMES = new Set(Object.getOwnPropertyNames(Object.prototype))
