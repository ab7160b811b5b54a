import {UsageError} from '../errors.js'

/** One compiled segment: `**` (any number of folders), or a test for one path element. */
type Segment = {globstar: true} | {globstar: false; regex: RegExp}

interface CompiledGlob {
  segments: Segment[]
  directoryOnly: boolean
}

/**
 * Compiles `--exclude`/`--include` patterns into one test of a '/'-separated path inside the
 * torrent (relative to its top folder). A path matches when any pattern matches. The semantics are a
 * small part of .gitignore's:
 *
 * - Each pattern may hold several, separated by commas (`-e '*.nfo,*.txt'`).
 * - A pattern without `/` matches a name at any depth (`*.log` matches `a/b/c.log`).
 * - A pattern with `/` is anchored at the top folder (`docs/*.md`); a leading `/` is allowed.
 * - `*` matches any characters and `?` one character, never `/`; `**` as a whole element matches
 *   zero or more folders, at the start, in the middle or at the end (`cache/**`).
 * - `[abc]`, `[a-z]` and `[!a]` (or `[^a]`) match one character from a class.
 * - A trailing `/` matches folders only (`build/`).
 * - `\` escapes the next character, so `\,`, `\*` and `\[` are literal.
 * - Matching is case-sensitive and on whole elements (`a*` does not match `a/b`).
 */
export function compileGlobs(patterns: string[]): (path: string, isDirectory: boolean) => boolean {
  const globs = patterns.flatMap(splitOnCommas).map(compileGlob)
  if (globs.length === 0) return () => false
  return (path, isDirectory) => {
    const elements = path.split('/')
    return globs.some((glob) => (isDirectory || !glob.directoryOnly) && matchSegments(glob.segments, elements))
  }
}

function splitOnCommas(pattern: string): string[] {
  const parts: string[] = []
  let current = ''
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i]!
    if (char === '\\' && i + 1 < pattern.length) {
      current += char + pattern[++i]!
    } else if (char === ',') {
      parts.push(current)
      current = ''
    } else current += char
  }
  parts.push(current)
  return parts.map((part) => part.trim()).filter((part) => part !== '')
}

function compileGlob(pattern: string): CompiledGlob {
  let text = pattern
  const directoryOnly = text.endsWith('/') && !text.endsWith('\\/')
  if (directoryOnly) text = text.replace(/\/+$/u, '')
  const anchored = text.includes('/')
  text = text.replace(/^\/+/u, '')
  if (text === '') throw new UsageError('invalid-glob', `the pattern ${JSON.stringify(pattern)} matches nothing: give a name or a path such as *.log or docs/`)
  const segments = text.split('/').filter((element) => element !== '').map((element) => compileSegment(element, pattern))
  // An unanchored pattern is one that may start in any folder (gitignore's implicit `**/`).
  if (!anchored) segments.unshift({globstar: true})
  return {segments, directoryOnly}
}

function compileSegment(element: string, pattern: string): Segment {
  if (element === '**') return {globstar: true}
  let source = ''
  const chars = Array.from(element)
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i]!
    if (char === '\\' && i + 1 < chars.length) source += literal(chars[++i]!)
    else if (char === '*') {
      while (chars[i + 1] === '*') i++
      source += '[^/]*'
    } else if (char === '?') source += '[^/]'
    else if (char === '[') {
      const parsed = parseClass(chars, i)
      if (parsed === undefined) source += literal(char)
      else {
        source += parsed.source
        i = parsed.end
      }
    } else source += literal(char)
  }
  try {
    return {globstar: false, regex: new RegExp(`^${source}$`, 'su')}
  } catch {
    throw new UsageError('invalid-glob', `the pattern ${JSON.stringify(pattern)} has an invalid character class such as [z-a]`)
  }
}

/** `[...]` starting at `start`, or undefined when there is no closing `]` (then `[` is literal). */
function parseClass(chars: string[], start: number): {source: string; end: number} | undefined {
  let i = start + 1
  const negated = chars[i] === '!' || chars[i] === '^'
  if (negated) i++
  let body = ''
  for (let first = true; i < chars.length; i++, first = false) {
    let char = chars[i]!
    if (char === ']' && !first) return {source: `[${negated ? '^/' : ''}${body}]`, end: i}
    if (char === '\\' && i + 1 < chars.length) char = chars[++i]!
    if (chars[i + 1] === '-' && i + 2 < chars.length && chars[i + 2] !== ']') {
      let last = chars[i + 2]!
      i += 2
      if (last === '\\' && i + 1 < chars.length) last = chars[++i]!
      body += `${codePoint(char)}-${codePoint(last)}`
    } else body += codePoint(char)
  }
  return undefined
}

function codePoint(char: string): string {
  return `\\u{${char.codePointAt(0)!.toString(16)}}`
}

function literal(char: string): string {
  return /[\\^$.*+?()[\]{}|/]/u.test(char) ? `\\${char}` : char
}

/**
 * Runs the pattern as a small automaton over the elements: the set of pattern positions reachable
 * so far. Linear in elements × segments, however many `**` there are.
 */
function matchSegments(segments: Segment[], elements: string[]): boolean {
  let states = closure(segments, [0])
  for (const element of elements) {
    const next: number[] = []
    for (const state of states) {
      const segment = segments[state]
      if (segment === undefined) continue
      if (segment.globstar) next.push(state)
      else if (segment.regex.test(element)) next.push(state + 1)
    }
    if (next.length === 0) return false
    states = closure(segments, next)
  }
  return states.includes(segments.length)
}

/** Adds the positions reachable by letting a `**` match no folder at all. */
function closure(segments: Segment[], states: number[]): number[] {
  const seen = new Set<number>()
  const stack = [...states]
  while (stack.length > 0) {
    const state = stack.pop()!
    if (seen.has(state)) continue
    seen.add(state)
    if (segments[state]?.globstar) stack.push(state + 1)
  }
  return [...seen]
}
