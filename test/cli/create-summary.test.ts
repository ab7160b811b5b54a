import {describe, expect, it} from 'vitest'
import {renderCreateSummary} from '../../src/cli/render/create-summary.js'
import {formatRate} from '../../src/cli/render/progress-bar.js'
import {createTorrent} from '../../src/core/use-cases/create-torrent.js'
import {withTempTree} from '../helpers/temp-tree.js'

describe("create's summary on a terminal", () => {
  it("gives the payload rate in the progress bar's units", async () => {
    await withTempTree({'a.bin': 40_000, 'b.bin': 20_000}, async ({root}) => {
      const {plan, report} = await createTorrent({path: root, metaVersion: 'v2', pieceLength: 64 * 1024, threads: 1})
      // 60,000 payload bytes (128 KiB of piece space) in 30 µs: 2 GB/s.
      const text = renderCreateSummary(report, plan, {output: '/tmp/x.torrent', seconds: 0.000_03, tty: true})
      expect(text).toContain('  took          0.00 s, 2.00 GB/s\n')
      expect(formatRate(60_000 / 0.000_03)).toBe('2.00 GB/s')
    })
  })
})
