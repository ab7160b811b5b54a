import {existsSync} from 'node:fs'
import {join} from 'node:path'
import {afterEach, expect, it} from 'vitest'
import {describeWithTool} from '../helpers/external-tools.js'
import {withTempTree} from '../helpers/temp-tree.js'
import {type TmuxSession, startTmux} from '../helpers/tmux-session.js'

// What only a terminal shows: create's refusal to print a torrent on it, and a progress line that
// is cleared before any other stderr line instead of having it glued on.

let session: TmuxSession | undefined
afterEach(() => session?.close())

describeWithTool('tmux', 'create on a terminal', () => {
  it('refuses -o - when stdout is a terminal, exit 2, before reading anything', async () => {
    await withTempTree({'a.bin': 1000}, async ({root}) => {
      session = startTmux(['create', '-o', '-', root], {cwd: root})
      expect(await session.exitCode()).toBe(2)
      expect(session.screen()).toMatch(/^mktorrent: error: stdout is a terminal; redirect it or use -o FILE\nEXIT=2$/m)
    })
  })

  it('clears the scanning line before saying what it skipped', async () => {
    await withTempTree({'a.bin': 1000, '.DS_Store': 'x'}, async ({dir, root}) => {
      session = startTmux(['create', '-o', join(dir, 'out.torrent'), root], {cwd: dir})
      expect(await session.exitCode()).toBe(0)
      expect(session.screen()).toMatch(/^skipped 1 OS junk \(--include-hidden keeps them\): \.DS_Store$/m)
      expect(session.screen()).not.toMatch(/scanning/)
      expect(existsSync(join(dir, 'out.torrent'))).toBe(true)
    })
  })

  it('clears the scanning line before an error', async () => {
    await withTempTree({'.hidden': 'x', 'empty.dat': ''}, async ({dir, root}) => {
      session = startTmux(['create', root], {cwd: dir})
      expect(await session.exitCode()).toBe(2)
      expect(session.screen()).toMatch(/^mktorrent: error: nothing to hash in /m)
      expect(session.screen()).not.toMatch(/scanning/)
    })
  })
})
