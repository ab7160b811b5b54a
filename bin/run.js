#!/usr/bin/env node
import module from 'node:module'

// Node 22.1+ caches compiled code between runs (start-up, docs/performance.md); on Node 20 the
// start-up bundles below keep V8's code cache themselves (src/cli/fast/startup-bundle.ts).
module.enableCompileCache?.()

// Plain `create`, `verify` and `info` runs skip loading oclif (src/cli/fast/): they parse with the
// commands' own flag definitions and hand everything else (help, the wizard, batches, errors in
// the command line, other commands) to oclif, which then runs as if they did not exist.
const command = process.argv[2]
const fast = command === 'create' || command === 'verify' || command === 'info'
const handled = fast && (await (await import('../dist/cli/fast/startup-bundle.js')).runStartupPath(command, process.argv.slice(3)))
if (!handled) {
  // oclif checks its own engines field with semver on import, loading some 40 modules (~25 ms of
  // start-up); npm already checks ours (docs/performance.md).
  process.env.OCLIF_DISABLE_ENGINE_WARNING ??= '1'
  // The CLI and oclif, bundled into one file by the build (scripts/bundle-cli.js).
  const {execute} = await import('../dist/cli/main.js')
  await execute({dir: import.meta.url})
}
