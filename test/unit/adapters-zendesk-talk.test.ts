/**
 * Zendesk Talk calls and legs (server/ingest/adapters/zendesk-talk.ts). Fixture
 * zendesk-talk-calls-legs.jsonl (2025-06-02, UTC), calls and legs in one file:
 *   1 call 9001 completed           2 the same object again: folded
 *   3 call 9002 abandoned_in_queue  4 call 9003, updated 16:25 (wrap-up null): folded
 *   5 call 9003, updated 16:40, wrap-up 30 s: wins
 *   6-8 legs 81-83 of call 9003 (83 wrapped by Airbyte): folded; 82 transferred to 83
 *   9 leg 89 of call 9999, not in the file: excluded
 *  10 call 9004 outbound: excluded  11 call 9005 abandoned_in_ivr: IVR-contained
 *  12 call 9006 created_at without T and zone: rejected
 * 12 records = 4 contacts + 1 rejected + 2 excluded + 5 folded.
 * zendesk-talk-calls-page.json: an API page holding call 9001 only (no legs).
 */
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contact, openTestDb, rejectsOf, type TestDb } from '../fixtures/ingest/helpers.ts';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/adapters/${name}`, import.meta.url));

describe('Zendesk Talk ingest', () => {
  let t: TestDb;
  beforeEach(async () => {
    t = await openTestDb();
  });
  afterEach(() => t.close());

  it('one call is one contact; legs tell transfers; duplicates and orphan legs', async () => {
    const r = await t.ingest(fixture('zendesk-talk-calls-legs.jsonl'));
    expect(r).toMatchObject({ outcome: 'committed', rowsRead: 5, rowsAccepted: 4, rowsRejected: 1 });
    expect(r.adapter).toMatchObject({ format: 'zendesk-talk', records: 12, contacts: 4, rejected: 1, excluded: 2, folded: 5 });
    expect((await rejectsOf(t.db, r.batchId)).map((x) => [x.row, x.reason])).toEqual([[12, 'invalid created_at: not an ISO 8601 timestamp with a UTC offset']]);
    // 9001: offered 16:00:00 + IVR 15 s = 16:00:15; answered 16:00:00 + time_to_answer 45 s
    // = 16:00:45: wait 30 s; handle 300 + 20 + 60 = 380 s; ended 16:00:00 + 420 s = 16:07:00.
    // No legs of 9001 in the file: transferred unknown.
    expect(await contact(t.db, '9001')).toMatchObject({ wait_s: 30, handle_s: 380, ended_at: '2025-06-02T16:07:00Z', agent_id: '361', transferred: null });
    // 9002: offered 16:10:10, ended 16:10:00 + 100 s = 16:11:40: abandoned after 90 s.
    expect(await contact(t.db, '9002')).toMatchObject({ abandoned: true, wait_s: 90, talk_s: null, handle_s: null });
    // 9003 (the 16:40 version): wait 20 s, handle 240 + 0 + 30 = 270 s; legs 82 → 83: transferred.
    expect(await contact(t.db, '9003')).toMatchObject({ wait_s: 20, acw_s: 30, handle_s: 270, transferred: true });
    expect(await contact(t.db, '9005')).toMatchObject({ ivr_contained: true, abandoned: false });
    expect(r.adapter!.excludedReasons).toEqual([
      { reason: 'excluded: a leg whose call is not in the file (a leg never creates a call; send it with its call)', count: 1 },
      { reason: 'excluded: outbound call (direction outbound), not an offer to a queue', count: 1 },
    ]);
  });

  it('an API page of the same call later adds nothing', async () => {
    await t.ingest(fixture('zendesk-talk-calls-legs.jsonl'));
    const page = await t.ingest(fixture('zendesk-talk-calls-page.json'));
    expect(page).toMatchObject({ outcome: 'committed', rowsRead: 1, rowsAccepted: 0, rowsAlreadyPresent: 1 });
  });
});
