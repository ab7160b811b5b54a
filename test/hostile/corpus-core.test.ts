import {realpathSync} from 'node:fs'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {CONTENT_DIR} from '../../scripts/fuzz/fuzz.js'
import {Sandbox, type SandboxResult} from '../../scripts/fuzz/sandbox.js'
import {type Corpus, type CorpusEntry, byFamily, mismatch, openCorpus, readManifest} from './hostile-corpus.js'

// Every corpus entry through the code `info` runs, in-process: each read, decoded, validated and
// rendered in a worker thread with a 200 MB heap (scripts/fuzz/sandbox.ts); then through `verify
// --save-path fixtures/content`, which must refuse exactly what info refuses, with one of its errors
// and no file system call, and look nowhere outside the save path. The guard, 60 s an entry, catches
// hangs in wall time: over ten times the slowest entry on a loaded machine (4 s was exceeded by
// token-flood entries there); it is no benchmark (speed belongs to `npm run bench`).
const ENTRIES = readManifest()
let corpus: Corpus
let results: Map<string, SandboxResult>

beforeAll(async () => {
  corpus = await openCorpus()
  const sandbox = new Sandbox({timeoutMs: 60_000, heapMb: 200, batchSize: 50, verifySavePath: realpathSync(CONTENT_DIR)})
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

  it('verifies every torrent that can be read: a report for the valid ones, one of its errors for the others', () => {
    // Files refused before their bytes are read (not a file, over 10 MB) never reach verify.
    const read = corpus.entries.filter((entry) => entry.exit !== 4 && entry.code !== 'torrent-too-large')
    const expected = (entry: CorpusEntry): string[] => (entry.exit === 0 ? ['report'] : entry.exit === 3 ? ['error'] : ['report', 'error'])
    const wrong = read.filter((entry) => !expected(entry).includes(results.get(entry.file)!.verify?.kind ?? 'none'))
    expect(wrong.map((entry) => `${entry.file}: ${JSON.stringify(results.get(entry.file)!.verify)}`)).toEqual([])
    expect(read.length).toBeGreaterThan(400)
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
