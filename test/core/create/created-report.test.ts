import {afterEach, describe, expect, it, vi} from 'vitest'
import {type CreateOptions, createTorrent} from '../../../src/core/use-cases/create-torrent.js'
import * as inspect from '../../../src/core/use-cases/inspect-torrent.js'
import type {MetaVersion} from '../../../src/core/metainfo/metainfo.js'
import {type TreeSpec, withTempTree} from '../../helpers/temp-tree.js'

// create builds its report from what it encoded (src/core/create/created-report.ts) and reads the
// torrent back only when the validator could say more than the lints; either way the report must be
// exactly what `info` says of the bytes written.

vi.mock('../../../src/core/use-cases/inspect-torrent.js', {spy: true})

afterEach(() => vi.mocked(inspect.inspectTorrent).mockClear())

const KiB = 1024
const TREE: TreeSpec = {'a.bin': 70_000, 'sub/b.bin': 40_000, 'sub/ü é.txt': 'x', 'sub/deeper/c.bin': 17_000, 'empty': ''}
const FIELDS: Partial<CreateOptions> = {
  announce: [['udp://t.example:6969/announce', 'https://t2.example/a'], ['wss://t3.example/a']],
  webSeeds: ['https://seed.example/files/'],
  httpSeeds: ['http://h.example/seed'],
  dhtNodes: [{host: 'router.example', port: 6881}],
  comment: 'a comment, ü',
  createdBy: 'test',
  creationDate: 1_700_000_000,
  source: 'SRC',
}

/** The report `create` gave, the validator's report of the same bytes, and whether create read back. */
async function reports(root: string, options: Partial<CreateOptions>): Promise<{created: unknown; validated: unknown; readBack: boolean}> {
  const created = await createTorrent({path: root, threads: 1, ...options})
  const readBack = vi.mocked(inspect.inspectTorrent).mock.calls.length > 0
  const validated = inspect.inspectTorrent(created.bytes, {allow: options.allow}).report
  return {created: created.report, validated, readBack}
}

describe("create's report without reading the torrent back", () => {
  it.each<[MetaVersion, number, Partial<CreateOptions>]>([
    ['v1', 16 * KiB, {}],
    ['v1', 64 * KiB, {...FIELDS, private: true}],
    ['v2', 16 * KiB, FIELDS],
    ['v2', 32 * KiB, {announce: [['udp://one.example:1']], webSeeds: ['https://a.example/', 'https://b.example/']}],
    ['hybrid', 16 * KiB, {...FIELDS, crossSeed: true}],
    ['hybrid', 64 * KiB, {private: true, allow: new Set(['pad-overhead'])}],
  ])('is what info says of the bytes written for a %s folder (%i-byte pieces)', async (metaVersion, pieceLength, fields) => {
    await withTempTree(TREE, async ({root}) => {
      const {created, validated, readBack} = await reports(root, {metaVersion, pieceLength, ...fields})
      expect(readBack).toBe(false)
      expect(created).toEqual(validated)
    })
  })

  it.each<MetaVersion>(['v1', 'v2', 'hybrid'])('is what info says of a %s single file with another name', async (metaVersion) => {
    await withTempTree({'one.bin': 100_000}, async ({root}) => {
      const {created, validated, readBack} = await reports(`${root}/one.bin`, {metaVersion, pieceLength: 32 * KiB, name: 'Named ü.bin', ...FIELDS})
      expect(readBack).toBe(false)
      expect(created).toEqual(validated)
    })
  })
})

describe('create reads the torrent back when the validator could say more than the lints', () => {
  it.each<[string, TreeSpec, Partial<CreateOptions>, string]>([
    ['a Windows reserved name', {'CON.txt': 'x', 'b.bin': 20_000}, {}, 'path-windows-reserved'],
    ['a trailing dot', {'sub./a.bin': 20_000}, {}, 'path-trailing-dot-or-space'],
    ['a character Windows refuses', {'what?.bin': 20_000}, {}, 'path-windows-invalid-character'],
    ['names equal but for case', {'Read.me': 'x', 'read.me': 'y', 'c.bin': 20_000}, {}, 'path-duplicate-case-insensitive'],
  ])('%s, and reports what info reports', async (_, spec, options, code) => {
    await withTempTree(spec, async ({root}) => {
      const {created, validated, readBack} = await reports(root, {metaVersion: 'hybrid', pieceLength: 16 * KiB, ...options})
      expect(readBack).toBe(true)
      expect(created).toEqual(validated)
      expect((created as {issues: Array<{code: string}>}).issues.map((issue) => issue.code)).toContain(code)
    })
  })

  it('for a name with an unusual character given with --name', async () => {
    await withTempTree({'c.bin': 20_000}, async ({root}) => {
      const {created, validated, readBack} = await reports(root, {metaVersion: 'v2', name: 'release:1'})
      expect(readBack).toBe(true)
      expect(created).toEqual(validated)
    })
  })
})
