// Writes the tables of docs/piece-length.md from autoPieceLength: `npx tsx scripts/piece-length-table.ts`.
// test/core/content/piece-length-doc.test.ts checks the document against the function.
import {readFileSync, writeFileSync} from 'node:fs'
import {pathToFileURL} from 'node:url'
import {formatBytes} from '../src/core/bytes.js'
import {autoPieceLength} from '../src/core/content/piece-length.js'
import {tableSizes} from '../src/core/content/piece-length-table.js'
import {mulberry32Fraction} from '../test/helpers/mulberry32.js'

const KiB = 1024

/** The hybrid example: `count` files of 1 KiB to 64 KiB, uniformly drawn with mulberry32(seed). */
export function smallFileLengths(count = 20_000, seed = 1): number[] {
  const random = mulberry32Fraction(seed)
  return Array.from({length: count}, () => KiB + Math.floor(random() * (63 * KiB + 1)))
}

export function v1Table(): string {
  const rows = tableSizes.map(([label, bytes]) => {
    const {pieceLength, pieceCount} = autoPieceLength({metaVersion: 'v1', fileLengths: [bytes]})
    return `| ${label} | ${bytes} | ${formatBytes(pieceLength)} | ${pieceCount} |`
  })
  return ['| content | bytes | piece length | pieces |', '|---|---:|---:|---:|', ...rows].join('\n')
}

export function hybridTable(): string {
  const lengths = smallFileLengths()
  const total = lengths.reduce((sum, length) => sum + length, 0)
  const rows = (['v1', 'v2', 'hybrid'] as const).map((metaVersion) => {
    const {pieceLength, pieceCount, padBytes} = autoPieceLength({metaVersion, fileLengths: lengths})
    const share = `${((padBytes / total) * 100).toFixed(1)}%`
    return `| 20,000 files of 1-64 KiB (mulberry32 seed 1) | ${total} | ${metaVersion} | ${formatBytes(pieceLength)} | ${pieceCount} | ${padBytes} (${share}) |`
  })
  return ['| content | bytes | meta version | piece length | pieces | pad bytes |', '|---|---:|---|---:|---:|---:|', ...rows].join('\n')
}

/** Replaces the text between `<!-- begin NAME -->` and `<!-- end NAME -->`. */
export function replaceBlock(document: string, name: string, body: string): string {
  const begin = `<!-- begin ${name} -->\n`
  const end = `\n<!-- end ${name} -->`
  const from = document.indexOf(begin)
  const to = document.indexOf(end)
  if (from === -1 || to < from) throw new Error(`docs/piece-length.md has no ${name} block`)
  return document.slice(0, from + begin.length) + body + document.slice(to)
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const path = new URL('../docs/piece-length.md', import.meta.url)
  let document = readFileSync(path, 'utf8')
  document = replaceBlock(document, 'v1-table', v1Table())
  document = replaceBlock(document, 'hybrid-table', hybridTable())
  writeFileSync(path, document)
}
