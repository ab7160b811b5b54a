import {describe, expect, it} from 'vitest'
import {pieceCount, totalLength} from '../../../src/core/metainfo/metainfo.js'
import {parseMetainfo} from '../../../src/core/metainfo/parse-metainfo.js'
import {torrentReport} from '../../../src/core/metainfo/torrent-report.js'
import {
  type IssueKey,
  KiB,
  type V1Entry,
  type V2Entry,
  encode,
  error,
  hybridInfo,
  hybridV1Entries,
  issueKeys,
  payload,
  rawDict,
  sha1,
  sha256,
  sortIssues,
  torrentWithRawInfo,
  treeOrder,
  v1MultiInfo,
  v1Pad,
  v1SingleInfo,
  v2File,
  v2Info,
  v2Torrent,
  warning,
} from '../../helpers/torrent-builder.js'

const L = 32 * KiB

/** The data set of spec.md 5.2 (libtorrent 2.0.8 hybrid, 32 KiB pieces), in tree order. */
function dataSet(): V2Entry[] {
  return treeOrder([
    v2File('big.bin', payload(100_000, 1)),
    v2File('small.txt', payload(5000, 2)),
    v2File('empty.dat', Buffer.alloc(0)),
    v2File('exact.bin', payload(32_768, 3)),
    v2File('sub/inner.bin', payload(70_000, 4)),
    v2File('sub/a b.txt', payload(1, 5)),
    v2File('sub.txt', payload(40_000, 6)),
  ])
}

/** Σ ceil(length / L) over the files: the v2 piece count (spec.md 4.2). */
const V2_PIECES = 4 + 0 + 1 + 1 + 1 + 3 + 2

function hybrid(v1Entries?: V1Entry[], tailPad = true): Buffer {
  const {info, layers} = hybridInfo('data', dataSet(), L, {tailPad, v1Entries})
  return v2Torrent(info, layers)
}

const describeEntry = (entry: V1Entry): string =>
  `${entry.path.map((element) => Buffer.from(element as string | Uint8Array).toString()).join('/')} (${entry.data.length})${entry.attr === 'p' ? ' [p]' : ''}`

function issuesOf(bytes: Uint8Array): IssueKey[] {
  return issueKeys(parseMetainfo(bytes).issues)
}

describe('hybrid torrents: valid layouts', () => {
  it('builds the v1 list exactly as libtorrent 2.0.8 does (spec.md 5.2), tail pad included', () => {
    expect(hybridV1Entries(dataSet(), L).map(describeEntry)).toEqual([
      'big.bin (100000)',
      '.pad/31072 (31072) [p]',
      'empty.dat (0)',
      'exact.bin (32768)',
      'small.txt (5000)',
      '.pad/27768 (27768) [p]',
      'sub/a b.txt (1)',
      '.pad/32767 (32767) [p]',
      'sub/inner.bin (70000)',
      '.pad/28304 (28304) [p]',
      'sub.txt (40000)',
      '.pad/25536 (25536) [p]',
    ])
  })

  it('a libtorrent 2.0.8 hybrid (tail pad included) has no issues', () => {
    expect(issuesOf(hybrid())).toEqual([])
  })

  it('a hybrid without the tail pad (libtorrent < 2.0.8, the BEP 52 reference creator) has no issues', () => {
    const entries = hybridV1Entries(dataSet(), L, false)
    expect(describeEntry(entries.at(-1)!)).toBe('sub.txt (40000)')
    expect(issuesOf(hybrid(entries))).toEqual([])
  })

  it('a hybrid with the empty file before the previous pad has no issues', () => {
    const entries = hybridV1Entries(dataSet(), L)
    const [pad, empty] = [entries[1]!, entries[2]!]
    entries.splice(1, 2, empty, pad)
    expect(describeEntry(entries[1]!)).toBe('empty.dat (0)')
    expect(issuesOf(hybrid(entries))).toEqual([])
  })

  it('pads marked attr p need no `.pad/N` path (BEP 47)', () => {
    const entries = hybridV1Entries(dataSet(), L).map((entry, index) => (entry.attr === 'p' ? v1Pad(entry.data.length, index % 2 ? [] : ['pad']) : entry))
    expect(issuesOf(hybrid(entries))).toEqual([])
  })

  it('hashes: SHA-1 and SHA-256 of the same info span, and the v2 piece count', () => {
    const {info, layers} = hybridInfo('data', dataSet(), L)
    const bytes = v2Torrent(info, layers)
    const {metainfo, issues} = parseMetainfo(bytes)
    expect(issues).toEqual([])
    expect(metainfo.metaVersion).toBe('hybrid')
    const infoBytes = encode(info)
    expect(bytes.includes(infoBytes)).toBe(true)
    expect(Buffer.from(metainfo.infoHash!)).toEqual(sha1(infoBytes))
    expect(Buffer.from(metainfo.infoHashV2!)).toEqual(sha256(infoBytes))
    expect(pieceCount(metainfo)).toBe(V2_PIECES)
    expect(totalLength(metainfo)).toBe(100_000 + 5000 + 32_768 + 70_000 + 1 + 40_000)
  })

  it('pieceCount of a hybrid without the tail pad is also the v2 count', () => {
    const {metainfo} = parseMetainfo(hybrid(hybridV1Entries(dataSet(), L, false)))
    expect(pieceCount(metainfo)).toBe(V2_PIECES)
  })

  it('info shows the v1 list of a hybrid, pads flagged', () => {
    const {metainfo, issues} = parseMetainfo(hybrid())
    const report = torrentReport(metainfo, issues)
    expect(report.files.filter((file) => file.padding).map((file) => file.path)).toEqual([
      '.pad/31072',
      '.pad/27768',
      '.pad/32767',
      '.pad/28304',
      '.pad/25536',
    ])
    expect(report.files.filter((file) => !file.padding).map((file) => file.path)).toEqual(dataSet().map((file) => file.path.join('/')))
  })

  it('a tree ending in an empty file: with the tail pad before it, after it, or without one, there are no issues', () => {
    const files = [v2File('a.bin', payload(40_000, 1)), v2File('z.empty', Buffer.alloc(0))]
    const [a, empty] = [{path: ['a.bin'], data: files[0]!.data}, {path: ['z.empty'], data: Buffer.alloc(0)}]
    for (const entries of [[a, v1Pad(25_536), empty], [a, empty, v1Pad(25_536)], [a, empty]]) {
      const {info, layers} = hybridInfo('d', files, L, {v1Entries: entries})
      expect(issuesOf(v2Torrent(info, layers))).toEqual([])
    }
  })

  it('a files list of one file over a one-leaf tree is consistent (both are name/file in libtorrent)', () => {
    const data = payload(100_000, 9)
    const {info, layers} = v2Info('movie.mkv', [v2File('movie.mkv', data)], L)
    for (const entries of [[{path: ['movie.mkv'], data}], [{path: ['movie.mkv'], data}, v1Pad(31_072)]]) {
      const merged = {...v1MultiInfo('movie.mkv', entries, L), ...info}
      expect(issuesOf(v2Torrent(merged, layers))).toEqual([])
    }
  })

  it('a single-file hybrid (length + pieces + a one-entry tree, no pads) has no issues', () => {
    const data = payload(100_000, 9)
    const {info, layers} = v2Info('movie.mkv', [v2File('movie.mkv', data)], L)
    const merged = {...v1SingleInfo('movie.mkv', data, L), ...info}
    const {metainfo, issues} = parseMetainfo(v2Torrent(merged, layers))
    expect(issues).toEqual([])
    expect(metainfo.metaVersion).toBe('hybrid')
    expect(pieceCount(metainfo)).toBe(4)
  })
})

describe('hybrid torrents: the v1 and v2 views must agree', () => {
  const mismatch = [error('hybrid-mismatch', 'info')]
  const cases: Array<{name: string; entries: () => V1Entry[]; issues?: IssueKey[]}> = [
    {
      name: 'a v1 list in full-path strcmp order (sub.txt before sub/…) is an error',
      entries: () => {
        const strcmp = [...dataSet()].sort((a, b) => Buffer.compare(Buffer.from(a.path.join('/')), Buffer.from(b.path.join('/'))))
        expect(strcmp.map((file) => file.path.join('/')).slice(-3)).toEqual(['sub.txt', 'sub/a b.txt', 'sub/inner.bin'])
        return hybridV1Entries(strcmp, L)
      },
    },
    {
      name: 'a missing pad is an error',
      entries: () => hybridV1Entries(dataSet(), L).filter((entry) => describeEntry(entry) !== '.pad/27768 (27768) [p]'),
    },
    {
      name: 'a v1 length off by one is an error',
      entries: () => {
        const entries = hybridV1Entries(dataSet(), L)
        entries[0] = {...entries[0]!, data: Buffer.concat([entries[0]!.data, Buffer.alloc(1)])}
        return entries
      },
    },
    {
      name: 'a v1 name that differs from the tree only in case is an error',
      entries: () => hybridV1Entries(dataSet(), L).map((entry) => (entry.path.join('/') === 'small.txt' ? {...entry, path: ['Small.txt']} : entry)),
    },
    {
      name: 'pads without attr p (a `.pad/N` path alone) are an error',
      entries: () => hybridV1Entries(dataSet(), L).map((entry) => ({...entry, attr: undefined})),
    },
    {
      name: 'a pad split in two entries is an error (libtorrent compares entry by entry)',
      entries: () => {
        const entries = hybridV1Entries(dataSet(), L)
        entries.splice(1, 1, v1Pad(16_384), v1Pad(31_072 - 16_384))
        return entries
      },
    },
    {
      name: 'an extra zero-length pad is an error',
      entries: () => {
        const entries = hybridV1Entries(dataSet(), L)
        entries.splice(3, 0, v1Pad(0))
        return entries
      },
    },
    {
      name: 'a v1 list missing a file is an error',
      entries: () => hybridV1Entries(dataSet(), L).filter((entry) => entry.path.join('/') !== 'exact.bin'),
    },
    {
      name: 'a v1 list missing the empty file is an error',
      entries: () => hybridV1Entries(dataSet(), L).filter((entry) => entry.path.join('/') !== 'empty.dat'),
    },
  ]
  for (const testCase of cases) {
    it(testCase.name, () => {
      expect(issuesOf(hybrid(testCase.entries()))).toEqual(sortIssues(testCase.issues ?? mismatch))
    })
  }

  it('a single-file hybrid whose v1 name differs from the tree key is an error', () => {
    const data = payload(100_000, 9)
    const {info, layers} = v2Info('movie.mkv', [v2File('movie.mkv', data)], L)
    const merged = {...info, ...v1SingleInfo('Movie.mkv', data, L)}
    expect(issuesOf(v2Torrent(merged, layers))).toEqual(mismatch)
  })

  it('a single-file v1 view over a multi-file tree is an error', () => {
    const data = payload(100_000, 9)
    const {info, layers} = v2Info('data', [v2File('a.bin', data), v2File('b.bin', payload(10, 1))], L)
    const merged = {...info, ...v1SingleInfo('data', data, L)}
    expect(issuesOf(v2Torrent(merged, layers))).toEqual(mismatch)
  })

  it('one v1 piece hash missing is a piece-count error', () => {
    const {info, layers} = hybridInfo('data', dataSet(), L)
    info.pieces = info.pieces.subarray(20)
    expect(issuesOf(v2Torrent(info, layers))).toEqual([error('piece-count-mismatch', 'info.pieces')])
  })

  it('a hybrid without piece layers is only a warning', () => {
    const {info} = hybridInfo('data', dataSet(), L)
    expect(issuesOf(v2Torrent(info, undefined))).toEqual([warning('piece-layer-missing', '["piece layers"]')])
  })

  it('a v1-style piece length (24 KiB) is an error in a hybrid', () => {
    const files = [v2File('a.bin', payload(1000, 1)), v2File('b.bin', payload(2000, 2))]
    const {info, layers} = hybridInfo('data', files, 24 * KiB)
    expect(issuesOf(v2Torrent(info, layers))).toEqual([error('piece-length-not-power-of-two', 'info["piece length"]')])
  })

  it('non-canonical bencode inside a hybrid info is an error', () => {
    const {info, layers} = hybridInfo('data', dataSet(), L)
    // `name` written before `meta version`: one unsorted key, and only that.
    const keys = ['file tree', 'files', 'name', 'meta version', 'piece length', 'pieces']
    expect(Object.keys(info).sort()).toEqual([...keys].sort())
    const infoBytes = rawDict(keys.map((key) => [key, encode(info[key])]))
    const bytes = torrentWithRawInfo(infoBytes, [], [['piece layers', encode(layers)]])
    const {metainfo, issues} = parseMetainfo(bytes)
    expect(issueKeys(issues)).toEqual([error('non-canonical-bencode', `bytes[${bytes.indexOf('12:meta version')}]`)])
    expect(Buffer.from(metainfo.infoHash!)).toEqual(sha1(infoBytes))
    expect(Buffer.from(metainfo.infoHashV2!)).toEqual(sha256(infoBytes))
  })
})
