// The one worker file of the hashing pool (ARCHITECTURE.md principle 8): piscina calls the default
// export with each task, a tagged union dispatched on `kind`; the job arrives once, as workerData.
import {workerData} from 'node:worker_threads'
import type {HashJob, HashTask, TaskResult} from './hash-task.js'
import {runTask} from './run-task.js'

const job = workerData as HashJob

export default function hashTask(task: HashTask): TaskResult<HashTask> {
  return runTask(job, task)
}
