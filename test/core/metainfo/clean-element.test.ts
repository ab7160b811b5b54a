import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {checkPathElement, isCleanElement} from '../../../src/core/metainfo/path-safety.js'
import {IssueList} from '../../../src/core/metainfo/validation-issue.js'

// create trusts isCleanElement to know that a name draws no issue (src/core/create/created-report.ts):
// it must agree with checkPathElement, the validator's rules, on every text.

function validatorIsSilent(text: string): boolean {
  const issues = new IssueList()
  checkPathElement(Buffer.from(text, 'utf8'), 'info.name', issues)
  return issues.issues.length === 0
}

/** Texts near every rule: separators, dots, spaces, Windows characters and names, controls, bidi marks, long names. */
const tricky = fc.oneof(
  fc.string({unit: fc.constantFrom('a', 'Z', '0', '.', ' ', '/', '\\', ':', '?', '*', '<', '|', '"', '\u0000', '\u001f', '\u007f', '\u0085', '\u200e', '\u202e', '\ufeff', 'é', '😀', '_', '-')}),
  fc.constantFrom('con', 'CON.txt', 'Lpt1', 'com¹.log', 'nul.', 'aux ', 'C:x', 'c:', '.', '..', '...', 'é'.repeat(127), 'é'.repeat(128), 'x'.repeat(255), 'x'.repeat(256)),
  fc.string({unit: 'grapheme', maxLength: 12}),
)

describe('isCleanElement', () => {
  it('is true exactly when the validator reports nothing about the element', () => {
    fc.assert(
      fc.property(tricky, (text) => {
        expect(isCleanElement(text)).toBe(validatorIsSilent(text))
      }),
      {numRuns: 5000},
    )
  })
})
