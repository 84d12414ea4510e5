import { defineConfig } from 'vitest/config';

// Tests are deterministic: the process time zone is pinned so nothing depends on the host.
process.env.TZ = 'UTC';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    env: { TZ: 'UTC' },
  },
});
