/**
 * Undo (issue 9): a committed batch's contacts leave, the members' other contacts get the
 * next-contact links they would have had without it, and the rollups follow — the database
 * after "load A, load B, undo B" equals the database that only ever loaded A (the second
 * path). The batch stays in the history as undone; its file loads again afterwards.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureDailyRollup } from '../../server/db/queries/dailyRollup.ts';
import { undoBatch } from '../../server/ingest/undo.ts';
import { serveForTest } from '../helpers/server.ts';
import { csv, openTestDb, row, type TestDb } from '../fixtures/ingest/helpers.ts';

// Member M1 calls on June 2 (A), June 4 (B) and June 20 (A); M2 only in B.
const A = csv([
  row({ contact_id: 'a1', member_id: 'M1', offered_at: '2025-06-02T09:00:00-07:00', answered_at: '2025-06-02T09:00:15-07:00', ended_at: '2025-06-02T09:05:45-07:00' }),
  row({ contact_id: 'a2', member_id: 'M1', offered_at: '2025-06-20T10:00:00-07:00', answered_at: '2025-06-20T10:00:10-07:00', ended_at: '2025-06-20T10:06:00-07:00' }),
]);
const B = csv([
  row({ contact_id: 'b1', member_id: 'M1', offered_at: '2025-06-04T11:00:00-07:00', answered_at: '2025-06-04T11:00:30-07:00', ended_at: '2025-06-04T11:07:00-07:00' }),
  row({ contact_id: 'b2', member_id: 'M2', offered_at: '2025-06-05T12:00:00-07:00', answered_at: '2025-06-05T12:00:05-07:00', ended_at: '2025-06-05T12:03:00-07:00' }),
]);

const STATE = {
  contacts: `SELECT source, contact_id, batch_id, strftime(next_contact_at AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%SZ') AS next_contact_at,
               strftime(next_same_reason_at AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%SZ') AS next_same_reason_at FROM contacts ORDER BY contact_id`,
  daily: 'SELECT * FROM daily_rollup ORDER BY ALL',
  interval: 'SELECT * FROM interval_rollup ORDER BY ALL',
};

async function state(t: TestDb) {
  return {
    contacts: await t.db.query(STATE.contacts),
    daily: JSON.stringify(await t.db.query(STATE.daily)),
    interval: JSON.stringify(await t.db.query(STATE.interval)),
  };
}

let t: TestDb;
let ref: TestDb;
beforeEach(async () => {
  t = await openTestDb();
  ref = await openTestDb();
});
afterEach(() => {
  t.close();
  ref.close();
});

describe('undo a batch', () => {
  it('leaves the database as if the batch had never been loaded, links and rollups included', async () => {
    for (const db of [t, ref]) {
      await db.ingest(db.file('a.csv', A));
      await db.db.withConnection((c) => ensureDailyRollup(c));
    }
    const b = await t.ingest(t.file('b.csv', B));
    expect(b).toMatchObject({ outcome: 'committed', rowsAccepted: 2 });
    // With B, a1's next contact is b1 (June 4, 18:00 UTC): inside the 7-day FCR window.
    expect((await t.db.query(STATE.contacts))[0]).toMatchObject({ contact_id: 'a1', next_contact_at: '2025-06-04T18:00:00Z' });

    const r = await undoBatch(t.db, b.batchId);
    // b1, b2 removed; a1's link moves back to a2 (June 20, 17:00 UTC); a2 had no next either way.
    // Days rebuilt: June 4 and 5 (B's own), June 2 (a1's link moved) = 3.
    expect(r).toMatchObject({ batchId: b.batchId, contactsRemoved: 2, linksRecomputed: 1, daysRefreshed: 3, laterOverlapping: [] });
    expect((await t.db.query(STATE.contacts))[0]).toMatchObject({ contact_id: 'a1', next_contact_at: '2025-06-20T17:00:00Z' });
    expect(await state(t)).toEqual(await state(ref));

    const [batch] = await t.db.query<{ outcome: string; undo_note: string }>('SELECT outcome, undo_note FROM ingest_batches WHERE batch_id = $b', { b: b.batchId });
    expect(batch).toEqual({ outcome: 'undone', undo_note: "2 contacts removed; 1 other contact's next-contact link recomputed; 3 days of rollups rebuilt" });

    // The same file loads again (it is no longer a committed duplicate), and can be undone again.
    const again = await t.ingest(t.file('b.csv', B));
    expect(again).toMatchObject({ outcome: 'committed', rowsAccepted: 2 });
    await expect(undoBatch(t.db, b.batchId)).rejects.toThrow(`batch ${b.batchId} (b.csv) is already undone`);
  });

  it('refuses a batch that replaced stored contacts, and one that loaded nothing', async () => {
    await t.ingest(t.file('a.csv', A));
    const changed = csv([row({ contact_id: 'a1', member_id: 'M1', talk_s: '999' })]);
    const replaced = await t.ingest(t.file('c.csv', changed), { replace: true });
    expect(replaced).toMatchObject({ outcome: 'committed', rowsAccepted: 1 });
    await expect(undoBatch(t.db, replaced.batchId)).rejects.toThrow(/replaced 1 stored contacts; undoing it cannot bring their earlier values back/);
    const dup = await t.ingest(t.file('a.csv', A));
    expect(dup.outcome).toBe('duplicate_file');
    await expect(undoBatch(t.db, dup.batchId)).rejects.toThrow(/was duplicate file: it loaded nothing to undo/);
    expect((await t.counts()).contacts).toBe(2);
  });

  it('names the later batches whose already-present rows left with it', async () => {
    const first = await t.ingest(t.file('a.csv', A));
    // a2 again (identical: already present) and one new contact.
    const overlap = await t.ingest(
      t.file(
        'o.csv',
        csv([
          row({ contact_id: 'a2', member_id: 'M1', offered_at: '2025-06-20T10:00:00-07:00', answered_at: '2025-06-20T10:00:10-07:00', ended_at: '2025-06-20T10:06:00-07:00' }),
          row({ contact_id: 'n1' }),
        ]),
      ),
    );
    expect(overlap).toMatchObject({ rowsAccepted: 1, rowsAlreadyPresent: 1 });
    const r = await undoBatch(t.db, first.batchId);
    expect(r.laterOverlapping).toEqual([{ batchId: overlap.batchId, fileName: 'o.csv', rowsAlreadyPresent: 1 }]);
  });

  it('through the API: 200 with what it did, 404 for no batch, 409 naming why', async () => {
    const a = await t.ingest(t.file('a.csv', A));
    const server = await serveForTest(t.db);
    try {
      expect(await server.post('/api/ingest/batches/999/undo', {})).toMatchObject({ status: 404, body: { error: 'no batch 999', field: 'id' } });
      expect(await server.post('/api/ingest/batches/x/undo', {})).toMatchObject({ status: 400, body: { field: 'id' } });
      expect(await server.post(`/api/ingest/batches/${a.batchId}/undo`, {})).toMatchObject({ status: 200, body: { contactsRemoved: 2 } });
      expect(await server.post(`/api/ingest/batches/${a.batchId}/undo`, {})).toMatchObject({ status: 409 });
      expect(await server.get(`/api/ingest/batches/${a.batchId}`)).toMatchObject({ status: 200, body: { outcome: 'undone', undoNote: expect.stringContaining('2 contacts removed') } });
    } finally {
      await server.close();
    }
  });

  it('only the user who loaded a batch, or an admin, may undo it; the batch says who loaded it', async () => {
    const direct = await t.ingest(t.file('direct.csv', A)); // loaded without a user: not recorded
    const server = await serveForTest(t.db);
    try {
      const planner = await server.as('planner');
      const form = new FormData();
      form.set('file', new Blob([csv([row({ contact_id: 'p1' })])]), 'planner.csv');
      const up = (await (await fetch(`${planner.url}/api/ingest`, { method: 'POST', body: form })).json()) as { batchId: number; outcome: string };
      expect(up.outcome).toBe('committed');
      expect(await server.get(`/api/ingest/batches/${up.batchId}`)).toMatchObject({ body: { loadedBy: 'test-planner' } });
      expect(await server.get(`/api/ingest/batches/${direct.batchId}`)).toMatchObject({ body: { loadedBy: null } });
      // A planner may not undo what someone else (or nobody recorded) loaded; an admin may.
      expect(await planner.post(`/api/ingest/batches/${direct.batchId}/undo`, {})).toMatchObject({
        status: 403,
        body: { field: 'id', error: `batch ${direct.batchId} was loaded before loaders were recorded: only the user who loaded it or an admin may undo it` },
      });
      expect(await planner.post(`/api/ingest/batches/${up.batchId}/undo`, {})).toMatchObject({ status: 200, body: { contactsRemoved: 1 } });
      expect(await server.post(`/api/ingest/batches/${direct.batchId}/undo`, {})).toMatchObject({ status: 200, body: { contactsRemoved: 2 } });
    } finally {
      await server.close();
    }
  });
});
