import {describe, expect, it} from 'vitest'
import {parseAnnounceReply, parseScrapeReply} from '../../../src/core/remote/tracker-reply.js'
import {encode} from '../../helpers/torrent-builder.js'

const hash = Buffer.from('00ff'.repeat(10), 'hex')
const key = hash.toString('latin1')
/** Keys are byte strings (one char per byte), as the decoder gives them: a Map keeps them as bytes. */
const scrape = (files: Record<string, unknown>): Buffer => encode({files: new Map(Object.entries(files))} as never)

describe('parseScrapeReply', () => {
  it('reads complete, incomplete and downloaded as seeders, leechers and completed', () => {
    expect(parseScrapeReply(scrape({[key]: {complete: 5, incomplete: 2, downloaded: 40}}), [hash])).toEqual([
      {listed: true, seeders: 5, leechers: 2, completed: 40},
    ])
  })

  it('gives null for a count left out or not a non-negative integer, and not listed for a hash left out', () => {
    const other = Buffer.alloc(20, 1)
    expect(parseScrapeReply(scrape({[key]: {complete: -1, incomplete: 'x'}}), [hash, other])).toEqual([
      {listed: true, seeders: null, leechers: null, completed: null},
      {listed: false, seeders: null, leechers: null, completed: null},
    ])
  })

  it('reads a key holding the hash as UTF-8 text, with a warning', () => {
    const textKey = Buffer.from(key, 'utf8').toString('latin1')
    expect(textKey.length).toBe(30)
    expect(parseScrapeReply(scrape({[textKey]: {complete: 1, incomplete: 0, downloaded: 1}}), [hash])).toEqual([
      {listed: true, seeders: 1, leechers: 0, completed: 1, warning: expect.stringContaining('UTF-8 text')},
    ])
  })

  it.each([
    ['a failure reason', encode({'failure reason': 'no  such\ntorrent'}), 'tracker-failure', 'no such torrent'],
    ['no files', encode({flags: {}}), 'malformed-reply', 'the scrape reply has no files dictionary'],
    ['a list', encode([1]), 'malformed-reply', 'the reply is not a bencoded dictionary'],
    ['HTML', Buffer.from('<html>busy</html>'), 'malformed-reply', expect.stringMatching(/^the reply is not bencode .*: "<html>busy<\/html>"$/u)],
    ['nothing', Buffer.alloc(0), 'malformed-reply', expect.stringMatching(/an empty body$/u)],
  ])('refuses %s', (_, body, errorClass, message) => {
    expect(() => parseScrapeReply(body, [hash])).toThrow(expect.objectContaining({errorClass, message}))
  })
})

describe('parseAnnounceReply', () => {
  it('reads the counts an announce reply gives, and its warning message', () => {
    expect(parseAnnounceReply(encode({interval: 1800, complete: 3, incomplete: 4, peers: Buffer.alloc(0), 'warning message': 'be nice'}))).toEqual({
      listed: true,
      seeders: 3,
      leechers: 4,
      completed: null,
      warning: 'be nice',
    })
  })

  it('refuses a dictionary that is no announce reply', () => {
    expect(() => parseAnnounceReply(encode({files: {}}))).toThrow(expect.objectContaining({errorClass: 'malformed-reply'}))
  })
})
