import {describe, expect, it} from 'vitest'
import {createTorrent} from '../../../src/core/use-cases/create-torrent.js'
import type {MetaVersion} from '../../../src/core/metainfo/metainfo.js'
import {type VerifyProgress, verifyContent} from '../../../src/core/use-cases/verify-content.js'
import {type TreeSpec, withTempTree} from '../../helpers/temp-tree.js'

// 100 files of 1,000 bytes in 64 KiB pieces: 100,000 payload bytes, 6.25 MiB of piece space in v2.
const SMALL_FILES: TreeSpec = Object.fromEntries(Array.from({length: 100}, (_, index) => [`f${String(index).padStart(3, '0')}.bin`, 1000]))

describe("verifyContent's hashing progress", () => {
  it.each<MetaVersion>(['v2', 'hybrid'])('counts payload bytes in %s, as create does', async (metaVersion) => {
    await withTempTree(SMALL_FILES, async ({root}) => {
      const {bytes} = await createTorrent({path: root, metaVersion, pieceLength: 64 * 1024, threads: 1})
      const events: Array<Extract<VerifyProgress, {phase: 'hashing'}>> = []
      const report = await verifyContent({torrent: bytes, content: root, threads: 1, onProgress: (event) => void (event.phase === 'hashing' && events.push(event))})
      expect(report.ok).toBe(true)
      expect(new Set(events.map((event) => event.bytesTotal))).toEqual(new Set([100_000]))
      expect(events.at(-1)!.bytesDone).toBe(100_000)
    })
  })
})
