import {type Sample, type Target, median, medianRatio, peakRss, roundRatios} from './bench-stats.js'
import type {DatasetSpec} from './make-data.js'

export type CaseId = 'big' | 'small' | 'many' | 'startup'
export type DatasetName = 'big' | 'small' | 'many'

/** Contenders run on one dataset, interleaved: round r runs each of them once, in this order. */
export interface BenchCase {
  id: CaseId
  title: string
  /** None for start-up, which reads only a small fixture. */
  dataset?: DatasetName
  /** Throughput is bytes/s for one big file, files/s for many files, and plain seconds for start-up. */
  rate: 'MB/s' | 'files/s' | 'seconds'
  /** Every ratio in this case's table is against this contender, in the same round. */
  reference: string
  contenders: string[]
  /** Start-up runs are short and noisy, so they get more rounds. */
  roundsFactor?: number
}

const MiB = 1024 * 1024
const KiB = 1024
const SEED = 42

export function datasets(quick: boolean): Record<DatasetName, DatasetSpec> {
  return {
    big: {name: 'big', kind: 'file', bytes: quick ? 256 * MiB : 2048 * MiB, seed: SEED},
    small: {name: 'small', kind: 'folder', fileCount: quick ? 2000 : 20_000, folders: 20, minFileBytes: KiB, maxFileBytes: 64 * KiB, seed: SEED},
    many: {name: 'many', kind: 'folder', fileCount: quick ? 20_000 : 200_000, folders: quick ? 20 : 200, minFileBytes: KiB, maxFileBytes: 4 * KiB, seed: SEED},
  }
}

export const CASES: BenchCase[] = [
  {
    id: 'big',
    title: 'one big file, 1 MiB pieces',
    dataset: 'big',
    rate: 'MB/s',
    reference: 'c-mktorrent',
    contenders: [
      'c-mktorrent', 'ours-create-v1', 'ceiling', 'libtorrent-v1', 'ours-verify-v1',
      'ours-create-v2', 'libtorrent-v2', 'ours-verify-v2', 'ours-create-hybrid', 'libtorrent-hybrid',
    ],
  },
  {
    id: 'small',
    title: 'small files (1-64 KiB in 20 folders)',
    dataset: 'small',
    rate: 'files/s',
    reference: 'c-mktorrent',
    contenders: ['c-mktorrent', 'ours-create-v1', 'ceiling', 'libtorrent-v1', 'ours-create-hybrid-auto', 'libtorrent-hybrid-auto'],
  },
  {
    id: 'many',
    title: 'many tiny files (1-4 KiB), 1 MiB pieces',
    dataset: 'many',
    rate: 'files/s',
    // C mktorrent 1.1 needs minutes for 200,000 files (docs/performance.md), so it is left out here.
    reference: 'ceiling',
    contenders: ['ceiling', 'ours-create-v1', 'ours-info-own'],
  },
  {
    id: 'startup',
    title: 'start-up',
    rate: 'seconds',
    reference: 'node-e0',
    contenders: ['node-e0', 'ours-info-small'],
    roundsFactor: 4,
  },
]

/** Samples per case and contender, as the run collected them. */
export type Results = Map<CaseId, Map<string, Sample[]>>

/** A target of issue 5 and how to measure it from the results. */
export interface TargetCheck extends Target {
  measure: (results: Results) => number | undefined
}

const samples = (results: Results, caseId: CaseId, id: string): Sample[] => results.get(caseId)?.get(id) ?? []
/** Subject's speed over reference's, median over same-round pairs. */
const faster = (caseId: CaseId, subject: string, reference: string) => (results: Results) =>
  medianRatio(samples(results, caseId, subject), samples(results, caseId, reference))
/** Subject's time over reference's, median over same-round pairs. */
const slower = (caseId: CaseId, subject: string, reference: string) => (results: Results) => {
  const ratios = roundRatios(samples(results, caseId, reference), samples(results, caseId, subject))
  return ratios.length === 0 ? undefined : median(ratios)
}
const rssMB = (pairs: Array<[CaseId, string]>) => (results: Results) => {
  const peaks = pairs.map(([caseId, id]) => peakRss(samples(results, caseId, id))).filter((rss) => rss !== undefined)
  return peaks.length === 0 ? undefined : Math.max(...peaks) / 1e6
}

export const TARGETS: TargetCheck[] = [
  {label: 'v1, one big file: create vs C mktorrent -t 2', op: '>=', bound: 1.15, unit: 'x', measure: faster('big', 'ours-create-v1', 'c-mktorrent')},
  {label: 'v1, one big file: create vs the ceiling script', op: '>=', bound: 0.9, unit: 'x', measure: faster('big', 'ours-create-v1', 'ceiling')},
  {label: 'v1, small files: create vs C mktorrent -t 2 (files/s)', op: '>=', bound: 1.5, unit: 'x', measure: faster('small', 'ours-create-v1', 'c-mktorrent')},
  {label: 'v2, one big file: create vs libtorrent v2_only', op: '>=', bound: 1.9, unit: 'x', measure: faster('big', 'ours-create-v2', 'libtorrent-v2')},
  {label: 'hybrid, one big file: create vs libtorrent hybrid', op: '>=', bound: 1.9, unit: 'x', measure: faster('big', 'ours-create-hybrid', 'libtorrent-hybrid')},
  {
    label: 'hybrid, small files, auto piece lengths: create vs libtorrent',
    op: '>=',
    bound: 10,
    unit: 'x',
    measure: faster('small', 'ours-create-hybrid-auto', 'libtorrent-hybrid-auto'),
  },
  {label: 'verify v1, one big file: vs our create v1', op: '>=', bound: 0.9, unit: 'x', measure: faster('big', 'ours-verify-v1', 'ours-create-v1')},
  {label: 'verify v2, one big file: vs our create v2', op: '>=', bound: 0.9, unit: 'x', measure: faster('big', 'ours-verify-v2', 'ours-create-v2')},
  {
    label: 'peak RSS, create on one big file (v1, v2, hybrid)',
    op: '<=',
    bound: 200,
    unit: 'MB',
    measure: rssMB([['big', 'ours-create-v1'], ['big', 'ours-create-v2'], ['big', 'ours-create-hybrid']]),
  },
  {label: 'peak RSS, create on many tiny files', op: '<=', bound: 200, unit: 'MB', measure: rssMB([['many', 'ours-create-v1']])},
  {
    label: 'many tiny files: info on our torrent (median)',
    op: '<',
    bound: 2,
    unit: 's',
    measure: (results) => {
      const runs = samples(results, 'many', 'ours-info-own')
      return runs.length === 0 ? undefined : median(runs.map((run) => run.seconds))
    },
  },
  {label: 'start-up: info on a small torrent vs node -e 0 (time)', op: '<=', bound: 2, unit: 'x', measure: slower('startup', 'ours-info-small', 'node-e0')},
]
