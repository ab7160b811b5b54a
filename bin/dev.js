#!/usr/bin/env -S node --import tsx
process.env.OCLIF_DISABLE_ENGINE_WARNING ??= '1'
const {execute} = await import('@oclif/core')

await execute({development: true, dir: import.meta.url})
