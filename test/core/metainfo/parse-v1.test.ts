import {describe, expect, it} from 'vitest'
import {InvalidTorrentError} from '../../../src/core/errors.js'
import {pieceCount, totalLength} from '../../../src/core/metainfo/metainfo.js'
import {parseMetainfo} from '../../../src/core/metainfo/parse-metainfo.js'
import {
  type Dict,
  type IssueKey,
  KiB,
  MiB,
  type V1Entry,
  encode,
  error,
  issueKeys,
  payload,
  rawDict,
  sha1,
  sortIssues,
  torrent,
  torrentWithRawInfo,
  v1File,
  v1MultiInfo,
  v1Pad,
  v1Pieces,
  v1SingleInfo,
  warning,
} from '../../helpers/torrent-builder.js'

const L = 16 * KiB
const fileA = payload(20_000, 1)
const fileB = payload(5_000, 2)
/** libtorrent's max_file_size (spec.md 6.2). */
const MAX_FILE_LENGTH = 1_073_741_823 * 16 * KiB

/** dir/{a.txt, sub/b.bin, empty.dat}: 25,000 bytes, 2 pieces of 16 KiB. */
function baseEntries(): V1Entry[] {
  return [v1File('a.txt', fileA), v1File('sub/b.bin', fileB), v1File('empty.dat', Buffer.alloc(0))]
}

function multi(entries: V1Entry[] = baseEntries(), extra: Dict = {}): Dict {
  return v1MultiInfo('dir', entries, L, extra)
}

function single(extra: Dict = {}): Dict {
  return v1SingleInfo('a.txt', fileA, L, extra)
}

/** The info dict after `edit`, as a torrent. */
function edited(info: Dict, edit: (info: Dict) => void, top: Dict = {}): Buffer {
  edit(info)
  return torrent(info, top)
}

function issuesOf(bytes: Uint8Array): IssueKey[] {
  return issueKeys(parseMetainfo(bytes).issues)
}

interface Case {
  name: string
  bytes: () => Buffer
  issues: IssueKey[]
}

function runCases(cases: Case[]): void {
  for (const testCase of cases) {
    it(testCase.name, () => {
      expect(issuesOf(testCase.bytes())).toEqual(sortIssues(testCase.issues))
    })
  }
}

function thrown(action: () => unknown): InvalidTorrentError {
  try {
    action()
  } catch (caught) {
    expect(caught).toBeInstanceOf(InvalidTorrentError)
    return caught as InvalidTorrentError
  }
  throw new Error('expected an InvalidTorrentError')
}

describe('parseMetainfo, v1: valid torrents', () => {
  it('reads a single-file torrent with no issues and hashes the info span', () => {
    const info = single()
    const bytes = torrent(info, {announce: 'http://tracker.example/announce'})
    const {metainfo, issues} = parseMetainfo(bytes)
    expect(issues).toEqual([])
    expect(metainfo.metaVersion).toBe('v1')
    if (metainfo.metaVersion !== 'v1') return
    const infoBytes = encode(info)
    expect(bytes.includes(infoBytes)).toBe(true)
    expect(Buffer.from(metainfo.infoHash!)).toEqual(sha1(infoBytes))
    expect(metainfo.infoHashV2).toBeUndefined()
    expect(Buffer.from(metainfo.infoBytes)).toEqual(infoBytes)
    expect(metainfo.v1.singleFile).toBe(true)
    expect(metainfo.v1.files.map((file) => [Buffer.from(file.path[0]!).toString(), file.length])).toEqual([['a.txt', 20_000]])
    expect(pieceCount(metainfo)).toBe(2)
    expect(totalLength(metainfo)).toBe(20_000)
  })

  it('reads a multi-file torrent (with an empty file) with no issues', () => {
    const info = multi()
    const bytes = torrent(info)
    const {metainfo, issues} = parseMetainfo(bytes)
    expect(issues).toEqual([])
    expect(Buffer.from(metainfo.infoHash!)).toEqual(sha1(encode(info)))
    if (metainfo.metaVersion !== 'v1') throw new Error('expected v1')
    expect(metainfo.v1.singleFile).toBe(false)
    expect(metainfo.v1.files.map((file) => file.path.map((element) => Buffer.from(element).toString()).join('/'))).toEqual([
      'a.txt',
      'sub/b.bin',
      'empty.dat',
    ])
    expect(pieceCount(metainfo)).toBe(2)
    expect(totalLength(metainfo)).toBe(25_000)
  })

  it('hashes the raw bytes of an info dict with unsorted keys and warns non-canonical-bencode', () => {
    const canonical = single()
    const infoBytes = rawDict([
      ['length', encode(fileA.length)],
      ['piece length', encode(L)],
      ['name', encode('a.txt')],
      ['pieces', encode(canonical.pieces)],
    ])
    const bytes = torrentWithRawInfo(infoBytes)
    const {metainfo, issues} = parseMetainfo(bytes)
    expect(issueKeys(issues)).toEqual([warning('non-canonical-bencode', `bytes[${bytes.indexOf('4:name')}]`)])
    expect(Buffer.from(metainfo.infoHash!)).toEqual(sha1(infoBytes))
    expect(Buffer.from(metainfo.infoHash!)).not.toEqual(sha1(encode(canonical)))
  })

  it('hashes the raw bytes of an info dict with a leading-zero integer and warns non-canonical-bencode', () => {
    const canonical = single()
    const infoBytes = rawDict([
      ['length', encode(fileA.length)],
      ['name', encode('a.txt')],
      ['piece length', Buffer.from(`i0${L}e`)],
      ['pieces', encode(canonical.pieces)],
    ])
    const bytes = torrentWithRawInfo(infoBytes)
    const {metainfo, issues} = parseMetainfo(bytes)
    expect(issueKeys(issues)).toEqual([warning('non-canonical-bencode', `bytes[${bytes.indexOf(`i0${L}e`)}]`)])
    expect(metainfo.pieceLength).toBe(L)
    expect(Buffer.from(metainfo.infoHash!)).toEqual(sha1(infoBytes))
  })

  it('does not let non-canonical bencode outside info change the info-hash', () => {
    const info = single()
    const bytes = torrentWithRawInfo(encode(info), [['comment', Buffer.from('04:late')]])
    const {metainfo, issues} = parseMetainfo(bytes)
    expect(issueKeys(issues)).toEqual([warning('non-canonical-bencode', `bytes[${bytes.indexOf('04:late')}]`)])
    expect(metainfo.comment).toBe('late')
    expect(Buffer.from(metainfo.infoHash!)).toEqual(sha1(encode(info)))
  })
})

describe('parseMetainfo, v1: length, files and pieces', () => {
  runCases([
    {
      name: 'both length and files is an error',
      bytes: () => torrent(multi(baseEntries(), {length: 25_000})),
      issues: [error('length-and-files', 'info')],
    },
    {
      name: 'neither length nor files is an error (and no piece-count error on top)',
      bytes: () => edited(multi(), (info) => delete info.files),
      issues: [error('missing-length-or-files', 'info')],
    },
    {
      name: 'an empty files list is an error',
      bytes: () => torrent(multi([])),
      issues: [error('no-files', 'info.files')],
    },
    {
      name: 'a negative single-file length is an error',
      bytes: () => torrent(single({length: -1})),
      issues: [error('negative-length', 'info.length')],
    },
    {
      name: 'a negative length in the files list is an error',
      bytes: () => edited(multi(), (info) => (info.files[1].length = -5000)),
      issues: [error('negative-length', 'info.files[1].length')],
    },
    {
      name: 'a length beyond libtorrent max_file_size is an error',
      bytes: () => torrent(single({length: MAX_FILE_LENGTH + 1})),
      issues: [error('length-too-large', 'info.length')],
    },
    {
      name: 'a missing file length is an error',
      bytes: () => edited(multi(), (info) => delete info.files[0].length),
      issues: [error('missing-field', 'info.files[0].length')],
    },
    {
      name: 'a path element that is an integer is an error',
      bytes: () => edited(multi(), (info) => (info.files[1].path = ['sub', 7, 'b.bin'])),
      issues: [error('wrong-type', 'info.files[1].path[1]')],
    },
    {
      name: 'a files entry that is not a dictionary is an error',
      bytes: () => edited(multi(), (info) => info.files.push(['not', 'a', 'dict'])),
      issues: [error('wrong-type', 'info.files[3]')],
    },
    {
      name: 'pieces that is not a byte string is an error (and no piece-count error on top)',
      bytes: () => edited(multi(), (info) => (info.pieces = 12345)),
      issues: [error('wrong-type', 'info.pieces')],
    },
    {
      name: 'missing pieces is an error',
      bytes: () => edited(multi(), (info) => delete info.pieces),
      issues: [error('missing-field', 'info.pieces')],
    },
    {
      name: 'pieces whose length is not a multiple of 20 is an error',
      bytes: () => edited(multi(), (info) => (info.pieces = info.pieces.subarray(0, 39))),
      issues: [error('pieces-length', 'info.pieces')],
    },
    {
      name: 'one piece hash missing is an error',
      bytes: () => edited(multi(), (info) => (info.pieces = info.pieces.subarray(0, 20))),
      issues: [error('piece-count-mismatch', 'info.pieces')],
    },
    {
      name: 'one piece hash too many is an error',
      bytes: () => edited(multi(), (info) => (info.pieces = Buffer.concat([info.pieces, Buffer.alloc(20, 7)]))),
      issues: [error('piece-count-mismatch', 'info.pieces')],
    },
    {
      name: 'a 1.7 TB file with one hash at 16 MiB pieces is a piece-count mismatch',
      bytes: () => torrent({name: 'big.iso', 'piece length': 16 * MiB, length: 1_700_000_000_000, pieces: Buffer.alloc(20, 1)}),
      issues: [error('piece-count-mismatch', 'info.pieces')],
    },
    {
      name: 'a 1.7 TB file at 16 KiB pieces needs more pieces than clients accept',
      bytes: () => torrent({name: 'big.iso', 'piece length': 16 * KiB, length: 1_700_000_000_000, pieces: Buffer.alloc(20, 1)}),
      issues: [error('too-many-pieces', 'info.pieces')],
    },
    {
      name: 'a single file of length zero is an error',
      bytes: () => torrent(v1SingleInfo('empty.dat', Buffer.alloc(0), L)),
      issues: [error('total-length-zero', 'info')],
    },
    {
      name: 'a files list of only empty files is an error',
      bytes: () => torrent(multi([v1File('a', Buffer.alloc(0)), v1File('b', Buffer.alloc(0))])),
      issues: [error('total-length-zero', 'info')],
    },
    {
      name: 'path [] is an error',
      bytes: () => edited(multi(), (info) => (info.files[2].path = [])),
      issues: [error('path-empty', 'info.files[2].path')],
    },
    {
      name: 'a missing name is an error',
      bytes: () => edited(single(), (info) => delete info.name),
      issues: [error('missing-field', 'info.name')],
    },
    {
      name: 'a missing piece length is an error',
      bytes: () => edited(single(), (info) => delete info['piece length']),
      issues: [error('missing-field', 'info["piece length"]')],
    },
    {
      name: 'piece length 0 is an error',
      bytes: () => edited(single(), (info) => (info['piece length'] = 0)),
      issues: [error('piece-length-invalid', 'info["piece length"]')],
    },
    {
      name: 'a piece length that is not a power of two is only a warning in v1',
      bytes: () => torrent(v1SingleInfo('a.txt', fileA, 1000)),
      issues: [warning('piece-length-not-power-of-two', 'info["piece length"]')],
    },
    {
      name: 'a piece length below 16 KiB is only a warning in v1',
      bytes: () => torrent(v1SingleInfo('a.txt', fileA, 8 * KiB)),
      issues: [warning('piece-length-too-small', 'info["piece length"]')],
    },
    {
      name: 'piece layers in a v1 torrent are a warning',
      bytes: () => torrent(single(), {'piece layers': new Map([['x'.repeat(32), Buffer.alloc(64)]])}),
      issues: [warning('piece-layers-without-v2', '["piece layers"]')],
    },
  ])
})

describe('parseMetainfo, v1: path elements', () => {
  const bad: Array<[string, string | Buffer, IssueKey['severity'], string]> = [
    ['`..`', '..', 'error', 'path-dot-element'],
    ['`.`', '.', 'error', 'path-dot-element'],
    ['an empty element', '', 'error', 'path-empty-element'],
    ['an element containing /', 'a/b', 'error', 'path-separator'],
    ['an element containing \\', 'a\\b', 'error', 'path-separator'],
    ['an element containing NUL', 'a\u0000b', 'error', 'path-control-character'],
    ['an element containing a control character', 'a\u0007b', 'error', 'path-control-character'],
    ['an element containing DEL', 'a\u007fb', 'error', 'path-control-character'],
    ['an element containing a C1 character (U+0085)', 'a\u0085b', 'error', 'path-control-character'],
    ['an element containing a bidi override (U+202E)', 'evil\u202Etxt.exe', 'error', 'path-invisible-character'],
    ['an element containing a zero-width space (U+200B)', 'a\u200Bb', 'error', 'path-invisible-character'],
    ['an element of invalid UTF-8', Buffer.from([0x61, 0xff, 0xfe, 0x62]), 'error', 'path-invalid-utf8'],
    ['an element of an overlong UTF-8 slash', Buffer.from([0x61, 0xc0, 0xaf]), 'error', 'path-invalid-utf8'],
    ['a drive letter `C:`', 'C:', 'error', 'path-drive-letter'],
    ['the Windows reserved name `CON`', 'CON', 'warning', 'path-windows-reserved'],
    ['the Windows reserved name `aux.txt`', 'aux.txt', 'warning', 'path-windows-reserved'],
    ['the Windows reserved name `lpt1`', 'lpt1', 'warning', 'path-windows-reserved'],
    ['a trailing dot', 'name.', 'warning', 'path-trailing-dot-or-space'],
    ['a trailing space', 'name ', 'warning', 'path-trailing-dot-or-space'],
    ['an element over 255 bytes', `${'é'.repeat(127)}.x`, 'warning', 'path-element-too-long'],
    ['`?` in a name', 'what?.txt', 'warning', 'path-windows-invalid-character'],
    ['`*` in a name', 'a*b', 'warning', 'path-windows-invalid-character'],
  ]
  for (const [label, element, severity, code] of bad) {
    it(`${label} in a files path is ${severity === 'error' ? 'an error' : 'a warning'} ${code}`, () => {
      const bytes = edited(multi(), (info) => (info.files[1].path = ['sub', element]))
      expect(issuesOf(bytes)).toEqual([{severity, code, path: 'info.files[1].path[1]'}])
    })
  }

  it('an element of exactly 255 bytes is fine', () => {
    const element = `${'é'.repeat(125)}x.txt`
    expect(Buffer.byteLength(element)).toBe(255)
    const bytes = edited(multi(), (info) => (info.files[1].path = ['sub', element]))
    expect(issuesOf(bytes)).toEqual([])
  })

  it('reports every problem of one element', () => {
    const bytes = edited(multi(), (info) => (info.files[1].path = ['sub', 'CON\u202E.']))
    expect(issuesOf(bytes)).toEqual(
      sortIssues([
        error('path-invisible-character', 'info.files[1].path[1]'),
        warning('path-trailing-dot-or-space', 'info.files[1].path[1]'),
      ]),
    )
  })

  it('checks the name of a single-file torrent', () => {
    expect(issuesOf(torrent(v1SingleInfo('..', fileA, L)))).toEqual([error('path-dot-element', 'info.name')])
  })

  it('checks the name of a multi-file torrent', () => {
    expect(issuesOf(torrent(v1MultiInfo('a\\b', baseEntries(), L)))).toEqual([error('path-separator', 'info.name')])
  })

  it('checks symlink path elements (BEP 47)', () => {
    const bytes = edited(multi(), (info) => info.files.push({length: 0, path: ['link'], attr: 'l', 'symlink path': ['..', 'etc']}))
    expect(issuesOf(bytes)).toEqual([error('path-dot-element', 'info.files[3]["symlink path"][0]')])
  })
})

describe('parseMetainfo, v1: duplicate paths and pad files', () => {
  runCases([
    {
      name: 'two files with the same path are an error',
      bytes: () => torrent(multi([v1File('x/a.txt', fileA), v1File('x/a.txt', fileB)])),
      issues: [error('path-duplicate', 'info.files[1]')],
    },
    {
      name: 'paths differing only in case are a warning',
      bytes: () => torrent(multi([v1File('x/a.txt', fileA), v1File('X/A.txt', fileB)])),
      issues: [warning('path-duplicate-case-insensitive', 'info.files[1]')],
    },
    {
      name: 'a file where another file needs a folder (`a` and `a/b`) is an error',
      bytes: () => torrent(multi([v1File('a', fileA), v1File('a/b', fileB)])),
      issues: [error('path-file-directory-collision', 'info.files[0]')],
    },
    {
      name: 'a folder listed before a file of the same name (`a/b` and `a`) is an error',
      bytes: () => torrent(multi([v1File('a/b', fileB), v1File('a', fileA)])),
      issues: [error('path-file-directory-collision', 'info.files[1]')],
    },
  ])

  it('excludes pad files (attr p, BitComet names) from duplicate checks and totalLength, but counts them for pieces', () => {
    const bitComet = '_____padding_file_0_如果您看到此文件，请升级到BitComet(比特彗星)0.85或以上版本____'
    const entries: V1Entry[] = [
      v1File('a.txt', fileA),
      v1Pad(12_768),
      v1File('c.txt', fileA),
      v1Pad(12_768),
      {path: [bitComet], data: Buffer.alloc(100)},
      {path: [bitComet], data: Buffer.alloc(100)},
      {path: [], data: Buffer.alloc(50), attr: 'p'},
      v1File('b.bin', fileB),
    ]
    const {metainfo, issues} = parseMetainfo(torrent(multi(entries)))
    expect(issues).toEqual([])
    if (metainfo.metaVersion !== 'v1') throw new Error('expected v1')
    expect(metainfo.v1.files.map((file) => file.padding)).toEqual([false, true, false, true, true, true, true, false])
    expect(totalLength(metainfo)).toBe(45_000)
    const withPads = 45_000 + 2 * 12_768 + 250
    expect(pieceCount(metainfo)).toBe(Math.ceil(withPads / L))
    expect(metainfo.v1.pieces.length).toBe(20 * Math.ceil(withPads / L))
  })

  it('a `.pad/N` path without attr p is an ordinary file, so duplicates of it are errors', () => {
    const entries: V1Entry[] = [v1File('a.txt', fileA), {path: ['.pad', '5'], data: Buffer.alloc(5)}, {path: ['.pad', '5'], data: Buffer.alloc(5)}]
    expect(issuesOf(torrent(multi(entries)))).toEqual([error('path-duplicate', 'info.files[2]')])
  })

  it('pieces must cover the pad bytes: leaving them out is a piece-count mismatch', () => {
    const entries: V1Entry[] = [v1File('a.txt', fileA), v1Pad(12_768), v1File('b.bin', fileB)]
    const info = multi(entries)
    info.pieces = v1Pieces(Buffer.concat([fileA, fileB]), L)
    expect(issuesOf(torrent(info))).toEqual([error('piece-count-mismatch', 'info.pieces')])
  })

  it('checks the path of a pad file too: a client that writes pads would follow its `..`', () => {
    const entries: V1Entry[] = [v1File('a.txt', fileA), {path: ['..', 'x'], data: Buffer.alloc(5), attr: 'p'}]
    expect(issuesOf(torrent(multi(entries)))).toEqual([error('path-dot-element', 'info.files[1].path[0]')])
  })
})

describe('parseMetainfo, v1: path depth', () => {
  const deep = (elements: number): V1Entry => ({path: [...Array.from({length: elements - 1}, (_, i) => `d${i}`), 'f'], data: fileA})

  it('accepts a path of 100 elements', () => {
    expect(issuesOf(torrent(multi([deep(100)])))).toEqual([])
  })

  it('rejects a path of 101 elements, deeper than any v2 file tree can nest', () => {
    expect(issuesOf(torrent(multi([deep(101)])))).toEqual([error('path-too-deep', 'info.files[0].path')])
  })
})

describe('parseMetainfo, v1: private, trackers and web seeds', () => {
  const privateCases: Array<[string, unknown, boolean, IssueKey[]]> = [
    ['private 1 is private', 1, true, []],
    ['private 0 is public', 0, false, []],
    ['private "1" (a string) is public, with a warning', '1', false, [warning('private-not-integer', 'info.private')]],
    ['private 2 is private, with a warning', 2, true, [warning('private-value', 'info.private')]],
    ['no private key is public', undefined, false, []],
  ]
  for (const [name, value, isPrivate, issues] of privateCases) {
    it(name, () => {
      const parsed = parseMetainfo(torrent(single({private: value})))
      expect(parsed.metainfo.private).toBe(isPrivate)
      expect(issueKeys(parsed.issues)).toEqual(issues)
    })
  }

  it('private changes the info-hash (it sits in info)', () => {
    const a = parseMetainfo(torrent(single())).metainfo.infoHash!
    const b = parseMetainfo(torrent(single({private: 0}))).metainfo.infoHash!
    expect(Buffer.from(a)).not.toEqual(Buffer.from(b))
  })

  it('announce-list tiers override announce', () => {
    const top = {
      announce: 'http://ignored.example/announce',
      'announce-list': [['udp://a.example:1337/announce', 'http://b.example/announce'], ['https://c.example/announce']],
    }
    const {metainfo, issues} = parseMetainfo(torrent(single(), top))
    expect(issues).toEqual([])
    expect(metainfo.announce).toEqual([['udp://a.example:1337/announce', 'http://b.example/announce'], ['https://c.example/announce']])
  })

  it('a lone announce becomes one tier', () => {
    const {metainfo, issues} = parseMetainfo(torrent(single(), {announce: 'http://a.example/announce'}))
    expect(issues).toEqual([])
    expect(metainfo.announce).toEqual([['http://a.example/announce']])
  })

  it('an empty announce-list falls back to announce', () => {
    const {metainfo} = parseMetainfo(torrent(single(), {announce: 'http://a.example/announce', 'announce-list': [[]]}))
    expect(metainfo.announce).toEqual([['http://a.example/announce']])
  })

  it('url-list as one string is one web seed', () => {
    const {metainfo, issues} = parseMetainfo(torrent(single(), {'url-list': 'https://seed.example/files/'}))
    expect(issues).toEqual([])
    expect(metainfo.webSeeds).toEqual(['https://seed.example/files/'])
  })

  it('url-list as a list is several web seeds, in order', () => {
    const {metainfo, issues} = parseMetainfo(torrent(single(), {'url-list': ['https://b.example/', 'http://a.example/x']}))
    expect(issues).toEqual([])
    expect(metainfo.webSeeds).toEqual(['https://b.example/', 'http://a.example/x'])
  })

  runCases([
    {
      name: 'an invalid announce URL is a warning',
      bytes: () => torrent(single(), {announce: 'not a url'}),
      issues: [warning('url-invalid', 'announce')],
    },
    {
      name: 'an invalid URL in announce-list is a warning',
      bytes: () => torrent(single(), {'announce-list': [['http://ok.example/announce'], ['http://ok2.example/a', '::nope']]}),
      issues: [warning('url-invalid', '["announce-list"][1][1]')],
    },
    {
      name: 'a tracker on an unsupported protocol is a warning',
      bytes: () => torrent(single(), {announce: 'ftp://tracker.example/announce'}),
      issues: [warning('url-protocol', 'announce')],
    },
    {
      name: 'an invalid web seed is a warning',
      bytes: () => torrent(single(), {'url-list': ['https://ok.example/', 'nope']}),
      issues: [warning('url-invalid', '["url-list"][1]')],
    },
    {
      name: 'a URL with a space in its path is a warning, though the WHATWG parser would encode it',
      bytes: () => torrent(single(), {'announce-list': [['http://t.example/a b']], httpseeds: ['http://h.example/\\seed']}),
      issues: [warning('url-invalid', '["announce-list"][0][0]'), warning('url-invalid', 'httpseeds[0]')],
    },
    {
      name: 'an ftp web seed is a warning: clients fetch web seeds over HTTP only',
      bytes: () => torrent(single(), {'url-list': 'ftp://seed.example/pub/'}),
      issues: [warning('url-protocol', '["url-list"]')],
    },
    {
      name: 'a udp web seed is a warning',
      bytes: () => torrent(single(), {'url-list': 'udp://seed.example:80/'}),
      issues: [warning('url-protocol', '["url-list"]')],
    },
    {
      name: 'trailing data after the top-level dictionary is a warning',
      bytes: () => Buffer.concat([torrent(single()), Buffer.from('junk')]),
      issues: [warning('trailing-data', `bytes[${torrent(single()).length}]`)],
    },
  ])
})

describe('parseMetainfo: not a torrent', () => {
  const cases: Array<[string, Buffer, string]> = [
    ['a top-level list throws not-a-dictionary', encode([1, 2]), 'not-a-dictionary'],
    ['a top-level integer throws not-a-dictionary', encode(42), 'not-a-dictionary'],
    ['a dictionary without info throws missing-info', encode({announce: 'http://a.example/'}), 'missing-info'],
    ['an info that is not a dictionary throws missing-info', encode({info: 'x'}), 'missing-info'],
    ['an info that is a list throws missing-info', encode({info: [1]}), 'missing-info'],
  ]
  for (const [name, bytes, code] of cases) {
    it(name, () => {
      expect(thrown(() => parseMetainfo(bytes)).code).toBe(code)
    })
  }
})
