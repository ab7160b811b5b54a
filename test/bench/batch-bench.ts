// `npm run bench:batch`: issue 13's case, a batch of many one-small-file jobs against as many
// separate `create` runs (docs/performance.md, "Batches"). Kept apart from bench.ts's cases.
import {mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {dirname, join, resolve} from 'node:path'
import {fileURLToPath} from 'node:url'
import {parseArgs} from 'node:util'
import {describeMachine, loadAverage} from './machine.js'
import {mulberry32} from '../helpers/mulberry32.js'
import {removeScratch, runTimed} from './run-timed.js'

const {values: options} = parseArgs({
  options: {
    jobs: {type: 'string', default: '200'},
    size: {type: 'string', default: '4096'},
    rounds: {type: 'string', default: '3'},
    keep: {type: 'boolean', default: false},
  },
})
const jobs = Number(options.jobs)
const size = Number(options.size)
const rounds = Number(options.rounds)

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')
const bin = join(repo, 'bin', 'run.js')
const dir = mkdtempSync(join(tmpdir(), 'mktorrent-bench-batch-'))
const say = (text: string): void => void process.stdout.write(text)
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

const machine = describeMachine()
say(`batch benchmark: ${jobs} jobs of one ${size}-byte file, ${new Date().toISOString()}\n`)
say(`${machine.cpu}, ${machine.cpus} CPUs, node ${machine.node}; load ${loadAverage()}\n`)

// The data: one file per job, seeded bytes, and a batch file listing them.
const next = mulberry32(13)
const names: string[] = []
mkdirSync(join(dir, 'data'))
for (let index = 0; index < jobs; index++) {
  const name = `file-${String(index).padStart(4, '0')}.bin`
  const bytes = Buffer.alloc(size)
  for (let offset = 0; offset < size; offset += 4) bytes.writeUInt32LE(next() >>> 0, offset)
  writeFileSync(join(dir, 'data', name), bytes)
  names.push(name)
}
writeFileSync(join(dir, 'batch.yaml'), `jobs:\n${names.map((name) => `  - {path: data/${name}}\n`).join('')}`)
const reproducible = ['--no-date', '--no-created-by', '-q']

const batchSeconds: number[] = []
const separateSeconds: number[] = []
const batchCpu: number[] = []
const separateCpu: number[] = []
for (let round = 0; round < rounds; round++) {
  const batchOut = join(dir, `batch-${round}`)
  const batch = runTimed([process.execPath, bin, 'create', '--batch', join(dir, 'batch.yaml'), '-o', `${batchOut}/`, ...reproducible], {cwd: dir})
  batchSeconds.push(batch.seconds)
  if (batch.cpuSeconds !== undefined) batchCpu.push(batch.cpuSeconds)
  say(`round ${round + 1}: batch ${batch.seconds.toFixed(2)} s (CPU ${batch.cpuSeconds?.toFixed(2) ?? '?'} s)`)
  // Separate runs take minutes on a busy machine: measured in the first round only, unless asked.
  if (round === 0 || separateSeconds.length < Math.min(rounds, Number(process.env.SEPARATE_ROUNDS ?? 1))) {
    const separateOut = join(dir, `separate-${round}`)
    mkdirSync(separateOut)
    let seconds = 0
    let cpu = 0
    for (const name of names) {
      const run = runTimed([process.execPath, bin, 'create', join('data', name), '-o', join(separateOut, `${name}.torrent`), ...reproducible], {cwd: dir})
      seconds += run.seconds
      cpu += run.cpuSeconds ?? Number.NaN
    }
    separateSeconds.push(seconds)
    if (!Number.isNaN(cpu)) separateCpu.push(cpu)
    // Same torrents either way, byte for byte.
    for (const name of names) {
      if (!readFileSync(join(batchOut, `${name}.torrent`)).equals(readFileSync(join(separateOut, `${name}.torrent`)))) throw new Error(`${name}: the batch and the separate run wrote different torrents`)
    }
    say(`, ${jobs} separate runs ${seconds.toFixed(1)} s (${((seconds / jobs) * 1000).toFixed(0)} ms each, CPU ${cpu.toFixed(1)} s)`)
  }
  say('\n')
  if (readdirSync(batchOut).length !== jobs) throw new Error(`the batch wrote ${readdirSync(batchOut).length} torrents, not ${jobs}`)
}
const ratio = median(separateSeconds) / median(batchSeconds)
say(`median: batch ${median(batchSeconds).toFixed(2)} s, separate ${median(separateSeconds).toFixed(1)} s: the batch is ${ratio.toFixed(1)}x faster (target: 20x) ${ratio >= 20 ? 'MET' : 'MISSED'}\n`)
// CPU time is less skewed than wall time by other processes on a shared machine.
if (batchCpu.length > 0 && separateCpu.length > 0) say(`CPU: batch ${median(batchCpu).toFixed(2)} s, separate ${median(separateCpu).toFixed(1)} s: ${(median(separateCpu) / median(batchCpu)).toFixed(1)}x\n`)
say(`load after: ${loadAverage()}\n`)
removeScratch()
if (options.keep) say(`data kept in ${dir}\n`)
else rmSync(dir, {recursive: true, force: true})
