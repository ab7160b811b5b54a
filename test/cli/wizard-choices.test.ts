import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {pathChoices} from '../../src/cli/create/path-choices.js'
import {pieceLengthChoices} from '../../src/cli/create/piece-length-choices.js'
import {promptBlocker} from '../../src/cli/prompts.js'
import {renderCommandLine, shellQuote} from '../../src/cli/render/command-line.js'
import {formatBytes} from '../../src/core/bytes.js'
import {autoPieceLength, padBytesFor, pieceCountFor} from '../../src/core/content/piece-length.js'
import {type TempTree, makeTempTree} from '../helpers/temp-tree.js'

let tree: TempTree
beforeAll(async () => {
  tree = await makeTempTree({'album/a.bin': 2048, 'album/b.txt': 'b', 'alpha.txt': 'x', 'beta/c.txt': 'c'}, {rootName: 'box'})
})
afterAll(() => tree.cleanup())

describe('pathChoices', () => {
  it('lists the entries starting with the typed text, folders with a trailing slash', async () => {
    const choices = await pathChoices('al', tree.root)
    expect(choices.map((choice) => [choice.value, choice.name, choice.description])).toEqual([
      ['album', 'album/', 'a folder'],
      ['alpha.txt', 'alpha.txt', 'a file of 1 B'],
    ])
  })

  it('offers the typed path itself first when it exists, then what is inside a folder', async () => {
    const choices = await pathChoices('album/', tree.root)
    expect(choices.map((choice) => choice.name)).toEqual(['album/', 'album/a.bin', 'album/b.txt'])
  })

  it('shows a path that names nothing as a disabled line', async () => {
    expect(await pathChoices('album/zz', tree.root)).toEqual([{value: 'album/zz', name: 'album/zz', disabled: '(no such file or folder)'}])
  })
})

describe('pieceLengthChoices', () => {
  const lengths = [5_000_000, 3_000_000, 70_000]

  it('puts auto first, with the length and piece count autoPieceLength gives', () => {
    const auto = autoPieceLength({metaVersion: 'v2', fileLengths: lengths})
    const [first] = pieceLengthChoices('v2', lengths)
    expect(first).toEqual({value: 'auto', name: `auto: ${formatBytes(auto.pieceLength)}, ${auto.pieceCount.toLocaleString('en-US')} pieces`, description: auto.reason})
  })

  it('offers powers of two around auto, each with its piece count, as values -l accepts', () => {
    const auto = autoPieceLength({metaVersion: 'v1', fileLengths: lengths}).pieceLength
    const rest = pieceLengthChoices('v1', lengths).slice(1)
    const expected = [-3, -2, -1, 1, 2, 3]
      .map((step) => auto * 2 ** step)
      .filter((length) => length >= 16 * 1024)
      .map((length) => ({value: `${length / 1024}KiB`, name: `${length / 1024} KiB: ${pieceCountFor('v1', lengths, length).toLocaleString('en-US')} pieces`}))
    expect(rest).toEqual(expected)
  })

  it('shows the padding share of each choice for a hybrid', () => {
    const total = lengths.reduce((sum, length) => sum + length, 0)
    const choice = pieceLengthChoices('hybrid', lengths).find((candidate) => candidate.value === '64KiB')
    const share = Math.round((padBytesFor(lengths, 65_536) / total) * 100)
    expect(choice?.name).toBe(`64 KiB: ${pieceCountFor('hybrid', lengths, 65_536)} pieces, padding ${share}% of the payload`)
  })
})

describe('promptBlocker', () => {
  const tty = {stdinIsTTY: true, stdoutIsTTY: true, json: false, yes: false}
  it.each([
    ['a terminal on both', tty, undefined],
    ['stdin piped', {...tty, stdinIsTTY: false}, 'a terminal on stdin and stdout'],
    ['stdout piped', {...tty, stdoutIsTTY: false}, 'a terminal on stdin and stdout'],
    ['--json', {...tty, json: true}, 'no --json'],
    ['--yes', {...tty, yes: true}, 'no --yes'],
  ])('with %s says %s', (_label, context, expected) => {
    expect(promptBlocker(context)).toBe(expected)
  })
})

describe('shellQuote', () => {
  it('leaves plain words alone and single-quotes the rest, escaping single quotes', () => {
    expect(['udp://t.example:1/a?x=1', 'a b', "it's", '', '$HOME', '-l', '64KiB'].map(shellQuote)).toEqual([
      "'udp://t.example:1/a?x=1'",
      "'a b'",
      "'it'\\''s'",
      "''",
      "'$HOME'",
      '-l',
      '64KiB',
    ])
  })

  it('gives back the words when a POSIX shell splits the line', async () => {
    const {execFileSync} = await import('node:child_process')
    const words = ['create', "it's", 'a b', '*', '$x', '`id`', 'plain']
    const printed = execFileSync('sh', ['-c', `printf '%s\\n' ${renderCommandLine(words)}`], {encoding: 'utf8'})
    expect(printed.split('\n').slice(0, -1)).toEqual(words)
  })
})
