import {stat} from 'node:fs/promises'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {planLayout} from '../../../src/core/content/piece-layout.js'
import type {HashJob} from '../../../src/core/hash/hash-task.js'
import {verifyPieces} from '../../../src/core/verify/verify-pieces.js'
import {KiB, sha1} from '../../helpers/torrent-builder.js'
import {withTempTree} from '../../helpers/temp-tree.js'
import {readTree} from '../../helpers/verify-torrents.js'

const L = 16 * KiB

async function jobFor(root: string, paths: string[]): Promise<HashJob> {
  const files = await Promise.all(
    paths.map(async (path) => {
      const diskPath = join(root, path)
      const {size, mtimeMs, ino} = await stat(diskPath)
      return {diskPath, length: size, mtimeMs, ino}
    }),
  )
  const layout = planLayout('v1', L, files.map((file) => file.length))
  const {segmentFile, segmentStart, segmentLength} = layout
  return {pieceLength: L, layoutLength: layout.layoutLength, sha1: true, sha256: false, files, segmentFile, segmentStart, segmentLength}
}

describe('verifyPieces', () => {
  it('fails only the pieces touching a file that changed since it was checked, and hashes the rest', async () => {
    // a: pieces 0-1 and the start of 2; b: the rest of 2, and 3; c: 4.
    const spec = {a: 2 * L + 100, b: 2 * L - 100, c: L}
    await withTempTree(spec, async ({root}) => {
      const job = await jobFor(root, ['a', 'b', 'c'])
      job.files[1]!.mtimeMs -= 1000
      const result = verifyPieces(job, {kind: 'verify-pieces', firstPiece: 0, pieceCount: 5})
      expect(result.failures.map(({piece, code, path}) => ({piece, code, path}))).toEqual([
        {piece: 2, code: 'content-changed', path: join(root, 'b')},
        {piece: 3, code: 'content-changed', path: join(root, 'b')},
      ])
      const data = Buffer.concat((await readTree(root, ['a', 'b', 'c'])).map((file) => file.data))
      const expected = (piece: number) => sha1(data.subarray(piece * L, (piece + 1) * L))
      for (const piece of [0, 1, 4]) expect(Buffer.from(result.sha1!.subarray(piece * 20, piece * 20 + 20))).toEqual(expected(piece))
      expect(result.sha1!.subarray(40, 80).every((byte) => byte === 0)).toBe(true)
    })
  })

  it('returns the hashes of the whole range and no failure when every file is as checked', async () => {
    await withTempTree({a: L + 5, b: 7}, async ({root}) => {
      const result = verifyPieces(await jobFor(root, ['a', 'b']), {kind: 'verify-pieces', firstPiece: 1, pieceCount: 1})
      const data = Buffer.concat((await readTree(root, ['a', 'b'])).map((file) => file.data))
      expect(result).toEqual({sha1: new Uint8Array(sha1(data.subarray(L))), roots: undefined, failures: []})
    })
  })
})
