import {describe, expect, it} from 'vitest'
// runCli here is runWarmCli: bin/run.js in a warm process, start-up paid once per file (test/helpers/warm-cli.ts).
import {runWarmCli as runCli} from '../helpers/warm-cli.js'

/**
 * bin/run.js answers plain `info` runs without loading oclif (src/cli/fast-info.ts) and hands
 * everything else to oclif. `--debug` is one of the things it hands over, and changes nothing in a
 * run without an error, so the same command with and without it compares the two paths.
 */
const cases: string[][] = [
  ['fixtures/torrents/lt-hybrid-tree.torrent'],
  ['--padding', 'fixtures/torrents/lt-hybrid-tree.torrent'],
  ['--json', 'fixtures/torrents/lt-v2-tree.torrent'],
  ['fixtures/torrents/mktorrent-single.torrent', '--strict'],
  ['--raw', 'fixtures/torrents/transmission-tree.torrent'],
  ['--raw', '--json', 'fixtures/torrents/lt-v1-tree.torrent'],
  ['--allow', 'pad-overhead', '--json', 'fixtures/torrents/lt-hybrid-tree.torrent'],
  ['--allow=pad-overhead', 'fixtures/torrents/lt-hybrid-tree.torrent'],
  ['fixtures/torrents/unsorted-keys-v1.torrent', '--strict', '--json'],
  ['fixtures/hostile/path-dotdot-v1.torrent'],
  ['--json', 'fixtures/hostile/path-dotdot-v1.torrent'],
]

describe('info, with and without oclif', () => {
  it.each(cases)('prints the same and exits the same: info %s', async (...args) => {
    const [fast, full] = await Promise.all([runCli(['info', ...args]), runCli(['info', '--debug', ...args])])
    expect({status: fast.status, stdout: fast.stdout, stderr: fast.stderr}).toEqual({status: full.status, stdout: full.stdout, stderr: full.stderr})
  })

  it.each([
    [['/nonexistent.torrent'], 4],
    [['fixtures/hostile/dict-key-negative-length.torrent'], 3],
    [['--allow', 'no-such-lint', 'fixtures/torrents/lt-v1-tree.torrent'], 2],
    [['--bogus', 'fixtures/torrents/lt-v1-tree.torrent'], 2],
    [['a.torrent', 'b.torrent'], 2],
  ] as const)('leaves errors to oclif: info %j exits %i with one line', async (args, status) => {
    const result = await runCli(['info', ...args])
    expect(result.status).toBe(status)
    expect(result.stderr.split('\n').filter((line) => line !== '')).toHaveLength(1)
    expect(result.stderr).toMatch(/^mktorrent: error: /)
  })
})
