import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {formatBytes} from '../../src/core/bytes.js'
import {PIECE_LENGTH_POLICY_VERSION, autoPieceLength} from '../../src/core/content/piece-length.js'
import {tableSizes} from '../../src/core/content/piece-length-table.js'
// runCli here is runWarmCli: bin/run.js in a warm process, start-up paid once per file (test/helpers/warm-cli.ts).
import {runWarmCli as runCli} from '../helpers/warm-cli.js'
import {type TempTree, makeTempTree} from '../helpers/temp-tree.js'

let tree: TempTree
beforeAll(async () => {
  tree = await makeTempTree({'a.bin': 3_000_000, 'b.txt': 'hello\n', '.hidden': 'x'.repeat(1000)}, {rootName: 'album'})
})
afterAll(() => tree.cleanup())

const run = (args: string[]) => runCli(args, {cwd: tree.dir})

describe('piece-length', () => {
  it('prints the policy table, one row per documented size, as autoPieceLength decides', async () => {
    const result = await run(['piece-length'])
    expect(result.status).toBe(0)
    const rows = result.stdout.split('\n').slice(4, -1)
    expect(rows).toHaveLength(tableSizes.length)
    tableSizes.forEach(([label, bytes], index) => {
      const {pieceLength, pieceCount} = autoPieceLength({metaVersion: 'v1', fileLengths: [bytes]})
      expect(rows[index]!.trim().split(/\s{2,}/)).toEqual([label, bytes.toLocaleString('en-US'), formatBytes(pieceLength), pieceCount.toLocaleString('en-US')])
    })
  })

  it('gives the choice for a size, per meta version', async () => {
    const result = await run(['piece-length', '4.7GB'])
    const {pieceLength, pieceCount, reason} = autoPieceLength({metaVersion: 'v1', fileLengths: [4.7e9]})
    const line = (version: string) => `  ${version.padEnd(6)}  ${formatBytes(pieceLength).padStart(7)}  ${pieceCount.toLocaleString('en-US').padStart(9)} pieces  (${reason})`
    expect(result.stdout.split('\n\n').at(-1)).toBe(
      ['For 4.7GB: 1 file, 4.4 GiB (4,700,000,000 bytes)', line('v1'), line('v2'), line('hybrid'), ''].join('\n'),
    )
  })

  it('reads an existing folder as a path and walks it as create would (hidden files only with --include-hidden)', async () => {
    const plain = JSON.parse((await run(['piece-length', '--json', 'album'])).stdout)
    const hidden = JSON.parse((await run(['piece-length', '--json', '--include-hidden', 'album'])).stdout)
    expect([plain.input.kind, plain.input.fileCount, plain.input.totalLength]).toEqual(['path', 2, 3_000_006])
    expect([hidden.input.fileCount, hidden.input.totalLength]).toEqual([3, 3_001_006])
    const expected = (['v1', 'v2', 'hybrid'] as const).map((metaVersion) => ({metaVersion, ...autoPieceLength({metaVersion, fileLengths: [3_000_000, 6]})}))
    expect(plain.input.choices).toEqual(expected)
    expect(plain.policyVersion).toBe(PIECE_LENGTH_POLICY_VERSION)
  })

  it('prints "input": null in JSON without an argument', async () => {
    const result = JSON.parse((await run(['piece-length', '--json'])).stdout)
    expect(result.input).toBeNull()
    expect(result.table).toHaveLength(tableSizes.length)
  })

  it('exits 2 for text that is neither a path nor a size', async () => {
    const result = await run(['piece-length', 'nope'])
    expect(result.status).toBe(2)
    expect(result.stderr).toBe('mktorrent: error: "nope" is neither an existing file or folder nor a size such as 4.7GB or 700MiB\n')
  })
})
