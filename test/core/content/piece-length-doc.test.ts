import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import {formatBytes} from '../../../src/core/bytes.js'
import {PIECE_LENGTH_POLICY_VERSION, autoPieceLength} from '../../../src/core/content/piece-length.js'
import type {MetaVersion} from '../../../src/core/metainfo/metainfo.js'
import {tableSizes} from '../../../src/core/content/piece-length-table.js'
import {smallFileLengths} from '../../../scripts/piece-length-table.js'

const document = readFileSync(new URL('../../../docs/piece-length.md', import.meta.url), 'utf8')

/** The body rows of the markdown table between `<!-- begin name -->` and `<!-- end name -->`, as cells. */
function tableRows(name: string): string[][] {
  const block = new RegExp(`<!-- begin ${name} -->\\n([^]*?)\\n<!-- end ${name} -->`).exec(document)?.[1]
  if (block === undefined) throw new Error(`no ${name} block in docs/piece-length.md`)
  return block
    .split('\n')
    .slice(2)
    .map((line) => line.replace(/^\||\|$/g, '').split('|').map((cell) => cell.trim()))
}

describe('docs/piece-length.md', () => {
  it('names the current policy version', () => {
    expect(document).toContain(`**Policy version: ${PIECE_LENGTH_POLICY_VERSION}**`)
  })

  it('has the v1 table autoPieceLength gives, for every size', () => {
    const rows = tableRows('v1-table')
    expect(rows.map(([label, bytes]) => [label, Number(bytes)])).toEqual(tableSizes)
    for (const [, bytes, pieceLength, pieces] of rows) {
      const result = autoPieceLength({metaVersion: 'v1', fileLengths: [Number(bytes)]})
      expect([pieceLength, Number(pieces)]).toEqual([formatBytes(result.pieceLength), result.pieceCount])
    }
  })

  it('has the hybrid example autoPieceLength gives, for each meta version', () => {
    const fileLengths = smallFileLengths()
    const total = fileLengths.reduce((sum, length) => sum + length, 0)
    const rows = tableRows('hybrid-table')
    expect(rows.map((row) => row[2])).toEqual(['v1', 'v2', 'hybrid'])
    for (const [, bytes, metaVersion, pieceLength, pieces, pad] of rows) {
      const result = autoPieceLength({metaVersion: metaVersion as MetaVersion, fileLengths})
      expect(Number(bytes)).toBe(total)
      expect([pieceLength, Number(pieces), Number(pad?.split(' ')[0])]).toEqual([formatBytes(result.pieceLength), result.pieceCount, result.padBytes])
    }
  })
})
