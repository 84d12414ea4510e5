/**
 * Keys and links: contact_id is unique within its source (duplicates in a file, overlapping
 * files, replace), every batch satisfies read = accepted + rejected + already present, and
 * next_contact_at / next_same_reason_at follow the member across batches.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contact, csv, openTestDb, rejectsOf, row, type TestDb } from '../fixtures/ingest/helpers.ts';

let t: TestDb;
beforeEach(async () => {
  t = await openTestDb();
});
afterEach(() => t.close());

const ids = (n: number, from = 0) => Array.from({ length: n }, (_, i) => row({ contact_id: `C${from + i}` }));

describe('duplicates and overlap', () => {
  it('an identical duplicate in one file is kept once; a conflicting one rejects both', async () => {
    const rows = [row({ contact_id: 'A' }), row({ contact_id: 'A' }), row({ contact_id: 'B', talk_s: '100' }), row({ contact_id: 'B', talk_s: '200' }), row({ contact_id: 'C' })];
    const r = await t.ingest(t.file('d.csv', csv(rows)));
    // A: first kept, second counted as already present; B: both rejected; C: accepted.
    expect(r).toMatchObject({ rowsRead: 5, rowsAccepted: 2, rowsRejected: 2, rowsAlreadyPresent: 1 });
    expect((await rejectsOf(t.db, r.batchId)).map((x) => [x.row, x.reason])).toEqual([
      [3, 'invalid contact_id: conflicting duplicate in the file'],
      [4, 'invalid contact_id: conflicting duplicate in the file'],
    ]);
    expect(await t.db.query('SELECT contact_id FROM contacts ORDER BY 1')).toEqual([{ contact_id: 'A' }, { contact_id: 'C' }]);
  });

  it('a duplicate id whose other occurrence is invalid rejects both (which one is right is unknown)', async () => {
    const r = await t.ingest(t.file('d.csv', csv([row({ contact_id: 'A' }), row({ contact_id: 'A', talk_s: '-1' })])));
    expect(r).toMatchObject({ rowsAccepted: 0, rowsRejected: 2 });
    expect((await rejectsOf(t.db, r.batchId)).map((x) => x.reason)).toEqual(['invalid contact_id: conflicting duplicate in the file', 'invalid talk_s: negative']);
  });

  it('an overlapping file adds only the new contacts; identical stored rows are counted as already present', async () => {
    const first = await t.ingest(t.file('a.csv', csv(ids(10, 0))));
    expect(first).toMatchObject({ rowsRead: 10, rowsAccepted: 10 });
    // C5..C14: five already stored (identical), five new.
    const second = await t.ingest(t.file('b.csv', csv(ids(10, 5))));
    expect(second).toMatchObject({ outcome: 'committed', rowsRead: 10, rowsAccepted: 5, rowsRejected: 0, rowsAlreadyPresent: 5 });
    expect((await t.counts()).contacts).toBe(15);
  });

  it('a stored id with different values is rejected, or replaced with replace', async () => {
    await t.ingest(t.file('a.csv', csv([row({ contact_id: 'A', talk_s: '100' }), row({ contact_id: 'B' })])));
    const changed = t.file('b.csv', csv([row({ contact_id: 'A', talk_s: '250' }), row({ contact_id: 'B' })]));
    const r = await t.ingest(changed);
    expect(r).toMatchObject({ rowsRead: 2, rowsAccepted: 0, rowsRejected: 1, rowsAlreadyPresent: 1 });
    expect(r.rejectReasons).toEqual([{ reason: 'invalid contact_id: already ingested with different values (use replace)', count: 1 }]);
    expect(await contact(t.db, 'A')).toMatchObject({ talk_s: 100 });
    const again = await t.ingest(t.file('c.csv', csv([row({ contact_id: 'A', talk_s: '250' }), row({ contact_id: 'B' }), row({ contact_id: 'Z' })])), { replace: true });
    expect(again).toMatchObject({ rowsRead: 3, rowsAccepted: 2, rowsRejected: 0, rowsAlreadyPresent: 1 });
    // 250 + 30 + 60 = 340 s.
    expect(await contact(t.db, 'A')).toMatchObject({ talk_s: 250, handle_s: 340, batch_id: again.batchId });
    expect((await t.counts()).contacts).toBe(3);
  });

  it('contact ids are unique per source, not globally', async () => {
    await t.ingest(t.file('a.csv', csv([row({ contact_id: 'A' })])), { source: 'acd-east' });
    const r = await t.ingest(t.file('b.csv', csv([row({ contact_id: 'A', talk_s: '9' })])), { source: 'acd-west' });
    expect(r).toMatchObject({ rowsAccepted: 1 });
    expect((await t.counts()).contacts).toBe(2);
  });

  it('every batch row satisfies read = accepted + rejected + already present', async () => {
    await t.ingest(t.file('a.csv', csv(ids(6))));
    const rows = [...ids(8, 3), row({ contact_id: 'X', channel: 'fax' }), row({ contact_id: 'C4', talk_s: '1' })];
    await t.ingest(t.file('b.csv', csv(rows)));
    const bad = await t.db.query(
      `SELECT batch_id FROM ingest_batches WHERE outcome = 'committed'
       AND rows_read <> rows_accepted + rows_rejected + rows_already_present`,
    );
    expect(bad).toEqual([]);
    const [b] = await t.db.query<{ r: number; a: number; j: number; p: number }>(
      'SELECT rows_read AS r, rows_accepted AS a, rows_rejected AS j, rows_already_present AS p FROM ingest_batches WHERE batch_id = 2',
    );
    // C3..C10 (8) + X + C4 again: C3, C5 already present; C4 twice with different values -> both rejected;
    // C6..C10 new; X rejected (fax). 10 = 5 + 3 + 2.
    expect(b).toEqual({ r: 10, a: 5, j: 3, p: 2 });
  });
});

describe('next contact of the same member', () => {
  it('links each contact to the member’s next one, across batches and queues, including IVR', async () => {
    const m = (id: string, at: string, over = {}) => row({ contact_id: id, member_id: 'M1', offered_at: at, answered_at: '', ended_at: at.replace(':00-07:00', ':30-07:00'), talk_s: '', ...over });
    await t.ingest(t.file('a.csv', csv([m('A', '2025-06-02T09:00:00-07:00'), m('C', '2025-06-04T09:00:00-07:00', { reason: 'billing' })])));
    expect(await contact(t.db, 'A')).toMatchObject({ next_contact_at: '2025-06-04T16:00:00Z', next_same_reason_at: null });
    // A later batch brings B between A and C (another queue, IVR-contained, reason claims).
    await t.ingest(t.file('b.csv', csv([m('B', '2025-06-03T09:00:00-07:00', { queue: 'medicare-advantage', ivr_contained: 'true', ended_at: '2025-06-03T09:01:00-07:00' })])));
    expect(await contact(t.db, 'A')).toMatchObject({ next_contact_at: '2025-06-03T16:00:00Z', next_same_reason_at: '2025-06-03T16:00:00Z' });
    expect(await contact(t.db, 'B')).toMatchObject({ next_contact_at: '2025-06-04T16:00:00Z', next_same_reason_at: null });
    expect(await contact(t.db, 'C')).toMatchObject({ next_contact_at: null, next_same_reason_at: null });
  });

  it('the same member written differently (case, spaces, zero-width) links; another member does not', async () => {
    const rows = [
      row({ contact_id: 'A', member_id: 'ab 0012', offered_at: '2025-06-02T09:00:00-07:00' }),
      row({ contact_id: 'B', member_id: ' AB0012\u200B', offered_at: '2025-06-02T10:00:00-07:00', answered_at: '2025-06-02T10:00:15-07:00', ended_at: '2025-06-02T10:05:45-07:00' }),
      row({ contact_id: 'C', member_id: 'AB012', offered_at: '2025-06-02T11:00:00-07:00', answered_at: '2025-06-02T11:00:15-07:00', ended_at: '2025-06-02T11:05:45-07:00' }),
    ];
    await t.ingest(t.file('m.csv', csv(rows)));
    const keys = await t.db.query<{ contact_id: string; member_key: string }>('SELECT contact_id, member_key FROM contacts ORDER BY 1');
    expect(keys[0]!.member_key).toBe(keys[1]!.member_key);
    expect(keys[2]!.member_key).not.toBe(keys[0]!.member_key); // leading zero kept: AB012 != AB0012
    expect(await contact(t.db, 'A')).toMatchObject({ next_contact_at: '2025-06-02T17:00:00Z' });
    expect(await contact(t.db, 'B')).toMatchObject({ next_contact_at: null });
  });
});
