import { defineConfig } from 'vitest/config';

// Tests are deterministic: the process time zone is pinned so nothing depends on the host.
process.env.TZ = 'UTC';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Tests that spawn bin/staffcast.js run the compiled CLI: rebuild dist/ if it is stale.
    globalSetup: ['test/helpers/build-cli.ts'],
    pool: 'forks',
    // Two test files at a time. Vitest's default is one fewer than the cores, which on the
    // two-core CI machine is one: the suite ran serially (~690 s of its 15-minute budget),
    // while much of it waits on a browser, a child process or the network of localhost.
    // Every file has its own database, port and temporary folder, so files run side by side.
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    env: { TZ: 'UTC' },
  },
});
