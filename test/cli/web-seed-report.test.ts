import {describe, expect, it} from 'vitest'
import {renderWebSeedLines, webSeedFailureMessage} from '../../src/cli/render/web-seed-report.js'
import {renderWebSeedTable} from '../../src/cli/render/web-seed-table.js'
import type {WebSeedResult, WebSeedVerifyReport} from '../../src/core/remote/web-seed-report.js'

const broken: WebSeedResult = {
  url: 'https://***:***@m1.example/pub/',
  ok: false,
  error: null,
  notes: [],
  rangeSupport: true,
  pieces: {total: 44, checked: 12, good: 10, bad: [3, 4], inconsistent: []},
  files: [
    {path: 'a\tb.bin', url: 'https://***:***@m1.example/pub/r/a%09b.bin', length: 100, status: 'corrupt', badPieces: [3, 4], remoteLength: 100, detail: null},
    {path: 'c.bin', url: 'https://***:***@m1.example/pub/r/c.bin', length: 5, status: 'ok', badPieces: [], remoteLength: 5, detail: null},
  ],
  bytesHashed: 1536,
  bytesGood: 1280,
}
const ftp: WebSeedResult = {
  url: 'ftp://m2.example/pub/',
  ok: false,
  error: 'ftp is not supported: web seeds are http or https',
  notes: [],
  rangeSupport: null,
  pieces: {total: 44, checked: 0, good: 0, bad: [], inconsistent: []},
  files: [],
  bytesHashed: 0,
  bytesGood: 0,
}
const report: WebSeedVerifyReport = {ok: false, metaVersion: 'v1', name: 'r', fast: false, sample: {pieces: 10, seed: 42}, webSeeds: [broken, ftp]}

describe('web seed report rendering', () => {
  it('a table per web seed on a terminal, with the sample note last', () => {
    expect(renderWebSeedTable(report, {color: false, verbose: false})).toBe(
      [
        'web seed https://***:***@m1.example/pub/',
        '┌──────────┬─────────┬────────────┬────────┬────────────────────────────────────────────┐',
        '│ file     │ status  │ bad pieces │ detail │ url                                        │',
        '├──────────┼─────────┼────────────┼────────┼────────────────────────────────────────────┤',
        '│ a\\tb.bin │ corrupt │ 3-4        │        │ https://***:***@m1.example/pub/r/a%09b.bin │',
        '└──────────┴─────────┴────────────┴────────┴────────────────────────────────────────────┘',
        '1 of 2 files OK, 10 of 12 pieces OK (12 of 44 checked), 1.5 KiB hashed',
        'web seed ftp://m2.example/pub/',
        'not checked: ftp is not supported: web seeds are http or https',
        'Sampled 10 random pieces and the first and last piece of every file with seed 42; repeat with --sample 10 --seed 42',
        '',
      ].join('\n'),
    )
  })

  it('piped lines, escaped, with the not-checked web seed', () => {
    expect(renderWebSeedLines(report, false)).toBe(
      [
        'meta version\tv1',
        'sample\t10\t42',
        'web seed\thttps://***:***@m1.example/pub/',
        'range support\tyes',
        'file\tcorrupt\ta\\tb.bin\t3-4\t\thttps://***:***@m1.example/pub/r/a%09b.bin',
        'files ok\t1\t2',
        'pieces ok\t10\t44',
        'pieces checked\t12',
        'bytes hashed\t1536',
        'bytes good\t1280',
        'web seed result\tproblems',
        'web seed\tftp://m2.example/pub/',
        'error\tftp is not supported: web seeds are http or https',
        'web seed result\tnot-checked',
        'result\tproblems',
        '',
      ].join('\n'),
    )
  })

  it('one error line naming each failed web seed', () => {
    expect(webSeedFailureMessage(report)).toBe('2 of 2 web seeds failed verification: https://***:***@m1.example/pub/ (1 corrupt); ftp://m2.example/pub/ (not checked)')
  })
})
