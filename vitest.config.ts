import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Vitest's default is one worker fewer than the cores: one worker on CI's 2 cores. Most of the slow files wait on
    // child processes, sockets and timers rather than the CPU (the suite passed with 2 workers at load 9), so every
    // core gets a worker.
    maxWorkers: Math.max(2, availableParallelism()),
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
