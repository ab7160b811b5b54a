import {describe, expect, it} from 'vitest'
import {inspectTorrent} from '../../../src/core/use-cases/inspect-torrent.js'
import {
  type Dict,
  KiB,
  encode,
  error,
  hybridInfo,
  issueKeys,
  payload,
  sha1,
  sha256,
  torrent,
  v1File,
  v1MultiInfo,
  v1SingleInfo,
  v2File,
  v2Info,
  v2Torrent,
  warning,
} from '../../helpers/torrent-builder.js'

const L = 16 * KiB
const fileA = payload(20_000, 1)
const fileB = payload(5000, 2)

const trackers = {
  announce: 'http://ignored.example/announce',
  'announce-list': [['udp://t1.example:6969/announce'], ['http://t2.example/ann?x=1&y=2', 'https://t3.example/announce']],
}
const trackerParams = 'tr=udp%3A%2F%2Ft1.example%3A6969%2Fannounce&tr=http%3A%2F%2Ft2.example%2Fann%3Fx%3D1%26y%3D2&tr=https%3A%2F%2Ft3.example%2Fannounce'

function v1Multi(extra: Dict = {}): Dict {
  return v1MultiInfo('My Files', [v1File('a.txt', fileA), v1File('sub/deep/b.bin', fileB), v1File('empty.dat', Buffer.alloc(0))], L, extra)
}

describe('torrentReport (info --json)', () => {
  it('reports every field of a v1 multi-file torrent', () => {
    const info = v1Multi({private: 1, source: 'TRK'})
    const top = {
      ...trackers,
      'url-list': ['https://seed.example/files/'],
      comment: 'hello wörld',
      'created by': 'mktorrent test',
      'creation date': 1_700_000_000,
    }
    const {report} = inspectTorrent(torrent(info, top))
    const hash = sha1(encode(info)).toString('hex')
    expect(report).toEqual({
      name: 'My Files',
      metaVersion: 'v1',
      infoHash: hash,
      infoHashV2: null,
      infoHashV2Truncated: null,
      pieceLength: L,
      pieceCount: 2,
      totalLength: 25_000,
      private: true,
      source: 'TRK',
      comment: 'hello wörld',
      createdBy: 'mktorrent test',
      creationDate: '2023-11-14T22:13:20.000Z',
      announce: trackers['announce-list'],
      webSeeds: ['https://seed.example/files/'],
      httpSeeds: [],
      files: [
        {path: 'a.txt', length: 20_000, padding: false, attr: ''},
        {path: 'sub/deep/b.bin', length: 5000, padding: false, attr: ''},
        {path: 'empty.dat', length: 0, padding: false, attr: ''},
      ],
      magnet: `magnet:?xt=urn:btih:${hash}&dn=My%20Files&${trackerParams}&ws=https%3A%2F%2Fseed.example%2Ffiles%2F`,
      valid: true,
      issues: [],
    })
  })

  it('reports absent optional fields as null or empty', () => {
    const info = v1SingleInfo('a.txt', fileA, L)
    const {report} = inspectTorrent(torrent(info))
    expect(report).toMatchObject({
      private: false,
      source: null,
      comment: null,
      createdBy: null,
      creationDate: null,
      announce: [],
      webSeeds: [],
      httpSeeds: [],
      magnet: `magnet:?xt=urn:btih:${sha1(encode(info)).toString('hex')}&dn=a.txt`,
      valid: true,
    })
  })

  it('gives a single-file torrent one file whose path is the name', () => {
    const {report} = inspectTorrent(torrent(v1SingleInfo('movie.mkv', fileA, L)))
    expect(report.files).toEqual([{path: 'movie.mkv', length: 20_000, padding: false, attr: ''}])
  })

  it('reports BEP 47 attributes', () => {
    const info = v1Multi()
    info.files[0].attr = 'x'
    expect(inspectTorrent(torrent(info)).report.files[0]).toEqual({path: 'a.txt', length: 20_000, padding: false, attr: 'x'})
  })

  it('reports httpseeds (BEP 17)', () => {
    const {report} = inspectTorrent(torrent(v1Multi(), {httpseeds: ['http://seed.example/seed.php']}))
    expect(report.httpSeeds).toEqual(['http://seed.example/seed.php'])
    expect(report.magnet).not.toContain('seed.php')
  })

  it('reports a hybrid: both hashes, the truncated v2 hash, pads flagged, payload-only length, the v2 piece count, btih then btmh, and the padding lint', () => {
    const L2 = 32 * KiB
    const files = [v2File('a.bin', payload(40_000, 1)), v2File('b.bin', payload(70_000, 2))]
    const {info, layers} = hybridInfo('data', files, L2)
    const {report} = inspectTorrent(v2Torrent(info, layers, {announce: 'udp://t1.example:6969/announce', 'url-list': 'https://seed.example/'}))
    const v1 = sha1(encode(info)).toString('hex')
    const v2 = sha256(encode(info)).toString('hex')
    expect(report).toMatchObject({
      name: 'data',
      metaVersion: 'hybrid',
      infoHash: v1,
      infoHashV2: v2,
      infoHashV2Truncated: v2.slice(0, 40),
      pieceLength: L2,
      pieceCount: 2 + 3,
      totalLength: 110_000,
      announce: [['udp://t1.example:6969/announce']],
      webSeeds: ['https://seed.example/'],
      files: [
        {path: 'a.bin', length: 40_000, padding: false, attr: ''},
        {path: '.pad/25536', length: 25_536, padding: true, attr: 'p'},
        {path: 'b.bin', length: 70_000, padding: false, attr: ''},
        {path: '.pad/28304', length: 28_304, padding: true, attr: 'p'},
      ],
      magnet: `magnet:?xt=urn:btih:${v1}&xt=urn:btmh:1220${v2}&dn=data&tr=udp%3A%2F%2Ft1.example%3A6969%2Fannounce&ws=https%3A%2F%2Fseed.example%2F`,
      valid: true,
      // 53,840 pad bytes on 110,000 of payload, over the 25% the lint allows.
      issues: [{severity: 'warning', code: 'pad-overhead', path: 'info.files'}],
    })
    expect(report.infoHashV2Truncated).toHaveLength(40)
  })

  it('reports a v2-only torrent: no v1 hash, btmh alone, files in tree order', () => {
    const files = [v2File('z.bin', payload(10, 1)), v2File('sub/x', payload(20, 2)), v2File('sub.txt', payload(30, 3))]
    const {info, layers} = v2Info('v2 ✓', files, L)
    const {report} = inspectTorrent(v2Torrent(info, layers))
    const v2 = sha256(encode(info)).toString('hex')
    expect(report).toMatchObject({
      name: 'v2 ✓',
      metaVersion: 'v2',
      infoHash: null,
      infoHashV2: v2,
      infoHashV2Truncated: v2.slice(0, 40),
      pieceCount: 3,
      totalLength: 60,
      files: [
        {path: 'sub/x', length: 20, padding: false, attr: ''},
        {path: 'sub.txt', length: 30, padding: false, attr: ''},
        {path: 'z.bin', length: 10, padding: false, attr: ''},
      ],
      magnet: `magnet:?xt=urn:btmh:1220${v2}&dn=v2%20%E2%9C%93`,
      valid: true,
    })
  })

  it('is not valid when there is an error, and lists it', () => {
    const info = v1Multi()
    info.pieces = info.pieces.subarray(0, 20)
    const {report} = inspectTorrent(torrent(info))
    expect(report.valid).toBe(false)
    expect(issueKeys(report.issues)).toEqual([error('piece-count-mismatch', 'info.pieces')])
  })

  it('stays valid with only warnings', () => {
    const {report} = inspectTorrent(torrent(v1Multi({private: '1'})))
    expect(report.valid).toBe(true)
    expect(report.private).toBe(false)
    expect(issueKeys(report.issues)).toEqual([warning('private-not-integer', 'info.private')])
  })
})

describe('inspectTorrent({strict: true})', () => {
  it('turns every warning into an error and the torrent invalid', () => {
    const bytes = torrent(v1Multi({private: '1'}), {announce: 'not a url'})
    const {report} = inspectTorrent(bytes, {strict: true})
    expect(report.valid).toBe(false)
    expect(issueKeys(report.issues)).toEqual([error('url-invalid', 'announce'), error('private-not-integer', 'info.private')])
  })

  it('leaves a clean torrent valid, with no issues', () => {
    const {report} = inspectTorrent(torrent(v1Multi()), {strict: true})
    expect(report.valid).toBe(true)
    expect(report.issues).toEqual([])
  })

  it('keeps errors as errors', () => {
    const info = v1Multi()
    info.pieces = info.pieces.subarray(0, 20)
    const {report} = inspectTorrent(torrent(info), {strict: true})
    expect(report.valid).toBe(false)
    expect(issueKeys(report.issues)).toEqual([error('piece-count-mismatch', 'info.pieces')])
  })

  it('changes nothing but the severities', () => {
    const bytes = torrent(v1Multi({private: '1'}))
    const lax = inspectTorrent(bytes).report
    const strict = inspectTorrent(bytes, {strict: true}).report
    expect({...strict, valid: lax.valid, issues: lax.issues}).toEqual(lax)
    expect(strict.issues.map(({code, path, message}) => ({code, path, message}))).toEqual(lax.issues.map(({code, path, message}) => ({code, path, message})))
  })
})
