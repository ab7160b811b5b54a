#!/usr/bin/env node
import module from 'node:module'

// Node 22.1+ caches compiled code between runs (start-up, docs/performance.md); Node 20 has no cache.
module.enableCompileCache?.()

// `info` is what scripts call most: its plain runs skip loading oclif (src/cli/fast-info.ts), and
// everything else (help, errors, other commands) runs through oclif.
const handled = process.argv[2] === 'info' && (await (await import('../dist/cli/fast-info.js')).fastInfo(process.argv.slice(3)))
if (!handled) {
  // oclif checks its own engines field with semver on import, loading some 40 modules (~25 ms of
  // start-up); npm already checks ours (docs/performance.md).
  process.env.OCLIF_DISABLE_ENGINE_WARNING ??= '1'
  // The CLI and oclif, bundled into one file by the build (scripts/bundle-cli.js).
  const {execute} = await import('../dist/cli/main.js')
  await execute({dir: import.meta.url})
}
