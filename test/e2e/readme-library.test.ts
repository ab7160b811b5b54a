import {spawnSync} from 'node:child_process'
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {pathToFileURL} from 'node:url'
import {expect, it} from 'vitest'
import {REPO_ROOT} from '../helpers/run-cli.js'

// Issue 11, section 5: the README's "Library" example runs as printed, against the built package.
it('the README Library example creates, inspects, verifies, reports progress and aborts', () => {
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8')
  const section = readme.slice(readme.indexOf('\n## Library\n'))
  const example = /```js\n([\s\S]*?)```/u.exec(section)?.[1]
  expect(example).toContain("from 'mktorrent'")
  const scratch = mkdtempSync(join(tmpdir(), 'mktorrent-readme-'))
  try {
    const script = join(scratch, 'example.mjs')
    // The same module `import 'mktorrent'` resolves to once installed (package.json "exports").
    writeFileSync(script, example!.replace("from 'mktorrent'", `from '${pathToFileURL(join(REPO_ROOT, 'dist/index.js')).href}'`))
    const result = spawnSync(process.execPath, [script], {encoding: 'utf8', env: {...process.env, TMPDIR: scratch}, timeout: 60_000})
    expect(result.stderr).toBe('')
    expect(result.status).toBe(0)
    const lines = result.stdout.trimEnd().split('\n')
    expect(lines).toEqual([
      'hashed 13 of 13 bytes',
      expect.stringMatching(/^true hybrid [0-9a-f]{40} 13$/u),
      expect.stringMatching(/^magnet:\?xt=urn:btih:[0-9a-f]{40}&xt=urn:btmh:1220[0-9a-f]{64}&dn=library-demo-\w+&tr=udp%3A%2F%2Ftracker\.example%3A6969%2Fannounce$/u),
      'all pieces good',
      'stopped: the operation was aborted',
    ])
  } finally {
    rmSync(scratch, {recursive: true, force: true})
  }
})
