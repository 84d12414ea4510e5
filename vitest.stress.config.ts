import { defineConfig } from 'vitest/config';

// `npm run test:stress`: the heavy proofs of docs/reliability.md (load, kill -9 mid-ingest,
// the large fuzz run). Kept out of `npm test` (its files end in .stress.ts); one file at a
// time, since each measures or kills a server of its own.
process.env.TZ = 'UTC';

export default defineConfig({
  test: {
    include: ['test/stress/**/*.stress.ts'],
    globalSetup: ['test/helpers/build-cli.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 900_000,
    hookTimeout: 900_000,
    env: { TZ: 'UTC' },
  },
});
