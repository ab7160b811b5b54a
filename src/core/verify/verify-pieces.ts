import {hashPieces} from '../hash/hash-pieces.js'
import type {PieceFailure, VerifyPiecesResult, VerifyPiecesTask, WorkerJob} from '../hash/hash-task.js'
import {HASH_SIZE, SHA1_SIZE} from '../hash/merkle.js'

/**
 * The worker side of `verify`: the same read and hash path as `create` (hashPieces). Every file of
 * the range was found whole before the task was sent; if one changed or fails to read since, the
 * range is hashed again piece by piece so that only the pieces touching that file fail.
 */
export function verifyPieces(job: WorkerJob, task: VerifyPiecesTask): VerifyPiecesResult {
  const whole = hashPieces(job, {kind: 'hash-pieces', firstPiece: task.firstPiece, pieceCount: task.pieceCount})
  if (whole.ok) return {sha1: whole.sha1, roots: whole.roots, failures: []}
  const sha1 = job.sha1 ? new Uint8Array(task.pieceCount * SHA1_SIZE) : undefined
  const roots = job.sha256 ? new Uint8Array(task.pieceCount * HASH_SIZE) : undefined
  const failures: PieceFailure[] = []
  for (let n = 0; n < task.pieceCount; n++) {
    const piece = task.firstPiece + n
    const one = hashPieces(job, {kind: 'hash-pieces', firstPiece: piece, pieceCount: 1})
    if (!one.ok) {
      failures.push({piece, code: one.code, path: one.path, message: one.message})
      continue
    }
    if (one.sha1) sha1?.set(one.sha1, n * SHA1_SIZE)
    if (one.roots) roots?.set(one.roots, n * HASH_SIZE)
  }
  return {sha1, roots, failures}
}
