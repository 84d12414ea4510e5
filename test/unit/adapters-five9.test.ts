/**
 * Five9 call log reports (server/ingest/adapters/five9.ts). Fixtures, written from the
 * column sets of two accounts' saved reports (CRLF, quoted TIMESTAMP as Five9 writes it):
 *
 * five9-call-log.csv (25 columns, Mon 02 Jun 2025, America/Los_Angeles = PDT, UTC−7):
 *   1 300001 answered           2 the same row again: folded
 *   3 300002 abandoned          4 300003 answered by ben, TRANSFERS 1
 *   5 300003 its 3rd-party leg: folded into the call
 *   6 300004 Autodial: excluded 7 300005 ended in the IVR
 *   8 300006 TALK TIME "1:2": rejected
 *   8 records = 4 contacts + 1 rejected + 1 excluded + 2 folded.
 * five9-inbound-call-log.csv (an "Inbound Call Log": DATE, SKILL, IVR PATH; no CALL TYPE,
 * TRANSFERS or HOLD TIME):
 *   1 400001 Sun 02 Nov 2025 01:30:00, the repeated hour   2 400002 Sun 09 Mar 2025 02:30:00, the gap
 *   3 400003 Mon 03 Nov 2025 10:00:00 (PST, UTC−8)
 */
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { five9, parseFive9Duration, parseFive9Time } from '../../server/ingest/adapters/five9.ts';
import { convertRecords } from '../../server/ingest/adapters/index.ts';
import { readRecords } from '../../server/ingest/adapters/read.ts';
import type { AdapterOutput, VendorRecord } from '../../server/ingest/adapters/types.ts';
import { contact, openTestDb, rejectsOf, type TestDb } from '../fixtures/ingest/helpers.ts';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/adapters/${name}`, import.meta.url));

async function convert(name: string, timezone: string): Promise<AdapterOutput> {
  const records: VendorRecord[] = [];
  await readRecords(fixture(name), { syntax: 'csv' }, (r) => records.push(r));
  return convertRecords(five9, records, { timezone });
}

describe('Five9 values', () => {
  it('reads local times without a zone and HH:MM:SS[.mmm] durations', () => {
    expect(parseFive9Time('Fri, 21 Aug 2026 09:00:12')).toEqual({ year: 2026, month: 8, day: 21, hour: 9, minute: 0, second: 12 });
    expect(parseFive9Time('21 Aug 2026 09:00:12')).toEqual({ year: 2026, month: 8, day: 21, hour: 9, minute: 0, second: 12 });
    expect(parseFive9Time('Tue, 31 Feb 2026 09:00:12')).toBeNull();
    expect(parseFive9Time('2026-08-21 09:00:12')).toBeNull();
    // 29.5 s; 0.235 s; 1 h 2 min 3 s = 3723 s.
    expect(parseFive9Duration('00:00:29.500', 'X')).toBe(29_500);
    expect(parseFive9Duration('00:00:00.235', 'X')).toBe(235);
    expect(parseFive9Duration('01:02:03', 'X')).toBe(3_723_000);
    expect(parseFive9Duration('', 'X')).toBeNull();
    expect(() => parseFive9Duration('1:2', 'TALK TIME')).toThrow('invalid TALK TIME: not a duration (HH:MM:SS or HH:MM:SS.mmm)');
  });

  it('the account zone is an option: the same wall time is another instant in New York', async () => {
    const la = await convert('five9-call-log.csv', 'America/Los_Angeles');
    const ny = await convert('five9-call-log.csv', 'America/New_York');
    // 09:00:12 + IVR 20 s = 09:00:32 local: PDT 16:00:32Z, EDT 13:00:32Z.
    expect(la.contacts[0]!.row.offered_at).toBe('2025-06-02T16:00:32Z');
    expect(ny.contacts[0]!.row.offered_at).toBe('2025-06-02T13:00:32Z');
  });

  it('legs, repeats, outbound and bad rows', async () => {
    const out = await convert('five9-call-log.csv', 'America/Los_Angeles');
    expect(out.contacts.map((c) => [c.record, c.row.contact_id])).toEqual([
      [1, '300001'],
      [3, '300002'],
      [4, '300003'],
      [7, '300005'],
    ]);
    expect(out.folded).toBe(2);
    expect(out.excluded).toEqual([{ record: 6, reason: 'excluded: outbound call (CALL TYPE Autodial), not an offer to a queue' }]);
    expect(out.rejects).toEqual([{ record: 8, reason: 'invalid TALK TIME: not a duration (HH:MM:SS or HH:MM:SS.mmm)' }]);
  });
});

describe('Five9 ingest', () => {
  let t: TestDb;
  beforeEach(async () => {
    t = await openTestDb();
  });
  afterEach(() => t.close());

  it('a call log in the site zone: waits, handle times, transfers and outcomes', async () => {
    const r = await t.ingest(fixture('five9-call-log.csv'));
    expect(r).toMatchObject({ outcome: 'committed', rowsRead: 5, rowsAccepted: 4, rowsRejected: 1 });
    expect(r.adapter).toMatchObject({ format: 'five9', records: 8, contacts: 4, excluded: 1, folded: 2 });
    // Data row 8 starts on line 9 (the header is line 1).
    expect((await rejectsOf(t.db, r.batchId)).map((x) => [x.row, x.raw])).toEqual([[8, '{"line":9}']]);
    // 300001: offered 09:00:12 + 20 s IVR = 16:00:32Z; answered after queue 29.5 s + ring
    // 5.25 s: wait 34.75 s; handle 270 + 30 + 60 = 360 s; ended 09:00:12 + 6 min = 16:06:12Z.
    expect(await contact(t.db, '300001')).toMatchObject({
      queue: 'Member Services',
      offered_at: '2025-06-02T16:00:32Z',
      ended_at: '2025-06-02T16:06:12Z',
      wait_s: 34.75,
      handle_s: 360,
      agent_id: 'ana@plan.example',
      transferred: false,
    });
    // 300002: offered 16:10:10Z, ended 09:10:00 + 1:25 = 16:11:25Z: abandoned after 75 s.
    expect(await contact(t.db, '300002')).toMatchObject({ abandoned: true, wait_s: 75, agent_id: null, handle_s: null });
    // 300003: wait 40 + 5 = 45 s; handle of the inbound leg only: 120 + 0 + 10 = 130 s (the
    // 3rd-party leg's 10 min of talk is the outside party's); transferred.
    expect(await contact(t.db, '300003')).toMatchObject({ wait_s: 45, handle_s: 130, transferred: true });
    expect(await contact(t.db, '300004')).toBeUndefined();
    // 300005: no agent, ABANDONED 0, never queued: IVR-contained, offered at the call's start.
    expect(await contact(t.db, '300005')).toMatchObject({ ivr_contained: true, abandoned: false, offered_at: '2025-06-02T16:40:00Z' });
    expect(JSON.stringify(await t.db.query('SELECT * FROM contacts'))).not.toContain('5550100021');
  });

  it('another saved report: missing columns stay unknown; the fall-back hour is flagged, the gap rejected', async () => {
    const r = await t.ingest(fixture('five9-inbound-call-log.csv'));
    expect(r).toMatchObject({ outcome: 'committed', rowsRead: 3, rowsAccepted: 2, rowsRejected: 1, rowsFlagged: 1 });
    expect(r.rejectReasons).toEqual([{ reason: 'invalid TIMESTAMP: nonexistent local time (daylight-saving gap in America/Los_Angeles)', count: 1 }]);
    // 01:30:00 on 02 Nov 2025 happens twice; the earlier (PDT) is taken and flagged:
    // 08:30:00Z + IVR 10 s = 08:30:10Z; wait 20 + 2 = 22 s; handle 180 + (no hold column) + 30 = 210 s.
    expect(await contact(t.db, '400001')).toMatchObject({
      queue: 'Pharmacy', // SKILL before CAMPAIGN
      offered_at: '2025-11-02T08:30:10Z',
      wait_s: 22,
      hold_s: null,
      handle_s: 210,
      transferred: null, // no TRANSFERS column and one leg: unknown, not false
      flags: ['ambiguous_local_time'],
    });
    // 10:00:00 PST = 18:00:00Z, + 10 s IVR.
    expect(await contact(t.db, '400003')).toMatchObject({ offered_at: '2025-11-03T18:00:10Z', wait_s: 22, transferred: null });
  });

  it('a report without CALL ID or TIMESTAMP is refused naming them; mislabelled files are refused', async () => {
    const noTime = t.file('f.csv', 'CALL ID,CAMPAIGN,QUEUE WAIT TIME,TALK TIME\n1,Main,00:00:10,00:01:00\n');
    const r = await t.ingest(noTime, { format: 'five9' });
    expect(r).toMatchObject({ outcome: 'refused', message: 'missing required column for a Five9 call log: TIMESTAMP' });
    const asAmazon = await t.ingest(fixture('five9-call-log.csv'), { format: 'amazon-connect' });
    expect(asAmazon.message).toBe(
      'unsupported type: the file was declared Amazon Connect contact records (CTR, JSON) (amazon-connect), but its content is Five9 call log report (CSV) (five9); declare five9 or let the format be detected',
    );
  });
});
