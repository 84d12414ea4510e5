/**
 * NICE CXone completed contacts (server/ingest/adapters/nice-cxone.ts). Fixture
 * nice-cxone-completed.json: a `{"completedContacts": [...]}` response, every value a string,
 * 2025-06-02 (UTC times):
 *   1 5001 answered (lastUpdateTime 16:08)   2 5001 an older copy (16:06:30, ACW 0): folded
 *   3 5002 abandoned                         4 5003 first leg, transferred
 *   5 5004 second leg of master 5003: folded 6 5005 ended before queueing: IVR-contained
 *   7 5006 isOutbound True: excluded         8 5007 inQueueSeconds "abc": rejected
 * 8 records = 4 contacts + 1 rejected + 1 excluded + 2 folded.
 */
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contact, openTestDb, rejectsOf, type TestDb } from '../fixtures/ingest/helpers.ts';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/adapters/${name}`, import.meta.url));

describe('NICE CXone ingest', () => {
  let t: TestDb;
  beforeEach(async () => {
    t = await openTestDb();
  });
  afterEach(() => t.close());

  it('string values parsed explicitly; legs of a master contact are one contact', async () => {
    const r = await t.ingest(fixture('nice-cxone-completed.json'));
    expect(r).toMatchObject({ outcome: 'committed', rowsRead: 5, rowsAccepted: 4, rowsRejected: 1 });
    expect(r.adapter).toMatchObject({ format: 'nice-cxone', records: 8, contacts: 4, rejected: 1, excluded: 1, folded: 2 });
    expect((await rejectsOf(t.db, r.batchId)).map((x) => [x.row, x.reason])).toEqual([[8, 'invalid inQueueSeconds: not a number']]);
    // 5001 (the 16:08 copy): offered 16:00:00 + 15 s pre-queue = 16:00:15; answered after 40 s
    // in queue; talk = agentSeconds − hold = 330 − 30 = 300; handle 300 + 30 + 60 = 390 s;
    // ended 16:00:00 + 385 s = 16:06:25.
    expect(await contact(t.db, '5001')).toMatchObject({
      offered_at: '2025-06-02T16:00:15Z',
      ended_at: '2025-06-02T16:06:25Z',
      wait_s: 40,
      talk_s: 300,
      handle_s: 390,
      agent_id: '9001',
      transferred: false,
    });
    // 5002: offered 16:00:10 … 16:10:10, ended 16:10:00 + 85 s = 16:11:25: abandoned after 75 s.
    expect(await contact(t.db, '5002')).toMatchObject({ abandoned: true, wait_s: 75, handle_s: null });
    // Master 5003: wait 25 s; talk 200 + (150 − 15) = 335, hold 15, ACW 20 + 45 = 65: handle 415 s.
    expect(await contact(t.db, '5003')).toMatchObject({ queue: 'Member Services', wait_s: 25, talk_s: 335, hold_s: 15, acw_s: 65, handle_s: 415, transferred: true });
    expect(await contact(t.db, '5004')).toBeUndefined();
    expect(await contact(t.db, '5005')).toMatchObject({ ivr_contained: true, offered_at: '2025-06-02T16:40:00Z' });
    expect(JSON.stringify(await t.db.query('SELECT * FROM contacts'))).not.toContain('5550100041');
  });

  it('is told from the other JSON sources by its content', async () => {
    const r = await t.ingest(fixture('nice-cxone-completed.json'), { format: 'genesys-cloud' });
    expect(r.message).toBe(
      'unsupported type: the file was declared Genesys Cloud analytics conversation details (JSON) (genesys-cloud), but its content is NICE CXone completed contacts (JSON) (nice-cxone); declare nice-cxone or let the format be detected',
    );
  });
});
