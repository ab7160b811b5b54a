// `npm run bench`: issue 5's benchmark. See docs/performance.md for the method and the last results.
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {dirname, join, resolve} from 'node:path'
import {fileURLToPath} from 'node:url'
import {parseArgs} from 'node:util'
import {CASES, type CaseId, type DatasetName, type Results, TARGETS, datasets} from './bench-cases.js'
import {type ContenderSummary, checkTargets, renderCase, renderTargets, summariseCase} from './bench-report.js'
import type {Sample} from './bench-stats.js'
import {CONTENDERS, type Contender, type RunContext, type Tool, VMTOUCH, probeTool} from './contenders.js'
import {describeMachine, loadAverage} from './machine.js'
import {type Dataset, makeDataset, warmPageCache} from './make-data.js'
import {checkProgress} from './progress-check.js'
import {gnuTimeAvailable, removeScratch, runQuiet, runTimed} from './run-timed.js'

const usage = `Usage: npm run bench -- [options]
  --quick          smaller data (256 and 128 MiB, 1,000, 2,000 and 20,000 files) for a quick look
  --rounds N       measured rounds per case (default 5; start-up gets 4x), after one warm-up round
  --case ID        run only this case (startup, gig, ten, small, big, cold-big, cold-ten, many); repeatable
  --data DIR       generate the data in DIR and keep it there (reused when complete)
  --keep           keep the generated temp data and print where it is
  --out FILE       the JSON results (default .bench-results/<time>-<quick|full>.json)
`

const {values: options} = parseArgs({
  options: {
    quick: {type: 'boolean', default: false},
    rounds: {type: 'string', default: '5'},
    case: {type: 'string', multiple: true},
    data: {type: 'string'},
    keep: {type: 'boolean', default: false},
    out: {type: 'string'},
    help: {type: 'boolean', default: false},
  },
})
if (options.help) {
  process.stdout.write(usage)
  process.exit(0)
}
const rounds = Number(options.rounds)
if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`--rounds wants a positive whole number, not ${options.rounds}`)

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')
const started = new Date()
const mode = options.quick ? 'quick' : 'full'
const selected = CASES.filter((benchCase) => options.case === undefined || options.case.includes(benchCase.id))
const dataDir = options.data === undefined ? mkdtempSync(join(tmpdir(), 'mktorrent-bench-')) : resolve(options.data)
mkdirSync(dataDir, {recursive: true})
const scratch = mkdtempSync(join(tmpdir(), 'mktorrent-bench-out-'))
const say = (text: string): void => void process.stdout.write(text)

const machine = describeMachine()
say(`mktorrent benchmark (${mode}), ${started.toISOString()}\n`)
say(`${machine.cpu}, ${machine.cpus} CPUs, sha_ni ${machine.shaNi ? 'yes' : 'no'}, ${machine.memoryGiB} GiB, Linux ${machine.kernel}\n`)
say(`node ${machine.node} (OpenSSL ${machine.nodeOpenssl}), system ${machine.systemOpenssl}; load ${loadAverage()}\n`)
if (!gnuTimeAvailable()) say('peak RSS not measured: /usr/bin/time is missing (apt-get install time)\n')

const probes = new Map<Tool, string | undefined>()
const whyNot = (tool: Tool): string | undefined => {
  if (!probes.has(tool)) probes.set(tool, probeTool(tool, repo))
  return probes.get(tool)
}

const specs = datasets(options.quick)
const made = new Map<DatasetName, Dataset>()
const dataset = (name: DatasetName): Dataset => {
  let data = made.get(name)
  if (data === undefined) {
    const at = performance.now()
    data = makeDataset(dataDir, specs[name])
    say(`data ${name}: ${data.files.toLocaleString('en-US')} files, ${(data.bytes / 2 ** 20).toFixed(1)} MiB (${((performance.now() - at) / 1000).toFixed(1)} s)\n`)
    made.set(name, data)
  }
  return data
}

const results: Results = new Map()
const report: Array<{id: CaseId; title: string; dataset: Dataset; loadBefore: string; loadAfter: string; contenders: ContenderSummary[]; progress?: unknown}> = []

for (const benchCase of selected) {
  const noEviction = benchCase.cold === true ? whyNot('vmtouch') : undefined
  if (noEviction !== undefined) {
    say(`\n== ${benchCase.id}: ${benchCase.title}\nskipped: ${noEviction}\n`)
    continue
  }
  const data: Dataset = benchCase.dataset === undefined ? {spec: {name: 'none', kind: 'file', seed: 0}, path: '', files: 0, bytes: 0} : dataset(benchCase.dataset)
  const context: RunContext = {repo, data, scratch, smallTorrent: join(repo, 'fixtures', 'torrents', 'lt-hybrid-tree.torrent')}
  const contenders = benchCase.contenders.map((id) => CONTENDERS.find((contender) => contender.id === id)!)
  const notes = new Map<string, string>()
  const runnable: Contender[] = []
  for (const contender of contenders) {
    const reason = whyNot(contender.tool)
    if (reason !== undefined) notes.set(contender.id, reason)
    else runnable.push(contender)
  }
  const size = benchCase.dataset === undefined ? '' : `; ${data.files.toLocaleString('en-US')} files, ${(data.bytes / 1e6).toFixed(0)} MB`
  say(`\n== ${benchCase.id}: ${benchCase.title}${size}\n`)
  if (benchCase.dataset !== undefined && benchCase.cold !== true) warmPageCache(data)
  const loadBefore = loadAverage()
  const runs = new Map<string, Sample[]>()
  results.set(benchCase.id, runs)
  const active = runnable.filter((contender) => {
    try {
      contender.prepare?.(context)
      return true
    } catch (error) {
      notes.set(contender.id, `preparing failed: ${(error as Error).message}`)
      return false
    }
  })
  const total = rounds * (benchCase.roundsFactor ?? 1)
  // Round 0 warms up (page cache, code caches) and is not recorded.
  for (let round = 0; round <= total; round++) {
    say(round === 0 ? 'warm-up' : ` ${round}`)
    for (const contender of active) {
      if (notes.has(contender.id)) continue
      try {
        contender.reset?.(context)
        if (benchCase.cold === true) runQuiet([VMTOUCH, '-q', '-e', data.path])
        const run = runTimed(contender.argv(context))
        if (round > 0) runs.set(contender.id, [...(runs.get(contender.id) ?? []), {round, ...run}])
      } catch (error) {
        notes.set(contender.id, (error as Error).message)
      }
    }
  }
  say('\n')
  const loadAfter = loadAverage()
  const summaries = summariseCase(benchCase, data, contenders, results, notes)
  say(renderCase(benchCase, summaries))
  say(`load average before ${loadBefore}, after ${loadAfter}\n`)
  // The bench itself adds up to 2 (a two-thread contender) to the load average.
  if (Math.max(Number(loadBefore.split(' ')[0]), Number(loadAfter.split(' ')[0])) > machine.cpus + 1) {
    say(`warning: the load exceeded the ${machine.cpus} CPUs: wall times include waiting for other processes, which hurts multi-threaded contenders most; compare the CPU column too\n`)
  }
  for (const contender of active) {
    if (contender.output === undefined || !runs.has(contender.id)) continue
    try {
      const {pieceLength} = JSON.parse(runQuiet([process.execPath, join(repo, 'bin', 'run.js'), 'info', '--json', contender.output(context)])) as {pieceLength: number}
      say(`${contender.label} chose ${pieceLength / 1024} KiB pieces\n`)
    } catch (error) {
      say(`${contender.label}: its torrent could not be read (${(error as Error).message})\n`)
    }
  }
  const entry: (typeof report)[number] = {id: benchCase.id, title: benchCase.title, dataset: data, loadBefore, loadAfter, contenders: summaries}
  if (benchCase.id === 'many' && whyNot('ours') === undefined) {
    const progress = checkProgress(repo, data.path, join(scratch, 'progress.torrent'))
    say(`progress on a terminal: ${progress.summary}\n`)
    entry.progress = progress
  }
  report.push(entry)
}

const targets = checkTargets(TARGETS, results)
const progress = report.find((entry) => entry.id === 'many')?.progress as {moves: boolean; summary: string} | undefined
if (progress !== undefined) {
  targets.push({label: 'many tiny files: create works and progress moves', required: 'yes', measured: progress.moves ? 'yes' : 'no', value: progress.moves ? 1 : 0, verdict: progress.moves ? 'pass' : 'miss'})
}
say(`\n== targets (${mode} data${options.quick ? ': smaller than the issue specifies, for a quick look' : ''})\n`)
say(renderTargets(targets))

const outFile = resolve(options.out ?? join(repo, '.bench-results', `${started.toISOString().replace(/[:.]/gu, '-')}-${mode}.json`))
mkdirSync(dirname(outFile), {recursive: true})
writeFileSync(outFile, `${JSON.stringify({mode, started: started.toISOString(), finished: new Date().toISOString(), rounds, machine, cases: report, targets}, null, 2)}\n`)
say(`\nresults: ${outFile}\n`)

rmSync(scratch, {recursive: true, force: true})
removeScratch()
if (options.data !== undefined || options.keep) say(`data kept in ${dataDir}\n`)
else rmSync(dataDir, {recursive: true, force: true})
