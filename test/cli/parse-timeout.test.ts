import {describe, expect, it} from 'vitest'
import {parseTimeout} from '../../src/cli/flags.js'

describe('parseTimeout (--timeout)', () => {
  it.each([
    ['10', 10_000],
    ['2.5', 2500],
    ['500ms', 500],
    ['3s', 3000],
    ['0.1', 100],
    ['600', 600_000],
  ])('%s is %i ms', (text, ms) => {
    expect(parseTimeout(text)).toBe(ms)
  })

  it.each(['', '0', '99ms', '601', 'soon', '-1', '1m', '1e3'])('refuses %j with a usage error', (text) => {
    expect(() => parseTimeout(text)).toThrow(expect.objectContaining({code: 'invalid-timeout', exitCode: 2}))
  })
})
