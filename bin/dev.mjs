#!/usr/bin/env -S node --import tsx
import {readFileSync} from 'node:fs'

process.env.OCLIF_DISABLE_ENGINE_WARNING ??= '1'
const {execute, settings} = await import('../src/cli/main.ts')
// The commands of the TypeScript sources, not the build's bundle that package.json names (tsx
// loads .ts files, so oclif need not map paths to sources).
settings.enableAutoTranspile = false
const pjson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))
pjson.oclif.commands.target = './src/cli/main.ts'
await execute({development: true, dir: import.meta.url, loadOptions: {root: new URL('..', import.meta.url).pathname, pjson}})
