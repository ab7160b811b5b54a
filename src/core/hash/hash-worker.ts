// The one worker file of the hashing pool (ARCHITECTURE.md principle 8): piscina calls the default
// export with each task, a tagged union dispatched on `kind`, next to its job in shared memory.
import type {HashTask, TaskMessage, TaskResult} from './hash-task.js'
import {runTask} from './run-task.js'

export default function hashTask({job, task}: TaskMessage): TaskResult<HashTask> {
  return runTask(job, task)
}
