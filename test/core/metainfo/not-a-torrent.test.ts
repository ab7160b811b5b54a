import {gzipSync} from 'node:zlib'
import {describe, expect, it} from 'vitest'
import {notATorrentHint} from '../../../src/core/metainfo/not-a-torrent.js'
import {parseMetainfo} from '../../../src/core/metainfo/parse-metainfo.js'

const bytes = (...values: number[]): Buffer => Buffer.from(values)

describe('notATorrentHint: what a file that is not a torrent looks like', () => {
  it.each<[string, Buffer | string, string | undefined]>([
    ['gzip', gzipSync('d4:infodee'), 'this is gzip-compressed data; decompress it first (gunzip)'],
    ['zip', Buffer.concat([Buffer.from('PK'), bytes(3, 4, 20, 0)]), 'this is a zip archive; extract the .torrent file from it'],
    ['PNG', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a), 'this is a PNG image, not a .torrent file'],
    ['JPEG', bytes(0xff, 0xd8, 0xff, 0xdb), 'this is a JPEG image, not a .torrent file'],
    ['HTML', '\uFEFF  <!doctype html><html lang="en">', 'this is an HTML page, often a login or error page saved in place of the torrent; download the .torrent again'],
    ['HTML after a comment', '<!-- x -->\n<html>', 'this is an HTML page, often a login or error page saved in place of the torrent; download the .torrent again'],
    ['XML', '<?xml version="1.0"?><rss/>', 'this is XML or HTML text, not a .torrent file'],
    ['JSON object', '{"error": "not found"}', 'this is JSON text, not a .torrent file'],
    ['JSON list', '\n[1, 2]', 'this is JSON text, not a .torrent file'],
    ['magnet link', 'magnet:?xt=urn:btih:0123', 'this is a magnet link, not a .torrent file; give the link to a client as it is'],
    ['URL', 'https://tracker.example/download/123.torrent\n', 'this is a URL in a text file; download the .torrent file it points to'],
    ['other text', 'hello', undefined],
  ])('%s', (_, input, hint) => {
    expect(notATorrentHint(Buffer.from(input))).toBe(hint)
  })

  it('is added to the decoding error only: bencode that is no torrent keeps its own message', () => {
    expect(() => parseMetainfo(Buffer.from('{"a": 1}'))).toThrow(
      'invalid bencode at byte 0: unexpected byte 0x7b where a value was expected (this is JSON text, not a .torrent file)',
    )
    expect(() => parseMetainfo(Buffer.from('li1ee'))).toThrow('the file is bencode, but not a torrent: its top level is not a dictionary')
  })
})
