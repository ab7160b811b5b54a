import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {dirname, join} from 'node:path'
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {createTorrent} from '../../src/core/use-cases/create-torrent.js'
import {inspectTorrent} from '../../src/core/use-cases/inspect-torrent.js'
import type {MetaVersion} from '../../src/core/metainfo/metainfo.js'
import {type Tree, pieceLength, safeName, treeFiles} from './random-tree.js'

// create's report (built from what it encoded, or read back when the validator has more to say)
// must be exactly the validator's report of the bytes written, whatever the names and fields.

/** Names the validator warns about, mixed with plain ones: reserved, trailing dots, case twins, long. */
const anyName = fc.oneof(
  {weight: 4, arbitrary: safeName},
  {weight: 1, arbitrary: fc.constantFrom('CON', 'aux.txt', 'A', 'a', 'ab:c', 'trail.', 'q?', 'B b', 'b B', 'é'.repeat(127), 'LPT1.log')},
)
const fileLength = fc.oneof({weight: 1, arbitrary: fc.constant(0)}, {weight: 6, arbitrary: fc.integer({min: 1, max: 40_000})})
const tree: fc.Arbitrary<Tree> = fc
  .letrec<{tree: Tree}>((tie) => ({
    tree: fc.dictionary(anyName, fc.oneof({depthSize: 'small', maxDepth: 2}, fileLength, tie('tree')), {minKeys: 1, maxKeys: 4}),
  }))
  .tree.filter((candidate) => treeFiles(candidate).some((file) => file.length > 0))
const trackerUrls = fc.array(fc.constantFrom('udp://t.example:1/announce', 'https://t.example/a', 'wss://t.example/b', 'http://[2001:db8::1]:8080/a?x=%20'), {maxLength: 3})
const seedUrls = fc.array(fc.constantFrom('https://s.example/', 'http://[2001:db8::1]:8080/files/', 'https://u:p@s.example/a%20b/'), {maxLength: 3})

describe('the report create gives', () => {
  it('is what info says of the torrent it wrote', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom<MetaVersion>('v1', 'v2', 'hybrid'),
        tree,
        pieceLength,
        fc.record({trackers: trackerUrls, webSeeds: seedUrls, isPrivate: fc.boolean(), allowPads: fc.boolean()}),
        async (metaVersion, content, length, {trackers, webSeeds, isPrivate, allowPads}) => {
          const root = join(mkdtempSync(join(tmpdir(), 'mktorrent-report-')), 'content')
          try {
            for (const file of treeFiles(content)) {
              mkdirSync(join(root, ...file.path.slice(0, -1)), {recursive: true})
              writeFileSync(join(root, ...file.path), Buffer.alloc(file.length, 7))
            }
            const allow = new Set(allowPads ? ['pad-overhead'] : [])
            const announce = trackers.map((url) => [url])
            const created = await createTorrent({path: root, metaVersion, pieceLength: length, announce, webSeeds, private: isPrivate, allow, threads: 1})
            expect(created.report).toEqual(inspectTorrent(created.bytes, {allow}).report)
          } finally {
            rmSync(dirname(root), {recursive: true, force: true})
          }
        },
      ),
      {numRuns: 100},
    )
  })
})
