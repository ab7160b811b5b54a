import {describe, expect, it} from 'vitest'
import {type DiffLine, diffLines} from '../../src/cli/render/line-diff.js'

const show = (lines: DiffLine[]): string[] => lines.map((line) => `${line.op}${line.text}`)

describe('diffLines', () => {
  const table: Array<{name: string; before: string[]; after: string[]; expected: string[]}> = [
    {name: 'keeps equal lists as they are', before: ['a', 'b'], after: ['a', 'b'], expected: [' a', ' b']},
    {name: 'marks an appended line', before: ['a'], after: ['a', 'b'], expected: [' a', '+b']},
    {name: 'marks a removed line in the middle', before: ['a', 'b', 'c'], after: ['a', 'c'], expected: [' a', '-b', ' c']},
    {name: 'puts the removal before the addition for a changed line', before: ['a', 'b', 'c'], after: ['a', 'x', 'c'], expected: [' a', '-b', '+x', ' c']},
    {name: 'shows everything removed', before: ['a', 'b'], after: [], expected: ['-a', '-b']},
    {name: 'shows everything added', before: [], after: ['a'], expected: ['+a']},
    {name: 'keeps the longest common run when lines move', before: ['a', 'b', 'c'], after: ['c', 'a', 'b'], expected: ['+c', ' a', ' b', '-c']},
  ]

  it.each(table)('$name', ({before, after, expected}) => {
    expect(show(diffLines(before, after))).toEqual(expected)
  })
})
