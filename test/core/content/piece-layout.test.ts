import {describe, expect, it} from 'vitest'
import {payloadBytesIn, planLayout} from '../../../src/core/content/piece-layout.js'
import type {MetaVersion} from '../../../src/core/metainfo/metainfo.js'

const L = 16 * 1024

/** The v1 list a layout gives: each file, and the pad after it if any. */
function describeEntries(padAfter: Float64Array): string[] {
  return [...padAfter].flatMap((pad, index) => (pad > 0 ? [`file ${index}`, `pad ${pad}`] : [`file ${index}`]))
}

describe('planLayout', () => {
  it.each<[string, MetaVersion, number[], string[], number, number]>([
    ['v1 concatenates files, pieces cross their boundaries', 'v1', [10_000, 10_000, 20_000], ['file 0', 'file 1', 'file 2'], 40_000, 3],
    ['v1 keeps empty files and adds no pads', 'v1', [0, L, 0], ['file 0', 'file 1', 'file 2'], L, 1],
    ['hybrid pads every non-empty file to a piece boundary, the last one too', 'hybrid', [10_000, L, 1], ['file 0', `pad ${L - 10_000}`, 'file 1', 'file 2', `pad ${L - 1}`], 3 * L, 3],
    ['hybrid puts no pad before or after an empty file', 'hybrid', [1, 0, 1], ['file 0', `pad ${L - 1}`, 'file 1', 'file 2', `pad ${L - 1}`], 2 * L, 2],
    ['hybrid leaves a lone file unpadded, as libtorrent does', 'hybrid', [L + 5], ['file 0'], L + 5, 2],
    ['hybrid pads a non-empty file that has only empty siblings', 'hybrid', [0, 5], ['file 0', 'file 1', `pad ${L - 5}`], L, 1],
    ['v2 aligns like hybrid so piece indices agree', 'v2', [10_000, 2 * L + 1], ['file 0', `pad ${L - 10_000}`, 'file 1', `pad ${L - 1}`], 4 * L, 4],
  ])('%s', (_, metaVersion, lengths, entries, layoutLength, pieceCount) => {
    const layout = planLayout(metaVersion, L, lengths)
    expect(describeEntries(layout.padAfter)).toEqual(entries)
    expect(layout.layoutLength).toBe(layoutLength)
    expect(layout.pieceCount).toBe(pieceCount)
  })

  it('gives each non-empty file of an aligned layout its first piece, and -1 to empty files', () => {
    expect(planLayout('hybrid', L, [1, 0, 3 * L, 7]).firstPiece).toEqual([0, -1, 1, 4])
    expect(planLayout('v1', L, [1, 3 * L]).firstPiece).toEqual([-1, -1])
  })

  it('lists the non-empty segments contiguously, pads as file -1', () => {
    const layout = planLayout('hybrid', L, [10, 0, L])
    expect([...layout.segmentFile]).toEqual([0, -1, 2])
    expect([...layout.segmentStart]).toEqual([0, 10, L])
    expect([...layout.segmentLength]).toEqual([10, L - 10, L])
  })

  it('keeps offsets above 2^32 exact', () => {
    const big = 2 ** 32 + 3
    const layout = planLayout('hybrid', L, [big, 1])
    const pad = L - (big % L)
    expect([...layout.segmentStart]).toEqual([0, big, big + pad, big + pad + 1])
    expect(layout.firstPiece).toEqual([0, (big + pad) / L])
  })
})

describe('payloadBytesIn', () => {
  it('counts the content bytes of a run of pieces, leaving pads out', () => {
    // v2: 10,000 bytes in piece 0, then 2 pieces and 1 byte of the second file in pieces 1..3.
    const layout = planLayout('v2', L, [10_000, 2 * L + 1])
    expect([0, 1, 2, 3].map((piece) => payloadBytesIn(layout, piece, 1))).toEqual([10_000, L, L, 1])
    expect(payloadBytesIn(layout, 0, 4)).toBe(10_000 + 2 * L + 1)
    expect(payloadBytesIn(layout, 2, 10)).toBe(L + 1)
  })

  it('is the whole piece in v1, but for the short last one', () => {
    const layout = planLayout('v1', L, [10_000, 0, 10_000])
    expect([payloadBytesIn(layout, 0, 1), payloadBytesIn(layout, 1, 1)]).toEqual([L, 20_000 - L])
  })

  it('adds up to the payload over any split of the pieces', () => {
    const lengths = [1, 0, 3 * L + 7, L, 5, 0, 2 * L]
    for (const metaVersion of ['v1', 'v2', 'hybrid'] as const) {
      const layout = planLayout(metaVersion, L, lengths)
      let sum = 0
      for (let piece = 0; piece < layout.pieceCount; piece += 3) sum += payloadBytesIn(layout, piece, 3)
      expect(sum).toBe(lengths.reduce((total, length) => total + length, 0))
    }
  })
})
