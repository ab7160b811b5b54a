import {describe, expect, it} from 'vitest'
import {expandEnv} from '../../../src/core/config/expand-env.js'
import {maskSecrets} from '../../../src/core/config/mask-secrets.js'
import {PRESET_SCHEMA} from '../../../src/core/config/preset-schema.js'
import {type SchemaProblem, formatKeyPath, validate} from '../../../src/core/config/schema.js'
import {mergeSettings, toSettings} from '../../../src/core/config/create-settings.js'

function check(value: unknown): {value: unknown; problems: SchemaProblem[]} {
  const problems: SchemaProblem[] = []
  return {value: validate(PRESET_SCHEMA, value, problems, ['presets', 'p']), problems}
}

describe('the preset schema', () => {
  it('converts what it accepts: sizes, exponents, a lone value for a list', () => {
    const {value, problems} = check({pieceLength: '4MiB', maxPieceLength: 20, maxTorrentSize: '1MB', announce: 'udp://t.example:1', exclude: '*.nfo', allow: 'many-pieces'})
    expect(problems).toEqual([])
    expect(value).toEqual({pieceLength: 4_194_304, maxPieceLength: 1_048_576, maxTorrentSize: 1_000_000, announce: ['udp://t.example:1'], exclude: ['*.nfo'], allow: ['many-pieces']})
  })

  it('takes announce as a flat list (a tier each) or as tiers', () => {
    const {value} = check({announce: ['http://a.example/', ['http://b.example/', 'http://c.example/']]})
    expect(toSettings(value as Record<string, unknown>).announce).toEqual([['http://a.example/'], ['http://b.example/', 'http://c.example/']])
  })

  it.each([
    [{privat: true}, 'unknown-key', 'presets.p.privat', 'unknown key (did you mean "private"?)'],
    [{colour: 'red'}, 'unknown-key', 'presets.p.colour', 'unknown key'],
    [{private: 'yes'}, 'wrong-type', 'presets.p.private', 'expected true or false, not the string "yes"'],
    [{announce: [1]}, 'wrong-type', 'presets.p.announce[0]', 'expected a URL or a list of URLs (a tier), not the number 1'],
    [{webSeeds: {}}, 'wrong-type', 'presets.p.webSeeds', 'expected a string or a list of them, not a mapping'],
    [{metaVersion: 'v3'}, 'invalid-value', 'presets.p.metaVersion', '"v3" is not one of v1, v2, hybrid'],
    [{pieceLength: 'auto'}, undefined, '', ''],
    [{maxPieceLength: 'auto'}, 'invalid-value', 'presets.p.maxPieceLength', 'invalid piece length "auto": give an exponent from 14 to 28 (as in C mktorrent: 20 is 1 MiB), or a power of two from 16KiB to 256MiB such as 256KiB, 4MiB, 16k or 262144'],
    [{maxTorrentSize: '0'}, 'invalid-value', 'presets.p.maxTorrentSize', '"0" is not a positive size'],
    [{webSeeds: ['udp://x.example/']}, 'invalid-value', 'presets.p.webSeeds[0]', '"udp://x.example/" uses udp, which clients do not use for a web seed; use http or https'],
    [{exclude: ['[z-a]']}, 'invalid-value', 'presets.p.exclude[0]', 'the pattern "[z-a]" has an invalid character class such as [z-a]'],
    [{allow: ['nope']}, 'invalid-value', 'presets.p.allow[0]', expect.stringMatching(/^"nope" is not one of private-without-tracker, /)],
  ])('%j: %s', (value, kind, path, message) => {
    const {problems} = check(value)
    if (kind === undefined) return expect(problems).toEqual([])
    expect(problems.map((problem) => ({kind: problem.kind, path: formatKeyPath(problem.path), message: problem.message}))).toEqual([{kind, path, message}])
  })

  it('defers the checks of strings holding ${VAR} when asked, and keeps them as written', () => {
    const problems: SchemaProblem[] = []
    const value = validate(PRESET_SCHEMA, {announce: ['${TRACKER}'], pieceLength: '${SIZE}'}, problems, [], {deferred: (text) => text.includes('${')})
    expect(problems).toEqual([])
    expect(value).toEqual({announce: ['${TRACKER}'], pieceLength: '${SIZE}'})
  })

  it('quotes keys that are not identifiers in key paths', () => {
    expect(formatKeyPath(['presets', 'my tracker', 'announce', 0])).toBe('presets["my tracker"].announce[0]')
  })
})

describe('${VAR} expansion and masking', () => {
  it('expands every string, collects the values and names the first unset variable', () => {
    const expanded = expandEnv({a: ['x${ONE}y', {b: '${TWO}${ONE}'}], c: '${GONE}', d: '$ONE {ONE}'}, {ONE: '1111', TWO: ''})
    expect(expanded.value).toEqual({a: ['x1111y', {b: '1111'}], c: '${GONE}', d: '$ONE {ONE}'})
    expect(expanded.secrets).toEqual(['1111'])
    expect(expanded.unset).toEqual({path: ['c'], name: 'GONE'})
  })

  it('masks a secret as written, JSON-escaped and URL-encoded, but not values too short to be one', () => {
    const secret = 'a/b"c d'
    const text = `raw ${secret} json ${JSON.stringify(secret)} url ${encodeURIComponent(secret)} short 12`
    expect(maskSecrets(text, [secret, '12'])).toBe('raw *** json "***" url *** short 12')
  })
})

describe('merging settings', () => {
  it('lets a later layer win key by key, replacing lists, and createdBy cancel noCreatedBy', () => {
    expect(mergeSettings({announce: [['a']], exclude: ['x'], noCreatedBy: true}, {announce: [['b']], createdBy: 'me'}, {private: true})).toEqual({
      announce: [['b']],
      exclude: ['x'],
      createdBy: 'me',
      private: true,
    })
  })
})
