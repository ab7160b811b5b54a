import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {joinPath} from '../../../src/core/metainfo/metainfo.js'

/** Bytes that make valid and broken UTF-8 alike: ASCII, '/', continuation and lead bytes, and bytes UTF-8 never uses. */
const utf8ish = fc.constantFrom(0x41, 0x61, 0x2f, 0x80, 0x9f, 0xa0, 0xbf, 0xc2, 0xc3, 0xe0, 0xe2, 0xed, 0xf0, 0xf4, 0xf8, 0xff)
const elements = fc.array(fc.array(utf8ish, {maxLength: 8}).map((bytes) => Uint8Array.from(bytes)), {maxLength: 5})

describe('joinPath', () => {
  it('gives each element as it decodes alone, joined by "/", in UTF-8 and latin1', () => {
    fc.assert(
      fc.property(elements, (path) => {
        for (const encoding of ['utf8', 'latin1'] as const) {
          expect(joinPath(path, encoding)).toBe(path.map((element) => Buffer.from(element).toString(encoding)).join('/'))
        }
      }),
      {numRuns: 2000},
    )
  })

  it('joins paths longer than its scratch space, and nothing as the empty string', () => {
    const long = [Buffer.alloc(3000, 0x61), Buffer.from('é', 'utf8')]
    expect(joinPath(long, 'utf8')).toBe(`${'a'.repeat(3000)}/é`)
    expect(joinPath([], 'utf8')).toBe('')
  })
})
