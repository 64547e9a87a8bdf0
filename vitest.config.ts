import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    // Tests run the built CLI and main: rebuild them first when the sources changed.
    globalSetup: ['test/helpers/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Device tests share the kernel's zram pool; run files one at a time per worker, with 2 workers.
    maxWorkers: 2,
  },
});
