import {describe, expect, it} from 'vitest'
import {compileGlobs} from '../../../src/core/content/glob.js'

type Case = [pattern: string, path: string, isDirectory: boolean, expected: boolean]

const cases: Case[] = [
  // A name without '/' matches at any depth.
  ['*.log', 'a.log', false, true],
  ['*.log', 'deep/er/a.log', false, true],
  ['*.log', 'a.log.txt', false, false],
  ['*.log', 'logs', true, false],
  ['cache', 'cache', true, true],
  ['cache', 'a/b/cache', true, true],
  ['cache', 'a/cache/file', false, false],
  ['.*', '.hidden', false, true],
  ['*', 'anything/at/all', false, true],
  // '*' and '?' never cross '/'.
  ['a*', 'a/b', false, false],
  ['a*', 'abc', false, true],
  ['a?c', 'abc', false, true],
  ['a?c', 'ac', false, false],
  ['a?c', 'a/c', false, false],
  ['?', '😀', false, true],
  ['??', '😀', false, false],
  ['*.txt', '中文.txt', false, true],
  // A '/' anchors the pattern at the top folder; a leading '/' is allowed.
  ['docs/*.md', 'docs/a.md', false, true],
  ['docs/*.md', 'x/docs/a.md', false, false],
  ['docs/*.md', 'docs/sub/a.md', false, false],
  ['/top.txt', 'top.txt', false, true],
  ['/top.txt', 'sub/top.txt', false, false],
  ['sub/x', 'sub/x', false, true],
  ['sub/x', 'sub/x/y', false, false],
  // '**' matches zero or more folders.
  ['**/x', 'x', false, true],
  ['**/x', 'a/b/c/x', false, true],
  ['a/**/b', 'a/b', false, true],
  ['a/**/b', 'a/1/2/3/b', false, true],
  ['a/**/b', 'a/1/2/3/c', false, false],
  ['a/**/b', 'z/a/b', false, false],
  ['cache/**', 'cache/a/b', false, true],
  ['cache/**', 'cache', true, true],
  ['a/**/**/b', 'a/b', false, true],
  ['**/**/**/z', 'a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p/z', false, true],
  ['a**b', 'a-x-b', false, true],
  ['a**b', 'a/b', false, false],
  // Character classes.
  ['[abc].txt', 'b.txt', false, true],
  ['[abc].txt', 'd.txt', false, false],
  ['file[0-9]', 'file7', false, true],
  ['file[0-9]', 'fileA', false, false],
  ['[!a]*', 'apple', false, false],
  ['[!a]*', 'banana', false, true],
  ['[^a]*', 'banana', false, true],
  ['[]]', ']', false, true],
  ['[a-]', '-', false, true],
  ['[', '[', false, true],
  ['x[', 'x[', false, true],
  ['[.]*', '.x', false, true],
  // A trailing '/' matches folders only.
  ['build/', 'build', true, true],
  ['build/', 'build', false, false],
  ['build/', 'src/build', true, true],
  ['/build/', 'src/build', true, false],
  // Case-sensitive.
  ['*.TXT', 'a.txt', false, false],
  ['Readme', 'README', false, false],
  // Regex characters are literal.
  ['a+b(1).txt', 'a+b(1).txt', false, true],
  ['a.b', 'axb', false, false],
  ['$x^{1}|y', '$x^{1}|y', false, true],
  // Backslash escapes.
  ['\\*', '*', false, true],
  ['\\*', 'x', false, false],
  ['a\\,b', 'a,b', false, true],
  ['\\[a]', '[a]', false, true],
]

describe('compileGlobs', () => {
  it.each(cases)('%j on %j (folder: %j) is %j', (pattern, path, isDirectory, expected) => {
    expect(compileGlobs([pattern])(path, isDirectory)).toBe(expected)
  })

  it('matches when any of several patterns matches', () => {
    const match = compileGlobs(['*.nfo', 'sample/'])
    expect([match('a.nfo', false), match('sample', true), match('a.mkv', false)]).toEqual([true, true, false])
  })

  it('splits patterns on commas and trims the parts', () => {
    const match = compileGlobs(['*.nfo, *.txt,,'])
    expect([match('a.nfo', false), match('b.txt', false), match('c.mkv', false)]).toEqual([true, true, false])
  })

  it('matches nothing without patterns', () => {
    expect(compileGlobs([])('anything', false)).toBe(false)
    expect(compileGlobs([' , '])('anything', false)).toBe(false)
  })

  it.each([['/'], ['//'], ['[z-a]']])('rejects %j with a usage error', (pattern) => {
    expect(() => compileGlobs([pattern])).toThrow(expect.objectContaining({code: 'invalid-glob', exitCode: 2}))
  })

  it('stays linear with many ** against a deep path', () => {
    const pattern = Array.from({length: 30}, () => '**').join('/') + '/nomatch'
    const path = Array.from({length: 200}, (_, index) => `d${index}`).join('/')
    const started = performance.now()
    expect(compileGlobs([pattern])(path, false)).toBe(false)
    // A hang guard (it takes milliseconds): backtracking over 30 ** would take years.
    expect(performance.now() - started).toBeLessThan(20_000)
  })
})
