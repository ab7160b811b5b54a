import {checkPathElement} from '../metainfo/path-safety.js'
import {IssueList} from '../metainfo/validation-issue.js'

/**
 * Printable ASCII without '/' or '\', not starting with a drive letter: none of the validator's
 * error rules can apply, so most names skip building an issue list (200,000 files, spec.md 6.3).
 */
const plainName = /^(?![A-Za-z]:)[\u0020-\u002E\u0030-\u005B\u005D-\u007E]+$/u

const reasons: Record<string, string> = {
  'path-empty-element': 'has no name',
  'path-separator': "has a name containing '\\'",
  'path-invalid-utf8': 'has a name that is not valid UTF-8',
  'path-control-character': 'has a name containing a control character',
  'path-invisible-character': 'has a name containing a bidi or zero-width character that can disguise it',
  'path-drive-letter': 'has a name starting with a drive letter, an absolute path on Windows',
  'path-dot-element': "is named '.' or '..'",
}

/**
 * Why a name (its raw bytes as a latin1 string) cannot go into a torrent: exactly what our validator
 * reports as an error (spec.md 6.3), or undefined.
 */
export function unsafeReason(latin1Name: string): string | undefined {
  if (plainName.test(latin1Name) && latin1Name !== '.' && latin1Name !== '..') return undefined
  const issues = new IssueList()
  checkPathElement(Buffer.from(latin1Name, 'latin1'), '', issues)
  const error = issues.issues.find((issue) => issue.severity === 'error')
  if (error === undefined) return undefined
  return reasons[error.code] ?? error.message.trim()
}
