/**
 * Asterisk queue_log (server/ingest/adapters/asterisk-queue-log.ts). Fixture
 * asterisk-queue_log, epoch 1748880000 = 2025-06-02T16:00:00Z:
 *   1-4  call …0.1: ENTERQUEUE 16:00:00, RINGNOANSWER (PJSIP/201), CONNECT 16:00:30
 *        (PJSIP/202), COMPLETECALLER 16:05:30 with talk 300 s
 *   5-6  call …600.2: ENTERQUEUE 16:10:00, ABANDON 16:11:30
 *   7    PAUSE (an agent event): excluded     8  line 1 again: folded
 *   9-11 call …1200.3 in queue 8001: CONNECT after 20 s, BLINDTRANSFER
 *   12   ENTERQUEUE …1800.4 and nothing after: rejected (outcome unknown)
 *   13   COMPLETEAGENT of a call whose ENTERQUEUE is not in the file: excluded
 *   14   not a queue_log line: rejected
 * 14 records = 3 contacts + 2 rejected + 2 excluded + 7 folded.
 */
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contact, openTestDb, rejectsOf, type TestDb } from '../fixtures/ingest/helpers.ts';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/adapters/${name}`, import.meta.url));

describe('Asterisk queue_log ingest', () => {
  let t: TestDb;
  beforeEach(async () => {
    t = await openTestDb();
  });
  afterEach(() => t.close());

  it('pairs the events of each call; what the log does not carry stays unknown', async () => {
    const r = await t.ingest(fixture('asterisk-queue_log'));
    expect(r).toMatchObject({ outcome: 'committed', rowsRead: 5, rowsAccepted: 3, rowsRejected: 2 });
    expect(r.adapter).toMatchObject({ format: 'asterisk-queue-log', records: 14, contacts: 3, rejected: 2, excluded: 2, folded: 7 });
    expect((await rejectsOf(t.db, r.batchId)).map((x) => [x.row, x.reason])).toEqual([
      [12, 'invalid call: no closing event in the file (COMPLETE*, ABANDON, EXIT*, TRANSFER): outcome unknown'],
      [14, 'invalid line: not epoch|uniqueid|queue|agent|EVENT|data…'],
    ]);
    // Answered: wait 16:00:30 − 16:00:00 = 30 s; talk 300 s; hold and ACW are not logged (null),
    // so the handle time is the talk alone: 300 s. The RONA agent PJSIP/201 is not the agent.
    expect(await contact(t.db, '1748880000.1', 'asterisk-queue-log')).toMatchObject({
      queue: '8000',
      wait_s: 30,
      talk_s: 300,
      hold_s: null,
      acw_s: null,
      handle_s: 300,
      agent_id: 'PJSIP/202',
      transferred: false,
    });
    // The adapter leaves ivr_contained empty (calls that never queued are not in the log), and
    // the ingest stores it empty (migration 20): IVR containment from a queue_log is unknown.
    expect((await contact(t.db, '1748880000.1', 'asterisk-queue-log'))!.ivr_contained).toBeNull();
    // Abandoned: 16:11:30 − 16:10:00 = 90 s.
    expect(await contact(t.db, '1748880600.2', 'asterisk-queue-log')).toMatchObject({ abandoned: true, wait_s: 90 });
    // Transferred: wait 20 s; talk unknown (the transfer's data fields vary by version).
    expect(await contact(t.db, '1748881200.3', 'asterisk-queue-log')).toMatchObject({ queue: '8001', wait_s: 20, transferred: true, talk_s: null });
    expect(JSON.stringify(await t.db.query('SELECT * FROM contacts'))).not.toContain('5550100051');
  });
});
