/**
 * The large hostile-input run (the small one is test/integration/ingest-fuzz.test.ts, in
 * `npm test`): STAFFCAST_STRESS_FUZZ_RUNS (default 300) mutated CSV files, seeded, each
 * ingested whole or refused, never partly, with the same checks (test/fixtures/fuzz.ts).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { baseCsv, expectCleanOutcome, mutate, mutationArb } from '../fixtures/fuzz.ts';
import { openTestDb, type TestDb } from '../fixtures/ingest/helpers.ts';

const RUNS = Number(process.env.STAFFCAST_STRESS_FUZZ_RUNS ?? 300);
let t: TestDb;

beforeAll(async () => {
  t = await openTestDb(true);
});
afterAll(() => t.close());

describe('hostile files, large run', () => {
  it(`${RUNS} mutated CSV files end committed whole or refused`, async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(mutationArb, { minLength: 1, maxLength: 3 }), async (mutations) => {
        const i = n++;
        // One to three mutations stacked on a file of its own contact ids.
        let bytes: Buffer = Buffer.from(baseCsv(`Z${i}x`));
        for (const m of mutations) bytes = mutate(bytes.toString('latin1'), m);
        const before = await t.counts();
        const r = await t.ingest(t.file(`z${i}.csv`, bytes));
        expectCleanOutcome(r, before, await t.counts());
      }),
      { seed: 2026, numRuns: RUNS },
    );
  });
});
