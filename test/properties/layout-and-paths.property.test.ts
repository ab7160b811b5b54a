import {posix, win32} from 'node:path'
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {planLayout} from '../../src/core/content/piece-layout.js'
import {checkPath} from '../../src/core/metainfo/path-safety.js'
import {IssueList} from '../../src/core/metainfo/validation-issue.js'

/** Path elements biased towards the ones that escape: dots, separators, drives, devices, controls. */
const element = fc.oneof(
  fc.constantFrom('..', '.', '', '/', '\\', 'C:', 'c:x', 'a:b', '\\\\?\\C:', '\\\\server\\share', '..\\x', '../x', '. .', '.. ', ' ..', '...', 'CON', 'nul.txt', '\u202e', 'a\u0000b', '%2e%2e', '\uff0e\uff0e', '~', '$HOME'),
  fc.string({maxLength: 6}),
  fc.string({unit: 'binary', maxLength: 6}),
  fc.string({unit: fc.constantFrom('.', '/', '\\', ':', 'a', ' '), maxLength: 5}),
)
const elementBytes = fc.oneof(
  {weight: 5, arbitrary: element.map((text) => Buffer.from(text, 'utf8'))},
  {weight: 1, arbitrary: fc.uint8Array({minLength: 1, maxLength: 6}).map((bytes) => Buffer.from(bytes))},
)

describe('paths the validator accepts', () => {
  it('resolve inside the download folder, element for element, under POSIX and Windows rules', () => {
    let accepted = 0
    fc.assert(
      fc.property(fc.array(elementBytes, {minLength: 1, maxLength: 5}), (elements) => {
        const issues = new IssueList()
        checkPath(elements, 'path', issues)
        if (issues.hasErrors()) return
        accepted++
        const texts = elements.map((bytes) => bytes.toString('utf8'))
        const onPosix = posix.resolve('/downloads/t', ...texts)
        expect(onPosix.startsWith('/downloads/t/')).toBe(true)
        expect(posix.relative('/downloads/t', onPosix).split('/')).toEqual(texts)
        const onWindows = win32.resolve('D:\\downloads\\t', ...texts)
        expect(onWindows.startsWith('D:\\downloads\\t\\')).toBe(true)
        expect(win32.relative('D:\\downloads\\t', onWindows).split('\\')).toEqual(texts)
      }),
      {numRuns: 3000},
    )
    // Not vacuous: plenty of paths were accepted and checked.
    expect(accepted).toBeGreaterThan(300)
  })
})

const MAX_FILE = 2 ** 44
const fileLengths = fc.array(
  fc.oneof(fc.constant(0), fc.integer({min: 1, max: 100_000}), fc.integer({min: 2 ** 32 - 5, max: 2 ** 32 + 5}), fc.integer({min: 1, max: MAX_FILE})),
  {minLength: 1, maxLength: 8},
)
const pieceLengths = fc.integer({min: 14, max: 24}).map((exponent) => 2 ** exponent)

describe('piece layouts', () => {
  it('cover every byte of every file once, in order, with exact offsets above 2^32', () => {
    fc.assert(
      fc.property(fc.constantFrom('v1', 'v2', 'hybrid' as const), pieceLengths, fileLengths, (metaVersion, pieceLength, lengths) => {
        const layout = planLayout(metaVersion, pieceLength, lengths)
        const piece = BigInt(pieceLength)
        // The reference, in BigInt: where each file starts and what follows it.
        let offset = 0n
        const expected: Array<[file: number, start: bigint, length: bigint]> = []
        lengths.forEach((length, file) => {
          if (length === 0) return
          expected.push([file, offset, BigInt(length)])
          offset += BigInt(length)
          const pad = metaVersion === 'v1' || lengths.length === 1 ? 0n : (piece - (offset % piece)) % piece
          if (pad > 0n) expected.push([-1, offset, pad])
          offset += pad
        })
        expect([...layout.segmentFile]).toEqual(expected.map(([file]) => file))
        expect([...layout.segmentStart].map(BigInt)).toEqual(expected.map(([, start]) => start))
        expect([...layout.segmentLength].map(BigInt)).toEqual(expected.map(([, , length]) => length))
        expect(BigInt(layout.layoutLength)).toBe(offset)
        expect(BigInt(layout.pieceCount)).toBe((offset + piece - 1n) / piece)
        lengths.forEach((length, file) => {
          const start = expected.find(([index]) => index === file)?.[1]
          expect(layout.firstPiece[file]).toBe(metaVersion === 'v1' || length === 0 ? -1 : Number(start! / piece))
        })
      }),
      {numRuns: 2000},
    )
  })

  it('map any byte of the piece address space to the file and offset that hold it', () => {
    fc.assert(
      fc.property(fc.constantFrom('v1', 'hybrid' as const), pieceLengths, fileLengths, fc.double({min: 0, max: 1, noNaN: true}), (metaVersion, pieceLength, lengths, where) => {
        const layout = planLayout(metaVersion, pieceLength, lengths)
        fc.pre(layout.layoutLength > 0)
        const at = Math.min(layout.layoutLength - 1, Math.floor(where * layout.layoutLength))
        const segment = [...layout.segmentStart].findLastIndex((start) => start <= at)
        const file = layout.segmentFile[segment]!
        // Reference: walk the files and pads in BigInt.
        const target = BigInt(at)
        const piece = BigInt(pieceLength)
        let offset = 0n
        let found: [number, bigint] | undefined
        const visit = (index: number, length: bigint): void => {
          if (target >= offset && target < offset + length) found = [index, target - offset]
          offset += length
        }
        lengths.forEach((length, index) => {
          if (length === 0) return
          visit(index, BigInt(length))
          if (metaVersion !== 'v1') visit(-1, (piece - (offset % piece)) % piece)
        })
        expect([file, BigInt(at - layout.segmentStart[segment]!)]).toEqual(found)
      }),
      {numRuns: 2000},
    )
  })
})
