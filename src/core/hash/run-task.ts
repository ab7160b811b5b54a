import {verifyPieces} from '../verify/verify-pieces.js'
import {hashPieces} from './hash-pieces.js'
import type {HashTask, TaskResult, WorkerJob} from './hash-task.js'

/** Runs one task of any kind: in the worker, or on the calling thread for small jobs. */
export function runTask<T extends HashTask>(job: WorkerJob, task: T): TaskResult<T> {
  const result = task.kind === 'verify-pieces' ? verifyPieces(job, task) : hashPieces(job, task)
  return result as TaskResult<T>
}
