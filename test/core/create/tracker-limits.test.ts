import {describe, expect, it} from 'vitest'
import {createTorrent} from '../../../src/core/use-cases/create-torrent.js'
import {plannedTorrentLength} from '../../../src/core/create/tracker-limits.js'
import {withTempTree} from '../../helpers/temp-tree.js'

const TREE = {'a.bin': 100_000, 'sub/b.bin': 40_000, 'sub/c.txt': 'tiny\n', 'empty': ''}

describe('plannedTorrentLength', () => {
  it.each(['v1', 'v2', 'hybrid'] as const)('is the exact size of the %s torrent written, for files of distinct content', async (metaVersion) => {
    await withTempTree(TREE, async ({root}) => {
      const options = {
        path: root,
        metaVersion,
        pieceLength: 16_384,
        threads: 1,
        announce: [['https://a.example/announce', 'udp://b.example:1'], ['http://c.example/x']],
        webSeeds: ['https://w.example/'],
        httpSeeds: ['https://h.example/s'],
        dhtNodes: [{host: 'router.example', port: 6881}],
        comment: 'café ✓',
        createdBy: 'test',
        creationDate: 1_700_000_000,
      }
      const {plan, bytes} = await createTorrent(options)
      expect(plannedTorrentLength(options, plan.layout, plan.walk, plan.infoLength)).toBe(bytes.length)
    })
  })

  it('counts one web seed as a string and no optional field at all when none is given', async () => {
    await withTempTree({'one.bin': 50_000}, async ({root}) => {
      const options = {path: root, threads: 1, webSeeds: ['https://w.example/one.bin']}
      const {plan, bytes} = await createTorrent(options)
      expect(plannedTorrentLength(options, plan.layout, plan.walk, plan.infoLength)).toBe(bytes.length)
    })
  })
})
