import {nowMs} from '../clock.js'
import type {BatchProgress} from '../../core/batch/run-batch.js'
import {renderProgress} from '../render/progress-bar.js'

const CLEAR_LINE = '\r\u001B[K'

/**
 * A batch on a terminal: the overall progress on one line (`[3/50] hashing [###---] 45% ...`,
 * bytes of every job), with each job's own line printed above it as the job ends. Off the
 * terminal, only the job lines.
 */
export class BatchProgressLine {
  private shown = false
  private lastDrawAt = 0
  private readonly started = nowMs()

  constructor(
    private readonly out: {write: (text: string) => void; columns: () => number | undefined},
    private readonly enabled: boolean,
  ) {}

  update(progress: BatchProgress): void {
    const now = nowMs()
    if (!this.enabled || (this.shown && now - this.lastDrawAt < 100)) return
    this.draw(progress, now)
  }

  /** A line for the job that just ended, above the progress line (redrawn at the next update). */
  line(text: string): void {
    if (this.shown) this.out.write(CLEAR_LINE)
    this.out.write(text)
    this.shown = false
  }

  finish(): void {
    if (this.shown) this.out.write(CLEAR_LINE)
    this.shown = false
  }

  private draw(progress: BatchProgress, now: number): void {
    const prefix = `[${progress.job + 1}/${progress.jobs}] `
    const width = Math.max((this.out.columns() || 80) - 1 - prefix.length, 1)
    const bar = renderProgress({phase: 'hashing', bytesDone: progress.bytesDone, bytesTotal: progress.bytesTotal, elapsedMs: now - this.started, width})
    this.out.write(`${CLEAR_LINE}${prefix}${bar}`)
    this.shown = true
    this.lastDrawAt = now
  }
}
