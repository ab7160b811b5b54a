import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {createTorrent, planTorrent} from '../../../src/core/use-cases/create-torrent.js'
import {inspectTorrent} from '../../../src/core/use-cases/inspect-torrent.js'
import {parseMetainfo} from '../../../src/core/metainfo/parse-metainfo.js'
import type {MetaVersion} from '../../../src/core/metainfo/metainfo.js'
import {type TempTree, makeTempTree} from '../../helpers/temp-tree.js'

let tree: TempTree
beforeAll(async () => {
  tree = await makeTempTree({'a.bin': 70_000, 'sub/b.bin': 40_000, 'sub/ü.txt': 'x', 'empty': ''})
})
afterAll(() => tree.cleanup())

describe('lints before hashing', () => {
  it.each<[MetaVersion, boolean, boolean]>([
    ['v1', false, false],
    ['v2', true, false],
    ['hybrid', true, true],
    ['hybrid', false, true],
  ])('the planned info length is the length of the %s info dict written (private %s, cross-seed %s)', async (metaVersion, isPrivate, crossSeed) => {
    const options = {path: tree.root, metaVersion, pieceLength: 16 * 1024, private: isPrivate, source: 'SRC', crossSeed, announce: [['udp://t.example:1']]}
    const plan = await planTorrent(options)
    const created = await createTorrent(options)
    expect(plan.infoLength).toBe(parseMetainfo(created.bytes).metainfo.infoBytes.length)
  })

  it('the plan and the created report carry the same lints, and --allow removes them from both', async () => {
    const options = {path: tree.root, metaVersion: 'hybrid' as const, pieceLength: 64 * 1024, private: true}
    const plan = await planTorrent(options)
    const created = await createTorrent(options)
    expect(plan.lints.map((lint) => lint.code)).toEqual(['private-without-tracker', 'pad-overhead'])
    expect(created.report.issues).toEqual(plan.lints)
    const allowed = {...options, allow: new Set(['pad-overhead'])}
    expect((await planTorrent(allowed)).lints.map((lint) => lint.code)).toEqual(['private-without-tracker'])
    expect((await createTorrent(allowed)).report.issues.map((lint) => lint.code)).toEqual(['private-without-tracker'])
  })

  it.each<[string, MetaVersion, Record<string, number>, string[]]>([
    ['a v2 torrent of a folder holding one file', 'v2', {'song.flac': 40_000}, ['one-file-folder']],
    ['a hybrid torrent of a folder holding one file', 'hybrid', {'song.flac': 40_000}, ['one-file-folder']],
    ['a v1 torrent of a folder holding one file', 'v1', {'song.flac': 40_000}, []],
    ['a v2 torrent of a folder holding one file in a subfolder', 'v2', {'cd1/song.flac': 40_000}, []],
    ['a v2 torrent of a folder holding two files', 'v2', {'song.flac': 40_000, 'cover.jpg': 100}, []],
    // Nothing in such a v2 torrent tells it from one made of the file itself, so `info` cannot say it either.
    ['a v2 torrent of a folder holding one file of the same name', 'v2', {album: 40_000}, []],
  ])('%s: the plan and the created report carry %j', async (_title, metaVersion, spec, codes) => {
    const folder = await makeTempTree(spec, {rootName: 'album'})
    try {
      const options = {path: folder.root, metaVersion, pieceLength: 16 * 1024, announce: [['udp://t.example:1']]}
      const plan = await planTorrent(options)
      expect(plan.lints.map((lint) => lint.code)).toEqual(codes)
      const created = await createTorrent(options)
      expect(created.report.issues).toEqual(plan.lints)
      expect(inspectTorrent(created.bytes).report.issues).toEqual(plan.lints)
      expect((await planTorrent({...options, allow: new Set(['one-file-folder'])})).lints).toEqual([])
    } finally {
      await folder.cleanup()
    }
  })
})
