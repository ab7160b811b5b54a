/** The pure parts of the benchmark: medians, same-round ratios, targets and text tables. */

/** One timed run of one contender. */
export interface Sample {
  round: number
  seconds: number
  /** Peak resident set size in bytes, when /usr/bin/time could measure it. */
  peakRss: number | undefined
  /** User + system CPU seconds, when /usr/bin/time could measure them. */
  cpuSeconds?: number | undefined
}

export function median(values: number[]): number {
  if (values.length === 0) throw new RangeError('the median of nothing')
  const sorted = [...values].sort((a, b) => a - b)
  const middle = sorted.length >> 1
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

/**
 * Speed of `subject` relative to `reference`, one ratio per round both ran in (reference time over
 * subject time, so 2 means twice as fast). Pairing runs of the same round cancels most of the noise
 * other processes cause on a shared machine.
 */
export function roundRatios(subject: Sample[], reference: Sample[]): number[] {
  const byRound = new Map(reference.map((sample) => [sample.round, sample.seconds]))
  const ratios: number[] = []
  for (const sample of subject) {
    const referenceSeconds = byRound.get(sample.round)
    if (referenceSeconds !== undefined) ratios.push(referenceSeconds / sample.seconds)
  }
  return ratios
}

/** The median same-round speed ratio, or undefined when the two never ran in the same round. */
export function medianRatio(subject: Sample[], reference: Sample[]): number | undefined {
  const ratios = roundRatios(subject, reference)
  return ratios.length === 0 ? undefined : median(ratios)
}

export function peakRss(samples: Sample[]): number | undefined {
  const known = samples.map((sample) => sample.peakRss).filter((rss): rss is number => rss !== undefined)
  return known.length === 0 ? undefined : Math.max(...known)
}

export interface Target {
  /** What is measured, for people: "v1, one big file: ours vs C mktorrent -t 2". */
  label: string
  /** `>=`: the measured value must reach `bound`; `<=`: it must not exceed it. */
  op: '>=' | '<=' | '<'
  bound: number
  unit: 'x' | 'MB' | 's'
}

export type Verdict = 'pass' | 'miss' | 'n/a'

export function judge(target: Target, measured: number | undefined): Verdict {
  if (measured === undefined || Number.isNaN(measured)) return 'n/a'
  if (target.op === '>=') return measured >= target.bound ? 'pass' : 'miss'
  if (target.op === '<=') return measured <= target.bound ? 'pass' : 'miss'
  return measured < target.bound ? 'pass' : 'miss'
}

/** `1.23x`, `187 MB`, `0.412 s`. MB are 10^6 bytes. */
export function formatValue(value: number | undefined, unit: Target['unit']): string {
  if (value === undefined || Number.isNaN(value)) return '-'
  if (unit === 'x') return `${value.toFixed(2)}x`
  if (unit === 'MB') return `${Math.round(value)} MB`
  return `${value.toFixed(3)} s`
}

/** Throughput for people: MB/s (10^6 bytes) or files/s, with thousands separators. */
export function formatRate(perSecond: number, unit: 'MB/s' | 'files/s'): string {
  return `${Math.round(perSecond).toLocaleString('en-US')} ${unit}`
}

/**
 * A plain-text table: columns padded to their widest cell, numbers (cells starting with a digit,
 * a sign or a dot) right-aligned, a rule under the header.
 */
export function formatTable(header: string[], rows: string[][]): string {
  const widths = header.map((cell, column) => Math.max(cell.length, ...rows.map((row) => (row[column] ?? '').length)))
  const numeric = header.map((_, column) => rows.length > 0 && rows.every((row) => /^[-+.\d]/u.test(row[column] ?? '')))
  const line = (cells: string[]): string =>
    cells
      .map((cell, column) => (numeric[column] ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!)))
      .join('  ')
      .trimEnd()
  return [line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)].join('\n') + '\n'
}
