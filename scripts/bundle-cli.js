// Bundles the CLI (dist/cli/main.js, with oclif and every command) and `info`'s fast path
// (dist/cli/fast-info.js) into one minified file each, in place of tsc's output: Node then reads,
// resolves and compiles one file instead of ~200 modules at every start (docs/performance.md).
// dist/index.js, the library, and the hashing worker stay tsc's modules.
import {build} from 'esbuild'

await build({
  absWorkingDir: new URL('..', import.meta.url).pathname,
  // From the TypeScript sources, so that running this twice gives the same files.
  entryPoints: {'cli/main': 'src/cli/main.ts', 'cli/fast-info': 'src/cli/fast-info.ts'},
  outdir: process.argv[2] ?? 'dist',
  allowOverwrite: true,
  bundle: true,
  // What our code imports lazily (tables on a terminal, say) goes to chunks loaded when used;
  // main and fast-info share the core's chunks.
  splitting: true,
  chunkNames: 'cli/chunks/[name]-[hash]',
  minify: true,
  // oclif and error messages read constructor names.
  keepNames: true,
  sourcemap: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Loaded lazily and only on some runs (prompts, tables on a terminal, the hashing pool, YAML
  // configs); piscina also finds its own worker file next to itself, and yaml's CommonJS build
  // bundled would lose its named exports behind `default`. typescript is oclif's, for development only.
  external: ['@inquirer/prompts', 'cli-table3', 'piscina', 'typescript', 'yaml'],
  // oclif is CommonJS: its require() calls need a require in the ES module.
  banner: {js: "import {createRequire as __bundleRequire} from 'node:module';const require=__bundleRequire(import.meta.url);"},
  // The hashing worker is not in the bundle: hash-workers.ts finds it relative to this file.
  define: {MKTORRENT_HASH_WORKER: JSON.stringify('../core/hash/hash-worker.js')},
  logLevel: 'warning',
})
