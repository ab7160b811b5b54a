import {UsageError} from '../errors.js'

/** 9999-12-31T23:59:59Z: four-digit years, as ISO 8601 writes them. */
export const MAX_CREATION_DATE = 253_402_300_799

const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/u
const accepted = 'give ISO 8601 (2024-05-01, 2024-05-01T12:00:00Z) or Unix seconds'

/**
 * `--date`: Unix seconds, or an ISO 8601 date or date-time (without an offset, a date is UTC and
 * a date-time local time, as JavaScript reads them). Only real calendar dates from 1970 to 9999:
 * JavaScript's own parser takes "May 1" as 2001 and 2024-02-30 as March 1.
 */
export function parseCreationDate(text: string, flag = '--date'): number {
  const invalid = (why: string): UsageError => new UsageError('invalid-date', `${flag} ${JSON.stringify(text)} ${why}`)
  if (/^\d+$/u.test(text)) {
    const seconds = Number(text)
    assertCreationDate(seconds, flag, JSON.stringify(text))
    return seconds
  }
  const parts = iso.exec(text)
  if (!parts) throw invalid(`is neither ISO 8601 nor Unix seconds; ${accepted}`)
  const [year, month, day, hour = 0, minute = 0, second = 0] = parts.slice(1, 7).map((part) => (part === undefined ? undefined : Number(part))) as number[]
  const calendar = new Date(Date.UTC(year!, month! - 1, day!))
  if (month! < 1 || month! > 12 || calendar.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) throw invalid('is not a real date and time')
  const zone = parts[7]
  const ms = Date.parse(zone === undefined ? text.replace(' ', 'T') : text.replace(' ', 'T').replace(/([+-]\d{2})(\d{2})$/u, '$1:$2'))
  if (Number.isNaN(ms)) throw invalid(`is neither ISO 8601 nor Unix seconds; ${accepted}`)
  const seconds = Math.floor(ms / 1000)
  assertCreationDate(seconds, flag, JSON.stringify(text))
  return seconds
}

/** Unix seconds from 1970 to 9999 (BEP 3 `creation date`), or a usage error. */
export function assertCreationDate(seconds: number, flag = '--date', shown = String(seconds)): void {
  if (!Number.isSafeInteger(seconds) || seconds < 0 || seconds > MAX_CREATION_DATE) {
    throw new UsageError('invalid-date', `${flag} ${shown} is out of range: a creation date is whole Unix seconds from 0 (1970) to ${MAX_CREATION_DATE} (9999)`)
  }
}
