import {describe, expect, it} from 'vitest'
import {parseCreationDate} from '../../../src/core/create/creation-date.js'
import {UsageError} from '../../../src/core/errors.js'

describe('parseCreationDate (--date)', () => {
  it.each<[string, number]>([
    ['0', 0],
    ['1700000000', 1_700_000_000],
    ['2024-05-01', 1_714_521_600],
    ['2024-02-29', 1_709_164_800],
    ['2024-05-01T12:00:00Z', 1_714_564_800],
    ['2024-05-01T12:00Z', 1_714_564_800],
    ['2024-05-01T12:00:00.999Z', 1_714_564_800],
    ['2024-05-01 12:00:00Z', 1_714_564_800],
    ['2024-05-01T14:00:00+02:00', 1_714_564_800],
    ['2024-05-01T14:00:00+0200', 1_714_564_800],
    ['9999-12-31T23:59:59Z', 253_402_300_799],
  ])('reads %s as %i', (text, seconds) => {
    expect(parseCreationDate(text)).toBe(seconds)
  })

  it.each<[string, string]>([
    ['May 1', 'is neither ISO 8601 nor Unix seconds; give ISO 8601 (2024-05-01, 2024-05-01T12:00:00Z) or Unix seconds'],
    ['-5', 'is neither ISO 8601 nor Unix seconds; give ISO 8601 (2024-05-01, 2024-05-01T12:00:00Z) or Unix seconds'],
    ['yesterday', 'is neither ISO 8601 nor Unix seconds; give ISO 8601 (2024-05-01, 2024-05-01T12:00:00Z) or Unix seconds'],
    ['2024-02-30', 'is not a real date and time'],
    ['2023-02-29', 'is not a real date and time'],
    ['2024-13-01', 'is not a real date and time'],
    ['2024-05-01T24:00:00Z', 'is not a real date and time'],
    ['1969-12-31T23:59:59Z', 'is out of range: a creation date is whole Unix seconds from 0 (1970) to 253402300799 (9999)'],
    ['99999999999999999999', 'is out of range: a creation date is whole Unix seconds from 0 (1970) to 253402300799 (9999)'],
    ['253402300800', 'is out of range: a creation date is whole Unix seconds from 0 (1970) to 253402300799 (9999)'],
  ])('refuses %j: %s', (text, why) => {
    expect(() => parseCreationDate(text)).toThrow(UsageError)
    expect(() => parseCreationDate(text)).toThrow(`--date ${JSON.stringify(text)} ${why}`)
  })
})
