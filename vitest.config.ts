import {defineConfig} from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Interop tests spawn libtorrent, transmission and C mktorrent; these machines have two cores.
    maxWorkers: 2,
    reporters: ['default', 'json'],
    outputFile: {json: '.test-results/vitest.json'},
  },
})
