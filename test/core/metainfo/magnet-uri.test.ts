import {describe, expect, it} from 'vitest'
import {magnetUri, torrentMagnet} from '../../../src/core/metainfo/magnet-uri.js'
import {parseMetainfo} from '../../../src/core/metainfo/parse-metainfo.js'
import {KiB, payload, torrent, v1File, v1MultiInfo} from '../../helpers/torrent-builder.js'

const V1 = Buffer.alloc(20, 0xab)
const V2 = Buffer.alloc(32, 0xcd)

describe('magnetUri', () => {
  it('escapes the apostrophe as libtorrent does, and leaves letters, digits and -_.!~*() alone', () => {
    expect(magnetUri({infoHash: V1, name: "it's (a) test-_.!~* ü&=+#%/"})).toBe(
      `magnet:?xt=urn:btih:${V1.toString('hex')}&dn=it%27s%20(a)%20test-_.!~*%20%C3%BC%26%3D%2B%23%25%2F`,
    )
  })

  it('writes btih before btmh for a hybrid, then dn, every tr and every ws', () => {
    expect(magnetUri({infoHash: V1, infoHashV2: V2, name: 'x', trackers: ['udp://a:1/b', 'http://c/d'], webSeeds: ['http://e/']})).toBe(
      `magnet:?xt=urn:btih:${V1.toString('hex')}&xt=urn:btmh:1220${V2.toString('hex')}&dn=x` +
        '&tr=udp%3A%2F%2Fa%3A1%2Fb&tr=http%3A%2F%2Fc%2Fd&ws=http%3A%2F%2Fe%2F',
    )
  })

  it('leaves out dn for an empty name', () => {
    expect(magnetUri({infoHashV2: V2, name: ''})).toBe(`magnet:?xt=urn:btmh:1220${V2.toString('hex')}`)
  })
})

describe('torrentMagnet', () => {
  const info = v1MultiInfo('files', [v1File('a.txt', payload(100, 1))], 16 * KiB)
  const bytes = torrent(info, {
    announce: 'http://ignored.example/announce',
    'announce-list': [['udp://t1.example:6969/announce', 'udp://t2.example:6969/announce'], ['http://t3.example/announce']],
    'url-list': ['http://seed.example/files/'],
  })
  const {metainfo} = parseMetainfo(bytes)

  it('lists every tracker of every tier in order, and the web seeds', () => {
    const params = new URL(torrentMagnet(metainfo)).searchParams
    expect(params.getAll('tr')).toEqual(['udp://t1.example:6969/announce', 'udp://t2.example:6969/announce', 'http://t3.example/announce'])
    expect(params.getAll('ws')).toEqual(['http://seed.example/files/'])
  })

  it('leaves out the trackers, but not the web seeds, when asked', () => {
    const params = new URL(torrentMagnet(metainfo, {trackers: false})).searchParams
    expect(params.getAll('tr')).toEqual([])
    expect(params.getAll('ws')).toEqual(['http://seed.example/files/'])
    expect(params.get('dn')).toBe('files')
  })
})
