// Bundles the CLI (dist/cli/main.js, with oclif and every command) into one minified file in place
// of tsc's output, and the start-up paths of `create`, `verify` and `info` (src/cli/fast, run
// without oclif) into one CommonJS file each, dist/cli/fast/<command>.cjs: Node then reads,
// resolves and compiles one file instead of ~200 modules at every start, and a CommonJS bundle can
// use V8's code cache on Node 20 (docs/performance.md). dist/index.js, the library, and the
// hashing worker stay tsc's modules.
import {build} from 'esbuild'

const outdir = process.argv[2] ?? 'dist'
// Loaded lazily and only on some runs (prompts, tables on a terminal, the hashing pool, YAML
// configs); piscina also finds its own worker file next to itself, and yaml's CommonJS build
// bundled would lose its named exports behind `default`. typescript is oclif's, for development only.
const external = ['@inquirer/prompts', 'cli-table3', 'piscina', 'typescript', 'yaml']

await build({
  absWorkingDir: new URL('..', import.meta.url).pathname,
  // From the TypeScript sources, so that running this twice gives the same files.
  entryPoints: {'cli/main': 'src/cli/main.ts'},
  outdir,
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
  external,
  // oclif is CommonJS: its require() calls need a require in the ES module.
  banner: {js: "import {createRequire as __bundleRequire} from 'node:module';const require=__bundleRequire(import.meta.url);"},
  // The hashing worker is not in the bundle: hash-workers.ts finds it relative to this file.
  define: {MKTORRENT_HASH_WORKER: JSON.stringify('../core/hash/hash-worker.js')},
  logLevel: 'warning',
})

await build({
  absWorkingDir: new URL('..', import.meta.url).pathname,
  entryPoints: {
    'cli/fast/create': 'src/cli/fast/fast-create.ts',
    'cli/fast/verify': 'src/cli/fast/fast-verify.ts',
    'cli/fast/info': 'src/cli/fast/fast-info.ts',
    // What bin/run.js (CommonJS) requires to run one of the three.
    'cli/fast/startup-bundle': 'src/cli/fast/startup-bundle.ts',
  },
  outdir,
  outExtension: {'.js': '.cjs'},
  allowOverwrite: true,
  bundle: true,
  minify: true,
  keepNames: true,
  sourcemap: true,
  platform: 'node',
  // CommonJS, which src/cli/fast/startup-bundle.ts compiles with V8's code cache. Our lazy
  // import()s become require()s: code compiled by node:vm has no loader for import() on Node 20.
  format: 'cjs',
  supported: {'dynamic-import': false},
  target: 'node20',
  external,
  // The flag definitions import Flags and Args from oclif, whose flags module loads its help
  // system with it: these bundles get the same definitions from a small module instead.
  alias: {'@oclif/core': './src/cli/fast/oclif-flags-shim.ts'},
  // hash-workers.ts finds the worker file from its own URL.
  banner: {js: "const __bundleUrl=require('node:url').pathToFileURL(__filename).href;"},
  define: {'import.meta.url': '__bundleUrl', MKTORRENT_HASH_WORKER: JSON.stringify('../../core/hash/hash-worker.js')},
  logLevel: 'warning',
})
