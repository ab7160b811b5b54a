import type {ValidationIssue} from '../../core/metainfo/validation-issue.js'
import {paint} from '../output.js'
import {escapeControl} from './escape.js'

/** Validation issues for people, errors first. */
export function renderIssues(issues: ValidationIssue[], color: boolean): string {
  if (issues.length === 0) return `${paint(color, 'green', 'No issues found.')}\n`
  const errors = issues.filter((issue) => issue.severity === 'error')
  const warnings = issues.filter((issue) => issue.severity === 'warning')
  const lines = [`Issues: ${errors.length} error(s), ${warnings.length} warning(s)`]
  for (const issue of [...errors, ...warnings]) {
    const label = issue.severity === 'error' ? paint(color, 'red', 'error  ') : paint(color, 'yellow', 'warning')
    lines.push(`  ${label} ${escapeControl(issue.message)} [${issue.code}]`)
  }
  return `${lines.join('\n')}\n`
}
