import {describe, expect, it} from 'vitest'
import {parseByteSize} from '../../../src/core/parse-byte-size.js'

describe('parseByteSize', () => {
  const accepted: Array<[text: string, bytes: number]> = [
    ['0', 0],
    ['262144', 262144],
    ['512B', 512],
    ['512 b', 512],
    ['1k', 1024],
    ['1K', 1024],
    ['1Ki', 1024],
    ['1KiB', 1024],
    ['1kib', 1024],
    ['1KB', 1000],
    ['1kb', 1000],
    ['4m', 4 * 2 ** 20],
    ['4MiB', 4 * 2 ** 20],
    ['4MB', 4e6],
    ['2g', 2 * 2 ** 30],
    ['2GiB', 2 * 2 ** 30],
    ['2GB', 2e9],
    ['1TiB', 2 ** 40],
    ['1.5MiB', 1.5 * 2 ** 20],
    ['4.7GB', 4.7e9],
    ['  16 KiB  ', 16384],
  ]
  it.each(accepted)('reads %j as %d', (text, bytes) => {
    expect(parseByteSize(text)).toBe(bytes)
  })

  const rejected = ['', ' ', 'k', 'KiB', '-1', '+1', '1.', '.5', '1e3', '1 KiBs', '1 XB', '1kk', '0.1B', '1.5k1', '99999999999999999999', 'Infinity']
  it.each(rejected)('rejects %j', (text) => {
    expect(() => parseByteSize(text)).toThrow(
      expect.objectContaining({
        code: 'invalid-byte-size',
        exitCode: 2,
        message: `${JSON.stringify(text)} is not a byte size: give a whole number of bytes, or a number with a unit such as 256KiB, 4MiB, 16k or 1GB`,
      }),
    )
  })
})
