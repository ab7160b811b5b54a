import {describe, expect, it} from 'vitest'
import {UsageError} from '../../../src/core/errors.js'
import {type UrlRole, assertUrl, urlFault} from '../../../src/core/metainfo/url-rule.js'

describe('urlFault, the one URL rule of create, edit, the wizard and info', () => {
  it.each<[UrlRole, string]>([
    ['tracker', 'http://t.example/announce'],
    ['tracker', 'HTTPS://t.example:8443/announce.php?passkey=abc&x=%20#frag'],
    ['tracker', 'udp://t.example:6969'],
    ['tracker', 'udp://[2001:db8::1]:6969/announce'],
    ['tracker', 'ws://t.example/'],
    ['tracker', 'wss://t.example/'],
    ['web seed', 'https://user:pw@seed.example/files/'],
    ['web seed', 'http://seed.example/a%20b/file.iso'],
    ['http seed', 'http://h.example/seed.php'],
  ])('accepts the %s %s', (role, url) => {
    expect(urlFault(url, role)).toBeUndefined()
  })

  it.each<[string, string]>([
    ['', 'it is empty'],
    ['not-a-url', 'it has no scheme, such as http://'],
    ['not a url', 'it contains a space or other whitespace'],
    ['http://a b/x', 'it contains a space or other whitespace'],
    ['http://a/b c', 'it contains a space or other whitespace'],
    ['http://a/\tb', 'it contains a space or other whitespace'],
    ['http://a/\u0000', 'it contains a control character'],
    ['http://a/\u007F', 'it contains a control character'],
    ['http://trä.example/announce', 'it contains a non-ASCII character (percent-encode it, or write the host in punycode)'],
    ['http://a/<x>', 'it contains "<", which a URL cannot hold unencoded'],
    ['http:\\\\a\\announce', 'it contains "\\\\", which a URL cannot hold unencoded'],
    ['http://a/%zz', 'it contains a % that does not start a %XX escape'],
    ['http:/a/announce', 'it has no // after http:'],
    ['http:a', 'it has no // after http:'],
    ['http://a:99999/', 'it does not parse (check the host and port)'],
    ['udp://:6969', 'it does not parse (check the host and port)'],
  ])('finds %j invalid: %s', (url, reason) => {
    expect(urlFault(url, 'tracker')).toEqual({code: 'url-invalid', reason})
  })

  it.each<[UrlRole, string, string]>([
    ['tracker', 'ftp://t.example/a', 'ftp'],
    ['tracker', 'magnet:?xt=urn:btih:abc', 'magnet'],
    ['web seed', 'ftp://mirror.example/pub/', 'ftp'],
    ['web seed', 'udp://seed.example/', 'udp'],
    ['http seed', 'wss://h.example/', 'wss'],
  ])('finds a %s on %s a protocol clients do not use there', (role, url, scheme) => {
    expect(urlFault(url, role)).toEqual({code: 'url-protocol', scheme})
  })
})

describe('assertUrl', () => {
  it('throws a usage error naming the flag, the URL and what is wrong', () => {
    expect(() => assertUrl('http://a b/x', 'tracker', '--announce')).toThrow(UsageError)
    expect(() => assertUrl('http://a b/x', 'tracker', '--announce')).toThrow('--announce "http://a b/x" is not a valid URL: it contains a space or other whitespace')
    expect(() => assertUrl('ftp://m.example/', 'web seed', '--web-seed')).toThrow('--web-seed "ftp://m.example/" uses ftp, which clients do not use for a web seed; use http or https')
    expect(() => assertUrl('ftp://t.example/', 'tracker', '-a')).toThrow('-a "ftp://t.example/" uses ftp, which clients do not use for a tracker; use http, https, udp, ws or wss')
  })
})
