import { defineConfig } from 'vitest/config';

// Tests are deterministic: the process time zone is pinned so nothing depends on the host.
process.env.TZ = 'UTC';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Tests that spawn bin/staffcast.js run the compiled CLI: rebuild dist/ if it is stale.
    globalSetup: ['test/helpers/build-cli.ts'],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    env: { TZ: 'UTC' },
  },
});
