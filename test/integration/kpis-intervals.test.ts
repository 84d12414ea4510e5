/**
 * KPIs from interval reports, and metrics a source does not carry: null with the reason,
 * never 0 (docs/metrics.md, "When a metric is null" and "Interval reports").
 *
 * Fixture test/fixtures/intervals/avaya-hsplit.csv (hand-made, times in America/Los_Angeles):
 *   split 101  08:00 30 min  offered 40  ACD 36  aban 4  ACCEPTABLE 30 @ 20 s  ANSTIME 540   ABNTIME 160  ACD 9000  ACW 2160  HOLD 600
 *   split 101  08:30 30 min  offered 50  ACD 44  aban 5  ACCEPTABLE 33 @ 20 s  ANSTIME 1100  ABNTIME 250  ACD 11880 ACW 2640  HOLD 800
 *   split 102  09:00 30 min  offered 20  ACD 20  aban 0  ACCEPTABLE 20 @ 30 s  ANSTIME 100   ABNTIME 0    ACD 4000  ACW 1000  HOLD 0
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ingestIntervalReport } from '../../server/ingest/intervals/index.ts';
import { parseKpiParams } from '../../server/kpi/params.ts';
import { kpiRows, scorecard } from '../../server/kpi/service.ts';
import { dailyHistory, intervalHistory, seriesRanges } from '../../server/db/queries/history.ts';
import { NOW, openTestDb, type TestDb } from '../fixtures/ingest/helpers.ts';

const TZ = 'America/Los_Angeles';
let t: TestDb;
beforeEach(async () => {
  t = await openTestDb();
  const p = join(t.dir, 'hsplit.csv');
  copyFileSync(join(import.meta.dirname, '../fixtures/intervals/avaya-hsplit.csv'), p);
  const r = await ingestIntervalReport(t.db, p, { siteTimezone: TZ, timezone: TZ, now: NOW });
  expect(r.outcome).toBe('committed');
});
afterEach(() => t.close());

const rows = (q: Record<string, string>) => kpiRows(t.db, parseKpiParams({ from: '2025-06-02', to: '2025-06-03', ...q }), TZ);

describe('KPIs from an Avaya CMS interval report', () => {
  it('offered, answered, abandon rate, SL at the report threshold, ASA and AHT come from the aggregates', async () => {
    const [a, b] = await rows({ group: 'queue' });
    // Split 101: offered 40 + 50 = 90; answered 36 + 44 = 80; abandoned 4 + 5 = 9 (one call
    // left otherwise: offered ≠ answered + abandoned). Short abandons 0 (not in the report).
    // SL (default variant) = within / (answered + abandoned − short) = (30 + 33) / (80 + 9) = 63/89.
    // ASA = (540 + 1100) / 80 = 20.5 s. Abandon rate = (9 − 0) / (90 − 0) = 0.1.
    // AHT = (9000 + 2160 + 11880 + 2640) / 80 = 25680 / 80 = 321 s (ACD time includes hold).
    // Avg time to abandon = (160 + 250) / 9. Avg hold = (600 + 800) / 80 = 17.5 s.
    expect(a).toMatchObject({ queue: '101', offered: 90, answered: 80, abandoned: 9, shortAbandoned: 0, answeredWithinThreshold: 63, asa: 20.5, abandonRate: 0.1, aht: 321, avgHoldTime: 17.5 });
    expect(a!.serviceLevel).toBeCloseTo(63 / 89, 12);
    expect(a!.avgTimeToAbandon).toBeCloseTo(410 / 9, 12);
    // Metrics that need contact rows: null, with the reason.
    const noRows = '90 of 90 offered contacts come from interval reports, which have no contact rows; this metric needs them';
    for (const m of ['fcr', 'csat', 'nps', 'transferRate', 'waitP50', 'waitP90', 'ivrContainment'] as const) {
      expect(a![m]).toBeNull();
      expect(a!.nullReasons[m]).toBe(noRows);
    }
    // Split 102 reports answers within 30 s: at T = 20 s its service level is unknown.
    // ASA = 100 / 20 = 5 s; AHT = (4000 + 1000) / 20 = 250 s; abandon rate 0 / 20 = 0.
    expect(b).toMatchObject({ queue: '102', offered: 20, answered: 20, abandoned: 0, serviceLevel: null, asa: 5, aht: 250, abandonRate: 0, avgTimeToAbandon: null });
    expect(b!.nullReasons.serviceLevel).toBe('20 of 20 offered contacts come from interval reports; for 20 of them no count answered within 20 s is known; the reports count answers within 30 s');
    expect(b!.nullReasons.avgTimeToAbandon).toBe('no abandons in the period that are not short abandons');
  });

  it('service level at another threshold is null; at the report threshold it is exact', async () => {
    const [a, b] = await rows({ group: 'queue', 'sl-seconds': '30' });
    // At T = 30 s: 102 has 20 within 30 s of 20 + 0 → 1; 101 reported at 20 s → unknown.
    expect(b!.serviceLevel).toBe(1);
    expect(a!.serviceLevel).toBeNull();
    expect(a!.nullReasons.serviceLevel).toBe('90 of 90 offered contacts come from interval reports; for 90 of them no count answered within 30 s is known; the reports count answers within 20 s');
    // Variants that need abandons within T: null wherever reports contribute.
    const [all] = await rows({ 'sl-variant': 'answered_or_abandoned_within_of_offered' });
    expect(all!.serviceLevel).toBeNull();
    expect(all!.nullReasons.serviceLevel).toMatch(/do not count abandons within T/);
  });

  it('by 30-minute interval, and the scorecard shows the null metrics with their reasons', async () => {
    const byInterval = await rows({ by: 'interval30', where: 'queue=101', fill: 'false' });
    // 08:00 and 08:30 PDT; SL 30 / 40 and 33 / 49.
    expect(byInterval.map((r) => [r.period, r.offered, r.serviceLevel])).toEqual([
      ['2025-06-02T08:00:00-07:00', 40, 30 / 40],
      ['2025-06-02T08:30:00-07:00', 50, 33 / 49],
    ]);
    const card = await scorecard(t.db, parseKpiParams({ from: '2025-06-02', to: '2025-06-03', group: 'queue' }), TZ);
    const fcr = card.rows[0]!.metrics.find((m) => m.name === 'fcr')!;
    expect(fcr).toMatchObject({ value: null, status: null, nullReason: '90 of 90 offered contacts come from interval reports, which have no contact rows; this metric needs them' });
    expect(card.rows[0]!.metrics.find((m) => m.name === 'aht')).toMatchObject({ value: 321, nullReason: null });
  });

  it('contacts win: a report interval with contacts of its queue and channel inside it is not counted', async () => {
    const csv =
      'contact_id,queue,channel,offered_at,answered_at,ended_at,talk_s,acw_s,member_id,transferred,csat\n' +
      'C1,101,voice,2025-06-02T08:10:00-07:00,2025-06-02T08:10:10-07:00,2025-06-02T08:15:10-07:00,300,60,M1,false,5\n';
    const r = await t.ingest(t.file('contacts.csv', csv), { maxRejectShare: 0.01 });
    expect(r.outcome).toBe('committed');
    const [a] = await rows({ group: 'queue', where: 'queue=101' });
    // The 08:00 report row is left out (C1 is inside it); the 08:30 row counts.
    // offered 1 + 50 = 51; answered 1 + 44 = 45; abandoned 0 + 5 = 5; within 20 s: 1 (wait
    // 10 s) + 33 = 34 → SL 34 / (45 + 5) = 0.68; ASA (10 + 1100) / 45; AHT (360 + 14520) / 45.
    expect(a).toMatchObject({ offered: 51, answered: 45, abandoned: 5, serviceLevel: 0.68 });
    expect(a!.asa).toBeCloseTo(1110 / 45, 12);
    expect(a!.aht).toBeCloseTo(14880 / 45, 12);
    // C1 has a CSAT score and a transfer value, but 50 of the 51 offered have no contact rows.
    expect(a!.csat).toBeNull();
    expect(a!.nullReasons.csat).toBe('50 of 51 offered contacts come from interval reports, which have no contact rows; this metric needs them');
  });

  it('the forecast history reads the aggregates', async () => {
    // Offered per day and the AHT numerator/denominator: 101 → 90 offered, 80 handled, 25680 s.
    expect(await dailyHistory(t.db, { queue: '101' })).toEqual([{ date: '2025-06-02', offered: 90, handled: 80, handleSum: 25680 }]);
    expect((await intervalHistory(t.db, { queue: '101' }, 30, '2025-06-02', '2025-06-02')).map((r) => [new Date(r.start).toISOString(), r.offered])).toEqual([
      ['2025-06-02T15:00:00.000Z', 40],
      ['2025-06-02T15:30:00.000Z', 50],
    ]);
    expect(await seriesRanges(t.db)).toEqual([
      { queue: '101', channel: 'voice', firstDate: '2025-06-02', lastDate: '2025-06-02' },
      { queue: '102', channel: 'voice', firstDate: '2025-06-02', lastDate: '2025-06-02' },
    ]);
  });
});

describe('a metric whose inputs the source does not carry is null, not 0', () => {
  it('no transfer, IVR, survey, member or disposition columns: stored NULL, KPI null with the reason', async () => {
    const csv =
      'contact_id,queue,offered_at,answered_at,ended_at,talk_s\n' +
      'X1,q9,2025-06-05T09:00:00-07:00,2025-06-05T09:00:05-07:00,2025-06-05T09:04:05-07:00,240\n' +
      'X2,q9,2025-06-05T09:01:00-07:00,,2025-06-05T09:02:00-07:00,\n';
    const r = await t.ingest(t.file('bare.csv', csv), { maxRejectShare: 0.01 });
    expect(r).toMatchObject({ outcome: 'committed', rowsAccepted: 2 });
    const stored = await t.db.query<Record<string, unknown>>(`SELECT transferred, ivr_contained, csat, nps, resolved, member_key FROM contacts WHERE queue = 'q9' ORDER BY contact_id`);
    expect(stored).toEqual([
      { transferred: null, ivr_contained: null, csat: null, nps: null, resolved: null, member_key: null },
      { transferred: null, ivr_contained: null, csat: null, nps: null, resolved: null, member_key: null },
    ]);
    const [k] = await kpiRows(t.db, parseKpiParams({ from: '2025-06-05', to: '2025-06-06', where: 'queue=q9' }), TZ);
    // offered 2, answered 1, abandoned 1 (wait 60 s): abandon rate 1/2; AHT 240 s.
    // Both still count as offered (an empty ivr_contained is not containment): offered 2.
    expect(k).toMatchObject({ offered: 2, answered: 1, abandonRate: 0.5, aht: 240, transferRate: null, ivrContainment: null, csat: null, nps: null, fcr: null });
    expect(k!.nullReasons).toMatchObject({
      ivrContainment: 'no contact in the period says whether it was contained in the IVR: the source has no ivr_contained column, or it is empty',
      transferRate: 'no answered contact in the period says whether it was transferred: the source has no transfer column, or it is empty',
      csat: 'no CSAT responses in the period: the source has no survey score column, or it is empty',
      fcr: expect.stringMatching(/^no answered contact in the period has a known outcome/),
    });
    expect(k!.nullReasons.aht).toBeUndefined();
    const card = await scorecard(t.db, parseKpiParams({ from: '2025-06-05', to: '2025-06-06', where: 'queue=q9' }), TZ);
    const csat = card.rows[0]!.metrics.find((m) => m.name === 'csat')!;
    expect(csat).toMatchObject({ value: null, status: null, nullReason: 'no CSAT responses in the period: the source has no survey score column, or it is empty' });
  });
});
