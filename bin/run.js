#!/usr/bin/env node
// CommonJS (bin/package.json): an ES module as the entry point starts Node's ES module loader,
// which the start-up paths below never need (docs/performance.md).
'use strict'

// Node 22.1+ caches compiled code between runs; on Node 20 the start-up bundles below keep V8's
// code cache themselves (src/cli/fast/startup-bundle.ts).
require('node:module').enableCompileCache?.()

/**
 * Plain `create`, `verify` and `info` runs skip loading oclif (src/cli/fast/): they parse with the
 * commands' own flag definitions and hand everything else (help, the wizard, batches, errors in
 * the command line, other commands) to oclif, which then runs as if they did not exist. Exported
 * for the tests' warm process (test/helpers/warm-cli-server.mjs), which awaits each run.
 */
async function main() {
  const command = process.argv[2]
  const fast = command === 'create' || command === 'verify' || command === 'info'
  if (fast && (await require('../dist/cli/fast/startup-bundle.cjs').runStartupPath(command, process.argv.slice(3)))) return
  // oclif checks its own engines field with semver on import, loading some 40 modules (~25 ms of
  // start-up); npm already checks ours (docs/performance.md).
  process.env.OCLIF_DISABLE_ENGINE_WARNING ??= '1'
  // The CLI and oclif, bundled into one ES module by the build (scripts/bundle-cli.js).
  const {execute} = await import('../dist/cli/main.js')
  // The package's folder: oclif would otherwise take bin/package.json for the package's own.
  await execute({dir: require('node:path').join(__dirname, '..')})
}

module.exports = main()
