import {describe, expect, it} from 'vitest'
import {closestCommand, editDistance, splitCommandId} from '../../src/cli/closest-command.js'

const COMMANDS = ['classic', 'completion', 'create', 'edit', 'info', 'magnet', 'piece-length', 'verify', 'help']

describe('closestCommand', () => {
  it.each([
    ['creat', 'create'],
    ['craete', 'create'],
    ['Create', 'create'],
    ['verfy', 'verify'],
    ['inof', 'info'],
    ['magent', 'magnet'],
    ['pice-length', 'piece-length'],
    ['comp', 'completion'],
    ['pi', 'piece-length'],
    ['edti', 'edit'],
  ])('suggests %s -> %s', (word, command) => {
    expect(closestCommand(word, COMMANDS)).toBe(command)
  })

  it.each(['foo', 'c', 'nosuch', 'xyzzy', 'torrent'])('suggests nothing for %s', (word) => {
    expect(closestCommand(word, COMMANDS)).toBeUndefined()
  })
})

describe('editDistance', () => {
  it.each([
    ['', 'abc', 3],
    ['abc', 'abc', 0],
    ['abc', 'acb', 1],
    ['kitten', 'sitting', 3],
  ])('%s -> %s is %i', (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance)
  })
})

describe('splitCommandId', () => {
  const paths = new Set(['al:bum', 'dir'])
  const exists = (path: string): boolean => paths.has(path)

  it.each<[string, string[]]>([
    ['creat:data', ['creat', 'data']],
    ['creat', ['creat']],
    ['-a', ['-a']],
    ['al:bum', ['al:bum']],
    ['al:bum:extra', ['al:bum', 'extra']],
    ['dir:x:y', ['dir', 'x', 'y']],
  ])('%s is %j', (id, words) => {
    expect(splitCommandId(id, exists)).toEqual(words)
  })
})
