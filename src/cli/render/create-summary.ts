import {formatBytes} from '../../core/bytes.js'
import type {SkippedEntry} from '../../core/content/content-file.js'
import type {PlanSummary} from '../../core/create/plan-summary.js'
import type {TorrentPlan} from '../../core/use-cases/create-torrent.js'
import type {TorrentReport} from '../../core/metainfo/torrent-report.js'
import {LINT_CODES} from '../../core/metainfo/lint-torrent.js'
import type {ValidationIssue} from '../../core/metainfo/validation-issue.js'
import {escapeControl} from './escape.js'
import {groupDigits} from './group-digits.js'
import {formatRate} from './progress-bar.js'

const skipNotes: Record<SkippedEntry['reason'], string> = {
  hidden: 'hidden',
  junk: 'OS junk',
  excluded: 'excluded',
  'not-included': 'not included',
  symlink: 'symbolic links (--follow-symlinks follows them)',
  'symlink-loop': 'symbolic link loops',
  special: 'FIFOs, sockets or devices (never read)',
  output: 'the output file',
}

/** One stderr line per kind of skipped entry, with up to three examples. */
export function renderSkipped(skipped: SkippedEntry[]): string {
  const byReason = new Map<SkippedEntry['reason'], string[]>()
  for (const entry of skipped) byReason.set(entry.reason, [...(byReason.get(entry.reason) ?? []), entry.path])
  let text = ''
  for (const [reason, paths] of byReason) {
    const examples = paths.slice(0, 3).map(escapeControl).join(', ')
    const more = paths.length > 3 ? `, and ${paths.length - 3} more` : ''
    const hint = reason === 'hidden' || reason === 'junk' ? ' (--include-hidden keeps them)' : ''
    text += `skipped ${paths.length} ${skipNotes[reason]}${hint}: ${examples}${more}\n`
  }
  return text
}

/** `create --dry-run` for people. */
export function renderPlan(plan: PlanSummary): string {
  const lines = [
    `name          ${escapeControl(plan.name)}`,
    `meta version  ${plan.metaVersion}`,
    `files         ${groupDigits(plan.files.length)}`,
    `total size    ${formatBytes(plan.totalLength)} (${groupDigits(plan.totalLength)} bytes)`,
    `piece length  ${formatBytes(plan.pieceLength)} (${plan.pieceLengthReason})`,
    `pieces        ${groupDigits(plan.pieceCount)}`,
  ]
  if (plan.metaVersion === 'hybrid') {
    const share = plan.totalLength > 0 ? ((plan.padBytes / plan.totalLength) * 100).toFixed(1) : '0'
    lines.push(`padding       ${formatBytes(plan.padBytes)} (${share}% of the payload, hashed with SHA-1)`)
  }
  for (const file of plan.files) lines.push(`  ${formatBytes(file.length).padStart(10)}  ${escapeControl(file.path)}`)
  lines.push(plan.issues.length === 0 ? 'lints         none' : `lints         ${plan.issues.length}`)
  for (const issue of plan.issues) lines.push(`  warning: ${escapeControl(issue.message)} [${issue.code}]`)
  return `${lines.join('\n')}\n`
}

/** Warnings before hashing, one stderr line each, with the flag that silences a lint. */
export function renderLintWarnings(lints: ValidationIssue[]): string {
  const lintCodes: ReadonlySet<string> = new Set(LINT_CODES)
  return lints
    .map((lint) => `mktorrent: warning: ${escapeControl(lint.message)} [${lint.code}${lintCodes.has(lint.code) ? `; --allow ${lint.code} silences it` : ''}]\n`)
    .join('')
}

/** After a successful create: on a terminal a short report, otherwise one line. */
export function renderCreateSummary(report: TorrentReport, plan: TorrentPlan, run: {output: string; seconds: number; tty: boolean}): string {
  // Payload bytes in the progress bar's units, so the two rates can be compared.
  const rate = run.seconds > 0 ? formatRate(report.totalLength / run.seconds) : ''
  const where = run.output === '-' ? 'stdout' : run.output
  if (!run.tty) {
    const hashes = [report.infoHash, report.infoHashV2].filter((hash) => hash !== null).join(' ')
    return `created ${where}: ${report.metaVersion} ${hashes}, ${report.files.filter((file) => !file.padding).length} files, ${report.totalLength} bytes, ${report.pieceCount} pieces of ${report.pieceLength}, ${run.seconds.toFixed(2)} s\n`
  }
  const lines = [`Created ${escapeControl(where)}`, `  name          ${escapeControl(report.name)} (${report.metaVersion})`]
  if (report.infoHash !== null) lines.push(`  info hash     ${report.infoHash}`)
  if (report.infoHashV2 !== null) lines.push(`  info hash v2  ${report.infoHashV2}`)
  lines.push(
    `  pieces        ${groupDigits(report.pieceCount)} of ${formatBytes(report.pieceLength)} (${plan.pieceLengthReason})`,
    `  files         ${groupDigits(plan.walk.columns.count)}, ${formatBytes(report.totalLength)}`,
    `  magnet        ${report.magnet}`,
    `  took          ${run.seconds.toFixed(2)} s, ${rate}`,
  )
  return `${lines.join('\n')}\n`
}
