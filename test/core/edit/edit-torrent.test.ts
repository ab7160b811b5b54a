import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {type BencodeDict, type BencodeValue, isDict} from '../../../src/core/bencode/bencode-value.js'
import {decodeBencode} from '../../../src/core/bencode/decode.js'
import {bencodeToJson} from '../../../src/core/bencode/to-json.js'
import {editTorrent} from '../../../src/core/edit/edit-torrent.js'
import {InvalidTorrentError} from '../../../src/core/errors.js'
import {REPO_ROOT} from '../../helpers/run-cli.js'
import {
  KiB,
  encode,
  hybridInfo,
  payload,
  sha1,
  sha256,
  torrent,
  v1File,
  v1MultiInfo,
  v1SingleInfo,
  v2File,
  v2Torrent,
} from '../../helpers/torrent-builder.js'

const L = 16 * KiB
const TORRENTS = join(REPO_ROOT, 'fixtures', 'torrents')
const OLD = 'http://old.example/announce'
const NEW = 'udp://new.example:6969/announce'

const info = v1MultiInfo('files', [v1File('a.txt', payload(20_000, 1)), v1File('b.txt', payload(300, 2))], L, {'x-unknown': {nested: [1, 'two']}})
const base = torrent(info, {announce: OLD, comment: 'old comment', 'created by': 'someone', 'creation date': 1_700_000_000, 'x-custom': {keep: ['me', 7]}})

function toJsonShape(value: BencodeValue | undefined): unknown {
  return value === undefined ? undefined : bencodeToJson(value)
}

function topOf(bytes: Uint8Array): BencodeDict {
  const value = decodeBencode(bytes).value
  if (!isDict(value)) throw new Error('not a dictionary')
  return value
}

/** The raw bytes of `info` as they sit in the file. */
function infoBytesOf(bytes: Uint8Array): Buffer {
  const decoded = decodeBencode(bytes)
  const span = decoded.spanOf((decoded.value as BencodeDict).get('info') as BencodeDict)!
  return Buffer.from(bytes.subarray(span.start, span.end))
}

describe('editTorrent outside info', () => {
  it('keeps the bytes of info, and so the info-hash, when trackers change', () => {
    const edited = editTorrent(base, {replaceTrackers: [[OLD, NEW]]}, 't')
    expect(infoBytesOf(edited.bytes).equals(infoBytesOf(base))).toBe(true)
    expect(edited.after.report.infoHash).toBe(sha1(encode(info)).toString('hex'))
    expect(edited.infoChanged).toBe(false)
    expect(edited.after.report.announce).toEqual([[NEW]])
  })

  it('keeps non-canonical info bytes of a v1 fixture exactly, so its libtorrent info-hash stays', () => {
    const input = readFileSync(join(TORRENTS, 'unsorted-keys-v1.torrent'))
    const edited = editTorrent(input, {addTrackers: [[NEW]], comment: 'edited'}, 'unsorted')
    expect(infoBytesOf(edited.bytes).equals(infoBytesOf(input))).toBe(true)
    expect(sha1(infoBytesOf(edited.bytes)).toString('hex')).toBe('fe3eca3c90d99941db3dc1345587184b04661b47')
    expect(edited.after.report.infoHash).toBe('fe3eca3c90d99941db3dc1345587184b04661b47')
  })

  it('keeps every unknown key, at the top level and inside info, with its value', () => {
    const edited = editTorrent(base, {comment: 'new'}, 't')
    const top = topOf(edited.bytes)
    expect(toJsonShape(top.get('x-custom'))).toEqual({keep: ['me', 7]})
    expect(toJsonShape((top.get('info') as BencodeDict).get('x-unknown'))).toEqual({nested: [1, 'two']})
  })

  it('re-encodes the rest canonically, with keys in byte order', () => {
    const edited = editTorrent(base, {comment: 'new'}, 't')
    expect(decodeBencode(edited.bytes).nonCanonical).toEqual([])
    expect([...topOf(edited.bytes).keys()]).toEqual(['announce', 'comment', 'created by', 'creation date', 'info', 'x-custom'])
  })

  it('writes one tracker as announce only, and several as announce plus announce-list', () => {
    const one = topOf(editTorrent(base, {replaceTrackers: [[OLD, NEW]]}, 't').bytes)
    expect(toJsonShape(one.get('announce'))).toBe(NEW)
    expect(one.has('announce-list')).toBe(false)
    const several = topOf(editTorrent(base, {addTrackers: [[NEW]]}, 't').bytes)
    expect(toJsonShape(several.get('announce'))).toBe(OLD)
    expect(toJsonShape(several.get('announce-list'))).toEqual([[OLD], [NEW]])
  })

  it('deletes announce and announce-list when every tracker is removed', () => {
    const both = torrent(info, {announce: OLD, 'announce-list': [[OLD], [NEW]]})
    const top = topOf(editTorrent(both, {clearTrackers: true}, 't').bytes)
    expect(top.has('announce')).toBe(false)
    expect(top.has('announce-list')).toBe(false)
  })

  it('leaves announce-list as it was when the tracker edits change nothing', () => {
    const single = torrent(info, {announce: OLD, 'announce-list': [[OLD]]})
    const edited = editTorrent(single, {addTrackers: [[OLD]], comment: 'x'}, 't')
    expect(toJsonShape(topOf(edited.bytes).get('announce-list'))).toEqual([[OLD]])
    expect(edited.changes.map((change) => change.field)).toEqual(['comment'])
  })

  it('writes one web seed as a string, several as a list, none as no url-list', () => {
    const one = editTorrent(base, {addWebSeeds: ['http://s1.example/']}, 't')
    expect(toJsonShape(topOf(one.bytes).get('url-list'))).toBe('http://s1.example/')
    const two = editTorrent(one.bytes, {addWebSeeds: ['http://s2.example/']}, 't')
    expect(toJsonShape(topOf(two.bytes).get('url-list'))).toEqual(['http://s1.example/', 'http://s2.example/'])
    expect(topOf(editTorrent(two.bytes, {clearWebSeeds: true}, 't').bytes).has('url-list')).toBe(false)
  })

  it('sets and removes comment, created by and creation date', () => {
    const set = editTorrent(base, {comment: 'new ✓', createdBy: 'me', creationDate: 86_400}, 't').after.report
    expect({comment: set.comment, createdBy: set.createdBy, creationDate: set.creationDate}).toEqual({
      comment: 'new ✓',
      createdBy: 'me',
      creationDate: '1970-01-02T00:00:00.000Z',
    })
    const top = topOf(editTorrent(base, {comment: null, createdBy: null, creationDate: null}, 't').bytes)
    expect(['comment', 'created by', 'creation date'].filter((key) => top.has(key))).toEqual([])
  })

  it('drops the comment.utf-8 twin when the comment changes, so no client shows the old one', () => {
    const twin = torrent(info, {comment: 'old', 'comment.utf-8': 'old'})
    const top = topOf(editTorrent(twin, {comment: 'new'}, 't').bytes)
    expect(toJsonShape(top.get('comment'))).toBe('new')
    expect(top.has('comment.utf-8')).toBe(false)
  })

  it('lists each changed field with its value before and after, named as in info --json', () => {
    const edited = editTorrent(base, {addTrackers: [[NEW]], comment: null, addWebSeeds: ['http://s.example/']}, 't')
    expect(edited.changes).toEqual([
      {field: 'announce', before: [[OLD]], after: [[OLD], [NEW]]},
      {field: 'webSeeds', before: [], after: ['http://s.example/']},
      {field: 'comment', before: 'old comment', after: null},
    ])
  })
})

describe('editTorrent inside info', () => {
  it('re-encodes info for --private, giving the SHA-1 of the new canonical info', () => {
    const edited = editTorrent(base, {private: true}, 't')
    const expectedInfo = {...info, private: 1}
    expect(infoBytesOf(edited.bytes).equals(encode(expectedInfo))).toBe(true)
    expect(edited.after.report.infoHash).toBe(sha1(encode(expectedInfo)).toString('hex'))
    expect(edited.infoChanged).toBe(true)
    expect(edited.changes).toEqual([{field: 'private', before: false, after: true}])
  })

  it('leaves info alone when it is already private', () => {
    const privateTorrent = torrent({...info, private: 1})
    const edited = editTorrent(privateTorrent, {private: true, comment: 'x'}, 't')
    expect(edited.infoChanged).toBe(false)
    expect(infoBytesOf(edited.bytes).equals(infoBytesOf(privateTorrent))).toBe(true)
  })

  it('sets and removes the source, keeping the other info keys', () => {
    const withSource = editTorrent(base, {source: 'TRK'}, 't')
    expect(withSource.after.report.source).toBe('TRK')
    const removed = editTorrent(withSource.bytes, {source: null}, 't')
    expect(infoBytesOf(removed.bytes).equals(encode(info))).toBe(true)
  })

  it('changes both hashes of a hybrid and keeps its piece layers, which stay valid', () => {
    const files = [v2File('a.bin', payload(40_000, 3)), v2File('b.bin', payload(100, 4))]
    const hybrid = hybridInfo('h', files, L)
    const input = v2Torrent(hybrid.info, hybrid.layers)
    const edited = editTorrent(input, {private: true, source: 'X'}, 'h')
    const newInfo = encode({...hybrid.info, private: 1, source: 'X'})
    expect(edited.after.report.infoHash).toBe(sha1(newInfo).toString('hex'))
    expect(edited.after.report.infoHashV2).toBe(sha256(newInfo).toString('hex'))
    expect(edited.after.report.valid).toBe(true)
    expect(topOf(edited.bytes).get('piece layers')).toEqual(topOf(input).get('piece layers'))
  })
})

describe('editTorrent refusals', () => {
  it('refuses an invalid torrent with the code of its first error', () => {
    const bad = torrent(v1MultiInfo('bad', [v1File('../escape.txt', payload(10, 5))], L))
    expect(() => editTorrent(bad, {comment: 'x'}, 'bad.torrent')).toThrow(InvalidTorrentError)
    try {
      editTorrent(bad, {comment: 'x'}, 'bad.torrent')
    } catch (error) {
      expect((error as InvalidTorrentError).code).toBe('path-dot-element')
      expect((error as Error).message).toMatch(/^bad\.torrent is not a valid torrent: /)
    }
  })

  it('names the file when the bytes are not bencode', () => {
    expect(() => editTorrent(Buffer.from('d4:info'), {comment: 'x'}, 'cut.torrent')).toThrow(/^cut\.torrent: invalid bencode at byte/)
  })
})
