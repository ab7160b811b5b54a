// What `mktorrent verify --save-path DIR` makes of some torrent bytes, computed in-process (hashing on
// the calling thread), with every path it hands to the file system recorded, plus the invariants it
// must keep against what `info` said of the same bytes (inspect-outcome.ts). Shared by the hostile
// corpus tests and the fuzzer.
import fs from 'node:fs'
import fsPromises from 'node:fs/promises'
import {syncBuiltinESMExports} from 'node:module'
import {sep} from 'node:path'
import {MktorrentError} from '../../src/core/errors.js'
import {verifyContent} from '../../src/core/use-cases/verify-content.js'
import type {VerifyReport} from '../../src/core/verify/verify-report.js'
import type {Outcome} from './inspect-outcome.js'

export type VerifyOutcome =
  /** A report: exit 0 (all OK), 1 (problems) or 3 (a hybrid whose v1 and v2 hashes disagree). */
  | {kind: 'report'; exitCode: 0 | 1 | 3}
  /** A typed MktorrentError, as `verify` reports it. */
  | {kind: 'error'; exitCode: number; code: string}
  | {kind: 'crash' | 'inconsistent'; message: string}

/** Paths given to the file system while recording; undefined when not recording. */
let touched: string[] | undefined

/**
 * Wraps the fs calls verify makes (sync and promise forms), so each path it passes is recorded.
 * ESM imports of node:fs are live bindings: syncBuiltinESMExports points them at the wrappers.
 */
function installRecorder(): void {
  const record = (path: unknown): void => {
    touched?.push(Buffer.isBuffer(path) ? path.toString('utf8') : String(path))
  }
  const wrap = <T extends object>(target: T, names: string[]): void => {
    for (const name of names) {
      const original = (target as Record<string, unknown>)[name] as ((...args: unknown[]) => unknown) & {native?: (...args: unknown[]) => unknown}
      const wrapper = Object.assign((path: unknown, ...rest: unknown[]) => (record(path), original(path, ...rest)), original)
      if (original.native !== undefined) wrapper.native = (path: unknown, ...rest: unknown[]) => (record(path), original.native!(path, ...rest))
      ;(target as Record<string, unknown>)[name] = wrapper
    }
  }
  wrap(fs, ['openSync', 'lstatSync', 'statSync', 'realpathSync', 'accessSync', 'readdirSync', 'opendirSync', 'readFileSync', 'open', 'lstat', 'stat', 'realpath', 'access', 'readdir', 'opendir', 'readFile', 'createReadStream'])
  wrap(fsPromises, ['open', 'lstat', 'stat', 'realpath', 'access', 'readdir', 'opendir', 'readFile'])
  syncBuiltinESMExports()
}

let installed = false

/**
 * `verify` on torrent bytes with the content looked up in `savePath` (as `--save-path`), and what
 * it must do given `info`'s outcome for the same bytes: refuse exactly the torrents `info` calls
 * invalid, with one of their errors and without touching the file system; give a coherent report
 * for the others; and never pass the file system a path outside `savePath` (a real path: no links
 * lead out of it).
 */
export async function verifyOutcome(bytes: Uint8Array, savePath: string, info: Outcome): Promise<VerifyOutcome> {
  if (!installed) {
    installRecorder()
    installed = true
  }
  touched = []
  let report: VerifyReport
  try {
    report = await verifyContent({torrent: bytes, savePath, threads: 1})
  } catch (error) {
    const paths = touched
    touched = undefined
    if (!(error instanceof MktorrentError)) {
      return {kind: 'crash', message: error instanceof Error ? `${error.name}: ${error.message}\n${error.stack ?? ''}` : String(error)}
    }
    const refused = {kind: 'error' as const, exitCode: error.exitCode, code: error.code}
    if (paths.length > 0) return {kind: 'inconsistent', message: `verify refused the torrent (${error.code}) after touching ${paths[0]}`}
    const allowed = info.kind === 'parsed' ? info.errors : info.kind === 'error' ? [info.code] : []
    if (error.exitCode !== 3 || !allowed.includes(error.code)) {
      return {kind: 'inconsistent', message: `verify refused with ${error.code} (exit ${error.exitCode}); info's errors: ${allowed.join(', ') || 'none'}`}
    }
    return refused
  }
  const paths = touched
  touched = undefined
  if (!(info.kind === 'parsed' && info.exitCode === 0)) return {kind: 'inconsistent', message: `verify accepted a torrent info judged ${JSON.stringify(info)}`}
  const outside = paths.find((path) => path !== savePath && !path.startsWith(`${savePath}${sep}`))
  if (outside !== undefined) return {kind: 'inconsistent', message: `verify touched ${outside}, outside ${savePath}`}
  const problem = reportProblem(report)
  if (problem !== undefined) return {kind: 'inconsistent', message: problem}
  return {kind: 'report', exitCode: report.pieces.inconsistent.length > 0 ? 3 : report.ok ? 0 : 1}
}

/** What is incoherent in a report: piece counts, piece numbers, file statuses, the ok flag. */
function reportProblem(report: VerifyReport): string | undefined {
  const {total, checked, good, bad, inconsistent} = report.pieces
  if (checked > total || good !== checked - bad.length) return `pieces: ${JSON.stringify(report.pieces)}`
  const inRange = (pieces: number[]): boolean => pieces.every((piece, i) => Number.isInteger(piece) && piece >= 0 && piece < total && (i === 0 || piece > pieces[i - 1]!))
  if (!inRange(bad) || !inRange(inconsistent)) return `bad or inconsistent pieces out of order or range: ${JSON.stringify(report.pieces)}`
  const badSet = new Set(bad)
  for (const file of report.files) {
    if (!file.badPieces.every((piece) => badSet.has(piece))) return `${file.path}: bad pieces ${file.badPieces} not among ${bad}`
    if (file.status === 'ok' && file.badPieces.length > 0) return `${file.path}: ok with bad pieces ${file.badPieces}`
    if (file.status === 'corrupt' && file.badPieces.length === 0) return `${file.path}: corrupt without a bad piece`
  }
  const allOk = bad.length === 0 && inconsistent.length === 0 && report.files.every((file) => file.status === 'ok' || file.status === 'skipped')
  if (report.ok !== allOk) return `ok is ${report.ok}, but the pieces and files say ${allOk}`
  const fileBytes = report.files.reduce((sum, file) => sum + file.length, 0)
  if (report.bytesVerified < 0 || report.bytesVerified > fileBytes) return `${report.bytesVerified} bytes verified of ${fileBytes}`
  const listed = new Set(report.files.map((file) => file.path))
  const extra = report.extraFiles.find((path) => listed.has(path))
  return extra === undefined ? undefined : `${extra} is both a file of the torrent and extra`
}
