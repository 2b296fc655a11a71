import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    teardownTimeout: 60_000,
    // Child processes: each test file's pg pools and embedded servers are its own.
    pool: 'forks',
    // A 2-core CI machine: two test files at a time (the PostgreSQL clusters take the rest).
    maxWorkers: 2,
  },
});
