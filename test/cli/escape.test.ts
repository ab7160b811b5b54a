import {describe, expect, it} from 'vitest'
import {escapeControl} from '../../src/cli/render/escape.js'

describe('escapeControl', () => {
  it('makes tabs, line breaks and other C0/C1 controls visible, and leaves other text as it is', () => {
    expect(escapeControl('a\tb\nc\rd')).toBe('a\\tb\\nc\\rd')
    expect(escapeControl('\u0000\u001b[31m\u007f\u0085\u009f')).toBe('\\u0000\\u001b[31m\\u007f\\u0085\\u009f')
    expect(escapeControl('plain/path é 日本 \u{1f600} \u00a0')).toBe('plain/path é 日本 \u{1f600} \u00a0')
    // A lone surrogate is no control character.
    expect(escapeControl('x\ud800y')).toBe('x\ud800y')
  })

  it('escapes every control of a value, not only the first', () => {
    expect(escapeControl('\t\t')).toBe('\\t\\t')
    expect(escapeControl(`${'a'.repeat(100)}\u0001`)).toBe(`${'a'.repeat(100)}\\u0001`)
  })
})
