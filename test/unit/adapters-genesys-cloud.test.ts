/**
 * Genesys Cloud conversation details (server/ingest/adapters/genesys-cloud.ts). Fixture
 * genesys-cloud-details.jsonl (written from the analytics conversation-detail schema; times
 * on 2025-06-02, UTC), one conversation per line:
 *   1 G-ABN    an early pull while active (no conversationEnd): folded, replaced by record 3
 *   2 G-RONA   agent-rona alerted and timed out (tNotResponding, a 5 s wrap-up), agent-ann answered
 *   3 G-ABN    abandoned in queue after tAbandon 62 s
 *   4 G-IVR    customer and IVR only: contained
 *   5 G-XFER   agent-ann answered and transferred (nTransferred 1) to agent-bo, who answered
 *   6 G-BADTS  complete, but a segmentStart with a single-digit day: rejected
 *   7 G-OUT    originatingDirection outbound: excluded
 *   8 G-ACTIVE no conversationEnd: rejected (not complete)
 * 8 records = 4 contacts + 2 rejected + 1 excluded + 1 folded.
 * genesys-cloud-query-response.json holds the same conversations as two query-response pages.
 */
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { genesysCloud } from '../../server/ingest/adapters/genesys-cloud.ts';
import { convertRecords } from '../../server/ingest/adapters/index.ts';
import { readRecords } from '../../server/ingest/adapters/read.ts';
import type { AdapterOutput, VendorRecord } from '../../server/ingest/adapters/types.ts';
import { contact, openTestDb, rejectsOf, type TestDb } from '../fixtures/ingest/helpers.ts';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/adapters/${name}`, import.meta.url));

async function convert(name: string): Promise<AdapterOutput> {
  const records: VendorRecord[] = [];
  await readRecords(fixture(name), { syntax: 'json', unwrap: genesysCloud.unwrap }, (r) => records.push(r));
  return convertRecords(genesysCloud, records, { timezone: 'UTC' });
}

describe('Genesys Cloud conversion (pure)', () => {
  it('one conversation per line and query-response pages give the same contacts', async () => {
    const lines = await convert('genesys-cloud-details.jsonl');
    const pages = await convert('genesys-cloud-query-response.json');
    expect(pages).toEqual(lines);
    expect(lines.contacts.map((c) => [c.record, c.row.contact_id])).toEqual([
      [2, 'G-RONA'],
      [3, 'G-ABN'],
      [4, 'G-IVR'],
      [5, 'G-XFER'],
    ]);
    expect(lines.rejects).toEqual([
      { record: 6, reason: 'invalid segmentStart: not an ISO 8601 timestamp with a UTC offset' },
      { record: 8, reason: 'invalid conversationEnd: missing: the conversation is not complete (send it again once it has ended)' },
    ]);
    expect(lines.excluded).toEqual([{ record: 7, reason: 'excluded: outbound conversation (originatingDirection outbound), not an offer to a queue' }]);
    expect(lines.folded).toBe(1);
  });

  it('a RONA agent is not the answering agent, and their wrap-up does not count', async () => {
    const { contacts } = await convert('genesys-cloud-details.jsonl');
    expect(contacts[0]!.row).toEqual({
      contact_id: 'G-RONA',
      queue: 'Member Services', // the acd participant's name
      channel: 'voice',
      offered_at: '2025-06-02T15:00:10Z', // nOffered emitDate (the IVR ran from 15:00:00)
      answered_at: '2025-06-02T15:00:55Z', // agent-ann's tAnswered, not agent-rona's alert at 15:00:12
      ended_at: '2025-06-02T15:05:15Z',
      talk_s: '240', // tTalkComplete 240000 ms
      hold_s: '20',
      acw_s: '45', // agent-ann's tAcw 45000 ms; agent-rona's 5000 ms is left out
      agent_id: 'agent-ann',
      member_id: 'tel:+15550100011',
      transferred: 'false',
      ivr_contained: 'false',
      abandoned: 'false',
    });
  });
});

describe('Genesys Cloud ingest', () => {
  let t: TestDb;
  beforeEach(async () => {
    t = await openTestDb();
  });
  afterEach(() => t.close());

  it('loads each conversation as one contact with the vendor metrics in seconds', async () => {
    const r = await t.ingest(fixture('genesys-cloud-details.jsonl'));
    expect(r).toMatchObject({ outcome: 'committed', rowsRead: 6, rowsAccepted: 4, rowsRejected: 2 });
    expect(r.adapter).toMatchObject({ format: 'genesys-cloud', records: 8, contacts: 4, rejected: 2, excluded: 1, folded: 1 });
    expect((await rejectsOf(t.db, r.batchId)).map((x) => [x.row, x.raw])).toEqual([
      [6, '{"line":6}'],
      [8, '{"line":8}'],
    ]);
    // RONA case: wait 15:00:55 − 15:00:10 = 45 s; handle 240 + 20 + 45 = 305 s.
    expect(await contact(t.db, 'G-RONA')).toMatchObject({ wait_s: 45, handle_s: 305, agent_id: 'agent-ann', transferred: false });
    // Abandoned: ended = offered + tAbandon = 15:10:00 + 62 s = 15:11:02; wait 62 s.
    expect(await contact(t.db, 'G-ABN')).toMatchObject({ abandoned: true, wait_s: 62, ended_at: '2025-06-02T15:11:02Z', handle_s: null });
    expect(await contact(t.db, 'G-IVR')).toMatchObject({ ivr_contained: true, queue: 'ivr', wait_s: null });
    // Transfer: wait 15:30:20 − 15:30:05 = 15 s; talk 100 + 200 = 300 s, no hold metric (null),
    // ACW 10 s: handle 300 + 0 + 10 = 310 s.
    expect(await contact(t.db, 'G-XFER')).toMatchObject({ wait_s: 15, talk_s: 300, hold_s: null, acw_s: 10, handle_s: 310, transferred: true, agent_id: 'agent-ann' });
    expect(JSON.stringify(await t.db.query('SELECT * FROM contacts'))).not.toContain('5550100011');
  });

  it('the vendor samples: a complete chat loads, a conversation without conversationEnd is rejected', async () => {
    const one = await t.ingest(fixture('genesys-blueprint-conversation1.json'));
    expect(one).toMatchObject({ outcome: 'committed', rowsAccepted: 1 });
    // nOffered at 12:27:53.388, tAnswered at 12:28:04.569: wait 11.181 s. Talk 374.561 s
    // (tTalkComplete), hold 544.176 s (tHeldComplete, on hold to the end), no tAcw:
    // handle 374.561 + 544.176 = 918.737 s.
    const c = (await t.db.query<Record<string, unknown>>('SELECT contact_id, queue, channel, wait_s, talk_s, hold_s, acw_s, handle_s FROM contacts'))[0]!;
    expect(c).toMatchObject({ queue: 'Yuri', channel: 'chat', acw_s: null });
    expect(c.wait_s).toBeCloseTo(11.181, 9);
    expect(c.talk_s).toBeCloseTo(374.561, 9);
    expect(c.hold_s).toBeCloseTo(544.176, 9);
    expect(c.handle_s).toBeCloseTo(918.737, 9);
    const two = await t.ingest(fixture('genesys-blueprint-conversation2.json'));
    expect(two).toMatchObject({ outcome: 'committed', rowsRead: 1, rowsAccepted: 0, rowsRejected: 1 });
    expect(two.rejectReasons).toEqual([{ reason: 'invalid conversationEnd: missing: the conversation is not complete (send it again once it has ended)', count: 1 }]);
  });

  it('a Genesys file declared as Amazon Connect is refused, naming both', async () => {
    const r = await t.ingest(fixture('genesys-cloud-details.jsonl'), { format: 'amazon-connect' });
    expect(r.outcome).toBe('refused');
    expect(r.message).toBe(
      'unsupported type: the file was declared Amazon Connect contact records (CTR, JSON) (amazon-connect), but its content is Genesys Cloud analytics conversation details (JSON) (genesys-cloud); declare genesys-cloud or let the format be detected',
    );
    expect((await t.counts()).contacts).toBe(0);
  });
});
