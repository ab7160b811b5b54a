import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import type {TorrentFile} from '../../../src/core/metainfo/metainfo.js'
import {checkPathCollisions, collisionsByText} from '../../../src/core/metainfo/path-collisions.js'
import {IssueList} from '../../../src/core/metainfo/validation-issue.js'

/** Elements that collide often: few letters, both cases, a '/' inside an element, non-ASCII that folds (Kelvin sign, É). */
const element = fc
  .oneof(fc.constantFrom('a', 'A', 'b', 'B', 'a/b', 'A/b', '', 'é', 'É', '\u212a', 'k', 'K'), fc.string({unit: fc.constantFrom('a', 'A', '/', 'é'), maxLength: 3}))
  .map((text) => Buffer.from(text, 'utf8'))
const file = fc.record({path: fc.array(element, {maxLength: 2}), padding: fc.oneof({weight: 4, arbitrary: fc.constant(false)}, fc.constant(true))}).map(
  ({path, padding}): TorrentFile => ({path, padding, length: 1, attr: padding ? 'p' : ''}),
)

function issuesOf(files: TorrentFile[], budget?: number): IssueList['issues'] {
  const issues = new IssueList()
  checkPathCollisions(files, (index) => `files[${index}]`, issues, budget)
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
