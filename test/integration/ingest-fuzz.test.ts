/**
 * Hostile input, small and seeded (issue 13, Proof; the large run is test/stress): mutated
 * CSV files (truncated, other delimiters, binary garbage, huge fields, UTF-16 and Latin-1,
 * formula cells, flipped bits, joined lines, stray quotes) and mutated Parquet files (flipped
 * bits, truncated) never throw, never commit part of a file, and always end as a committed
 * batch whose rejects carry reasons or a refusal with a message (test/fixtures/fuzz.ts).
 * The reject share is 1 (all rows may be rejected) so committed-with-rejects is exercised.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseCsv, expectCleanOutcome, mutate, mutationArb } from '../fixtures/fuzz.ts';
import { openTestDb, type TestDb } from '../fixtures/ingest/helpers.ts';

let t: TestDb;
let parquetBytes: Buffer;

beforeAll(async () => {
  t = await openTestDb(true);
  const path = join(t.dir, 'base.parquet');
  await t.db.query(
    `COPY (SELECT 'PQ' || i AS contact_id, 'medicaid-member-services' AS queue, 'voice' AS channel,
             TIMESTAMPTZ '2025-06-02 16:00:00+00' + to_minutes(i) AS offered_at,
             TIMESTAMPTZ '2025-06-02 16:00:20+00' + to_minutes(i) AS answered_at,
             TIMESTAMPTZ '2025-06-02 16:05:00+00' + to_minutes(i) AS ended_at, 200 AS talk_s, 'M' || i AS member_id
           FROM range(20) r(i)) TO '${path}' (FORMAT parquet)`,
  );
  parquetBytes = readFileSync(path);
});

afterAll(() => t.close());

let n = 0;

describe('hostile files', () => {
  it('mutated CSV files end committed whole or refused, never partly (seeded, 20 runs)', async () => {
    await fc.assert(
      fc.asyncProperty(mutationArb, async (m) => {
        const i = n++;
        // Each run its own contact ids (and so its own bytes): no duplicate_file shortcuts.
        const before = await t.counts();
        const r = await t.ingest(t.file(`f${i}.csv`, mutate(baseCsv(`F${i}x`), m)));
        expectCleanOutcome(r, before, await t.counts());
      }),
      { seed: 1313, numRuns: 20 },
    );
  });

  it('a 4 MB queue name is not stored: the row is refused as overlong, the file is refused, nothing committed', async () => {
    const before = await t.counts();
    const text = baseCsv('BIG').replace('medicaid-member-services', 'q'.repeat(4 << 20));
    const r = await t.ingest(t.file('big.csv', text), { maxRejectShare: 0.01 });
    expect(r.outcome).toBe('refused');
    expectCleanOutcome(r, before, await t.counts());
    const [longest] = await t.db.query<{ n: number | null }>('SELECT max(length(queue))::INTEGER AS n FROM contacts');
    expect(longest!.n === null || longest!.n <= 256).toBe(true);
  });

  it('a 300,000-character queue name is rejected and kept in the rejects cut to 256 characters', async () => {
    const before = await t.counts();
    const r = await t.ingest(t.file('long.csv', baseCsv('LONG').replace('medicaid-member-services', 'q'.repeat(300_000))));
    // Row 1 of 5 rejected (longer than 256 characters), the other 4 committed.
    expect(r).toMatchObject({ outcome: 'committed', rowsAccepted: 4, rowsRejected: 1 });
    expectCleanOutcome(r, before, await t.counts());
    const [stored] = await t.db.query<{ raw: string }>(`SELECT raw FROM ingest_rejects WHERE batch_id = $b`, { b: r.batchId });
    expect(JSON.parse(stored!.raw).queue).toBe(`${'q'.repeat(256)}…[300000 characters]`);
  });

  it('mutated Parquet files (flipped bits, truncated) end committed whole or refused (seeded, 15 runs)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(), { minLength: 1, maxLength: 6 }), fc.option(fc.nat(), { nil: undefined }), async (bits, cut) => {
        const i = n++;
        let bytes = Buffer.from(parquetBytes);
        for (const p of bits) bytes[(p >> 3) % bytes.length] ^= 1 << (p & 7);
        if (cut !== undefined) bytes = bytes.subarray(0, cut % bytes.length);
        const before = await t.counts();
        const r = await t.ingest(t.file(`p${i}.parquet`, bytes), { source: `pq${i}` });
        expectCleanOutcome(r, before, await t.counts());
      }),
      { seed: 1314, numRuns: 15 },
    );
  });
});
