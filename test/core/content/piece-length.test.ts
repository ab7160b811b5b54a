import {describe, expect, it} from 'vitest'
import {
  PIECE_LENGTH_POLICY_VERSION,
  autoPieceLength,
  padBytesFor,
  parsePieceLength,
  pieceCountFor,
} from '../../../src/core/content/piece-length.js'
import type {MetaVersion} from '../../../src/core/metainfo/metainfo.js'
import {smallFileLengths} from '../../../scripts/piece-length-table.js'

const KiB = 1024
const MiB = 1024 * KiB
const GiB = 1024 * MiB

describe('autoPieceLength for v1 and v2', () => {
  // 2^round(log2(total / 1250)): the length flips where total / 1250 = 2^(k + 0.5).
  const flip = (exponent: number): number => Math.ceil(1250 * 2 ** (exponent + 0.5))
  const cases: Array<[label: string, total: number, pieceLength: number]> = [
    ['1 byte', 1, 16 * KiB],
    ['just below the 32 KiB flip', flip(14) - 1, 16 * KiB],
    ['at the 32 KiB flip', flip(14), 32 * KiB],
    ['just below the 1 MiB flip', flip(19) - 1, 512 * KiB],
    ['at the 1 MiB flip', flip(19), MiB],
    ['exactly 1250 pieces of 1 MiB', 1250 * MiB, MiB],
    ['just below the 16 MiB flip', flip(23) - 1, 8 * MiB],
    ['at the 16 MiB flip', flip(23), 16 * MiB],
    ['far above the cap', 2 ** 50, 16 * MiB],
  ]

  it.each(cases)('%s (%d bytes) gives %d', (_label, total, pieceLength) => {
    for (const metaVersion of ['v1', 'v2'] as const) {
      const result = autoPieceLength({metaVersion, fileLengths: [total]})
      expect(result).toMatchObject({pieceLength, pieceCount: Math.ceil(total / pieceLength), padBytes: 0})
    }
  })

  it('lands between 884 and 1768 pieces from 14 MiB to 27 GiB', () => {
    for (let total = 14 * MiB; total <= 27 * GiB; total = Math.floor(total * 1.07)) {
      const {pieceCount} = autoPieceLength({metaVersion: 'v1', fileLengths: [total]})
      expect(pieceCount).toBeGreaterThanOrEqual(884)
      expect(pieceCount).toBeLessThanOrEqual(1769)
    }
  })

  it('uses the sum of the file lengths, however they are split', () => {
    const split = autoPieceLength({metaVersion: 'v1', fileLengths: [300 * MiB, 0, 400 * MiB]})
    expect(split.pieceLength).toBe(autoPieceLength({metaVersion: 'v1', fileLengths: [700 * MiB]}).pieceLength)
  })

  it('counts v2 pieces per file', () => {
    const result = autoPieceLength({metaVersion: 'v2', fileLengths: [1, 0, 16 * KiB + 1]})
    expect(result).toMatchObject({pieceLength: 16 * KiB, pieceCount: 3, padBytes: 0})
  })

  it('says which policy chose the length', () => {
    expect(PIECE_LENGTH_POLICY_VERSION).toBe(1)
    expect(autoPieceLength({metaVersion: 'v1', fileLengths: [700 * MiB]}).reason).toBe('auto, policy 1: aiming at about 1250 pieces')
    expect(autoPieceLength({metaVersion: 'v1', fileLengths: [1]}).reason).toBe('auto, policy 1: the 16 KiB minimum')
    expect(autoPieceLength({metaVersion: 'v1', fileLengths: [2 ** 45]}).reason).toBe('auto, policy 1: the 16 MiB maximum')
  })
})

describe('autoPieceLength for hybrid', () => {
  it('lowers the length for 20,000 files of 1-64 KiB until padding is under 25%', () => {
    const fileLengths = smallFileLengths(20_000, 1)
    const total = fileLengths.reduce((sum, length) => sum + length, 0)
    const result = autoPieceLength({metaVersion: 'hybrid', fileLengths})
    expect(autoPieceLength({metaVersion: 'v1', fileLengths}).pieceLength).toBe(512 * KiB)
    expect(result.pieceLength).toBe(16 * KiB)
    expect(result.padBytes).toBe(padBytesFor(fileLengths, 16 * KiB))
    expect(result.padBytes).toBeLessThanOrEqual(total / 4)
    expect(padBytesFor(fileLengths, 32 * KiB)).toBeGreaterThan(total / 4)
    expect(result.pieceCount).toBe(pieceCountFor('hybrid', fileLengths, 16 * KiB))
    expect(result.reason).toBe(
      'auto, policy 1: aiming at about 1250 pieces, lowered from 512 KiB to 16 KiB so padding stays under 25% of the payload (padding was 14.8x the payload)',
    )
  })

  it('stops halving at the first length that fits', () => {
    // 2,000 files of 640 KiB: padding is 60% at 1 MiB and 512 KiB, 20% at 256 KiB, none at 128 KiB.
    const fileLengths = Array.from({length: 2000}, () => 640 * KiB)
    expect(autoPieceLength({metaVersion: 'v1', fileLengths}).pieceLength).toBe(MiB)
    expect(autoPieceLength({metaVersion: 'hybrid', fileLengths})).toEqual({
      pieceLength: 256 * KiB,
      pieceCount: 2000 * 3,
      padBytes: 2000 * 128 * KiB,
      reason: 'auto, policy 1: aiming at about 1250 pieces, lowered from 1 MiB to 256 KiB so padding stays under 25% of the payload (padding was 60% of the payload)',
    })
  })

  it('keeps the v1 choice when padding is small', () => {
    const fileLengths = [700 * MiB, 3 * MiB + 5]
    const v1 = autoPieceLength({metaVersion: 'v1', fileLengths})
    const hybrid = autoPieceLength({metaVersion: 'hybrid', fileLengths})
    expect(hybrid.pieceLength).toBe(v1.pieceLength)
    expect(hybrid.reason).toBe(v1.reason)
    expect(hybrid.padBytes).toBe(padBytesFor(fileLengths, v1.pieceLength))
  })

  it('says when even 16 KiB pieces leave more than 25% padding', () => {
    const result = autoPieceLength({metaVersion: 'hybrid', fileLengths: Array.from({length: 1000}, () => 100)})
    expect(result.pieceLength).toBe(16 * KiB)
    expect(result.reason).toBe('auto, policy 1: the 16 KiB minimum; padding is 162.8x the payload even at 16 KiB pieces, and a v2-only torrent has none')
  })

  it('does not lower the length of one file', () => {
    const result = autoPieceLength({metaVersion: 'hybrid', fileLengths: [100]})
    expect(result).toMatchObject({pieceLength: 16 * KiB, pieceCount: 1, reason: 'auto, policy 1: the 16 KiB minimum'})
  })

  it('never lowers a v2-only torrent, which hashes no padding', () => {
    const fileLengths = smallFileLengths(2000, 7)
    expect(autoPieceLength({metaVersion: 'v2', fileLengths}).pieceLength).toBe(autoPieceLength({metaVersion: 'v1', fileLengths}).pieceLength)
  })
})

describe('padBytesFor and pieceCountFor', () => {
  const L = 16 * KiB
  const cases: Array<[label: string, lengths: number[], pad: number, v1: number, v2: number]> = [
    ['no files', [], 0, 0, 0],
    ['one empty file', [0], 0, 0, 0],
    ['one byte: a lone file is never padded', [1], 0, 1, 1],
    ['exactly one piece', [L], 0, 1, 1],
    ['one piece and a byte, alone', [L + 1], 0, 2, 2],
    ['a byte beside an empty file is padded', [1, 0], L - 1, 1, 1],
    ['the last file is padded too', [L, 5], L - 5, 2, 2],
    ['empty files get no pad', [5, 0, 0, 5], 2 * (L - 5), 1, 2],
    ['two files sharing a v1 piece', [L / 2, L / 2], L, 1, 2],
  ]

  it.each(cases)('%s', (_label, lengths, pad, v1, v2) => {
    expect(padBytesFor(lengths, L)).toBe(pad)
    expect(pieceCountFor('v1', lengths, L)).toBe(v1)
    for (const metaVersion of ['v2', 'hybrid'] satisfies MetaVersion[]) expect(pieceCountFor(metaVersion, lengths, L)).toBe(v2)
  })
})

describe('parsePieceLength', () => {
  const accepted: Array<[text: string, bytes: number]> = [
    ['14', 16 * KiB],
    ['18', 256 * KiB],
    ['20', MiB],
    ['28', 256 * MiB],
    ['16k', 16 * KiB],
    ['16K', 16 * KiB],
    ['256KiB', 256 * KiB],
    ['256kib', 256 * KiB],
    ['1m', MiB],
    ['1MiB', MiB],
    ['1 MiB', MiB],
    ['0.5MiB', 512 * KiB],
    ['256MiB', 256 * MiB],
    ['262144', 256 * KiB],
    ['16384', 16 * KiB],
    [' 4MiB ', 4 * MiB],
  ]
  it.each(accepted)('accepts %j as %d', (text, bytes) => {
    expect(parsePieceLength(text)).toBe(bytes)
  })

  const rejected = ['', 'auto', '13', '0', '29', '100', '8k', '512MiB', '1MB', '1000000', '3MiB', '1.3MiB', '-20', '20x', '2^20', '1e6']
  it.each(rejected)('rejects %j with a usage error saying what is accepted', (text) => {
    expect(() => parsePieceLength(text)).toThrow(
      expect.objectContaining({
        code: 'invalid-piece-length',
        exitCode: 2,
        message: `invalid piece length ${JSON.stringify(text)}: give an exponent from 14 to 28 (as in C mktorrent: 20 is 1 MiB), or a power of two from 16KiB to 256MiB such as 256KiB, 4MiB, 16k or 262144`,
      }),
    )
  })
})
