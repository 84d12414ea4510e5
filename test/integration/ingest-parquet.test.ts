/**
 * Parquet files, written by DuckDB COPY in the test: typed and text columns load the same
 * way as CSV, naive TIMESTAMP columns need a declared zone, and truncated or corrupt files
 * are refused with nothing else changed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contact, openTestDb, rejectsOf, type TestDb } from '../fixtures/ingest/helpers.ts';

let t: TestDb;
beforeEach(async () => {
  t = await openTestDb();
});
afterEach(() => t.close());

/** Writes `select` to a Parquet file in the test folder via DuckDB COPY. */
async function parquet(name: string, select: string): Promise<string> {
  const path = join(t.dir, name);
  await t.db.query(`COPY (${select}) TO '${path.replace(/'/g, "''")}' (FORMAT parquet)`);
  return path;
}

const TYPED = `
  SELECT * FROM (VALUES
    ('P1', 'medicaid-member-services', 'voice', 1::INTEGER, TIMESTAMPTZ '2025-06-02 16:00:00+00', TIMESTAMPTZ '2025-06-02 16:00:20+00',
      TIMESTAMPTZ '2025-06-02 16:06:00+00', 300.0::DOUBLE, 30::INTEGER, 10::BIGINT, 'M1', false, true, 5::TINYINT, 'x'),
    ('P2', 'medicare-advantage', 'chat', NULL, TIMESTAMPTZ '2025-06-02 17:00:00+00', NULL, TIMESTAMPTZ '2025-06-02 17:01:40+00',
      NULL, NULL, NULL, 'M1', NULL, NULL, NULL, 'y'),
    ('P3', 'medicare-advantage', 'voice', 2, TIMESTAMPTZ '2025-06-02 18:00:00+00', TIMESTAMPTZ '2025-06-02 17:00:00+00',
      TIMESTAMPTZ '2025-06-02 18:10:00+00', 1, 1, 1, 'M2', true, NULL, 9, 'z')
  ) v(contact_id, queue, channel, tier, offered_at, answered_at, ended_at, talk_s, hold_s, acw_s, member_id, transferred, resolved, csat, extra)`;

describe('Parquet', () => {
  it('loads typed columns, rejects bad rows, flags, and reports unknown columns', async () => {
    const before = await t.counts();
    const r = await t.ingest(await parquet('typed.parquet', TYPED));
    expect(r).toMatchObject({ outcome: 'committed', rowsRead: 3, rowsAccepted: 2, rowsRejected: 1, rowsFlagged: 0, unknownColumns: ['extra'] });
    expect((await t.counts()).contacts).toBe(before.contacts + 2);
    // P1: wait 20 s; handle 300 + 30 + 10 = 340 s. P2: abandoned after 100 s.
    expect(await contact(t.db, 'P1')).toMatchObject({ tier: 1, wait_s: 20, handle_s: 340, transferred: false, resolved: true, csat: 5, offered_at: '2025-06-02T16:00:00Z' });
    expect(await contact(t.db, 'P2')).toMatchObject({ channel: 'chat', abandoned: true, wait_s: 100, next_contact_at: null });
    expect(await contact(t.db, 'P1')).toMatchObject({ next_contact_at: '2025-06-02T17:00:00Z' });
    expect((await rejectsOf(t.db, r.batchId)).map((x) => [x.row, x.reason])).toEqual([[3, 'invalid answered_at: before offered_at']]);
  });

  it('answers the same Parquet file again with duplicate_file', async () => {
    const path = await parquet('typed.parquet', TYPED);
    const first = await t.ingest(path);
    expect(await t.ingest(path)).toMatchObject({ outcome: 'duplicate_file', duplicateOf: first.batchId });
  });

  it('refuses naive TIMESTAMP columns without a declared zone, loads them with one', async () => {
    const path = await parquet(
      'naive.parquet',
      `SELECT 'N1' AS contact_id, 'q' AS queue, TIMESTAMP '2025-06-02 09:00:00' AS offered_at, TIMESTAMP '2025-06-02 09:00:30' AS answered_at,
         TIMESTAMP '2025-06-02 09:05:00' AS ended_at`,
    );
    const refused = await t.ingest(path);
    expect(refused).toMatchObject({ outcome: 'refused' });
    expect(refused.message).toMatch(/^time zone required/);
    // 09:00 PDT = 16:00Z.
    expect(await t.ingest(path, { timezone: 'America/Los_Angeles' })).toMatchObject({ outcome: 'committed', rowsAccepted: 1 });
    expect(await contact(t.db, 'N1')).toMatchObject({ offered_at: '2025-06-02T16:00:00Z', wait_s: 30 });
  });

  it('refuses a missing required column', async () => {
    const path = await parquet('missing.parquet', `SELECT 'X' AS contact_id, 'q' AS queue`);
    const r = await t.ingest(path);
    expect(r).toMatchObject({ outcome: 'refused', message: 'missing required column: offered_at' });
  });

  it('refuses truncated and corrupt files, leaving everything else as it was', async () => {
    const good = await parquet('good.parquet', TYPED);
    const bytes = readFileSync(good);
    const truncated = t.file('truncated.parquet', bytes.subarray(0, Math.floor(bytes.length / 2)));
    const before = await t.counts();
    const r1 = await t.ingest(truncated);
    expect(r1).toMatchObject({ outcome: 'refused', message: 'unsupported type: a truncated or corrupt Parquet file (no PAR1 footer)' });
    // Overwrite the footer's metadata (just before the 4-byte length and PAR1) with garbage.
    const corrupt = Buffer.from(bytes);
    const metaLen = corrupt.readUInt32LE(corrupt.length - 8);
    corrupt.fill(0xff, corrupt.length - 8 - metaLen, corrupt.length - 8);
    const r2 = await t.ingest(t.file('corrupt.parquet', corrupt));
    expect(r2.outcome).toBe('refused');
    expect(r2.message).toMatch(/^corrupt Parquet: the reader failed/);
    expect(r2.message).not.toMatch(/M1|medicaid/);
    // A Parquet file declared as CSV, and a CSV declared as Parquet.
    expect((await t.ingest(good, { format: 'csv' })).message).toBe(
      // No CLI flag: shown in the browser too. It names what was declared and what the content is.
      'unsupported type: the file is Parquet, not CSV (send it with a .parquet name, or declare the format as parquet); it is declared CSV but its content is Parquet',
    );
    expect(await t.counts()).toEqual({ ...before, batches: before.batches + 3 });
  });
});
