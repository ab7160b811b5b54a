import {defineConfig} from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Hang guards, not speed limits: a spawn that takes 0.3 s on a quiet machine took 8 s with eight
    // test runs sharing two cores. The guards inside tests (spawn kills, waits) stay below these.
    testTimeout: 180_000,
    hookTimeout: 300_000,
    // Interop tests spawn libtorrent, transmission and C mktorrent; these machines have two cores.
    maxWorkers: 2,
    reporters: ['default', 'json'],
    outputFile: {json: '.test-results/vitest.json'},
  },
})
