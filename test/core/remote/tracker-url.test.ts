import {describe, expect, it} from 'vitest'
import {percentEncodeBytes, scrapeUrl, trackerTarget, withQuery} from '../../../src/core/remote/tracker-url.js'

describe('scrapeUrl (BEP 48)', () => {
  it.each([
    ['http://example.com/announce', 'http://example.com/scrape'],
    ['http://example.com/x/announce', 'http://example.com/x/scrape'],
    ['http://example.com/announce.php', 'http://example.com/scrape.php'],
    ['http://example.com/a/announce?x2%0644', 'http://example.com/a/scrape?x2%0644'],
    ['https://example.com/announce/', undefined],
    ['http://example.com/a', undefined],
    ['http://example.com/announce?x=2/4', 'http://example.com/scrape?x=2/4'],
    ['http://example.com/x%064announce', undefined],
    ['http://example.com/0123456789abcdef0123/announce', 'http://example.com/0123456789abcdef0123/scrape'],
  ])('%s -> %s', (announce, scrape) => {
    expect(scrapeUrl(new URL(announce))?.href).toBe(scrape)
  })
})

describe('trackerTarget', () => {
  it.each([
    ['http://t.example/announce', {kind: 'http'}],
    ['udp://t.example:6969/announce', {kind: 'udp', host: 't.example', port: 6969}],
    ['udp://[::1]:6969', {kind: 'udp', host: '::1', port: 6969}],
    ['udp://t.example/announce', {kind: 'invalid', errorClass: 'invalid-url'}],
    ['wss://t.example/announce', {kind: 'not-checked'}],
    ['ws://t.example', {kind: 'not-checked'}],
    ['gopher://t.example', {kind: 'invalid', errorClass: 'unsupported-scheme'}],
    ['not a url', {kind: 'invalid', errorClass: 'invalid-url'}],
  ])('%s', (url, target) => {
    expect(trackerTarget(url)).toMatchObject(target)
  })
})

describe('query building', () => {
  it('percent-encodes every byte but the unreserved ones, and keeps the query the URL had', () => {
    const hash = Uint8Array.from([0x00, 0x41, 0x7e, 0x2e, 0xff, 0x20, 0x25])
    expect(percentEncodeBytes(hash)).toBe('%00A~.%FF%20%25')
    const url = withQuery(new URL('http://t.example/scrape.php?passkey=abc'), [['info_hash', percentEncodeBytes(hash)]])
    expect(url.href).toBe('http://t.example/scrape.php?passkey=abc&info_hash=%00A~.%FF%20%25')
    expect(withQuery(new URL('http://t.example/scrape'), [['a', '1'], ['b', '2']]).href).toBe('http://t.example/scrape?a=1&b=2')
  })
})
