import {ExitCode, namingTorrent} from '../../core/errors.js'
import type {WebSeedVerifyReport} from '../../core/remote/web-seed-report.js'
import {verifyWebSeeds} from '../../core/remote/web-seed-verify.js'
import type {Interrupts} from '../interrupts.js'
import type {Output} from '../output.js'
import {renderSampleNote, renderWebSeedLines, webSeedFailureMessage} from '../render/web-seed-report.js'

export interface WebSeedVerifyRun {
  torrentPath: string
  torrent: Uint8Array
  urls: string[]
  torrentWebSeeds: boolean
  sample: number | undefined
  seed: number | undefined
  fast: boolean
  verbose: boolean
  json: boolean
  out: Output
  interrupts: Interrupts
  /** Sets the exit code and prints the one error line (BaseCommand.fail). */
  fail: (exitCode: number, message: string) => void
}

/** `verify --web-seed URL` / `--web-seeds`: check what the mirrors serve, render, pick the exit code (0, 1, 3). */
export async function runWebSeedVerify(run: WebSeedVerifyRun): Promise<WebSeedVerifyReport> {
  const {out} = run
  const progress = out.progress({enabled: !run.json && out.stderrIsTTY})
  let report: WebSeedVerifyReport
  try {
    report = await run.interrupts.abortable(
      (signal) =>
        verifyWebSeeds({
          torrent: run.torrent,
          urls: run.urls,
          torrentWebSeeds: run.torrentWebSeeds,
          sample: run.sample,
          seed: run.seed,
          fast: run.fast,
          signal,
          onProgress: (event) => progress.update(event),
        }),
      'interrupted; verification stopped',
    )
  } catch (error) {
    throw namingTorrent(error, run.torrentPath)
  } finally {
    progress.finish()
  }
  if (!run.json) {
    if (out.stdoutIsTTY) {
      const {renderWebSeedTable} = await import('../render/web-seed-table.js')
      out.stdout(renderWebSeedTable(report, {color: out.color, verbose: run.verbose}))
    } else {
      out.stdout(renderWebSeedLines(report, run.verbose))
      // The seed is in the `sample` line; people reading a log also get the command to repeat it.
      out.stderr(renderSampleNote(report))
    }
  }
  const failure = webSeedFailureMessage(report)
  if (failure !== undefined) {
    const inconsistent = report.webSeeds.some((result) => result.pieces.inconsistent.length > 0)
    run.fail(inconsistent ? ExitCode.invalidTorrent : ExitCode.verifyFailed, failure)
  }
  return report
}
