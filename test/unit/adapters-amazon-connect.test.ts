/**
 * Amazon Connect contact records (server/ingest/adapters/amazon-connect.ts), from the
 * fixtures in test/fixtures/adapters/ (written from the CTR data model; site zone
 * America/Los_Angeles, 2025-06-02 is PDT, UTC−7). The records of amazon-connect-ctr.jsonl:
 *   1 C-ANS   answered voice, extra keys `_id`/`createdAt`; LastUpdate 16:08:00Z
 *   2 C-ANS   an older delivery (LastUpdate 16:07:00Z, talk 999): folded, record 1 wins
 *   3 C-ABN   queued 16:10:10Z, no agent, disconnect 16:11:40Z: abandoned
 *   4 C-IVR   never queued, no agent: IVR-contained
 *   5 T-1     first leg, answered by agent.ana, transferred on (NextContactId T-2)
 *   6 T-2     second leg (InitialContactId T-1) answered by agent.ben: folded into T-1
 *   7 CH-1    answered chat, no customer endpoint
 *   8 TASK-1  channel TASK: excluded
 *   9 OUT-1   InitiationMethod OUTBOUND: excluded
 *  10 BAD-TS  EnqueueTimestamp 25:00: rejected
 *  11         not valid JSON: rejected
 * 11 records = 5 contacts + 2 rejected + 2 excluded + 2 folded.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { amazonConnect } from '../../server/ingest/adapters/amazon-connect.ts';
import { readRecords } from '../../server/ingest/adapters/read.ts';
import type { AdapterOutput, VendorRecord } from '../../server/ingest/adapters/types.ts';
import { convertRecords } from '../../server/ingest/adapters/index.ts';
import { contact, openTestDb, rejectsOf, type TestDb } from '../fixtures/ingest/helpers.ts';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/adapters/${name}`, import.meta.url));

async function convert(name: string): Promise<AdapterOutput> {
  const records: VendorRecord[] = [];
  await readRecords(fixture(name), { syntax: 'json' }, (r) => records.push(r));
  return convertRecords(amazonConnect, records, { timezone: 'America/Los_Angeles' });
}

describe('Amazon Connect conversion (pure)', () => {
  it('JSON lines, a JSON array and concatenated objects give the same contacts', async () => {
    const lines = await convert('amazon-connect-ctr.jsonl');
    const array = await convert('amazon-connect-ctr-array.json');
    const firehose = await convert('amazon-connect-ctr-firehose.json');
    // The array and Firehose files hold records 1-10 (no invalid-JSON line 11).
    expect(array.contacts).toEqual(lines.contacts);
    expect(firehose.contacts).toEqual(lines.contacts);
    expect(lines.contacts.map((c) => c.row.contact_id)).toEqual(['C-ANS', 'C-ABN', 'C-IVR', 'T-1', 'CH-1']);
    expect(lines.folded).toBe(2);
    expect(lines.excluded).toEqual([
      { record: 8, reason: 'excluded: TASK contact (an agent work item, not a customer contact)' },
      { record: 9, reason: 'excluded: outbound contact (InitiationMethod OUTBOUND), not an offer to a queue' },
    ]);
    expect(lines.rejects).toEqual([
      { record: 10, reason: 'invalid Queue.EnqueueTimestamp: not an ISO 8601 timestamp with a UTC offset' },
      { record: 11, reason: 'invalid record: not valid JSON' },
    ]);
  });

  it('a Channel named like a built-in (toString, __proto__) is an unknown channel, not a value', () => {
    const first = JSON.parse(readFileSync(fixture('amazon-connect-ctr.jsonl'), 'utf8').split('\n')[0]!) as Record<string, unknown>;
    const records = ['toString', '__proto__'].map((channel, i) => ({ n: i + 1, line: i + 1, value: { ...first, ContactId: `X${i}`, Channel: channel } }));
    const out = convertRecords(amazonConnect, records, { timezone: 'America/Los_Angeles' });
    expect(out.contacts).toEqual([]);
    expect(out.rejects).toEqual([
      { record: 1, reason: 'invalid Channel: not one of VOICE, CHAT, TASK, EMAIL' },
      { record: 2, reason: 'invalid Channel: not one of VOICE, CHAT, TASK, EMAIL' },
    ]);
  });

  it('the later LastUpdateTimestamp wins whatever the order in the file', async () => {
    const out = await convert('amazon-connect-ctr.jsonl');
    // Record 1 (16:08:00Z) beats record 2 (16:07:00Z, talk 999) although record 2 comes later.
    expect(out.contacts[0]).toEqual({
      record: 1,
      row: {
        contact_id: 'C-ANS',
        queue: 'MemberServices',
        channel: 'voice',
        offered_at: '2025-06-02T16:00:20Z', // Queue.EnqueueTimestamp, not InitiationTimestamp (16:00:00Z, IVR arrival)
        answered_at: '2025-06-02T16:00:50Z',
        ended_at: '2025-06-02T16:06:20Z',
        talk_s: '300', // AgentInteractionDuration: 16:06:20 − 16:00:50 − 30 s hold = 300 s
        hold_s: '30',
        acw_s: '60',
        agent_id: 'agent.ana',
        member_id: '+15550100001',
        transferred: 'false',
        ivr_contained: 'false',
        abandoned: 'false',
      },
    });
  });
});

describe('Amazon Connect ingest', () => {
  let t: TestDb;
  beforeEach(async () => {
    t = await openTestDb();
  });
  afterEach(() => t.close());

  it('loads the contacts with their figures, rejects with the record number and line, and records the format', async () => {
    const r = await t.ingest(fixture('amazon-connect-ctr.jsonl'));
    // rows = 5 contacts + 2 rejected records; the folded and excluded records are not rows.
    expect(r).toMatchObject({ outcome: 'committed', rowsRead: 7, rowsAccepted: 5, rowsRejected: 2, rowsAlreadyPresent: 0 });
    expect(r.adapter).toMatchObject({ format: 'amazon-connect', records: 11, contacts: 5, rejected: 2, excluded: 2, folded: 2 });
    expect(r.message).toContain('11 record(s) → 5 contact(s)');
    const [batch] = await t.db.query<{ format: string }>('SELECT format FROM ingest_batches WHERE batch_id = $id', { id: r.batchId });
    expect(batch!.format).toBe('amazon-connect');
    // Each JSON line is one record: record n starts on line n.
    expect((await rejectsOf(t.db, r.batchId)).map((x) => [x.row, x.reason, x.raw])).toEqual([
      [10, 'invalid Queue.EnqueueTimestamp: not an ISO 8601 timestamp with a UTC offset', '{"line":10}'],
      [11, 'invalid record: not valid JSON', '{"line":11}'],
    ]);

    // Answered: wait 16:00:50 − 16:00:20 = 30 s; handle 300 + 30 + 60 = 390 s.
    expect(await contact(t.db, 'C-ANS', 'amazon-connect')).toMatchObject({
      queue: 'MemberServices',
      channel: 'voice',
      wait_s: 30,
      handle_s: 390,
      abandoned: false,
      transferred: false,
      agent_id: 'agent.ana',
    });
    // Abandoned: wait = disconnect − enqueue = 16:11:40 − 16:10:10 = 90 s; no handle time.
    expect(await contact(t.db, 'C-ABN', 'amazon-connect')).toMatchObject({ abandoned: true, wait_s: 90, answered_at: null, handle_s: null, talk_s: null });
    // IVR-contained: no wait, queue "ivr".
    expect(await contact(t.db, 'C-IVR', 'amazon-connect')).toMatchObject({ ivr_contained: true, abandoned: false, queue: 'ivr', wait_s: null });
    // Transfer chain T-1 → T-2, one contact: offered 16:30:10 to MemberServices, answered 16:30:40
    // (wait 30 s) by agent.ana, ended 16:37:15 (the last leg's disconnect);
    // talk 200 + 120 = 320, hold 0 + 15 = 15, ACW 20 + 45 = 65: handle 400 s.
    expect(await contact(t.db, 'T-1', 'amazon-connect')).toMatchObject({
      queue: 'MemberServices',
      offered_at: '2025-06-02T16:30:10Z',
      ended_at: '2025-06-02T16:37:15Z',
      wait_s: 30,
      talk_s: 320,
      hold_s: 15,
      acw_s: 65,
      handle_s: 400,
      transferred: true,
      agent_id: 'agent.ana',
    });
    expect(await contact(t.db, 'T-2', 'amazon-connect')).toBeUndefined();
    // Chat: wait 17:00:25 − 17:00:05 = 20 s, handle 515 + 0 + 40 = 555 s; no endpoint, no member.
    expect(await contact(t.db, 'CH-1', 'amazon-connect')).toMatchObject({ channel: 'chat', wait_s: 20, handle_s: 555, member_key: null });
    // The caller's number is PHI: keyed, never stored.
    const stored = JSON.stringify(await t.db.query('SELECT * FROM contacts'));
    expect(stored).not.toContain('5550100001');
    expect((await contact(t.db, 'C-ANS', 'amazon-connect'))!.member_key).toMatch(/^[0-9a-f]{64}$/);
  });

  it("the contacts' source is the adapter's name unless one is given", async () => {
    await t.ingest(fixture('amazon-connect-ctr-overlap.jsonl'));
    // The same records under another source are other contacts (ids are unique per source).
    const other = await t.ingest(fixture('amazon-connect-ctr-overlap.jsonl'), { source: 'connect-east' });
    expect(other).toMatchObject({ outcome: 'committed', rowsAccepted: 2, rowsAlreadyPresent: 0 });
    expect(await t.db.query('SELECT source, count(*)::INTEGER AS n FROM contacts GROUP BY 1 ORDER BY 1')).toEqual([
      { source: 'amazon-connect', n: 2 },
      { source: 'connect-east', n: 2 },
    ]);
  });

  it('re-delivery adds no duplicates: an overlapping file adds only its new contact, the same file is a duplicate', async () => {
    await t.ingest(fixture('amazon-connect-ctr.jsonl'));
    const overlap = await t.ingest(fixture('amazon-connect-ctr-overlap.jsonl'));
    // C-ANS again (identical values): already present; C-NEW: accepted.
    expect(overlap).toMatchObject({ outcome: 'committed', rowsRead: 2, rowsAccepted: 1, rowsAlreadyPresent: 1, rowsRejected: 0 });
    const again = await t.ingest(fixture('amazon-connect-ctr.jsonl'));
    expect(again.outcome).toBe('duplicate_file');
    // The array form of the same records: every contact already present, nothing added.
    const array = await t.ingest(fixture('amazon-connect-ctr-array.json'));
    expect(array).toMatchObject({ outcome: 'committed', rowsAccepted: 0, rowsAlreadyPresent: 5, rowsRejected: 1 });
    expect((await t.counts()).contacts).toBe(6);
  });

  it('is detected from the content whatever the file name, and refused when declared as another format', async () => {
    const renamed = t.file('export.csv', readFileSync(fixture('amazon-connect-ctr-overlap.jsonl')));
    const r = await t.ingest(renamed);
    expect(r).toMatchObject({ outcome: 'committed', rowsAccepted: 2 });
    const declared = await t.ingest(t.file('x.csv', readFileSync(fixture('amazon-connect-ctr.jsonl'))), { format: 'csv' });
    expect(declared.outcome).toBe('refused');
    expect(declared.message).toBe(
      'unsupported type: the file was declared csv, but its content is Amazon Connect contact records (CTR, JSON) (amazon-connect); declare amazon-connect or let the format be detected',
    );
  });
});
