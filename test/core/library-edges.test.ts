import {readFileSync, truncateSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {AbortError, createTorrent, editTorrent, InvalidTorrentError, verifyContent, writeFileAtomic} from '../../src/index.js'
import {withTempTree} from '../helpers/temp-tree.js'

/** Over the 64 MiB that hash inline (src/core/hash/hash-workers.ts), so the worker pool runs. */
const POOL_BYTES = 80 * 1024 * 1024

describe('the library API at its edges (issue 11, section 5)', () => {
  it('writeFileAtomic(path, bytes) writes without an options object', async () => {
    await withTempTree({}, async ({dir}) => {
      const target = join(dir, 'plain.bin')
      await writeFileAtomic(target, Buffer.from('abc'))
      expect(readFileSync(target, 'utf8')).toBe('abc')
    })
  })

  it('editTorrent(bytes, edits) edits without a label, and names "the torrent" when it refuses', async () => {
    await withTempTree({'a.txt': 'hello'}, async ({root}) => {
      const {bytes} = await createTorrent({path: root, pieceLength: 16 * 1024})
      expect(editTorrent(bytes, {comment: 'hi'}).after.report.comment).toBe('hi')
      expect(() => editTorrent(Buffer.from('d4:infoi1ee'), {})).toThrow(new InvalidTorrentError('missing-info', 'the torrent: the file is not a torrent: it has no info dictionary'))
    })
  })

  for (const [kind, size, threads] of [
    ['inline', 40 * 1024 * 1024, 1],
    ['worker pool', POOL_BYTES, 2],
  ] as const) {
    it(`an aborted createTorrent (${kind}) rejects with our AbortError, the signal's reason as its cause`, async () => {
      await withTempTree({}, async ({root}) => {
        writeFileSync(join(root, 'big.bin'), '')
        truncateSync(join(root, 'big.bin'), size)
        const controller = new AbortController()
        const reason = new Error('stop')
        const error = await createTorrent({
          path: root,
          pieceLength: 16 * 1024,
          threads,
          signal: controller.signal,
          onProgress: (event) => {
            if (event.phase === 'hashing') controller.abort(reason)
          },
        }).catch((caught: unknown) => caught)
        expect(error).toBeInstanceOf(AbortError)
        expect(error).toMatchObject({name: 'AbortError', code: 'aborted', message: 'the operation was aborted', cause: reason})
      })
    })

    it(`an aborted verifyContent (${kind}) rejects with our AbortError`, async () => {
      await withTempTree({}, async ({root}) => {
        writeFileSync(join(root, 'big.bin'), '')
        truncateSync(join(root, 'big.bin'), size)
        const {bytes} = await createTorrent({path: root, pieceLength: 1024 * 1024, threads})
        const controller = new AbortController()
        const error = await verifyContent({
          torrent: bytes,
          content: root,
          threads,
          signal: controller.signal,
          onProgress: (event) => {
            if (event.phase === 'hashing') controller.abort()
          },
        }).catch((caught: unknown) => caught)
        expect(error).toMatchObject({name: 'AbortError', code: 'aborted', message: 'the operation was aborted'})
        expect(error).toBeInstanceOf(AbortError)
      })
    })
  }
})
