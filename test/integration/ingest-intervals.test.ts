/**
 * Interval reports into `interval_aggregates` (server/ingest/intervals/): Avaya CMS split/
 * skill interval data as an `hsplit` export (totals) and as the exported report (averages
 * and a percentage), and the generic interval report; with the ingest guarantees — rejects
 * with reasons, all or nothing, the same file again, re-delivery (identical: already present;
 * different: replaces), overlapping intervals refused, a mislabelled file refused.
 * Fixtures: test/fixtures/intervals/ (hand-made; figures worked out below).
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ingestIntervalReport, type IntervalIngestOptions } from '../../server/ingest/intervals/index.ts';
import { detectIntervalReport } from '../../server/ingest/intervals/detect.ts';
import { NOW, openTestDb, rejectsOf, type TestDb } from '../fixtures/ingest/helpers.ts';

const FIX = join(import.meta.dirname, '../fixtures/intervals');
const TZ = 'America/Los_Angeles';

let t: TestDb;
beforeEach(async () => {
  t = await openTestDb();
});
afterEach(() => t.close());

const ingest = (path: string, o: Partial<IntervalIngestOptions> = {}) => ingestIntervalReport(t.db, path, { siteTimezone: TZ, timezone: TZ, now: NOW, maxRejectShare: 1, ...o });
const fixture = (name: string) => {
  const p = join(t.dir, name);
  copyFileSync(join(FIX, name), p);
  return p;
};

async function stored() {
  return t.db.query<Record<string, unknown>>(
    `SELECT queue, channel, strftime(interval_start AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%MZ') AS start, interval_minutes::INTEGER AS minutes,
       strftime(local_date, '%Y-%m-%d') AS date, strftime(interval30 AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%MZ') AS i30,
       offered, answered, abandoned, answered_within, sl_threshold_s, answered_wait_sum, abandoned_wait_sum, talk_sum, hold_sum, acw_sum, handle_sum, flags
     FROM interval_aggregates ORDER BY queue, interval_start`,
  );
}

describe('detectIntervalReport', () => {
  it('tells Avaya CMS (table or report names), the generic report and a contact log apart', () => {
    expect(detectIntervalReport(['ROW_DATE', 'STARTTIME', 'INTRVL', 'SPLIT', 'CALLSOFFERED', 'ACDCALLS', 'ABNCALLS'])).toEqual({ format: 'avaya-cms', confidence: 1 });
    expect(detectIntervalReport(['Split/Skill', 'Date', 'Start Time', 'Calls Offered', 'ACD Calls', 'Aban Calls'])?.format).toBe('avaya-cms');
    expect(detectIntervalReport(['queue', 'interval_start', 'interval_minutes', 'offered', 'answered', 'abandoned'])).toEqual({ format: 'interval', confidence: 0.95 });
    expect(detectIntervalReport(['contact_id', 'queue', 'offered_at', 'answered_at'])).toBeNull();
  });
});

describe('Avaya CMS split/skill intervals', () => {
  it('hsplit totals: stored as counts and sums, local STARTTIME in the declared zone', async () => {
    const r = await ingest(fixture('avaya-hsplit.csv'));
    expect(r).toMatchObject({ outcome: 'committed', rowsRead: 3, rowsAccepted: 3, rowsRejected: 0, rowsAlreadyPresent: 0, rowsFlagged: 0 });
    // ACD and I_STAFFTIME are not read (ACD: one switch; staffing is not a contact measure).
    expect(r.unknownColumns).toEqual(['ACD', 'I_STAFFTIME']);
    const rows = await stored();
    // 2025-06-02 08:00 PDT = 15:00Z. Handle = ACDTIME + ACWTIME (ACD time includes hold):
    // 9000 + 2160 = 11160; 11880 + 2640 = 14520; 4000 + 1000 = 5000.
    expect(rows.map((x) => [x.queue, x.start, x.minutes, x.date, x.i30, x.offered, x.answered, x.abandoned, x.answered_within, x.sl_threshold_s, x.answered_wait_sum, x.handle_sum])).toEqual([
      ['101', '2025-06-02T15:00Z', 30, '2025-06-02', '2025-06-02T15:00Z', 40, 36, 4, 30, 20, 540, 11160],
      ['101', '2025-06-02T15:30Z', 30, '2025-06-02', '2025-06-02T15:30Z', 50, 44, 5, 33, 20, 1100, 14520],
      ['102', '2025-06-02T16:00Z', 30, '2025-06-02', '2025-06-02T16:00Z', 20, 20, 0, 20, 30, 100, 5000],
    ]);
    expect(rows[0]).toMatchObject({ abandoned_wait_sum: 160, talk_sum: 9000, hold_sum: 600, acw_sum: 2160, flags: [] });
  });

  it('the exported report: averages back to sums (flagged), a percentage back to a count only when one count fits', async () => {
    const r = await ingest(fixture('avaya-report.tsv'));
    expect(r).toMatchObject({ outcome: 'committed', rowsRead: 2, rowsAccepted: 2, rowsFlagged: 2 });
    const [a, b] = await stored();
    // Row 1: 75 % of 40 offered: 30 (75.0 %) is the only count that shows as 75 (29 → 72.5 →
    // 73, 31 → 77.5 → 78). ASA 0:15 × 36 = 540; aban 0:40 × 4 = 160; talk 4:10 = 250 s × 36 =
    // 9000; ACW 60 × 36 = 2160; handle 9000 + 2160 = 11160. Length 30 from 08:00-08:30.
    expect(a).toMatchObject({
      minutes: 30,
      offered: 40,
      answered: 36,
      abandoned: 4,
      answered_within: 30,
      sl_threshold_s: 20,
      answered_wait_sum: 540,
      abandoned_wait_sum: 160,
      talk_sum: 9000,
      acw_sum: 2160,
      handle_sum: 11160,
      flags: ['sum_from_average'],
    });
    // Row 2: 87 % of 250 fits 217 (86.8 %) and 218 (87.2 %): unknown, not guessed.
    // ASA 0:20 × 200 = 4000; handle (240 + 60) × 200 = 60000.
    expect(b).toMatchObject({ offered: 250, answered: 200, answered_within: null, answered_wait_sum: 4000, handle_sum: 60000 });
  });

  it('local times need a declared zone: refused whole without one', async () => {
    const r = await ingest(fixture('avaya-hsplit.csv'), { timezone: undefined });
    expect(r).toMatchObject({ outcome: 'refused', read: false, rowsRead: 0, refusal: { code: 'time_zone_required', rowCount: 3 } });
    expect(r.message).toMatch(/^time zone required: 3 of 3 row\(s\)/);
    expect(await stored()).toEqual([]);
  });

  it('a file of one format declared as the other is refused naming both', async () => {
    const r = await ingest(fixture('avaya-hsplit.csv'), { format: 'interval' });
    expect(r).toMatchObject({ outcome: 'refused', refusal: { code: 'invalid_header' } });
    expect(r.message).toBe('invalid header: the file was declared interval but its columns are those of an Avaya CMS interval report (avaya-cms)');
  });

  it('missing ACD calls: refused naming the column', async () => {
    const p = t.file('no-acd.csv', 'ROW_DATE,STARTTIME,INTRVL,SPLIT,CALLSOFFERED,ABNCALLS,ANSTIME\n2025-06-02,800,30,101,40,4,540\n');
    const r = await ingest(p, { format: 'avaya-cms' });
    expect(r).toMatchObject({ outcome: 'refused', refusal: { code: 'missing_columns' } });
    expect(r.message).toBe('missing required column(s): ACDCALLS (ACD Calls) (Avaya CMS interval report)');
  });
});

describe('re-delivery, duplicates and overlap', () => {
  const header = 'queue,channel,interval_start,interval_minutes,offered,answered,abandoned,answered_within,sl_threshold_s,answered_wait_sum_s,handle_sum_s';
  const gen = (rows: string[]) => `${header}\n${rows.join('\n')}\n`;

  it('the same file again is a duplicate; the same interval re-delivered identical is already present, different replaces', async () => {
    const first = t.file('a.csv', gen(['q1,voice,2025-06-02T15:00:00Z,15,10,8,2,6,20,80,2400', 'q1,voice,2025-06-02T15:15:00Z,15,12,12,0,12,20,60,3600']));
    expect(await ingest(first)).toMatchObject({ outcome: 'committed', rowsAccepted: 2 });
    expect(await ingest(first)).toMatchObject({ outcome: 'duplicate_file', duplicateOf: 1 });
    // The 15:15 interval re-pulled after it closed (12 → 14 offered), the 15:00 one unchanged.
    const second = t.file('b.csv', gen(['q1,voice,2025-06-02T15:00:00Z,15,10,8,2,6,20,80,2400', 'q1,voice,2025-06-02T15:15:00Z,15,14,13,1,12,20,70,3900']));
    const r = await ingest(second);
    expect(r).toMatchObject({ outcome: 'committed', rowsRead: 2, rowsAccepted: 1, rowsAlreadyPresent: 1, rowsRejected: 0 });
    const rows = await stored();
    expect(rows.map((x) => [x.start, x.offered])).toEqual([
      ['2025-06-02T15:00Z', 10],
      ['2025-06-02T15:15Z', 14],
    ]);
  });

  it('conflicting duplicates in one file and overlapping intervals are rejected with reasons', async () => {
    const p = t.file(
      'c.csv',
      gen([
        'q1,voice,2025-06-02T15:00:00Z,15,10,8,2,6,20,80,2400', // 1 ok
        'q1,voice,2025-06-02T15:00:00Z,15,10,8,2,6,20,80,2400', // 2 identical repeat: present
        'q2,voice,2025-06-02T15:00:00Z,15,10,8,2,6,20,80,2400', // 3 conflicts with 4
        'q2,voice,2025-06-02T15:00:00Z,15,11,8,2,6,20,80,2400', // 4
        'q3,voice,2025-06-02T15:00:00Z,30,10,8,2,6,20,80,2400', // 5 overlaps 6
        'q3,voice,2025-06-02T15:15:00Z,15,10,8,2,6,20,80,2400', // 6
        'q4,voice,1900-01-01T08:00:00-05:00,15,1,1,0,1,20,5,300', // 7 sentinel
        'q4,voice,2025-03-09T02:00:00,15,1,1,0,1,20,5,300', // 8 spring-forward gap in LA
        'q4,voice,2025-06-02T15:05:00Z,15,1,1,0,1,20,5,300', // 9 off the boundary
        'q4,voice,2025-06-02T15:00:00Z,15,1,2,0,1,20,5,300', // 10 answered > offered
      ]),
    );
    const r = await ingest(p);
    expect(r).toMatchObject({ outcome: 'committed', rowsRead: 10, rowsAccepted: 1, rowsAlreadyPresent: 1, rowsRejected: 8 });
    const rejects = await rejectsOf(t.db, r.batchId);
    expect(rejects.map((x) => [x.row, x.reason])).toEqual([
      [3, 'invalid interval_start: conflicting duplicate in the file (the same queue, channel and interval with different values)'],
      [4, 'invalid interval_start: conflicting duplicate in the file (the same queue, channel and interval with different values)'],
      [5, 'invalid interval_minutes: overlaps another interval of the same queue and channel in the file (counting both would count calls twice)'],
      [6, 'invalid interval_minutes: overlaps another interval of the same queue and channel in the file (counting both would count calls twice)'],
      [7, 'invalid interval_start: a sentinel date (0001-01-01, 1753-01-01, 1899-12-30, 1899-12-31, 1900-01-01 or 1970-01-01T00:00:00Z), not a recorded time'],
      [8, 'invalid interval_start: nonexistent local time (daylight-saving gap)'],
      [9, 'invalid interval_start: not on a 15-minute boundary'],
      [10, 'invalid offered: fewer than answered + abandoned'],
    ]);
    // A stored 15-minute interval refuses a 30-minute one over it from another source (the
    // same source and start would be the same interval re-delivered: it replaces).
    const q = t.file('d.csv', gen(['q1,voice,2025-06-02T15:00:00Z,30,20,16,4,12,20,160,4800']));
    const r2 = await ingest(q, { source: 'cms-east' });
    expect(r2).toMatchObject({ outcome: 'committed', rowsAccepted: 0, rowsRejected: 1 });
    expect(r2.rejectReasons).toEqual([
      { reason: `invalid interval_minutes: overlaps a stored interval of the same queue and channel (batch ${r.batchId}; counting both would count calls twice)`, count: 1 },
    ]);
  });

  it('too many bad rows: refused whole, counts kept, nothing stored', async () => {
    const p = t.file('e.csv', gen(['q1,voice,2025-06-02T15:00:00Z,15,10,8,2,6,20,80,2400', 'q1,voice,nope,15,10,8,2,6,20,80,2400']));
    const r = await ingest(p, { maxRejectShare: 0.01 });
    expect(r).toMatchObject({ outcome: 'refused', read: true, rowsRead: 2, rowsAccepted: 1, rowsRejected: 1, refusal: { code: 'too_many_bad_rows' } });
    expect(await stored()).toEqual([]);
  });
});
