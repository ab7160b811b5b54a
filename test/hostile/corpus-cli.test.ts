import {spawn} from 'node:child_process'
import {mkdtempSync, readFileSync, readdirSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {REPO_ROOT} from '../helpers/run-cli.js'
import {CORPUS_COMMANDS, type CommandRun, type CorpusCommand, commandMismatch} from './corpus-commands.js'
import {type Corpus, type CorpusEntry, byFamily, openCorpus, readManifest} from './hostile-corpus.js'

// The corpus through the real command code. Spawning Node for each of ~500 entries and four commands
// would take minutes on two cores, so every entry runs through oclif and the built commands in one
// batch process (test/hostile/cli-batch.ts), and one representative per family (its largest file)
// is spawned as the real binary under /usr/bin/time for its peak RSS and CPU time. Memory is the
// behaviour here (hostile files aim at it), so RSS has a limit; time is not: the CPU limit and the
// kill are hang guards, over ten times what the slowest entry takes on a loaded machine (about 2 s
// of CPU for verify on 50,000 files). Speed belongs to `npm run bench`.
const ENTRIES = readManifest()
const FAMILIES = byFamily(ENTRIES)
const MAX_RSS_KB = 200 * 1024
const HANG_CPU_SECONDS = 30
const HANG_KILL_MS = 120_000
let corpus: Corpus

/** Per command, per entry file: the batch run. One batch process serves every command. */
let batch: Map<string, Map<string, BatchRun>>

beforeAll(async () => {
  corpus = await openCorpus()
  const argvs = CORPUS_COMMANDS.flatMap((command) => corpus.entries.map((entry) => command.argv(corpus.pathOf(entry), corpus.emptyDir)))
  const runs = await runBatch(argvs)
  batch = new Map(
    CORPUS_COMMANDS.map((command, c) => [command.name, new Map(corpus.entries.map((entry, e) => [entry.file, runs[c * corpus.entries.length + e]!]))]),
  )
})

afterAll(async () => {
  await corpus?.cleanup()
})

interface BatchRun extends CommandRun {
  escaped?: string
  /** Wall time of the run in the batch: only to pick a representative, never asserted. */
  ms: number
}

/** Peak RSS of a batch says nothing per entry (memory builds up across runs), so it is not kept. */
function runBatch(argvs: string[][]): Promise<BatchRun[]> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'test/hostile/cli-batch.ts')], {
    cwd: REPO_ROOT,
    env: {...process.env, NO_COLOR: '1', DEBUG: undefined},
  })
  const out: Buffer[] = []
  const err: Buffer[] = []
  child.stdout.on('data', (chunk: Buffer) => out.push(chunk))
  child.stderr.on('data', (chunk: Buffer) => err.push(chunk))
  child.stdin.end(JSON.stringify(argvs))
  return new Promise((resolve, reject) => {
    child.on('close', (status) => {
      const lines = Buffer.concat(out).toString('utf8').trim().split('\n').map((line) => JSON.parse(line))
      if (status !== 0 || lines.length !== argvs.length) reject(new Error(`batch failed (${status}) after ${lines.length} runs: ${Buffer.concat(err)}`))
      else resolve(lines as BatchRun[])
    })
  })
}

function infoJsonOf(entry: CorpusEntry): string {
  return batch.get('info --json')!.get(entry.file)!.stdout
}

for (const command of CORPUS_COMMANDS) {
  describe(`${command.name} on the hostile corpus, every entry (one batch process)`, () => {
    for (const [family, members] of FAMILIES) {
      it(`${family}: ${members.length} entries give the expected exit and error code, one stderr line and no stack trace`, () => {
        const wrong = members.flatMap((entry: CorpusEntry) => {
          const run = batch.get(command.name)!.get(entry.file)!
          const problem = run.escaped === undefined ? commandMismatch(command, entry, run, infoJsonOf(entry)) : `escaped: ${run.escaped}`
          return problem === undefined ? [] : [`${entry.file}: ${problem}`]
        })
        expect(wrong).toEqual([])
      })
    }
  })
}

/** The largest file of a family: the one most likely to be slow or big. Specials go by name. */
function representative(members: CorpusEntry[]): CorpusEntry {
  const sized = (entry: CorpusEntry): number => (entry.special === 'fifo' ? Infinity : ((entry as {bytes?: number}).bytes ?? 0))
  return members.reduce((best, entry) => (sized(entry) > sized(best) ? entry : best))
}

/**
 * For `verify`, the valid file it spent longest on in the batch (only a valid torrent gets as far as
 * the content, and its cost goes with the number of files, not bytes), else the largest file.
 */
function verifyRepresentative(members: CorpusEntry[], command: CorpusCommand): CorpusEntry {
  const valid = members.filter((entry) => entry.exit === 0)
  if (valid.length === 0) return representative(members)
  const ms = (entry: CorpusEntry): number => batch.get(command.name)!.get(entry.file)!.ms
  return valid.reduce((best, entry) => (ms(entry) > ms(best) ? entry : best))
}

interface Measured extends CommandRun {
  rssKb: number
  cpuSeconds: number
  killed: boolean
}

/** Spawns bin/run.js under /usr/bin/time; a kill after HANG_KILL_MS guards against a hang without timing anything. */
function spawnMeasured(argv: string[]): Promise<Measured> {
  const scratch = mkdtempSync(join(tmpdir(), 'mktorrent-time-'))
  const timeFile = join(scratch, 'time')
  const child = spawn('/usr/bin/time', ['-f', '%M %U %S', '-o', timeFile, process.execPath, join(REPO_ROOT, 'bin/run.js'), ...argv], {
    cwd: REPO_ROOT,
    // As users run it: vitest's NODE_ENV=test makes oclif load tsx first (test/helpers/run-cli.ts).
    env: {...process.env, NO_COLOR: '1', DEBUG: undefined, NODE_ENV: undefined},
  })
  const out: Buffer[] = []
  const err: Buffer[] = []
  child.stdout.on('data', (chunk: Buffer) => out.push(chunk))
  child.stderr.on('data', (chunk: Buffer) => err.push(chunk))
  let killed = false
  const timer = setTimeout(() => {
    killed = true
    child.kill('SIGKILL')
  }, HANG_KILL_MS)
  return new Promise((resolve) => {
    child.on('close', (status) => {
      clearTimeout(timer)
      const [rss, user, system] = readFileSync(timeFile, 'utf8').trim().split('\n').at(-1)!.split(' ').map(Number)
      rmSync(scratch, {recursive: true, force: true})
      resolve({
        exitCode: status ?? -1,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        rssKb: rss!,
        cpuSeconds: user! + system!,
        killed,
      })
    })
  })
}

describe('the real binary on one representative per family', () => {
  // The batch above already runs every entry through every command; each spawn adds what only a
  // whole process shows (start-up, peak RSS, no runaway CPU), so per family one `info` and one `verify`
  // run, each with and without --json in turn.
  const infoRows = CORPUS_COMMANDS.filter((command) => command.name.startsWith('info'))
  const verifyRows = CORPUS_COMMANDS.filter((command) => command.name.startsWith('verify'))
  ;[...FAMILIES].forEach(([family, members], index) => {
    const infoRow = infoRows[index % infoRows.length]!
    const verifyRow = verifyRows[(index + 1) % verifyRows.length]!
    const runs: Array<[string, CorpusCommand, () => CorpusEntry]> = [
      [`${family} (${representative(members).file}), ${infoRow.name}`, infoRow, () => representative(members)],
      [`${family} (its slowest valid entry, else its largest), ${verifyRow.name}`, verifyRow, () => verifyRepresentative(members, verifyRow)],
    ]
    for (const [title, command, pick] of runs) {
      it(`${title}: expected codes, under 200 MB RSS, without hanging`, async () => {
        const entry = pick()
        const result = await spawnMeasured(command.argv(corpus.pathOf(entry), corpus.emptyDir))
        expect(result.killed, entry.file).toBe(false)
        expect(commandMismatch(command, entry, result, infoJsonOf(entry)), entry.file).toBeUndefined()
        expect(result.rssKb, entry.file).toBeLessThan(MAX_RSS_KB)
        expect(result.cpuSeconds, entry.file).toBeLessThan(HANG_CPU_SECONDS)
      })
    }
  })
})

describe('verify against the empty folder', () => {
  it('leaves it empty', () => {
    expect(readdirSync(corpus.emptyDir)).toEqual([])
  })
})
