import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import type {TorrentFile} from '../../../src/core/metainfo/metainfo.js'
import {checkPathCollisions, collisionsByText} from '../../../src/core/metainfo/path-collisions.js'
import {checkPathElement} from '../../../src/core/metainfo/path-safety.js'
import {IssueList} from '../../../src/core/metainfo/validation-issue.js'

/** Elements that collide often: few letters, both cases, a '/' inside an element, non-ASCII that folds (Kelvin sign, É). */
const element = fc
  .oneof(fc.constantFrom('a', 'A', 'b', 'B', 'a/b', 'A/b', '', 'é', 'É', '\u212a', 'k', 'K'), fc.string({unit: fc.constantFrom('a', 'A', '/', 'é'), maxLength: 3}))
  .map((text) => Buffer.from(text, 'utf8'))
const file = fc.record({path: fc.array(element, {maxLength: 2}), padding: fc.oneof({weight: 4, arbitrary: fc.constant(false)}, fc.constant(true))}).map(
  ({path, padding}): TorrentFile => ({path, padding, length: 1, attr: padding ? 'p' : ''}),
)

/** Mostly paths of clean elements (not empty, no '/'), which only collide as whole paths. */
const cleanElement = fc.constantFrom('a', 'A', 'b', 'ab', 'é', 'É', 'k', 'K', '\u212a').map((text) => Buffer.from(text, 'utf8'))
const mostlyCleanFile = fc.oneof(
  {weight: 9, arbitrary: fc.array(cleanElement, {minLength: 1, maxLength: 3}).map((path): TorrentFile => ({path, padding: false, length: 1, attr: ''}))},
  file,
)

function issuesOf(files: TorrentFile[], budget?: number): IssueList['issues'] {
  const issues = new IssueList()
  checkPathCollisions(files, (index) => `files[${index}]`, issues, budget)
  return issues.issues
}

/** Element by element, byte by byte: the order of a v2 file tree, and of `create`'s file lists. */
function treeOrder(a: TorrentFile, b: TorrentFile): number {
  for (let index = 0; index < Math.min(a.path.length, b.path.length); index++) {
    const order = Buffer.compare(a.path[index]!, b.path[index]!)
    if (order !== 0) return order
  }
  return a.path.length - b.path.length
}

/** The issues a parser finds in the files' paths: each element checked first (path-safety.ts), then the collisions. */
function parsedIssues(files: TorrentFile[], errorsOnly: boolean): IssueList['issues'] {
  const issues = new IssueList(errorsOnly)
  files.forEach((file, index) => file.path.forEach((element, at) => checkPathElement(element, `files[${index}].path[${at}]`, issues)))
  checkPathCollisions(files, (index) => `files[${index}]`, issues)
  return issues.issues
}

/** The text comparison's verdicts, as issues. */
function expectedIssues(files: TorrentFile[]): Array<{code: string; path: string}> {
  return collisionsByText(files).map(({code, index}) => ({code, path: `files[${index}]`}))
}

describe('path collisions', () => {
  it('compared by hash, find exactly what comparing every path as text finds, in the same order', () => {
    const seen = new Map<string, number>()
    fc.assert(
      fc.property(fc.array(file, {maxLength: 40}), (files) => {
        const found = issuesOf(files).map(({code, path}) => ({code, path}))
        expect(found).toEqual(expectedIssues(files))
        for (const code of new Set(found.map((issue) => issue.code))) seen.set(code, (seen.get(code) ?? 0) + 1)
      }),
      {numRuns: 2000},
    )
    // Not vacuous: each kind of collision turned up in many lists.
    for (const code of ['path-duplicate', 'path-duplicate-case-insensitive', 'path-file-directory-collision']) expect(seen.get(code)).toBeGreaterThan(40)
  })

  it('when only errors are wanted, find the same errors, in order or not, and leave out only case-insensitive repeats', () => {
    let skipped = 0
    let inOrderWithErrors = 0
    fc.assert(
      fc.property(fc.array(mostlyCleanFile, {maxLength: 12}), fc.boolean(), (drawn, sorted) => {
        // Sorted half of the time: the order create writes, where the check can skip hashing.
        const files = sorted ? [...drawn].sort(treeOrder) : drawn
        const all = parsedIssues(files, false)
        const errorsOnly = parsedIssues(files, true)
        const errors = (issues: IssueList['issues']) => issues.filter((issue) => issue.severity === 'error')
        expect(errors(errorsOnly)).toEqual(errors(all))
        const missing = all.filter((issue) => !errorsOnly.some((kept) => kept.code === issue.code && kept.path === issue.path))
        expect(missing.every((issue) => issue.code === 'path-duplicate-case-insensitive')).toBe(true)
        if (missing.length > 0) skipped++
        const codes = errors(all).map((issue) => issue.code)
        if (sorted && codes.length > 0 && codes.every((code) => code === 'path-duplicate' || code === 'path-file-directory-collision')) inOrderWithErrors++
      }),
      {numRuns: 4000},
    )
    // Not vacuous (about 60 and 670 of 4,000 lists): sorted lists skipped the hashing (and so their
    // case-insensitive repeats), and sorted lists of clean paths that collide had the collisions found.
    expect(skipped).toBeGreaterThan(25)
    expect(inOrderWithErrors).toBeGreaterThan(200)
  })

  it('fall back to the text comparison, with the same verdicts, when the hash lookups run over budget', () => {
    const files = ['a', 'A', 'a/b', 'a', 'c/d/e', 'c/d'].map((path): TorrentFile => ({path: path.split('/').map((part) => Buffer.from(part)), padding: false, length: 1, attr: ''}))
    expect(issuesOf(files, 0)).toEqual(issuesOf(files))
    expect(issuesOf(files).map(({code, path}) => [code, path])).toEqual([
      ['path-duplicate-case-insensitive', 'files[1]'],
      ['path-duplicate', 'files[3]'],
      ['path-file-directory-collision', 'files[0]'],
      ['path-file-directory-collision', 'files[5]'],
    ])
  })

  it('report a file where a folder is needed, whether the folder comes from an element with a / inside', () => {
    const files: TorrentFile[] = [
      {path: [Buffer.from('x/y'), Buffer.from('z')], padding: false, length: 1, attr: ''},
      {path: [Buffer.from('x')], padding: false, length: 1, attr: ''},
      {path: [Buffer.from('x'), Buffer.from('y')], padding: false, length: 1, attr: ''},
    ]
    expect(issuesOf(files).map(({code, path}) => [code, path])).toEqual([
      ['path-file-directory-collision', 'files[1]'],
      ['path-file-directory-collision', 'files[2]'],
    ])
  })
})
