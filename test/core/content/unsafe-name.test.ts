import {describe, expect, it} from 'vitest'
import {unsafeReason} from '../../../src/core/content/unsafe-name.js'
import {checkPathElement} from '../../../src/core/metainfo/path-safety.js'
import {IssueList} from '../../../src/core/metainfo/validation-issue.js'

/** Whether the metainfo validator reports an error for this element (the rule walkContent follows). */
function validatorRefuses(bytes: Buffer): boolean {
  const issues = new IssueList()
  checkPathElement(bytes, '', issues)
  return issues.issues.some((issue) => issue.severity === 'error')
}

const names: Array<string | number[]> = [
  'plain.txt', 'a', ' ', 'trailing dot.', 'CON', 'x:y', '~$lock', '[1] (2) {3} @#%&=+,;!', 'ünïcode', '名前',
  '.', '..', '...', 'C:', 'c:file', 'a\\b', 'tab\there', [0x61, 0x7f], [0xff, 0xfe], 'zero\u200Bwidth', 'rtl\u202Eexe',
  'ends\u0085', '', 'a'.repeat(300),
]

describe('unsafeReason', () => {
  it.each(names.map((name) => [typeof name === 'string' ? JSON.stringify(name) : `bytes ${name.join(',')}`, name] as const))(
    'agrees with the metainfo validator on %s',
    (_, name) => {
      const bytes = typeof name === 'string' ? Buffer.from(name) : Buffer.from(name)
      expect(unsafeReason(bytes.toString('latin1')) !== undefined).toBe(validatorRefuses(bytes))
    },
  )

  it('explains a refused name in words', () => {
    expect(unsafeReason('..')).toBe("is named '.' or '..'")
    expect(unsafeReason('D:evil')).toBe('has a name starting with a drive letter, an absolute path on Windows')
  })
})
