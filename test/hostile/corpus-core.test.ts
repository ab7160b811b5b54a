import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {Sandbox, type SandboxResult} from '../../scripts/fuzz/sandbox.js'
import {type Corpus, type CorpusEntry, byFamily, mismatch, openCorpus, readManifest} from './hostile-corpus.js'

// Every corpus entry through the code `info` runs, in-process: each read, decoded, validated and
// rendered in a worker thread with a 200 MB heap and a 2 s guard per entry (scripts/fuzz/sandbox.ts).
const ENTRIES = readManifest()
let corpus: Corpus
let results: Map<string, SandboxResult>

beforeAll(async () => {
  corpus = await openCorpus()
  const sandbox = new Sandbox({timeoutMs: 2_000, heapMb: 200, batchSize: 50})
  try {
    const answers = await sandbox.run(corpus.entries.map((entry) => ({path: corpus.pathOf(entry)})))
    results = new Map(corpus.entries.map((entry, index) => [entry.file, answers[index]!]))
  } finally {
    await sandbox.close()
  }
})

afterAll(async () => {
  await corpus?.cleanup()
})

const families = byFamily(ENTRIES)

describe('the hostile corpus, in-process', () => {
  it('holds every family the reliability issue lists', () => {
    expect([...families.keys()]).toEqual(expect.arrayContaining(FAMILIES))
  })

  for (const [family, members] of families) {
    it(`${family}: all ${members.length} entries give their expected exit and error code`, () => {
      const wrong = members.flatMap((entry: CorpusEntry) => {
        const problem = mismatch(entry, results.get(entry.file)!.outcome)
        return problem === undefined ? [] : [`${entry.file}: ${problem}`]
      })
      expect(wrong).toEqual([])
    })
  }
})

const FAMILIES = [
  'truncated',
  'length-prefix',
  'malformed-integer',
  'deep-nesting',
  'token-flood',
  'size-limit',
  'not-a-file',
  'trailing-data',
  'key-order',
  'proto-keys',
  'wrong-type',
  'missing-field',
  'piece-count',
  'length-files',
  'unsafe-path',
  'v2-structure',
  'hybrid-mismatch',
  'symlink',
]
