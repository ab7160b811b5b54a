import {describe, expect, it} from 'vitest'
import {failureMessage, pieceRanges, renderVerifyLines, renderVerifySummary} from '../../src/cli/render/verify-report.js'
import {renderVerifyTable} from '../../src/cli/render/verify-table.js'
import type {VerifyReport} from '../../src/core/verify/verify-report.js'

const report: VerifyReport = {
  ok: false,
  metaVersion: 'v1',
  content: '/data/release',
  pieces: {total: 50, checked: 50, good: 44, bad: [12, 13, 14, 15, 40, 41], inconsistent: []},
  files: [
    {path: 'a.mkv', length: 1000, status: 'corrupt', badPieces: [12, 13, 14, 15, 40], diskLength: 1000, detail: null, bytesGood: 600},
    {path: 'b\tc.nfo', length: 10, status: 'missing', badPieces: [41], diskLength: null, detail: null, bytesGood: 0},
    {path: 'd.txt', length: 20, status: 'short', badPieces: [41], diskLength: 3, detail: '3 of 20 bytes, 0 intact', bytesGood: 0},
    {path: 'e.txt', length: 5, status: 'ok', badPieces: [], diskLength: 5, detail: null, bytesGood: 5},
  ],
  name: 'release',
  fast: false,
  bytesVerified: 2_000_000,
  extraFiles: ['notes.txt', 'old/'],
  bytesHashed: 2_000_000,
  bytesGood: 605,
  hint: null,
}

describe('pieceRanges', () => {
  it.each([
    [[], ''],
    [[7], '7'],
    [[12, 13, 14, 15, 40], '12-15, 40'],
    [[0, 2, 3, 5, 6, 7], '0, 2-3, 5-7'],
  ])('writes %j as %j', (pieces, text) => {
    expect(pieceRanges(pieces)).toBe(text)
  })
})

describe('renderVerifyLines', () => {
  it('prints one tab-separated record per line, the files not OK only, names escaped', () => {
    expect(renderVerifyLines(report, false)).toBe(
      [
        'content\t/data/release',
        'meta version\tv1',
        'file\tcorrupt\ta.mkv\t12-15, 40\t',
        'file\tmissing\tb\\tc.nfo\t41\t',
        'file\tshort\td.txt\t41\t3 of 20 bytes, 0 intact',
        'extra\tnotes.txt',
        'extra\told/',
        'files ok\t1\t4',
        'pieces ok\t44\t50',
        'bytes verified\t2000000',
        'bytes hashed\t2000000',
        'bytes good\t605\t1035',
        'result\tproblems',
        '',
      ].join('\n'),
    )
  })

  it('lists every file with verbose', () => {
    expect(renderVerifyLines(report, true)).toContain('file\tok\te.txt\t\t\n')
  })

  it('marks a sizes-only run, skipped files and inconsistent pieces', () => {
    const lines = renderVerifyLines(
      {
        ...report,
        ok: false,
        fast: true,
        bytesGood: null,
        metaVersion: 'hybrid',
        pieces: {...report.pieces, inconsistent: [3, 4]},
        files: [{...report.files[3]!, status: 'skipped'}],
        extraFiles: [],
      },
      false,
    )
    expect(lines).toBe(
      [
        'content\t/data/release',
        'meta version\thybrid',
        'fast\tyes',
        'file\tskipped\te.txt\t\t',
        'inconsistent\t3-4',
        'files ok\t0\t1',
        'files skipped\t1',
        'pieces ok\t44\t50',
        'bytes verified\t2000000',
        'bytes hashed\t2000000',
        'result\tinconsistent',
        '',
      ].join('\n'),
    )
  })
})

describe('renderVerifyTable', () => {
  it('shows a table of the files not OK, the extra entries and the summary line', () => {
    expect(renderVerifyTable(report, {color: false, verbose: false, seconds: 0.5})).toBe(
      [
        '┌──────────┬─────────┬────────────┬─────────────────────────┐',
        '│ file     │ status  │ bad pieces │ detail                  │',
        '├──────────┼─────────┼────────────┼─────────────────────────┤',
        '│ a.mkv    │ corrupt │ 12-15, 40  │                         │',
        '│ b\\tc.nfo │ missing │ 41         │                         │',
        '│ d.txt    │ short   │ 41         │ 3 of 20 bytes, 0 intact │',
        '└──────────┴─────────┴────────────┴─────────────────────────┘',
        '2 extra entries in the content folder, not in the torrent (not a failure): notes.txt, old/',
        '1 of 4 files OK, 44 of 50 pieces OK (605 B of 1.0 KiB good); 1.9 MiB hashed in 0.50 s (4.0 MB/s)',
        '',
      ].join('\n'),
    )
  })

  it('shows only the summary when every file is OK', () => {
    const good: VerifyReport = {...report, ok: true, pieces: {...report.pieces, good: 50, bad: []}, files: [report.files[3]!], extraFiles: [], bytesGood: 5}
    expect(renderVerifyTable(good, {color: false, verbose: false, seconds: 2})).toBe('1 of 1 files OK, 50 of 50 pieces OK (5 B of 5 B good); 1.9 MiB hashed in 2.00 s (1.0 MB/s)\n')
  })
})

describe('renderVerifySummary and failureMessage', () => {
  it('says a sizes-only run hashed nothing', () => {
    expect(renderVerifySummary({...report, fast: true}, 0.1)).toBe('1 of 4 files OK by size (--fast: no piece was hashed)\n')
  })

  it('counts the failed files by status', () => {
    expect(failureMessage(report)).toBe('3 of 4 files failed verification (1 corrupt, 1 missing, 1 short) in /data/release')
  })

  it('names inconsistent pieces as a fault of the torrent', () => {
    expect(failureMessage({...report, pieces: {...report.pieces, inconsistent: [7]}})).toBe(
      'the torrent is internally inconsistent: piece 7 passes one of its v1 (SHA-1) and v2 (SHA-256) hashes and fails the other, so the two describe different data',
    )
  })

  it('with a hint that the content path is the save path, says so instead of counting missing files', () => {
    const hint = {code: 'content-is-save-path' as const, path: '/data/release', message: 'm'}
    expect(failureMessage({...report, content: '/data', hint})).toBe("the torrent's content is not at /data, which holds /data/release: did you mean --save-path /data?")
  })

  it('has nothing to say of an OK report', () => {
    expect(failureMessage({...report, ok: true})).toBeUndefined()
  })
})
