import {describe, expect, it} from 'vitest'
import {type CreateProgress, createTorrent} from '../../../src/core/use-cases/create-torrent.js'
import type {MetaVersion} from '../../../src/core/metainfo/metainfo.js'
import {type TreeSpec, withTempTree} from '../../helpers/temp-tree.js'

// 200 files of 1,000 bytes in 64 KiB pieces: 195 KiB of payload, 12.5 MiB of piece space in v2.
const SMALL_FILES: TreeSpec = Object.fromEntries(Array.from({length: 200}, (_, index) => [`f${String(index).padStart(3, '0')}.bin`, 1000]))

describe("createTorrent's hashing progress", () => {
  it.each<MetaVersion>(['v1', 'v2', 'hybrid'])('counts payload bytes in %s, up to exactly the content size', async (metaVersion) => {
    await withTempTree(SMALL_FILES, async ({root}) => {
      const events: Array<Extract<CreateProgress, {phase: 'hashing'}>> = []
      const created = await createTorrent({path: root, metaVersion, pieceLength: 64 * 1024, threads: 1, onProgress: (event) => void (event.phase === 'hashing' && events.push(event))})
      expect(created.report.totalLength).toBe(200_000)
      expect(events.length).toBeGreaterThan(0)
      expect(new Set(events.map((event) => event.bytesTotal))).toEqual(new Set([200_000]))
      expect(events.at(-1)!.bytesDone).toBe(200_000)
      expect(events.every((event, index) => index === 0 || event.bytesDone >= events[index - 1]!.bytesDone)).toBe(true)
    })
  })
})
