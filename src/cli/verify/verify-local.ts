import {nowMs} from '../clock.js'
import {dirname} from 'node:path'
import {ExitCode, UsageError, namingTorrent} from '../../core/errors.js'
import {verifyContent} from '../../core/use-cases/verify-content.js'
import type {VerifyReport} from '../../core/verify/verify-report.js'
import type {Interrupts} from '../interrupts.js'
import type {Output} from '../output.js'
import {failureMessage, renderVerifyLines} from '../render/verify-report.js'
import {readTorrentArgument} from '../torrent-argument.js'

/** The arguments and flags a local verify reads, as oclif (or the start-up path, src/cli/fast) parsed them. */
export interface VerifyLocalArgs {
  torrent: string
  content?: string
}

export interface VerifyLocalFlags {
  'save-path'?: string
  file?: string[]
  fast?: boolean
  verbose?: boolean
  threads?: number
}

/** What a verify run prints with, is stopped by, and fails a run with (exit code and one line). */
export interface VerifyIo {
  out: Output
  interrupts: Interrupts
  json: boolean
  fail: (exitCode: number, message: string) => void
}

/**
 * `mktorrent verify TORRENT [CONTENT]` on local data: the torrent read (a file, stdin or a FIFO),
 * its content found and checked, the report printed (a table on a terminal, lines otherwise), and
 * the run failed when something is not OK. The oclif command runs this when no web seed is asked
 * for; bin/run.js's start-up path runs it directly for a plain command line.
 */
export async function verifyLocal(args: VerifyLocalArgs, flags: VerifyLocalFlags, io: VerifyIo): Promise<VerifyReport> {
  if (args.content !== undefined && flags['save-path'] !== undefined) {
    throw new UsageError('usage', 'give the content path or --save-path, not both')
  }
  const {bytes, label, pipe} = await readTorrentArgument(args.torrent)
  const people = !io.json
  const progress = io.out.progress({enabled: people && io.out.stderrIsTTY})
  const started = nowMs()
  let report: VerifyReport
  try {
    report = await io.interrupts.abortable(
      (signal) =>
        verifyContent({
          torrent: bytes,
          content: args.content,
          // A torrent from a pipe has no folder of its own: its content is looked for in the current one.
          savePath: args.content === undefined ? (flags['save-path'] ?? (pipe ? '.' : dirname(args.torrent))) : undefined,
          files: flags.file,
          fast: flags.fast,
          threads: flags.threads,
          signal,
          onProgress: (event) => progress.update(event),
        }),
      'interrupted; verification stopped',
    )
  } catch (error) {
    throw namingTorrent(error, label)
  } finally {
    progress.finish()
  }
  const seconds = (nowMs() - started) / 1000
  if (people) {
    if (io.out.stdoutIsTTY) {
      // Loaded only for a terminal, as in `info`: cli-table3 costs start-up time pipes never need.
      const {renderVerifyTable} = await import('../render/verify-table.js')
      io.out.stdout(renderVerifyTable(report, {color: io.out.color, verbose: flags.verbose === true, seconds}))
    } else io.out.stdout(renderVerifyLines(report, flags.verbose === true))
  }
  const failure = failureMessage(report)
  if (failure !== undefined) io.fail(report.pieces.inconsistent.length > 0 ? ExitCode.invalidTorrent : ExitCode.verifyFailed, failure)
  return report
}
