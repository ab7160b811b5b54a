// The mutation fuzzer: `npm run fuzz -- --runs N [--seed S] [--workers W] [--out DIR]`.
// Mutates the fixture torrents (scripts/fuzz/mutate.ts, plus value swaps on decoded seeds), runs
// every input through what `info` does, then what `verify` does against fixtures/content (the
// content of the fixture torrents), in worker threads with a time and heap limit
// (scripts/fuzz/sandbox.ts), and saves each crash, hang, out-of-memory or broken invariant as a
// new corpus file (fixtures/hostile/found/ by default), which the corpus tests then replay.
import {createHash} from 'node:crypto'
import {mkdirSync, readdirSync, readFileSync, realpathSync, statSync, writeFileSync} from 'node:fs'
import {availableParallelism} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {parseArgs} from 'node:util'
import type {BencodeValue} from '../../src/core/bencode/bencode-value.js'
import {decodeBencode} from '../../src/core/bencode/decode.js'
import {encodeBencode} from '../../src/core/bencode/encode.js'
import type {Finding} from './inspect-outcome.js'
import {Rng, mutate} from './mutate.js'
import {Sandbox, type SandboxResult} from './sandbox.js'

const REPO = fileURLToPath(new URL('../..', import.meta.url))
const FINDING_KINDS = new Set(['crash', 'inconsistent', 'hang', 'out-of-memory'])
const CHUNK = 1000
const SEED_MAX_BYTES = 64 * 1024
/** The data of the fixture torrents (`tree`, `single.bin`): `verify --save-path` finds it here. */
export const CONTENT_DIR = join(REPO, 'fixtures/content')

export interface FuzzOptions {
  seed: number
  runs: number
  /** Where findings are saved; none when undefined. */
  out?: string
  workers?: number
  timeoutMs?: number
  heapMb?: number
}

export interface FuzzReport {
  runs: number
  /** How many inputs ended each way: parsed-0, parsed-3, error-<code>, or a finding kind; and verify-<exit> for verify's reports. */
  outcomes: Record<string, number>
  findings: Array<{kind: string; message: string; file?: string}>
  slowestMs: number
}

/** The fixture torrents and the small hostile files: valid and broken starting points. */
export function loadSeeds(): Uint8Array[] {
  const files = [...listTorrents(join(REPO, 'fixtures/torrents')), ...listTorrents(join(REPO, 'fixtures/hostile'))]
  return files.filter((file) => statSync(file).size <= SEED_MAX_BYTES).map((file) => readFileSync(file))
}

function listTorrents(folder: string): string[] {
  return readdirSync(folder, {recursive: true, encoding: 'utf8'})
    .filter((name) => name.endsWith('.torrent'))
    .sort()
    .map((name) => join(folder, name))
}

export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const seeds = loadSeeds()
  const decoded = seeds.flatMap((bytes) => {
    try {
      return [decodeBencode(bytes).value]
    } catch {
      return []
    }
  })
  const rng = new Rng(options.seed)
  const workers = Math.max(1, options.workers ?? availableParallelism())
  const sandboxes = Array.from({length: workers}, () => new Sandbox({timeoutMs: options.timeoutMs ?? 2_000, heapMb: options.heapMb ?? 200, verifySavePath: realpathSync(CONTENT_DIR)}))
  const report: FuzzReport = {runs: 0, outcomes: {}, findings: [], slowestMs: 0}
  try {
    while (report.runs < options.runs) {
      const inputs = Array.from({length: Math.min(CHUNK, options.runs - report.runs)}, () => nextInput(rng, seeds, decoded))
      const share = Math.ceil(inputs.length / workers)
      const parts = await Promise.all(sandboxes.map((sandbox, index) => sandbox.run(inputs.slice(index * share, (index + 1) * share).map((bytes) => ({bytes})))))
      parts.flat().forEach((result, index) => record(report, result, inputs[index]!, options))
      report.runs += inputs.length
    }
  } finally {
    await Promise.all(sandboxes.map((sandbox) => sandbox.close()))
  }
  return report
}

function nextInput(rng: Rng, seeds: Uint8Array[], decoded: BencodeValue[]): Uint8Array {
  // A third swap values inside a decoded seed and re-encode it, so the validator sees well-formed
  // bencode with wrong field values; the rest mutate raw bytes.
  if (rng.below(3) === 0 && decoded.length > 0) return swapValue(rng.pick(decoded), rng)
  return mutate(rng.pick(seeds), rng, seeds)
}

const REPLACEMENTS: Array<() => BencodeValue> = [
  () => 0,
  () => -1,
  () => Number.MAX_SAFE_INTEGER,
  () => new Uint8Array(0),
  () => Buffer.from('..'),
  () => Buffer.from('/etc'),
  () => Buffer.alloc(32),
  () => [],
  () => new Map(),
]

function swapValue(root: BencodeValue, rng: Rng): Uint8Array {
  const nodes: Array<{parent: BencodeValue[] | Map<string, BencodeValue>; key: number | string}> = []
  const stack: BencodeValue[] = [root]
  while (stack.length > 0 && nodes.length < 5_000) {
    const node = stack.pop()!
    if (Array.isArray(node)) node.forEach((child, index) => (nodes.push({parent: node, key: index}), stack.push(child)))
    else if (node instanceof Map) for (const [key, child] of node) nodes.push({parent: node, key}), stack.push(child)
  }
  if (nodes.length === 0) return encodeBencode(root)
  const {parent, key} = rng.pick(nodes)
  const replacement = rng.below(3) === 0 ? (rng.pick(nodes).parent as BencodeValue) : rng.pick(REPLACEMENTS)()
  const copy = (value: BencodeValue): BencodeValue => (Array.isArray(value) ? [...value] : value instanceof Map ? new Map(value) : value)
  // Copy the one container changed so the decoded seed stays intact for later inputs.
  const changed = copy(parent as BencodeValue) as BencodeValue[] | Map<string, BencodeValue>
  if (Array.isArray(changed)) changed[key as number] = replacement
  else changed.set(key as string, replacement)
  return encodeBencode(rebuild(root, parent, changed))
}

/** `root` with `from` replaced by `to` wherever it occurs (containers are copied on the way). */
function rebuild(root: BencodeValue, from: unknown, to: BencodeValue): BencodeValue {
  const seen = new Set<unknown>()
  const walk = (value: BencodeValue): BencodeValue => {
    if (value === from) return to
    if (seen.has(value) || !(Array.isArray(value) || value instanceof Map)) return value
    seen.add(value)
    if (Array.isArray(value)) return value.map(walk)
    return new Map([...value].map(([key, child]) => [key, walk(child)]))
  }
  return walk(root)
}

function record(report: FuzzReport, result: SandboxResult, input: Uint8Array, options: FuzzOptions): void {
  const {outcome} = result
  report.slowestMs = Math.max(report.slowestMs, result.ms)
  const key = outcome.kind === 'parsed' ? `parsed-${outcome.exitCode}` : outcome.kind === 'error' ? `error-${outcome.code}` : outcome.kind
  report.outcomes[key] = (report.outcomes[key] ?? 0) + 1
  if (result.verify?.kind === 'report') report.outcomes[`verify-${result.verify.exitCode}`] = (report.outcomes[`verify-${result.verify.exitCode}`] ?? 0) + 1
  if (!FINDING_KINDS.has(outcome.kind)) return
  const finding = outcome as Finding
  const entry: FuzzReport['findings'][number] = {kind: finding.kind, message: finding.message}
  if (options.out !== undefined) {
    mkdirSync(options.out, {recursive: true})
    const name = `${finding.kind}-${createHash('sha1').update(input).digest('hex').slice(0, 12)}`
    entry.file = join(options.out, `${name}.torrent`)
    writeFileSync(entry.file, input)
    writeFileSync(join(options.out, `${name}.txt`), `${finding.kind} (fuzz seed ${options.seed}): ${finding.message}\n`)
  }
  report.findings.push(entry)
}

async function main(): Promise<void> {
  const {values} = parseArgs({
    options: {
      runs: {type: 'string', default: '20000'},
      seed: {type: 'string', default: String(Date.now() % 2 ** 31)},
      workers: {type: 'string'},
      out: {type: 'string', default: join(REPO, 'fixtures/hostile/found')},
    },
  })
  const options: FuzzOptions = {
    runs: Number(values.runs),
    seed: Number(values.seed),
    workers: values.workers === undefined ? undefined : Number(values.workers),
    out: values.out,
  }
  const started = performance.now()
  const report = await runFuzz(options)
  const seconds = ((performance.now() - started) / 1000).toFixed(1)
  console.log(`fuzz: ${report.runs} inputs, seed ${options.seed}, ${seconds} s, slowest input ${report.slowestMs.toFixed(0)} ms`)
  console.log(Object.entries(report.outcomes).sort(([, a], [, b]) => b - a).map(([key, count]) => `  ${key}: ${count}`).join('\n'))
  for (const finding of report.findings) console.log(`FOUND ${finding.kind}: ${finding.message.split('\n')[0]} -> ${finding.file}`)
  process.exitCode = report.findings.length > 0 ? 1 : 0
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) await main()
