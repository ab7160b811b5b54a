import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {createTorrent, editTorrent, inspectTorrent, verifyContent} from '../../src/index.js'
import {withTempTree} from '../helpers/temp-tree.js'

describe('the library API (src/index.ts)', () => {
  it('creates a hybrid torrent, verifies the data against it, edits its trackers and keeps its info-hashes', async () => {
    await withTempTree({'a.bin': 70_000, 'sub/b.txt': 'hello\n'}, async ({root}) => {
      const created = await createTorrent({path: root, metaVersion: 'hybrid', pieceLength: 16 * 1024, announce: [['http://t.example/a']]})
      expect(created.report).toMatchObject({metaVersion: 'hybrid', totalLength: 70_006, valid: true})
      expect(inspectTorrent(created.bytes).report.infoHash).toBe(created.report.infoHash)

      const intact = await verifyContent({torrent: created.bytes, content: root})
      expect(intact.ok).toBe(true)
      writeFileSync(join(root, 'sub', 'b.txt'), 'HELLO\n')
      const damaged = await verifyContent({torrent: created.bytes, content: root})
      expect(damaged.files.filter((file) => file.status !== 'ok').map((file) => [file.path, file.status])).toEqual([['sub/b.txt', 'corrupt']])

      const edited = editTorrent(created.bytes, {addTrackers: [['http://t.example/b']]}, 'created')
      const report = inspectTorrent(edited.bytes).report
      expect(report.announce).toEqual([['http://t.example/a'], ['http://t.example/b']])
      expect([report.infoHash, report.infoHashV2]).toEqual([created.report.infoHash, created.report.infoHashV2])
    })
  })
})
