/** One finding of validation: where it is, how bad it is, and a sentence a person can act on. */
export interface ValidationIssue {
  severity: 'error' | 'warning'
  /** A stable kebab-case identifier, listed in docs/validation.md. */
  code: string
  /** Where in the metainfo, e.g. `info.files[3].path[0]` or `info["piece length"]`. */
  path: string
  message: string
}

/** Gathers issues instead of throwing on the first (ARCHITECTURE.md principle 6). */
export class IssueList {
  readonly issues: ValidationIssue[] = []

  /**
   * `errorsOnly`: the caller reads only the errors (verify refuses a torrent on them): a check that
   * can find nothing but warnings may be left out where it costs, so some warnings may be missing.
   */
  constructor(readonly errorsOnly = false) {}

  error(code: string, path: string, message: string): void {
    this.issues.push({severity: 'error', code, path, message})
  }

  warning(code: string, path: string, message: string): void {
    this.issues.push({severity: 'warning', code, path, message})
  }

  hasErrors(): boolean {
    return this.issues.some((issue) => issue.severity === 'error')
  }
}

const identifier = /^[A-Za-z_][A-Za-z0-9_]*$/

/** Appends a dictionary key or list index to an issue path: `.key`, `["a key"]` or `[3]`. */
export function childPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`
  const step = identifier.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`
  return parent === '' ? step.replace(/^\./, '') : `${parent}${step}`
}

/**
 * Appends a key that is data rather than a field name (a `file tree` element, a `piece layers` root
 * in hex), always in brackets: `["sub"]`, `["3fa9…"]`, so the form never depends on the name.
 */
export function dataKeyPath(parent: string, key: string): string {
  return `${parent}[${JSON.stringify(key)}]`
}
