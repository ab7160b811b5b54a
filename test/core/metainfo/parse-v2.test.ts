import {describe, expect, it} from 'vitest'
import {InvalidTorrentError} from '../../../src/core/errors.js'
import {pieceCount, totalLength} from '../../../src/core/metainfo/metainfo.js'
import {parseMetainfo} from '../../../src/core/metainfo/parse-metainfo.js'
import {torrentReport} from '../../../src/core/metainfo/torrent-report.js'
import {
  BLOCK,
  type Dict,
  type IssueKey,
  KiB,
  type V2Entry,
  encode,
  error,
  hybridInfo,
  issueKeys,
  merkleRoot,
  payload,
  pieceLayer,
  rawDict,
  sha256,
  sortIssues,
  torrentWithRawInfo,
  treeOrder,
  v1SingleInfo,
  v2File,
  v2Info,
  v2Torrent,
  warning,
} from '../../helpers/torrent-builder.js'

const L = 32 * KiB
const TREE = 'info["file tree"]'
const LAYERS = '["piece layers"]'

/** The valid v2 set: every shape of file BEP 52 treats differently. */
function validFiles(): V2Entry[] {
  return [
    v2File('empty.dat', Buffer.alloc(0)),
    v2File('one-piece.bin', payload(L, 11)),
    v2File('piece-plus-one.bin', payload(L + 1, 12)),
    v2File('three-pieces.bin', payload(3 * L - 100, 13)),
    v2File('nested/deeper/deepest/file.txt', payload(5000, 14)),
    v2File('sub/x', payload(100, 15)),
    v2File('sub.txt', payload(200, 16)),
    v2File('🎉 party.txt', payload(300, 17)),
  ]
}

const small = payload(1000, 21)
const large = payload(3 * L - 100, 22)

/** A v2 torrent of one small file `a.bin` (no layer needed) and one 3-piece file `big.bin`. */
function basic(edit: (info: Dict, layers: Map<string, Buffer>) => void = () => {}, pieceLength = L): Buffer {
  const {info, layers} = v2Info('set', [v2File('a.bin', small), v2File('big.bin', large)], pieceLength)
  edit(info, layers)
  return v2Torrent(info, layers)
}

const hexKey = (root: Buffer): string => `${LAYERS}[${JSON.stringify(root.toString('hex'))}]`
const largeRoot = merkleRoot(large)

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

describe('parseMetainfo, v2: a valid torrent', () => {
  const files = validFiles()
  const {info, layers, roots} = v2Info('v2 set', files, L)
  const bytes = v2Torrent(info, layers)
  const parsed = parseMetainfo(bytes)

  it('has no issues at all', () => {
    expect(parsed.issues).toEqual([])
  })

  it('is v2-only: infoHashV2 = SHA-256 of the info span, and no v1 info-hash', () => {
    const infoBytes = encode(info)
    expect(bytes.includes(infoBytes)).toBe(true)
    expect(parsed.metainfo.metaVersion).toBe('v2')
    expect(Buffer.from(parsed.metainfo.infoHashV2!)).toEqual(sha256(infoBytes))
    expect(parsed.metainfo.infoHash).toBeUndefined()
    const report = torrentReport(parsed.metainfo, parsed.issues)
    expect(report.infoHash).toBeNull()
    expect(report.infoHashV2).toBe(sha256(infoBytes).toString('hex'))
  })

  it('needs a layer only for files larger than a piece: one byte over a piece gives 2 hashes, 3 pieces give 3', () => {
    expect([...layers.values()].map((layer) => layer.length)).toEqual([64, 96])
    if (parsed.metainfo.metaVersion !== 'v2') throw new Error('expected v2')
    const parsedLayers = parsed.metainfo.v2.pieceLayers
    expect(parsedLayers.size).toBe(2)
    expect(parsedLayers.has(roots.get('one-piece.bin')!.toString('latin1'))).toBe(false)
    expect(parsedLayers.get(roots.get('three-pieces.bin')!.toString('latin1'))?.length).toBe(96)
  })

  it('gives a one-piece file the root of its blocks, and an empty file no root', () => {
    if (parsed.metainfo.metaVersion !== 'v2') throw new Error('expected v2')
    const byPath = new Map(parsed.metainfo.v2.files.map((file) => [file.path.map((e) => Buffer.from(e).toString()).join('/'), file]))
    expect(byPath.get('empty.dat')!.piecesRoot).toBeUndefined()
    expect(Buffer.from(byPath.get('one-piece.bin')!.piecesRoot!)).toEqual(merkleRoot(files[1]!.data))
    expect(Buffer.from(byPath.get('sub/x')!.piecesRoot!)).toEqual(sha256(files[5]!.data))
  })

  it('lists files in tree order: sub/x before sub.txt, the emoji last', () => {
    const report = torrentReport(parsed.metainfo, parsed.issues)
    const paths = report.files.map((file) => file.path)
    expect(paths).toEqual(treeOrder(files).map((file) => file.path.join('/')))
    expect(paths).toEqual([
      'empty.dat',
      'nested/deeper/deepest/file.txt',
      'one-piece.bin',
      'piece-plus-one.bin',
      'sub/x',
      'sub.txt',
      'three-pieces.bin',
      '🎉 party.txt',
    ])
  })

  it('counts v2 pieces per file and the total length', () => {
    expect(pieceCount(parsed.metainfo)).toBe(0 + 1 + 2 + 3 + 1 + 1 + 1 + 1)
    expect(totalLength(parsed.metainfo)).toBe(files.reduce((sum, file) => sum + file.data.length, 0))
  })

  it('reads a single-file v2 torrent', () => {
    const one = v2Info('a.bin', [v2File('a.bin', large)], L)
    const result = parseMetainfo(v2Torrent(one.info, one.layers))
    expect(result.issues).toEqual([])
    if (result.metainfo.metaVersion !== 'v2') throw new Error('expected v2')
    expect(result.metainfo.v2.singleFile).toBe(true)
  })
})

describe('parseMetainfo, v2: piece layers fold to the pieces root (independent merkle)', () => {
  // The pad piece hash is the root of an all-zero subtree of one piece: 32 zero bytes only at 16 KiB.
  const sizes = (pieceLength: number): number[] => [pieceLength + 1, 3 * pieceLength - 1, 3 * pieceLength, 5 * pieceLength + 7, 8 * pieceLength, 9 * pieceLength - 1]
  for (const pieceLength of [16 * KiB, 32 * KiB, 64 * KiB]) {
    for (const size of sizes(pieceLength)) {
      it(`a ${size}-byte file with ${pieceLength / KiB} KiB pieces has a consistent layer`, () => {
        const {info, layers} = v2Info('f', [v2File('f', payload(size, size))], pieceLength)
        expect(issuesOf(v2Torrent(info, layers))).toEqual([])
      })
    }
  }

  it('the 3-piece fixture is padded with the zero-subtree root, not with zero bytes (fixture sanity)', () => {
    const layer = pieceLayer(large, L)
    const zeroPiece = sha256(Buffer.alloc(64))
    const fold = (a: Buffer, b: Buffer): Buffer => sha256(Buffer.concat([a, b]))
    const piece = (i: number): Buffer => layer.subarray(32 * i, 32 * i + 32)
    expect(fold(fold(piece(0), piece(1)), fold(piece(2), zeroPiece))).toEqual(largeRoot)
    expect(fold(fold(piece(0), piece(1)), fold(piece(2), Buffer.alloc(32)))).not.toEqual(largeRoot)
    expect(BLOCK).toBe(16 * KiB)
  })
})

describe('parseMetainfo, v2: meta version', () => {
  it('meta version 3 throws unsupported-meta-version before any other check', () => {
    const bytes = encode({info: {'meta version': 3, name: 'x'}})
    let caught: unknown
    try {
      parseMetainfo(bytes)
    } catch (thrown) {
      caught = thrown
    }
    expect(caught).toBeInstanceOf(InvalidTorrentError)
    expect((caught as InvalidTorrentError).code).toBe('unsupported-meta-version')
  })

  runCases([
    {
      name: 'a file tree without meta version is an error',
      bytes: () => {
        const {info} = hybridInfo('set', [v2File('a.bin', small), v2File('big.bin', large)], L)
        delete info['meta version']
        return v2Torrent(info, undefined)
      },
      issues: [error('file-tree-without-meta-version', TREE)],
    },
    {
      name: 'meta version 2 without a file tree is an error',
      bytes: () => basic((info, layers) => {
        delete info['file tree']
        layers.clear()
      }),
      issues: [error('missing-field', TREE)],
    },
    {
      name: 'meta version 1 is an error',
      bytes: () => encode({info: v1SingleInfo('a.bin', small, L, {'meta version': 1})}),
      issues: [error('meta-version-invalid', 'info["meta version"]')],
    },
  ])
})

describe('parseMetainfo, v2: piece length', () => {
  runCases([
    {
      name: 'piece length 24576 (not a power of two) is an error in v2',
      bytes: () => v2Torrent(v2Info('a.bin', [v2File('a.bin', small)], 24 * KiB).info, undefined),
      issues: [error('piece-length-not-power-of-two', 'info["piece length"]')],
    },
    {
      name: 'piece length 8192 (below 16 KiB) is an error in v2',
      bytes: () => v2Torrent(v2Info('a.bin', [v2File('a.bin', small)], 8 * KiB).info, undefined),
      issues: [error('piece-length-too-small', 'info["piece length"]')],
    },
  ])
})

describe('parseMetainfo, v2: the file tree', () => {
  const entry = `${TREE}["a.bin"][""]`
  runCases([
    {
      name: 'a non-empty file without pieces root is an error',
      bytes: () => basic((info) => delete info['file tree']['a.bin'][''][`pieces root`]),
      issues: [error('pieces-root-missing', `${entry}["pieces root"]`)],
    },
    {
      name: 'an all-zero pieces root is an error',
      bytes: () => basic((info) => (info['file tree']['a.bin']['']['pieces root'] = Buffer.alloc(32))),
      issues: [error('pieces-root-zero', `${entry}["pieces root"]`)],
    },
    {
      name: 'a 31-byte pieces root is an error',
      bytes: () => basic((info) => (info['file tree']['a.bin']['']['pieces root'] = merkleRoot(small).subarray(0, 31))),
      issues: [error('pieces-root-size', `${entry}["pieces root"]`)],
    },
    {
      name: 'attr p inside the file tree is an error',
      bytes: () => basic((info) => (info['file tree']['a.bin'][''].attr = 'p')),
      issues: [error('pad-file-in-file-tree', `${entry}.attr`)],
    },
    {
      name: 'a file tree whose root is a file is an error',
      bytes: () => basic((info, layers) => {
        info['file tree'] = {'': {length: small.length, 'pieces root': merkleRoot(small)}}
        layers.clear()
      }),
      issues: [error('file-tree-root-is-file', TREE)],
    },
    {
      name: 'a file node with siblings is an error',
      bytes: () => basic((info) => (info['file tree']['a.bin'].extra = {'': {length: 0}})),
      issues: [error('file-tree-file-with-siblings', `${TREE}["a.bin"]`)],
    },
    {
      name: 'a tree node that is not a dictionary is an error',
      bytes: () => basic((info) => (info['file tree']['c.bin'] = 5)),
      issues: [error('wrong-type', `${TREE}["c.bin"]`)],
    },
    {
      name: 'an empty folder is a warning',
      bytes: () => basic((info) => (info['file tree'].hollow = {})),
      issues: [warning('file-tree-empty-folder', `${TREE}["hollow"]`)],
    },
    {
      name: 'an empty file tree is an error',
      bytes: () => basic((info, layers) => {
        info['file tree'] = {}
        layers.clear()
      }),
      issues: [error('no-files', TREE)],
    },
    {
      name: 'a tree of only empty files is an error',
      bytes: () => basic((info, layers) => {
        info['file tree'] = {'a.bin': {'': {length: 0}}, 'b.bin': {'': {length: 0}}}
        layers.clear()
      }),
      issues: [error('total-length-zero', TREE)],
    },
    {
      name: 'a `..` tree key is an error',
      bytes: () => basic((info) => (info['file tree']['..'] = {'': {length: 0}})),
      issues: [error('path-dot-element', `${TREE}[".."]`)],
    },
    {
      name: 'a tree key with a bidi override is an error',
      bytes: () => basic((info) => (info['file tree']['x\u202Etxt.exe'] = {'': {length: 0}})),
      issues: [error('path-invisible-character', `${TREE}["x\u202Etxt.exe"]`)],
    },
    {
      name: 'a tree key of invalid UTF-8 is an error',
      bytes: () => basic((info) => {
        info['file tree'] = new Map<string, unknown>([...Object.entries(info['file tree']), ['\xff', {'': {length: 0}}]])
      }),
      issues: [error('path-invalid-utf8', `${TREE}["\ufffd"]`)],
    },
    {
      name: 'tree keys differing only in case are a warning',
      bytes: () => basic((info) => (info['file tree']['A.bin'] = {'': {length: 0}})),
      issues: [warning('path-duplicate-case-insensitive', `${TREE}["a.bin"]`)],
    },
  ])
})

describe('parseMetainfo, v2: piece layers', () => {
  runCases([
    {
      name: 'a piece layer of the wrong length is an error',
      bytes: () => basic((_, layers) => layers.set(largeRoot.toString('latin1'), pieceLayer(large, L).subarray(0, 64))),
      issues: [error('piece-layer-size', hexKey(largeRoot))],
    },
    {
      name: 'a piece layer that is not a multiple of 32 bytes is an error',
      bytes: () => basic((_, layers) => layers.set(largeRoot.toString('latin1'), pieceLayer(large, L).subarray(0, 95))),
      issues: [error('piece-layer-size', hexKey(largeRoot))],
    },
    {
      name: 'a piece layer that does not fold to the pieces root is an error',
      bytes: () => basic((_, layers) => {
        const layer = Buffer.from(pieceLayer(large, L))
        layer[40] = layer[40]! ^ 1
        layers.set(largeRoot.toString('latin1'), layer)
      }),
      issues: [error('piece-layer-root-mismatch', hexKey(largeRoot))],
    },
    {
      name: 'a piece layer key that is not 32 bytes is an error',
      bytes: () => basic((_, layers) => layers.set('short key', Buffer.alloc(32))),
      issues: [error('piece-layer-key', `${LAYERS}[${JSON.stringify(Buffer.from('short key').toString('hex'))}]`)],
    },
    {
      name: 'a missing piece layer is a warning',
      bytes: () => basic((_, layers) => layers.delete(largeRoot.toString('latin1'))),
      issues: [warning('piece-layer-missing', LAYERS)],
    },
    {
      name: 'no piece layers at all is a warning (clients fetch them from peers)',
      bytes: () => v2Torrent(v2Info('set', [v2File('big.bin', large)], L).info, undefined),
      issues: [warning('piece-layer-missing', LAYERS)],
    },
    {
      name: 'a piece layer for an unknown root is a warning',
      bytes: () => basic((_, layers) => layers.set(Buffer.alloc(32, 9).toString('latin1'), Buffer.alloc(64))),
      issues: [warning('piece-layer-unused', LAYERS)],
    },
  ])
})

describe('parseMetainfo, v2: non-canonical bencode inside info is an error', () => {
  const {info, layers} = v2Info('set', [v2File('big.bin', large)], L)
  const after: Array<[string, Uint8Array]> = [['piece layers', encode(layers)]]

  it('unsorted keys in a v2 info are an error, and the hash is of the raw bytes', () => {
    const infoBytes = rawDict([
      ['file tree', encode(info['file tree'])],
      ['name', encode('set')],
      ['piece length', encode(L)],
      ['meta version', encode(2)],
    ])
    const bytes = torrentWithRawInfo(infoBytes, [], after)
    const {metainfo, issues} = parseMetainfo(bytes)
    expect(issueKeys(issues)).toEqual([error('non-canonical-bencode', `bytes[${bytes.indexOf('12:meta version')}]`)])
    expect(Buffer.from(metainfo.infoHashV2!)).toEqual(sha256(infoBytes))
  })

  it('a leading zero in a v2 info is an error', () => {
    const infoBytes = rawDict([
      ['file tree', encode(info['file tree'])],
      ['meta version', Buffer.from('i02e')],
      ['name', encode('set')],
      ['piece length', encode(L)],
    ])
    const bytes = torrentWithRawInfo(infoBytes, [], after)
    expect(issuesOf(bytes)).toEqual([error('non-canonical-bencode', `bytes[${bytes.indexOf('i02e')}]`)])
  })

  it('non-canonical bencode outside a v2 info is only a warning', () => {
    const bytes = torrentWithRawInfo(encode(info), [['comment', Buffer.from('01:x')]], after)
    expect(issuesOf(bytes)).toEqual([warning('non-canonical-bencode', `bytes[${bytes.indexOf('01:x')}]`)])
  })
})
