/**
 * Twilio TaskRouter events (server/ingest/adapters/twilio-taskrouter.ts). Fixture
 * twilio-taskrouter-events.jsonl (Event Streams envelopes; records 19-22 as the Workspace
 * callback posts them, PascalCase with epoch seconds; 2025-06-02, UTC):
 *   1-8   task WT1: queued 16:00:01; WK1 reserved and timed out (RONA); WK2 accepted 16:00:31,
 *         wrap-up 16:05:31, completed 16:06:31      9  record 6 again (same sid): folded
 *   10-12 task WT2: queued 16:10:00.5, canceled 16:11:30.5
 *   13-18 task WT3 (call CA3): queued 16:20:00, WK1 accepted 16:20:20, transfer, wrap-up
 *         16:22:20, completed 16:22:50
 *   19-22 task WT4 (call CA3): WK3 accepted 16:22:40, wrap-up 16:25:00, completed 16:25:30
 *   23    worker.activity.update: excluded          24-25 task WT5, outbound: excluded
 *   26-27 task WT6: queued, never finished: rejected
 * 27 records = 3 contacts + 1 rejected + 2 excluded + 21 folded.
 */
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contact, openTestDb, rejectsOf, type TestDb } from '../fixtures/ingest/helpers.ts';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/adapters/${name}`, import.meta.url));

describe('Twilio TaskRouter ingest', () => {
  let t: TestDb;
  beforeEach(async () => {
    t = await openTestDb();
  });
  afterEach(() => t.close());

  it('rebuilds each contact from its task events', async () => {
    const r = await t.ingest(fixture('twilio-taskrouter-events.jsonl'));
    expect(r).toMatchObject({ outcome: 'committed', rowsRead: 4, rowsAccepted: 3, rowsRejected: 1 });
    expect(r.adapter).toMatchObject({ format: 'twilio-taskrouter', records: 27, contacts: 3, rejected: 1, excluded: 2, folded: 21 });
    expect((await rejectsOf(t.db, r.batchId)).map((x) => [x.row, x.reason])).toEqual([[26, 'invalid task: no task.completed or task.canceled in the file: the task is not finished']]);
    // WT1: wait 16:00:31 − 16:00:01 = 30 s (WK1's timed-out reservation is not the answer);
    // talk = wrap-up − accepted = 300 s (hold included; hold unknown: null); ACW 60 s;
    // handle 300 + 60 = 360 s.
    expect(await contact(t.db, 'WT1')).toMatchObject({ queue: 'Member Services', wait_s: 30, talk_s: 300, hold_s: null, acw_s: 60, handle_s: 360, agent_id: 'WK2', transferred: false });
    // WT2: canceled before any acceptance: abandoned after 16:11:30.5 − 16:10:00.5 = 90 s.
    expect(await contact(t.db, 'WT2')).toMatchObject({ abandoned: true, wait_s: 90 });
    // WT3 + WT4 (one call): wait 20 s; talk 120 + 140 = 260 s, ACW 30 + 30 = 60 s: handle
    // 320 s; ended at the second leg's wrap-up, 16:25:00.
    expect(await contact(t.db, 'WT3')).toMatchObject({ wait_s: 20, talk_s: 260, acw_s: 60, handle_s: 320, transferred: true, ended_at: '2025-06-02T16:25:00Z', agent_id: 'WK1' });
    expect(await contact(t.db, 'WT4')).toBeUndefined();
    expect(JSON.stringify(await t.db.query('SELECT * FROM contacts'))).not.toContain('5550100061');
  });
});
