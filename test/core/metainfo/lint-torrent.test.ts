import {describe, expect, it} from 'vitest'
import {formatBytes} from '../../../src/core/bytes.js'
import {type LintFacts, lintTorrent, withoutAllowed} from '../../../src/core/metainfo/lint-torrent.js'
import type {ValidationIssue} from '../../../src/core/metainfo/validation-issue.js'

const MiB = 1024 * 1024
const quiet: LintFacts = {
  metaVersion: 'v1',
  private: false,
  trackerCount: 1,
  pieceLength: 256 * 1024,
  pieceCount: 100,
  infoLength: 5_000,
  totalLength: 100 * 256 * 1024,
  padBytes: 0,
}

const codes = (facts: Partial<LintFacts>): string[] => lintTorrent({...quiet, ...facts}).map((lint) => lint.code)

describe('lintTorrent', () => {
  it.each<[string, Partial<LintFacts>, string[]]>([
    ['an ordinary torrent', {}, []],
    ['a private torrent with a tracker', {private: true}, []],
    ['a private torrent without a tracker', {private: true, trackerCount: 0}, ['private-without-tracker']],
    ['a public torrent without a tracker (DHT finds peers)', {trackerCount: 0}, []],
    ['16 KiB pieces', {pieceLength: 16 * 1024}, []],
    ['8 KiB pieces', {pieceLength: 8 * 1024}, ['piece-length-too-small']],
    ['24 KiB pieces', {pieceLength: 24 * 1024}, ['piece-length-not-power-of-two']],
    ['1000-byte pieces (not a power of two wins over too small)', {pieceLength: 1000}, ['piece-length-not-power-of-two']],
    ['50,000 pieces', {pieceCount: 50_000}, []],
    ['50,001 pieces', {pieceCount: 50_001}, ['many-pieces']],
    ['an info dict of 10,000,000 bytes', {infoLength: 10_000_000}, []],
    ['an info dict of 10,000,001 bytes', {infoLength: 10_000_001}, ['info-too-large']],
    ['padding of exactly 25%', {metaVersion: 'hybrid', padBytes: quiet.totalLength / 4}, []],
    ['padding just over 25%', {metaVersion: 'hybrid', padBytes: quiet.totalLength / 4 + 1}, ['pad-overhead']],
    ['a v1 torrent of a folder holding one file (the list keeps the folder)', {oneFileFolder: {name: 'album', file: 'a.flac'}}, []],
    ['a v2 torrent of a folder holding one file', {metaVersion: 'v2', oneFileFolder: {name: 'album', file: 'a.flac'}}, ['one-file-folder']],
    ['a hybrid torrent of a folder holding one file', {metaVersion: 'hybrid', oneFileFolder: {name: 'album', file: 'a.flac'}}, ['one-file-folder']],
  ])('%s gives %j', (_label, facts, expected) => {
    expect(codes(facts)).toEqual(expected)
  })

  it('are warnings with a path into the metainfo', () => {
    expect(lintTorrent({...quiet, private: true, trackerCount: 0})).toEqual([
      expect.objectContaining({severity: 'warning', code: 'private-without-tracker', path: 'info.private'}),
    ])
  })

  it('suggests the smallest power-of-two piece length that brings the count under 50,000', () => {
    const total = 2 * 1024 * 1024 * MiB
    let enough = 16 * MiB
    while (Math.ceil(total / enough) > 50_000) enough *= 2
    const [lint] = lintTorrent({...quiet, totalLength: total, pieceLength: 16 * MiB, pieceCount: total / (16 * MiB)})
    expect(lint?.message).toBe(`131,072 pieces, more than ~50,000: some clients and trackers slow down or refuse such torrents; ${formatBytes(enough)} pieces or larger keep the payload under that`)
  })
})

describe('withoutAllowed', () => {
  const issues: ValidationIssue[] = [
    {severity: 'warning', code: 'piece-length-too-small', path: 'p', message: 'v1 warning'},
    {severity: 'error', code: 'piece-length-too-small', path: 'p', message: 'v2 error'},
    {severity: 'warning', code: 'many-pieces', path: 'p', message: 'other lint'},
  ]

  it('drops the warnings with an allowed code and keeps errors with the same code', () => {
    expect(withoutAllowed(issues, new Set(['piece-length-too-small'])).map((issue) => issue.message)).toEqual(['v2 error', 'other lint'])
  })
})
