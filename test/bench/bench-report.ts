import type {BenchCase, Results, TargetCheck} from './bench-cases.js'
import {type Sample, type Verdict, formatRate, formatTable, formatValue, judge, median, medianRatio, peakRss} from './bench-stats.js'
import type {Contender} from './contenders.js'
import type {Dataset} from './make-data.js'

export interface ContenderSummary {
  id: string
  label: string
  skipped?: string
  failed?: string
  runs: number
  medianSeconds?: number
  /** MB/s (10^6 bytes) or files/s, from the median time. */
  rate?: number
  /** Median same-round speed ratio against the case's reference. */
  vsReference?: number
  peakRssMB?: number
  /** Median user + system CPU seconds. */
  cpuSeconds?: number
  samples: Sample[]
}

export interface TargetResult {
  label: string
  required: string
  measured: string
  value: number | undefined
  verdict: Verdict
}

export function summariseCase(benchCase: BenchCase, data: Dataset, contenders: Contender[], results: Results, notes: Map<string, string>): ContenderSummary[] {
  const runs = results.get(benchCase.id) ?? new Map<string, Sample[]>()
  const reference = runs.get(benchCase.reference) ?? []
  return contenders.map((contender): ContenderSummary => {
    const samples = runs.get(contender.id) ?? []
    const summary: ContenderSummary = {id: contender.id, label: contender.label, runs: samples.length, samples}
    const note = notes.get(contender.id)
    if (note !== undefined && samples.length === 0) summary.skipped = note
    else if (note !== undefined) summary.failed = note
    if (samples.length === 0) return summary
    const seconds = median(samples.map((sample) => sample.seconds))
    summary.medianSeconds = seconds
    if (benchCase.rate === 'MB/s') summary.rate = data.bytes / 1e6 / seconds
    if (benchCase.rate === 'files/s') summary.rate = data.files / seconds
    summary.vsReference = medianRatio(samples, reference)
    const cpu = samples.flatMap((sample) => sample.cpuSeconds ?? [])
    if (cpu.length > 0) summary.cpuSeconds = median(cpu)
    const rss = peakRss(samples)
    if (rss !== undefined) summary.peakRssMB = rss / 1e6
    return summary
  })
}

export function renderCase(benchCase: BenchCase, summaries: ContenderSummary[]): string {
  const rows = summaries
    .filter((summary) => summary.runs > 0)
    .map((summary) => {
      const times = summary.samples.map((sample) => sample.seconds)
      return [
        summary.label,
        String(summary.runs),
        formatValue(summary.medianSeconds, 's'),
        summary.rate === undefined || benchCase.rate === 'seconds' ? '-' : formatRate(summary.rate, benchCase.rate),
        formatValue(summary.vsReference, 'x'),
        formatValue(summary.cpuSeconds, 's'),
        summary.peakRssMB === undefined ? '-' : formatValue(summary.peakRssMB, 'MB'),
        `${Math.min(...times).toFixed(3)}-${Math.max(...times).toFixed(3)}`,
      ]
    })
  const header = ['contender', 'runs', 'median', benchCase.rate === 'seconds' ? 'rate' : benchCase.rate, 'speed vs ref', 'CPU', 'peak RSS', 'range s']
  const skipped = summaries
    .filter((summary) => summary.skipped !== undefined || summary.failed !== undefined)
    .map((summary) => (summary.skipped !== undefined ? `skipped ${summary.label}: ${summary.skipped}\n` : `FAILED ${summary.label}: ${summary.failed}\n`))
  return formatTable(header, rows) + skipped.join('')
}

export function checkTargets(targets: TargetCheck[], results: Results): TargetResult[] {
  return targets.map((target) => {
    const value = target.measure(results)
    return {
      label: target.label,
      required: `${target.op} ${formatValue(target.bound, target.unit)}`,
      measured: formatValue(value, target.unit),
      value,
      verdict: judge(target, value),
    }
  })
}

export function renderTargets(rows: TargetResult[]): string {
  return formatTable(
    ['target (issue 12)', 'required', 'measured', 'verdict'],
    rows.map((row) => [row.label, row.required, row.measured, row.verdict]),
  )
}
