import {mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import {mkdtemp, rm} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {dirname, join} from 'node:path'
import {afterEach} from 'vitest'
import {inspectTorrent} from '../../src/core/use-cases/inspect-torrent.js'
import type {TorrentReport} from '../../src/core/metainfo/torrent-report.js'

/** No config of the machine or of the environment running the tests may leak in. */
export const NO_CONFIG_ENV = {MKTORRENT_CONFIG: undefined}
export const REPRODUCIBLE = ['--no-date', '--no-created-by']

/**
 * Makes temp folders holding `files` (path -> text) laid over `base`, each removed after the test
 * that made it; call once at the top of a test file.
 */
export function projectFolders(prefix: string, base: Record<string, string> = {}): (files: Record<string, string>) => Promise<string> {
  let dirs: string[] = []
  afterEach(async () => {
    await Promise.all(dirs.map((dir) => rm(dir, {recursive: true, force: true})))
    dirs = []
  })
  return async (files) => {
    const dir = await mkdtemp(join(tmpdir(), prefix))
    dirs.push(dir)
    for (const [path, text] of Object.entries({...base, ...files})) {
      mkdirSync(dirname(join(dir, path)), {recursive: true})
      writeFileSync(join(dir, path), text)
    }
    return dir
  }
}

export function reportOf(path: string): TorrentReport {
  return inspectTorrent(readFileSync(path)).report
}
