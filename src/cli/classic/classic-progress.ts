import {nowMs} from '../clock.js'

/**
 * "Hashed N of M pieces." redrawn with a carriage return, on stdout, as C mktorrent prints it and as
 * scripts and web UIs parse it; at most every `intervalMs`, and always the first and last counts.
 */
export class ClassicProgress {
  private last = -1
  private lastAt = Number.NEGATIVE_INFINITY

  constructor(
    private readonly write: (text: string) => void,
    private readonly pieceCount: number,
    private readonly intervalMs = 100,
    private readonly now: () => number = () => nowMs(),
  ) {}

  start(): void {
    this.show(0)
  }

  hashed(bytesDone: number, bytesTotal: number, pieceLength: number): void {
    const pieces = bytesDone >= bytesTotal ? this.pieceCount : Math.floor(bytesDone / pieceLength)
    if (pieces === this.last || (pieces < this.pieceCount && this.now() - this.lastAt < this.intervalMs)) return
    this.show(pieces)
  }

  /** Shows the final count and ends the line, as C mktorrent does before "Writing metainfo file". */
  finish(): void {
    if (this.last !== this.pieceCount) this.show(this.pieceCount)
    this.write('\n')
  }

  private show(pieces: number): void {
    this.last = pieces
    this.lastAt = this.now()
    this.write(`\rHashed ${pieces} of ${this.pieceCount} pieces.`)
  }
}
