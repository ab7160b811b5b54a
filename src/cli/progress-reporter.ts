import {nowMs} from './clock.js'
import {type ProgressState, renderProgress} from './render/progress-bar.js'

export interface ProgressSink {
  write(text: string): void
  isTTY: boolean
  /** Read at every redraw, so a getter can follow terminal resizes. */
  columns?: number
}

export interface ProgressReporterOptions {
  enabled: boolean
  /** Least time between two redraws; 100 ms by default. */
  intervalMs?: number
  /** Milliseconds from some fixed origin; tests pass a fake clock. */
  now?: () => number
}

export type ProgressUpdate = Partial<Pick<ProgressState, 'phase' | 'filesSeen' | 'bytesDone' | 'bytesTotal'>>

const CLEAR_TO_END = '\u001B[K'

/**
 * Redraws one progress line on a terminal (stderr, ARCHITECTURE.md principle 9) at most every
 * `intervalMs`, and a phase change at once. Writes nothing when disabled or when the sink is not a
 * TTY, so pipes and logs never receive carriage returns or escape codes.
 */
export class ProgressReporter {
  private readonly enabled: boolean
  private readonly intervalMs: number
  private readonly now: () => number
  private state: Omit<ProgressState, 'elapsedMs' | 'width' | 'phase'> & {phase?: ProgressState['phase']} = {bytesDone: 0, bytesTotal: 0}
  private hashingSince = 0
  private lastDrawAt: number | undefined
  private lastLine: string | undefined
  private finished = false

  constructor(
    private readonly out: ProgressSink,
    options: ProgressReporterOptions,
  ) {
    this.enabled = options.enabled && out.isTTY
    this.intervalMs = options.intervalMs ?? 100
    this.now = options.now ?? (() => nowMs())
  }

  update(partial: ProgressUpdate): void {
    if (!this.enabled || this.finished) return
    const now = this.now()
    const phaseChanged = partial.phase !== undefined && partial.phase !== this.state.phase
    if (phaseChanged && partial.phase === 'hashing') this.hashingSince = now
    this.state = {...this.state, ...definedOnly(partial)}
    if (!phaseChanged && this.lastDrawAt !== undefined && now - this.lastDrawAt < this.intervalMs) return
    this.draw(now)
  }

  /**
   * Clears the line, leaving the cursor where the progress began, so that other text can be
   * written there (Output.stderr calls it); the next update draws the line again at once.
   */
  clear(): void {
    if (this.lastLine === undefined) return
    this.out.write(`\r${CLEAR_TO_END}`)
    this.lastLine = undefined
    this.lastDrawAt = undefined
  }

  /** Clears the line for good: later updates are ignored. */
  finish(): void {
    if (this.finished) return
    this.finished = true
    this.clear()
  }

  private draw(now: number): void {
    const {phase} = this.state
    if (phase === undefined) return
    // One column spare: some terminals wrap as soon as the last column is written.
    const width = Math.max((this.out.columns || 80) - 1, 1)
    const line = renderProgress({...this.state, phase, elapsedMs: now - this.hashingSince, width})
    this.lastDrawAt = now
    if (line === this.lastLine) return
    this.lastLine = line
    this.out.write(`\r${line}${CLEAR_TO_END}`)
  }
}

function definedOnly(partial: ProgressUpdate): ProgressUpdate {
  return Object.fromEntries(Object.entries(partial).filter(([, value]) => value !== undefined))
}
