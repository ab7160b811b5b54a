import {UsageError} from './errors.js'

const binary: Record<string, number> = {'': 1, k: 2 ** 10, m: 2 ** 20, g: 2 ** 30, t: 2 ** 40}
const decimal: Record<string, number> = {'': 1, k: 1e3, m: 1e6, g: 1e9, t: 1e12}

/**
 * A byte count from text, case-insensitive: `262144`, `512B`, `256KiB`, `1.5MiB`. `KiB`/`MiB`/`GiB`
 * and the bare `k`/`m`/`g` (as in `-l 16k`, dd and C tools) are binary; `KB`/`MB`/`GB` are decimal.
 */
export function parseByteSize(text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(?:([kmgt])(i?)(b?)|(b?))\s*$/iu.exec(text)
  if (match) {
    const [, number, prefix = '', iMark = '', bMark = ''] = match
    const unit = prefix.toLowerCase()
    // `KB` without the `i` is the decimal kilobyte; `k`, `Ki` and `KiB` are binary.
    const isDecimal = unit !== '' && iMark === '' && bMark !== ''
    const bytes = Number(number) * (isDecimal ? decimal : binary)[unit]!
    if (Number.isSafeInteger(bytes)) return bytes
  }
  throw new UsageError(
    'invalid-byte-size',
    `${JSON.stringify(text)} is not a byte size: give a whole number of bytes, or a number with a unit such as 256KiB, 4MiB, 16k or 1GB`,
  )
}
