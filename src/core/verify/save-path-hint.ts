import {type Stats, statSync} from 'node:fs'
import {join} from 'node:path'
import type {DiskCheck} from './check-files.js'
import type {VerifyPlan} from './verify-plan.js'
import type {VerifyHint} from './verify-report.js'

/**
 * `verify t.torrent ~/dl` where ~/dl holds the torrent's content (`~/dl/<name>`): the path given is
 * the folder the content was saved to, not the content. Looked for only when nothing of the torrent
 * is at that path, so a run that found its files never pays for it.
 */
export function savePathHint(content: string, plan: VerifyPlan, checks: Map<number, DiskCheck>): VerifyHint | null {
  const entry = plan.singleFile ? plan.files[0]!.path : plan.name
  // A single file's content path is the file: a folder there is where it was saved.
  const nothingThere = plan.singleFile ? statOf(content)?.isDirectory() === true : everyMissing(checks)
  if (!nothingThere) return null
  const path = join(content, entry)
  const stats = statOf(path)
  if (stats === undefined || (plan.singleFile ? !stats.isFile() : !stats.isDirectory())) return null
  return {
    code: 'content-is-save-path',
    path,
    message: `${content} holds ${JSON.stringify(entry)}, named like the torrent's content: it is the folder the content was saved to (the save path), not the content`,
  }
}

/** Stops at the first file found: nearly always the first. */
function everyMissing(checks: Map<number, DiskCheck>): boolean {
  for (const check of checks.values()) if (check.status !== 'missing') return false
  return true
}

/** A hint is never worth an error: anything but a plain answer is no hint. */
function statOf(path: string): Stats | undefined {
  try {
    return statSync(path)
  } catch {
    return undefined
  }
}
