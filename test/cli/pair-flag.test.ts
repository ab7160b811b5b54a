import {describe, expect, it} from 'vitest'
import {takePairFlag} from '../../src/cli/pair-flag.js'
import {UsageError} from '../../src/core/errors.js'

const FLAG = '--replace-announce'

describe('takePairFlag', () => {
  it('takes each OLD NEW pair out and leaves the other arguments in order', () => {
    expect(takePairFlag(['a.torrent', FLAG, 'http://o/1', 'http://n/1', '-o', 'x', FLAG, 'http://o/2', 'http://n/2', 'b.torrent'], FLAG)).toEqual({
      pairs: [
        ['http://o/1', 'http://n/1'],
        ['http://o/2', 'http://n/2'],
      ],
      rest: ['a.torrent', '-o', 'x', 'b.torrent'],
    })
  })

  it('accepts the --flag=OLD NEW form that --help shows', () => {
    expect(takePairFlag([`${FLAG}=http://o/`, 'http://n/', 'a.torrent'], FLAG)).toEqual({pairs: [['http://o/', 'http://n/']], rest: ['a.torrent']})
  })

  it('leaves everything after -- alone', () => {
    expect(takePairFlag(['--', FLAG, 'a', 'b'], FLAG)).toEqual({pairs: [], rest: ['--', FLAG, 'a', 'b']})
  })

  it.each([
    {name: 'no values', argv: [FLAG]},
    {name: 'one value', argv: [FLAG, 'http://o/']},
    {name: 'a flag as the new value', argv: [FLAG, 'http://o/', '--in-place']},
    {name: 'an empty joined value', argv: [`${FLAG}=`, 'http://n/']},
  ])('refuses $name with a usage error', ({argv}) => {
    expect(() => takePairFlag(argv, FLAG)).toThrow(UsageError)
    expect(() => takePairFlag(argv, FLAG)).toThrow(`${FLAG} takes two values: ${FLAG} OLD NEW`)
  })
})
