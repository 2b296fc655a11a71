import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    teardownTimeout: 60_000,
    // Child processes: PGlite (WASM) and pg pools are fully isolated per test file.
    pool: 'forks',
    // A 2-core CI machine: two test files at a time (each may hold a PGlite instance in memory).
    maxWorkers: 2,
  },
});
