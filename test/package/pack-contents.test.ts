import {spawnSync} from 'node:child_process'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {REPO_ROOT} from '../helpers/run-cli.js'

// Issue 11, section 5: what `npm pack` ships. --ignore-scripts: the build already ran (npm test
// builds first), and `prepare` would rebuild dist/ under the other tests' feet.
const pack = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {cwd: REPO_ROOT, encoding: 'utf8', timeout: 120_000})
const files = new Set<string>((JSON.parse(pack.stdout) as Array<{files: Array<{path: string}>}>)[0]!.files.map((file) => file.path))
const packageJson = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {license: string; main: string; types: string; bin: Record<string, string>}

describe('the npm package', () => {
  it('ships the entry points, the README and the MIT LICENSE package.json names', () => {
    // bin/package.json makes bin/run.js CommonJS: without it the installed command would not start.
    const startup = ['bin/package.json', 'dist/cli/fast/startup-bundle.cjs', 'dist/cli/fast/create.cjs', 'dist/cli/fast/verify.cjs', 'dist/cli/fast/info.cjs']
    for (const path of ['README.md', 'LICENSE', 'oclif.manifest.json', packageJson.main, packageJson.types, ...Object.values(packageJson.bin), ...startup]) {
      expect(files, path).toContain(path.replace(/^\.\//u, ''))
    }
    expect(packageJson.license).toBe('MIT')
    expect(readFileSync(join(REPO_ROOT, 'LICENSE'), 'utf8')).toMatch(/^MIT License\n\nCopyright \(c\) \d{4} mktorrent contributors\n/u)
  })

  it('does not ship bin/dev.mjs (it needs tsx, a dev dependency) or source maps pointing at unshipped sources', () => {
    expect(files).not.toContain('bin/dev.mjs')
    // The start-up bundles' code cache (src/cli/fast/startup-bundle.ts) belongs to the machine that made it.
    expect([...files].filter((path) => path.includes('/.cache/'))).toEqual([])
    const maps = [...files].filter((path) => path.endsWith('.map'))
    const unshipped = maps.flatMap((map) => {
      const {sources} = JSON.parse(readFileSync(join(REPO_ROOT, map), 'utf8')) as {sources: string[]}
      return sources.map((source) => join(map, '..', source)).filter((source) => !files.has(source))
    })
    expect(unshipped).toEqual([])
  })

  it('ships every docs/ file that --help or an error message points to', () => {
    const manifest = readFileSync(join(REPO_ROOT, 'oclif.manifest.json'), 'utf8')
    const compiled = [...files].filter((path) => path.endsWith('.js')).map((path) => readFileSync(join(REPO_ROOT, path), 'utf8'))
    const cited = new Set([manifest, ...compiled].flatMap((text) => text.match(/docs\/[\w.-]+\.md/gu) ?? []))
    expect(cited.size).toBeGreaterThan(3)
    expect([...cited].filter((path) => !files.has(path))).toEqual([])
  })
})
