// The worker side of Sandbox: inspects each input of a batch, publishing which one it is on before
// starting it, so that the parent can name the input that hung or crashed the worker.
import {parentPort, workerData} from 'node:worker_threads'
import {type Outcome, inspectFileOutcome, inspectOutcome} from './inspect-outcome.js'
import type {SandboxInput} from './sandbox.js'
import {type VerifyOutcome, verifyOutcome} from './verify-outcome.js'

const current = new Int32Array(workerData.current as SharedArrayBuffer)
const verifySavePath = workerData.verifySavePath as string | undefined

parentPort!.on('message', async (batch: SandboxInput[]) => {
  for (let index = 0; index < batch.length; index++) {
    Atomics.store(current, 0, index)
    const input = batch[index]!
    const started = performance.now()
    if (input.probe !== undefined) misbehave(input.probe)
    let {outcome, bytes}: {outcome: Outcome; bytes?: Uint8Array} =
      input.path === undefined ? {outcome: inspectOutcome(input.bytes!), bytes: input.bytes} : await inspectFileOutcome(input.path)
    let verify: VerifyOutcome | undefined
    if (verifySavePath !== undefined && bytes !== undefined && (outcome.kind === 'parsed' || outcome.kind === 'error')) {
      verify = await verifyOutcome(bytes, verifySavePath, outcome)
      // A verify finding is the input's finding: the fuzzer saves it like any other.
      if (verify.kind === 'crash' || verify.kind === 'inconsistent') outcome = {kind: verify.kind, message: `verify: ${verify.message}`}
    }
    parentPort!.postMessage({outcome, verify, ms: performance.now() - started})
  }
})
// Loading the modules (through tsx from source) is not an input's time.
parentPort!.postMessage('ready')

function misbehave(probe: NonNullable<SandboxInput['probe']>): void {
  if (probe === 'exit') process.exit(1)
  const hoard: unknown[] = []
  for (;;) if (probe === 'out-of-memory') hoard.push(Array.from({length: 1e5}, (_, i) => ({i})))
}
