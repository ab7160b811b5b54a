import {describe, expect, it} from 'vitest'
// runCli here is runWarmCli: bin/run.js in a warm process, start-up paid once per file (test/helpers/warm-cli.ts).
import {runWarmCli as runCli} from '../helpers/warm-cli.js'

// runCli pipes stdin and stdout, so the CLI never sees a terminal here.
describe('create never prompts without a terminal', () => {
  it('exits 2 with one line when the path is missing', async () => {
    const result = await runCli(['create'])
    expect(result.status).toBe(2)
    expect(result.stderr).toBe(
      'mktorrent: error: missing the file or folder to make a torrent of: the wizard needs a terminal on stdin and stdout; see mktorrent create --help\n',
    )
    expect(result.stdout).toBe('')
  })

  it('exits 2 for --interactive', async () => {
    const result = await runCli(['create', '-i', 'fixtures/content/tree'])
    expect(result.status).toBe(2)
    expect(result.stderr).toBe('mktorrent: error: --interactive cannot ask: the wizard needs a terminal on stdin and stdout; see mktorrent create --help\n')
  })

  it('exits 2 with a JSON error under --json', async () => {
    const result = await runCli(['create', '--json'])
    expect(result.status).toBe(2)
    expect(JSON.parse(result.stdout)).toEqual({
      error: {code: 'usage', exitCode: 2, message: 'missing the file or folder to make a torrent of: the wizard needs no --json; see mktorrent create --help'},
    })
  })

  it('refuses --interactive together with --yes', async () => {
    const result = await runCli(['create', '-i', '--yes', 'fixtures/content/tree'])
    expect(result.status).toBe(2)
    expect(result.stderr).toBe('mktorrent: error: --yes=true cannot also be provided when using --interactive; see mktorrent create --help\n')
  })
})
