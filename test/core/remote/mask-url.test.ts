import {describe, expect, it} from 'vitest'
import {maskUrl} from '../../../src/core/remote/mask-url.js'

describe('maskUrl', () => {
  it.each([
    ['http://tracker.example/announce', 'http://tracker.example/announce'],
    ['udp://tracker.example:6969/announce', 'udp://tracker.example:6969/announce'],
    ['https://tracker.example/announce/0123456789abcdef0123', 'https://tracker.example/announce/***'],
    ['https://tracker.example/0123456789abcdef0123/announce', 'https://tracker.example/***/announce'],
    ['https://tracker.example/announce.php?passkey=s3cr3t&x=1', 'https://tracker.example/announce.php?passkey=***&x=***'],
    ['https://user:pw@seed.example/files/', 'https://***:***@seed.example/files/'],
    ['https://seed.example/a%20b/file.iso', 'https://seed.example/a%20b/file.iso'],
  ])('%s shows as %s', (url, shown) => {
    expect(maskUrl(url)).toBe(shown)
  })

  it('masks what looks secret in a string that does not parse as a URL', () => {
    expect(maskUrl('tracker//me:pw@host/0123456789abcdef0123?k=v')).toBe('tracker//***@host/***?***')
  })
})
