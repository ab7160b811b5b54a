import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {createTorrent, planTorrent} from '../../../src/core/create-torrent.js'
import {plannedInfoLength} from '../../../src/core/create/plan-lints.js'
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
  ])('plannedInfoLength is the length of the %s info dict written (private %s, cross-seed %s)', async (metaVersion, isPrivate, crossSeed) => {
    const options = {path: tree.root, metaVersion, pieceLength: 16 * 1024, private: isPrivate, source: 'SRC', crossSeed, announce: [['udp://t.example:1']]}
    const plan = await planTorrent(options)
    const created = await createTorrent(options)
    const fields = {name: plan.name, private: isPrivate, source: 'SRC', crossSeed, announce: options.announce}
    expect(plannedInfoLength(fields, plan.layout, plan.walk)).toBe(parseMetainfo(created.bytes).metainfo.infoBytes.length)
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
})
