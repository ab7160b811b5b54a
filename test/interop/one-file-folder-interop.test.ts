/**
 * The `one-file-folder` lint's premise, checked with libtorrent 2.0.8: a v2 torrent of a folder
 * holding one file loads as that file alone (named after it, saved without the folder), while a
 * hybrid's v1 list keeps the folder. And `info` finds the lint in libtorrent's own torrents.
 */
import {mkdir, readFile, rename, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {expect, it} from 'vitest'
import {createTorrent} from '../../src/core/use-cases/create-torrent.js'
import {inspectTorrent} from '../../src/core/use-cases/inspect-torrent.js'
import {describeWithTool} from '../helpers/external-tools.js'
import {type LtMode, ltCreate, ltLoadValid, ltRecheck} from '../helpers/libtorrent.js'
import {withTempTree} from '../helpers/temp-tree.js'

const SPEC = {'song.flac': 40_000}

describeWithTool('libtorrent', 'a v2 or hybrid torrent of a folder holding one file, as libtorrent reads it', () => {
  it('v2: libtorrent names it after the file and finds the file without the folder, as the lint says', async () => {
    await withTempTree(SPEC, async ({dir, root}) => {
      const created = await createTorrent({path: root, metaVersion: 'v2', pieceLength: 16_384})
      expect(created.report.issues.map((issue) => issue.code)).toEqual(['one-file-folder'])
      const out = join(dir, 'v2.torrent')
      await writeFile(out, created.bytes)
      const loaded = ltLoadValid(out)
      expect([loaded.name, loaded.files.filter((file) => !file.padding).map((file) => file.path)]).toEqual(['song.flac', ['song.flac']])
      // Saved in `dir`, libtorrent looks for dir/song.flac: moved there, every piece is found.
      expect(ltRecheck(out, dir).missingPieces).toEqual([0, 1, 2])
      await rename(join(root, 'song.flac'), join(dir, 'song.flac'))
      expect(ltRecheck(out, dir).missingPieces).toEqual([])
    })
  })

  it('hybrid: libtorrent follows the v1 list, which keeps the folder', async () => {
    await withTempTree(SPEC, async ({dir, root}) => {
      const created = await createTorrent({path: root, metaVersion: 'hybrid', pieceLength: 16_384})
      expect(created.report.issues.map((issue) => issue.code)).toEqual(['one-file-folder'])
      const out = join(dir, 'hybrid.torrent')
      await writeFile(out, created.bytes)
      expect(ltRecheck(out, dir).missingPieces).toEqual([])
    })
  })

  it.each<LtMode>(['v2', 'hybrid'])('info reports the lint in the %s torrent libtorrent makes of such a folder, and not in v1', async (mode) => {
    await withTempTree(SPEC, async ({dir, root}) => {
      await mkdir(join(dir, 'out'))
      const out = join(dir, 'out', `${mode}.torrent`)
      ltCreate(root, out, {mode, pieceLength: 16_384})
      expect(inspectTorrent(await readFile(out)).report.issues.map((issue) => issue.code)).toEqual(['one-file-folder'])
      const v1 = join(dir, 'out', 'v1.torrent')
      ltCreate(root, v1, {mode: 'v1', pieceLength: 16_384})
      expect(inspectTorrent(await readFile(v1)).report.issues).toEqual([])
    })
  })
})
