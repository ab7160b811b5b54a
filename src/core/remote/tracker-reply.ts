import type {BencodeDict, BencodeValue} from '../bencode/bencode-value.js'
import {isBytes, isDict, isInteger} from '../bencode/bencode-value.js'
import {decodeBencode} from '../bencode/decode.js'
import {TrackerError} from './tracker-error.js'

/** Counts as a tracker gives them; null where it leaves one out. */
export interface Counts {
  listed: boolean
  seeders: number | null
  leechers: number | null
  completed: number | null
  /** The request worked, but there is something to say: BEP 3 `warning message`, or a quirk of the reply. */
  warning?: string
}

/**
 * A BEP 48 scrape reply: `files` maps each raw 20-byte info-hash to `complete` (seeders),
 * `incomplete` (leechers) and `downloaded` (completed). A hash the tracker does not know is
 * usually left out.
 */
export function parseScrapeReply(body: Uint8Array, hashes: Uint8Array[]): Counts[] {
  const reply = replyDict(body)
  const files = reply.get('files')
  if (!isDict(files)) throw new TrackerError('malformed-reply', 'the scrape reply has no files dictionary', true)
  return hashes.map((hash) => {
    const key = Buffer.from(hash).toString('latin1')
    const entry = files.get(key)
    if (isDict(entry)) return {listed: true, ...counts(entry)}
    const textKey = files.get(Buffer.from(key, 'utf8').toString('latin1'))
    if (isDict(textKey)) return {listed: true, ...counts(textKey), warning: textKeyWarning}
    return {listed: false, seeders: null, leechers: null, completed: null}
  })
}

/**
 * bittorrent-tracker (npm, 11.x) writes each `files` key as the hash's bytes read as Latin-1 text
 * and encoded as UTF-8, so a byte of 0x80 or more takes two: the key is no longer the hash, and a
 * client looking for the 20 bytes finds nothing. Such a key is read, and the quirk reported.
 */
const textKeyWarning = 'the scrape reply keys this hash as UTF-8 text, not its 20 bytes (BEP 48); counts read anyway'


/** A BEP 3 announce reply: `interval` and `peers` (or `peers6`), with counts where the tracker gives them. */
export function parseAnnounceReply(body: Uint8Array): Counts {
  const reply = replyDict(body)
  if (!reply.has('interval') && !reply.has('peers') && !reply.has('peers6')) {
    throw new TrackerError('malformed-reply', 'the announce reply has neither interval nor peers', true)
  }
  const warning = reply.get('warning message')
  return {listed: true, ...counts(reply), warning: isBytes(warning) ? trackerText(warning) : undefined}
}

/** The reply's dictionary; a `failure reason` (BEP 3) becomes a tracker-failure error. */
export function replyDict(body: Uint8Array): BencodeDict {
  let value: BencodeValue
  try {
    value = decodeBencode(body, {maxBytes: body.length, maxDepth: 32, maxTokens: 100_000}).value
  } catch (error) {
    throw new TrackerError('malformed-reply', `the reply is not bencode (${(error as Error).message}): ${preview(body)}`, true)
  }
  if (!isDict(value)) throw new TrackerError('malformed-reply', 'the reply is not a bencoded dictionary', true)
  const failure = value.get('failure reason')
  if (failure !== undefined) {
    throw new TrackerError('tracker-failure', isBytes(failure) ? trackerText(failure) : 'a failure reason that is not a string', true)
  }
  return value
}

/** The failure reason of a body, if it is a bencoded reply that has one (an HTTP error page often is not). */
export function failureReasonOf(body: Uint8Array): string | undefined {
  try {
    replyDict(body)
  } catch (error) {
    if (error instanceof TrackerError && error.errorClass === 'tracker-failure') return error.message
  }
  return undefined
}

function counts(dict: BencodeDict): Omit<Counts, 'listed'> {
  return {seeders: count(dict.get('complete')), leechers: count(dict.get('incomplete')), completed: count(dict.get('downloaded'))}
}

function count(value: BencodeValue | undefined): number | null {
  return isInteger(value) && value >= 0 ? value : null
}

const maxText = 300

/** A tracker's text, one line and bounded: it is shown to people. */
export function trackerText(bytes: Uint8Array): string {
  const text = Buffer.from(bytes).toString('utf8').replace(/\s+/gu, ' ').trim()
  return text.length > maxText ? `${text.slice(0, maxText)}...` : text
}

function preview(body: Uint8Array): string {
  if (body.length === 0) return 'an empty body'
  return JSON.stringify(trackerText(body.subarray(0, 60)))
}
