import {spawnSync} from 'node:child_process'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {REPO_ROOT, childEnv} from '../../helpers/run-cli.js'
import {withTempTree} from '../../helpers/temp-tree.js'

const BIN = join(REPO_ROOT, 'bin', 'run.js')
const run = (args: string[]): ReturnType<typeof spawnSync> =>
  spawnSync(process.execPath, args, {env: childEnv({}), encoding: 'utf8', timeout: 120_000})

// The located files' checks hold small integers where a look holds a stat's doubles. V8 shares one
// shape among the checks, and once a look had widened it, rebuilt every check made before on its
// next use: ~35 ms on 10,000 files, with the workers waiting (check-files.ts, LOCATED). V8 logs
// each such rebuild with --trace-migration. --gc-global makes every collection a full one, as a
// torrent of 200,000 files has before its checks are made: one forgets a shape no object holds.
describe('verify of many files, one of which is looked at', () => {
  it('rebuilds none of the checks made before the look (--trace-migration)', async () => {
    const tree: Record<string, number> = {'empty.bin': 0}
    for (let index = 0; index < 40; index++) tree[`d/f${String(index).padStart(2, '0')}.bin`] = 100 + index
    await withTempTree(tree, async ({dir, root}) => {
      const torrent = join(dir, 'many.torrent')
      expect(run([BIN, 'create', root, '-o', torrent, '-q', '-l', '16KiB']).status).toBe(0)
      // The empty file is looked at after the first round; the 40 others are only located.
      const verified = run(['--trace-migration', '--gc-global', BIN, 'verify', torrent, root])
      expect(verified.status).toBe(0)
      const migrations = String(verified.stdout).split('\n').filter((line) => line.includes('[migrating]'))
      // A check's rebuild names mtimeMs and ino (verify's file results share only diskLength).
      expect(migrations.filter((line) => /\b(mtimeMs|ino):/.test(line))).toEqual([])
    })
  })
})
