// Loads a TypeScript worker through tsx: on Node 20, `--import tsx` in a Worker's execArgv does not
// reach the worker's module loader, but registering tsx from inside the worker does.
import {workerData} from 'node:worker_threads'
import {register} from 'tsx/esm/api'

register()
await import(workerData.entry)
