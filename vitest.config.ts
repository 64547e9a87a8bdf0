import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Device tests share the kernel's zram pool; run files one at a time per worker, with 2 workers.
    maxWorkers: 2,
  },
});
