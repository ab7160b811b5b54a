import {describe, expect, it, vi} from 'vitest'
import {type CreateOptions, createTorrent, planTorrent} from '../../../src/core/use-cases/create-torrent.js'
import {UsageError} from '../../../src/core/errors.js'
import {withTempTree} from '../../helpers/temp-tree.js'

// Every value a flag (or a library caller) can make invalid is refused before the walk: the path
// below does not exist, so reaching the walk would throw an I/O error instead of these.
const MISSING = '/nonexistent/mktorrent-check-create-options'

describe('planTorrent refuses invalid options before the walk, with a usage error naming the flag and value', () => {
  it.each<[string, Partial<CreateOptions>, string]>([
    ['a tracker that is not a URL', {announce: [['http://ok.example/a'], ['not-a-url']]}, '--announce "not-a-url" is not a valid URL: it has no scheme, such as http://'],
    ['a tracker with a space', {announce: [['http://a b/x']]}, '--announce "http://a b/x" is not a valid URL: it contains a space or other whitespace'],
    ['an ftp tracker', {announce: [['ftp://t.example/']]}, '--announce "ftp://t.example/" uses ftp, which clients do not use for a tracker; use http, https, udp, ws or wss'],
    ['a web seed that is not a URL', {webSeeds: ['not a url']}, '--web-seed "not a url" is not a valid URL: it contains a space or other whitespace'],
    ['an ftp web seed', {webSeeds: ['ftp://m.example/pub/']}, '--web-seed "ftp://m.example/pub/" uses ftp, which clients do not use for a web seed; use http or https'],
    ['a udp HTTP seed', {httpSeeds: ['udp://h.example:1']}, '--http-seed "udp://h.example:1" uses udp, which clients do not use for an HTTP seed; use http or https'],
    ['a name with a slash', {name: 'a/b'}, `--name "a/b" contains '/' or '\\', which could place a file outside its folder`],
    ['a name with a backslash', {name: 'a\\b'}, `--name "a\\\\b" contains '/' or '\\', which could place a file outside its folder`],
    ['the name ..', {name: '..'}, '--name is "..", which would leave or alias its folder'],
    ['the name .', {name: '.'}, '--name is ".", which would leave or alias its folder'],
    ['an empty name', {name: ''}, '--name is empty; leave it out to use the file or folder name'],
    ['a name with a newline', {name: 'a\nb'}, '--name "a\\nb" contains a NUL or control character'],
    ['a name with a bidi override', {name: 'evil\u202Etxt.exe'}, '--name "evil\u202Etxt.exe" contains a bidi or zero-width character that can disguise a file name'],
    ['a name with a lone surrogate', {name: 'a\uD800'}, '--name "a\\ud800" contains a lone surrogate, which UTF-8 cannot encode'],
    ['an empty source', {source: ''}, '--source is empty; leave it out for no source tag'],
    ['a source with a tab', {source: 'A\tB'}, '--source "A\\tB" contains a control character, which could drive the terminal of whoever reads it'],
    ['a comment with an escape', {comment: 'hi \u001B[2J'}, '--comment "hi \\u001b[2J" contains a control character other than tab or newline, which could drive the terminal of whoever reads it'],
    ['a created-by with a newline', {createdBy: 'a\nb'}, '--created-by "a\\nb" contains a control character, which could drive the terminal of whoever reads it'],
    ['a DHT node with a space in its host', {dhtNodes: [{host: 'a b', port: 6881}]}, '--dht-node "a b:6881": "a b" is neither a host name nor an IP address'],
    ['a DHT node on port 0', {dhtNodes: [{host: 'router.example', port: 0}]}, '--dht-node "router.example:0": the port must be from 1 to 65535'],
    ['a date beyond 2^53', {creationDate: 1e20}, '--date 100000000000000000000 is out of range: a creation date is whole Unix seconds from 0 (1970) to 253402300799 (9999)'],
    ['a negative date', {creationDate: -5}, '--date -5 is out of range: a creation date is whole Unix seconds from 0 (1970) to 253402300799 (9999)'],
    ['a fractional date', {creationDate: 1.5}, '--date 1.5 is out of range: a creation date is whole Unix seconds from 0 (1970) to 253402300799 (9999)'],
    ['a piece length below 16 KiB', {pieceLength: 8192}, '--piece-length 8192 is not a power of two from 16 KiB (16384) to 256 MiB (268435456) bytes'],
    ['a piece length that is not a power of two', {pieceLength: 100_000}, '--piece-length 100000 is not a power of two from 16 KiB (16384) to 256 MiB (268435456) bytes'],
    ['a piece length above 256 MiB', {pieceLength: 2 ** 29}, '--piece-length 536870912 is not a power of two from 16 KiB (16384) to 256 MiB (268435456) bytes'],
    ['an unknown meta version', {metaVersion: 'v3' as 'v2'}, '--meta-version "v3" is not v1, v2 or hybrid'],
    ['zero threads', {threads: 0}, '--threads 0 is not a whole number of at least 1'],
  ])('%s', async (_, options, message) => {
    const planned = planTorrent({path: MISSING, ...options})
    await expect(planned).rejects.toThrow(UsageError)
    await expect(planned).rejects.toMatchObject({exitCode: 2, message})
  })

  it('accepts the values clients use, multi-line comments included', async () => {
    const options: Partial<CreateOptions> = {
      name: 'Release ü 1.0',
      announce: [['udp://t.example:6969/announce', 'wss://t.example/'], ['https://t2.example/a?passkey=0123%20']],
      webSeeds: ['https://seed.example/files/'],
      httpSeeds: ['http://h.example/seed.php'],
      dhtNodes: [{host: 'router.example', port: 6881}, {host: '2001:db8::1', port: 1}, {host: '192.0.2.1', port: 65535}],
      source: 'SRC',
      comment: 'line one\r\nline two\twith a tab',
      createdBy: 'me',
      creationDate: 0,
      pieceLength: 16384,
      threads: 1,
    }
    await expect(planTorrent({path: MISSING, ...options})).rejects.toMatchObject({code: 'not-found'})
  })
})

describe('createTorrent', () => {
  it('throws the usage error before reading any data', async () => {
    await withTempTree({'a.bin': 100_000}, async ({root}) => {
      const onProgress = vi.fn()
      await expect(createTorrent({path: root, name: 'a/b', threads: 1, onProgress})).rejects.toMatchObject({name: 'UsageError', code: 'invalid-name', exitCode: 2})
      expect(onProgress).not.toHaveBeenCalled()
    })
  })
})

describe("the name's warnings", () => {
  it('are in the plan before hashing, as info reports them of the torrent written', async () => {
    await withTempTree({'a.bin': 20_000}, async ({root}) => {
      const options: CreateOptions = {path: root, name: 'release:1.', pieceLength: 16384, threads: 1}
      const plan = await planTorrent(options)
      expect(plan.lints.map((lint) => [lint.code, lint.path])).toEqual([
        ['path-windows-invalid-character', 'info.name'],
        ['path-trailing-dot-or-space', 'info.name'],
      ])
      expect((await createTorrent(options)).report.issues).toEqual(plan.lints)
    })
  })
})
