// The one worker file of the hashing pool (ARCHITECTURE.md principle 8): piscina calls the default
// export with each task; the job arrives once, as workerData.
import {workerData} from 'node:worker_threads'
import {hashPieces} from './hash-pieces.js'
import type {HashJob, HashResult, HashTask} from './hash-task.js'

const job = workerData as HashJob

export default function hashTask(task: HashTask): HashResult {
  return hashPieces(job, task)
}
