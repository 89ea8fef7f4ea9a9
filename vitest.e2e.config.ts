import { defineConfig } from 'vitest/config';

/** Browser suite: real Chromium via playwright-core against a real server on loopback. */
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.test.{ts,tsx}'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
