import {type Sample, type Target, median, medianRatio, peakRss, roundRatios} from './bench-stats.js'
import type {DatasetSpec} from './make-data.js'

export type CaseId = 'big' | 'gig' | 'ten' | 'small' | 'cold-big' | 'cold-ten' | 'many' | 'startup'
export type DatasetName = 'big' | 'gig' | 'ten' | 'small' | 'many' | 'tiny'

/** Contenders run on one dataset, interleaved: round r runs each of them once, in this order. */
export interface BenchCase {
  id: CaseId
  title: string
  /** None for start-up runs that read only a small fixture. */
  dataset?: DatasetName
  /** Throughput is bytes/s for one big file, files/s for many files, and plain seconds for start-up. */
  rate: 'MB/s' | 'files/s' | 'seconds'
  /** Every ratio in this case's table is against this contender, in the same round. */
  reference: string
  contenders: string[]
  /** Start-up runs are short and noisy, so they get more rounds. */
  roundsFactor?: number
  /**
   * Cold cache: every page of the data is evicted (`vmtouch -e`) before every run of every
   * contender, untimed; the case is skipped, with the reason, when vmtouch is missing.
   */
  cold?: boolean
}

const MiB = 1024 * 1024
const KiB = 1024
const SEED = 42

export function datasets(quick: boolean): Record<DatasetName, DatasetSpec> {
  return {
    big: {name: 'big', kind: 'file', bytes: quick ? 256 * MiB : 2048 * MiB, seed: SEED},
    gig: {name: 'gig', kind: 'file', bytes: quick ? 128 * MiB : 1024 * MiB, seed: SEED},
    ten: {name: 'ten', kind: 'folder', fileCount: quick ? 1000 : 10_000, folders: 10, minFileBytes: KiB, maxFileBytes: 64 * KiB, seed: SEED},
    small: {name: 'small', kind: 'folder', fileCount: quick ? 2000 : 20_000, folders: 20, minFileBytes: KiB, maxFileBytes: 64 * KiB, seed: SEED},
    many: {name: 'many', kind: 'folder', fileCount: quick ? 20_000 : 200_000, folders: quick ? 20 : 200, minFileBytes: KiB, maxFileBytes: 4 * KiB, seed: SEED},
    tiny: {name: 'tiny', kind: 'file', bytes: 1, seed: SEED},
  }
}

export const CASES: BenchCase[] = [
  {
    id: 'startup',
    title: 'start-up and shutdown: one 1-byte file, or a small torrent',
    dataset: 'tiny',
    rate: 'seconds',
    reference: 'node-e0',
    contenders: ['node-e0', 'c-mktorrent', 'startup-floor', 'ours-load-only', 'ours-create-v1', 'ours-verify-v1', 'ours-info-small'],
    roundsFactor: 4,
  },
  {
    id: 'gig',
    title: 'one 1 GiB file, warm cache, 1 MiB pieces',
    dataset: 'gig',
    rate: 'MB/s',
    reference: 'c-mktorrent',
    contenders: ['c-mktorrent', 'ours-create-v1', 'ours-verify-v1', 'ceiling', 'create-torrent'],
  },
  {
    id: 'ten',
    title: '10,000 files of 1-64 KiB in 10 folders, warm cache',
    dataset: 'ten',
    rate: 'files/s',
    reference: 'c-mktorrent',
    contenders: ['c-mktorrent', 'ours-create-v1', 'ours-verify-v1', 'ceiling', 'create-torrent'],
  },
  {
    id: 'small',
    title: '20,000 files of 1-64 KiB in 20 folders, warm cache',
    dataset: 'small',
    rate: 'files/s',
    reference: 'c-mktorrent',
    contenders: ['c-mktorrent', 'ours-create-v1', 'ours-verify-v1', 'ceiling', 'create-torrent', 'libtorrent-v1', 'ours-create-hybrid-auto', 'libtorrent-hybrid-auto'],
  },
  {
    id: 'big',
    title: 'one 2 GiB file, warm cache, 1 MiB pieces',
    dataset: 'big',
    rate: 'MB/s',
    reference: 'c-mktorrent',
    contenders: [
      'c-mktorrent', 'ours-create-v1', 'ceiling', 'libtorrent-v1', 'ours-verify-v1',
      'ours-create-v2', 'libtorrent-v2', 'ours-verify-v2', 'ours-create-hybrid', 'libtorrent-hybrid',
      'ceiling-v2', 'ceiling-hybrid',
    ],
  },
  {
    id: 'cold-big',
    title: 'one 2 GiB file, cold cache (vmtouch -e before every run)',
    dataset: 'big',
    rate: 'MB/s',
    reference: 'c-mktorrent',
    contenders: ['c-mktorrent', 'ours-create-v1', 'ours-verify-v1'],
    cold: true,
  },
  {
    id: 'cold-ten',
    title: '10,000 files of 1-64 KiB, cold cache (vmtouch -e before every run)',
    dataset: 'ten',
    rate: 'files/s',
    reference: 'c-mktorrent',
    contenders: ['c-mktorrent', 'ours-create-v1', 'ours-verify-v1'],
    cold: true,
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

/** Issue 12's targets (docs/performance.md has issue 5's, and why some of them stay out of reach). */
export const TARGETS: TargetCheck[] = [
  {label: 'start-up: create of a 1-byte file vs node -e 0 (time)', op: '<=', bound: 1.5, unit: 'x', measure: slower('startup', 'ours-create-v1', 'node-e0')},
  {label: 'start-up: verify of a 1-byte file vs node -e 0 (time)', op: '<=', bound: 1.5, unit: 'x', measure: slower('startup', 'ours-verify-v1', 'node-e0')},
  {label: 'start-up: info on a small torrent vs node -e 0 (time)', op: '<=', bound: 1.3, unit: 'x', measure: slower('startup', 'ours-info-small', 'node-e0')},
  {label: 'warm, one 1 GiB file: create vs C mktorrent -t 2', op: '>=', bound: 0.9, unit: 'x', measure: faster('gig', 'ours-create-v1', 'c-mktorrent')},
  {label: 'warm, 10,000 files: create vs C mktorrent -t 2', op: '>=', bound: 1, unit: 'x', measure: faster('ten', 'ours-create-v1', 'c-mktorrent')},
  {label: 'warm, 20,000 files: create vs C mktorrent -t 2', op: '>=', bound: 1.3, unit: 'x', measure: faster('small', 'ours-create-v1', 'c-mktorrent')},
  {label: 'cold, one 2 GiB file: create vs C mktorrent -t 2', op: '>=', bound: 1.1, unit: 'x', measure: faster('cold-big', 'ours-create-v1', 'c-mktorrent')},
  {label: 'cold, 10,000 files: create vs C mktorrent -t 2', op: '>=', bound: 1.1, unit: 'x', measure: faster('cold-ten', 'ours-create-v1', 'c-mktorrent')},
  {label: 'v2, one 2 GiB file: create vs libtorrent v2_only', op: '>=', bound: 1.25, unit: 'x', measure: faster('big', 'ours-create-v2', 'libtorrent-v2')},
  {label: 'hybrid, one 2 GiB file: create vs libtorrent hybrid', op: '>=', bound: 1.5, unit: 'x', measure: faster('big', 'ours-create-hybrid', 'libtorrent-hybrid')},
  {label: 'peak RSS, create on 200,000 files', op: '<=', bound: 200, unit: 'MB', measure: rssMB([['many', 'ours-create-v1']])},
  {
    label: 'peak RSS, create on one 2 GiB file (v1, v2, hybrid)',
    op: '<=',
    bound: 120,
    unit: 'MB',
    measure: rssMB([['big', 'ours-create-v1'], ['big', 'ours-create-v2'], ['big', 'ours-create-hybrid']]),
  },
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
  ...(['startup', 'gig', 'ten', 'small', 'cold-big', 'cold-ten'] as const).map((caseId): TargetCheck => ({
    label: `verify vs create, v1: ${caseId}`,
    op: '>=',
    bound: 0.95,
    unit: 'x',
    measure: faster(caseId, 'ours-verify-v1', 'ours-create-v1'),
  })),
  {label: 'verify vs create, v2: big', op: '>=', bound: 0.95, unit: 'x', measure: faster('big', 'ours-verify-v2', 'ours-create-v2')},
  ...(['gig', 'ten', 'small'] as const).map((caseId): TargetCheck => ({
    label: `create vs npm create-torrent: ${caseId}`,
    op: '>=',
    bound: 4,
    unit: 'x',
    measure: faster(caseId, 'ours-create-v1', 'create-torrent'),
  })),
]
