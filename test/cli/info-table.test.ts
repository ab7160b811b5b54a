import {readFile} from 'node:fs/promises'
import {describe, expect, it} from 'vitest'
import {renderFileTree} from '../../src/cli/render/file-tree.js'
import {renderInfoTable} from '../../src/cli/render/info-table.js'
import {renderIssues} from '../../src/cli/render/issues.js'
import {inspectTorrent} from '../../src/core/use-cases/inspect-torrent.js'

async function fixtureReport(name: string) {
  return inspectTorrent(await readFile(`fixtures/torrents/${name}`)).report
}

describe('terminal rendering of info', () => {
  it('shows the summary table, magnet link, file tree and issues of a single-file torrent', async () => {
    const report = await fixtureReport('mktorrent-single.torrent')
    expect(renderInfoTable(report, {color: false, padding: false, singleFile: true})).toBe(
      [
        '┌──────────────┬──────────────────────────────────────────┐',
        '│ name         │ single.bin                               │',
        '│ meta version │ v1                                       │',
        `│ info hash    │ ${report.infoHash} │`,
        '│ total size   │ 97.7 KiB (100,000 bytes)                 │',
        '│ pieces       │ 4 of 32 KiB                              │',
        '│ private      │ no                                       │',
        '│ created by   │ mktorrent 1.1                            │',
        '│ trackers     │ tier 1: http://tracker.example/announce  │',
        '└──────────────┴──────────────────────────────────────────┘',
        `magnet ${report.magnet}`,
        '',
        'single.bin  97.7 KiB',
        '',
        'No issues found.',
        '',
      ].join('\n'),
    )
  })

  it('draws nested folders in torrent order and says how many pads it hides', async () => {
    const report = await fixtureReport('lt-hybrid-tree.torrent')
    const text = renderInfoTable(report, {color: false, padding: false, singleFile: false})
    expect(text).toContain(
      [
        'tree/  (12 files, 163 KiB)',
        '├── B.txt  300 B',
        '├── a.txt  1000 B',
        '├── empty.dat  0 B',
        '├── exact.bin  32 KiB',
        '├── nested/',
        '│   └── a/',
        '│       └── b/',
        '│           └── c.txt  123 B',
        '├── over.bin  32.0 KiB',
        '├── sub/',
        '│   ├── deeper/',
        '│   │   └── leaf.txt  6.8 KiB',
        '│   └── x  5 B',
        '├── sub.txt  39.1 KiB',
        '├── 数据.bin  48.8 KiB',
        '├── Ｚ wide.txt  900 B',
        '└── 😀 smile.txt  2.0 KiB',
        '(10 pad files hidden; --padding shows them)',
      ].join('\n'),
    )
  })

  it('escapes control characters in names so they cannot rewrite the terminal', () => {
    const text = renderFileTree('evil', false, [{path: 'a\u001B[2Jb.txt', length: 1, padding: false, attr: ''}])
    expect(text).toBe('evil/  (1 files, 1 B)\n└── a\\u001b[2Jb.txt  1 B\n')
  })

  it('lists errors before warnings, coloured only when asked', () => {
    const issues = [
      {severity: 'warning' as const, code: 'w', path: 'p', message: 'careful'},
      {severity: 'error' as const, code: 'e', path: 'p', message: 'broken'},
    ]
    expect(renderIssues(issues, false)).toBe('Issues: 1 error(s), 1 warning(s)\n  error   broken [e]\n  warning careful [w]\n')
    expect(renderIssues(issues, true)).toContain('\u001B[31merror  \u001B[0m broken [e]')
  })
})
