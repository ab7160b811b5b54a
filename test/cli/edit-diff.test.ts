import {describe, expect, it} from 'vitest'
import {renderEditDiff} from '../../src/cli/render/edit-diff.js'

const V2 = 'ab'.repeat(32)

describe('renderEditDiff', () => {
  it('escapes control characters, so a comment with a newline stays on one line', () => {
    const text = renderEditDiff({
      input: 'a.torrent',
      output: 'b.torrent',
      changes: [{field: 'comment', before: 'line 1\nline 2', after: 'tab\there'}],
      before: {infoHash: null, infoHashV2: V2},
      after: {infoHash: null, infoHashV2: V2},
    })
    expect(text).toBe(['a.torrent -> b.torrent', '  comment', '    - line 1\\nline 2', '    + tab\\there', `  info hash v2: ${V2} (unchanged)`, ''].join('\n'))
  })

  it('shows removed and added web seeds one per line, and private as yes or no', () => {
    const text = renderEditDiff({
      input: 'a.torrent',
      output: null,
      changes: [
        {field: 'webSeeds', before: ['http://a/', 'http://b/'], after: ['http://b/', 'http://c/']},
        {field: 'private', before: true, after: false},
      ],
      before: {infoHash: '1'.repeat(40), infoHashV2: null},
      after: {infoHash: '2'.repeat(40), infoHashV2: null},
    })
    expect(text).toBe(
      [
        'a.torrent',
        '  web seeds',
        '    - http://a/',
        '      http://b/',
        '    + http://c/',
        '  private',
        '    - yes',
        '    + no',
        '  info hash (changes: info was edited)',
        `    - ${'1'.repeat(40)}`,
        `    + ${'2'.repeat(40)}`,
        '',
      ].join('\n'),
    )
  })
})
