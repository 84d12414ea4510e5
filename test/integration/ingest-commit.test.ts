/**
 * All or nothing inside the process: a failure during the commit (here injected through an
 * ingest hook, which runs inside the transaction) rolls the whole file back, the sum/write
 * checks catch a batch whose rows do not add up, and the error carries no row data.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registerIngestHook } from '../../server/ingest/hooks.ts';
import { csv, openTestDb, row, type TestDb } from '../fixtures/ingest/helpers.ts';

let t: TestDb;
let unregister: (() => void) | undefined;
beforeEach(async () => {
  t = await openTestDb();
});
afterEach(() => {
  unregister?.();
  unregister = undefined;
  t.close();
});

describe('the commit', () => {
  it('rolls back everything when a step inside the transaction fails', async () => {
    await t.ingest(t.file('a.csv', csv([row({ contact_id: 'A' })])));
    const before = await t.counts();
    unregister = registerIngestHook(async () => {
      throw new Error('Constraint Error: duplicate key while writing "MEMBER-123"');
    });
    const file = t.file('b.csv', csv([row({ contact_id: 'B' }), row({ contact_id: 'C', talk_s: 'x' })]));
    await expect(t.ingest(file)).rejects.toThrow(/^ingest of b\.csv failed: constraint error; nothing was committed$/);
    const after = await t.counts();
    // Only a batch row with outcome failed is added: no contacts, no rejects.
    expect(after).toEqual({ ...before, batches: before.batches + 1 });
    const [b] = await t.db.query('SELECT outcome, message, read_rows, rows_read, rows_accepted, rows_rejected FROM ingest_batches ORDER BY batch_id DESC LIMIT 1');
    // It failed after its 2 rows were classified, yet it says "not read": every count 0.
    expect(b).toEqual({ outcome: 'failed', message: 'internal error: constraint error', read_rows: false, rows_read: 0, rows_accepted: 0, rows_rejected: 0 });
  });

  it('refuses to commit a batch whose written rows do not match its plan', async () => {
    unregister = registerIngestHook(async (conn, batch) => {
      await conn.run('DELETE FROM contacts WHERE batch_id = $b AND contact_id = $id', { b: batch.batchId, id: 'B' });
    });
    const before = await t.counts();
    await expect(t.ingest(t.file('b.csv', csv([row({ contact_id: 'A' }), row({ contact_id: 'B' })])))).rejects.toThrow(
      /^ingest of b\.csv failed: write check failed: 1\/2 contacts, 0\/0 rejects; nothing was committed$/,
    );
    expect((await t.counts()).contacts).toBe(before.contacts);
  });

  it('runs hooks inside the transaction with the batch id, after the contacts are written', async () => {
    const seen: number[] = [];
    unregister = registerIngestHook(async (conn, batch) => {
      const reader = await conn.runAndReadAll('SELECT count(*)::INTEGER AS n FROM contacts WHERE batch_id = $b', { b: batch.batchId });
      seen.push(Number(reader.getRowObjectsJS()[0]!.n));
    });
    const r = await t.ingest(t.file('c.csv', csv([row({ contact_id: 'A' }), row({ contact_id: 'B' }), row({ contact_id: 'C' })])));
    expect(r.outcome).toBe('committed');
    expect(seen).toEqual([3]);
  });
});
