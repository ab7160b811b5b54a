import type {SkippedEntry} from '../content/content-file.js'
import type {TorrentPlan} from '../use-cases/create-torrent.js'
import type {MetaVersion} from '../metainfo/metainfo.js'
import type {ValidationIssue} from '../metainfo/validation-issue.js'

/** What `create --dry-run --json` prints: the plan, before any byte is hashed. */
export interface PlanSummary {
  name: string
  metaVersion: MetaVersion
  pieceLength: number
  pieceLengthReason: string
  pieceCount: number
  totalLength: number
  /** Pad bytes a hybrid hashes with SHA-1 on top of the payload. */
  padBytes: number
  files: Array<{path: string; length: number}>
  skipped: SkippedEntry[]
  /** Lints of the torrent this plan would make (docs/validation.md). */
  issues: ValidationIssue[]
}

export function planSummary(plan: TorrentPlan): PlanSummary {
  return {
    name: plan.name,
    metaVersion: plan.metaVersion,
    pieceLength: plan.pieceLength,
    pieceLengthReason: plan.pieceLengthReason,
    pieceCount: plan.layout.pieceCount,
    totalLength: plan.walk.totalLength,
    padBytes: plan.metaVersion === 'hybrid' ? plan.padBytes : 0,
    files: plan.walk.columns.paths.map((path, index) => ({path, length: plan.walk.columns.length(index)})),
    skipped: plan.walk.skipped,
    issues: plan.lints,
  }
}
