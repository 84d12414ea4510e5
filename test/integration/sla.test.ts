/**
 * SLA readings (GET /api/sla, server/sla/service.ts, SQL in server/db/queries/slaCounts.ts)
 * on a hand-made month (test/fixtures/sla-month.csv, America/New_York, site calendar
 * Mon–Fri 09:00–17:00 with Labor Day observed). Every figure is worked out by hand below,
 * and every reading of every definition equals the same reading computed a second way: in
 * TypeScript, contact by contact from the CSV (contactCounts, businessSecondsBetween).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../server/db/database.ts';
import { putSiteCalendar } from '../../server/db/queries/calendar.ts';
import { addCounts, contactCounts, readSla, type SlaContact, type SlaCounts } from '../../server/wfm/sla/counts.ts';
import { DEFAULT_SLAS, type SlaDefinition } from '../../server/wfm/sla/definition.ts';
import type { SiteCalendar } from '../../server/wfm/siteCalendar.ts';
import { periodStartDate } from '../../server/wfm/periods.ts';
import { localDateOf } from '../../server/wfm/timezone.ts';
import { loadContactsDirect } from '../helpers/loadContactsDirect.ts';
import { serveForTest, type TestServer } from '../helpers/server.ts';

const NY = 'America/New_York';
const FIXTURE = join(import.meta.dirname, '../fixtures/sla-month.csv');
const nine2five = [{ start: '09:00', end: '17:00' }];
const cal: SiteCalendar = {
  timeZone: NY,
  hours: [{ queue: '*', channel: '*', weekly: { 1: nine2five, 2: nine2five, 3: nine2five, 4: nine2five, 5: nine2five } }],
  holidays: ['labor_day'],
  customHolidays: [],
  exceptions: [],
};

let db: Database;
let api: TestServer;

beforeAll(async () => {
  db = await Database.open(':memory:');
  await loadContactsDirect(db, FIXTURE, NY);
  await putSiteCalendar(db, cal);
  api = await serveForTest(db, { timezone: NY });
});
afterAll(async () => {
  await api.close();
  db.close();
});

/** The fixture's contacts, read from the CSV (not the database), with their plan. */
function fixtureContacts(): (SlaContact & { plan: string })[] {
  const [header, ...lines] = readFileSync(FIXTURE, 'utf8').trim().split('\n');
  const cols = header!.split(',');
  return lines.map((line) => {
    const v = Object.fromEntries(line.split(',').map((x, i) => [cols[i], x]));
    const t = (s: string) => (s ? Date.parse(s) : null);
    return {
      queue: v.queue!,
      channel: v.channel!,
      tier: Number(v.tier),
      plan: v.plan!,
      offeredMs: t(v.offered_at!)!,
      answeredMs: t(v.answered_at!),
      endedMs: t(v.ended_at!),
      ivrContained: v.ivr_contained === 'true',
    };
  });
}

/** The second path: each definition's counts contact by contact, per month (and plan). */
function secondPath(defs: readonly SlaDefinition[], byPlan: boolean): Map<string, SlaCounts> {
  const out = new Map<string, SlaCounts>();
  for (const def of defs) {
    for (const c of fixtureContacts()) {
      const counts = contactCounts(def, cal, c);
      if (!counts) continue;
      const key = [def.id, periodStartDate(def.period as 'month', localDateOf(c.offeredMs, NY)), byPlan ? c.plan : ''].join('|');
      out.set(key, addCounts(out.get(key) ?? { offered: 0, answered: 0, abandoned: 0, shortAbandoned: 0, answeredWithin: 0, waitSum: 0, outsideWindow: 0 }, counts));
    }
  }
  return out;
}

function expectSameAsSecondPath(rows: any[], defs: readonly SlaDefinition[], byPlan: boolean) {
  const expected = secondPath(defs, byPlan);
  expect(rows.length).toBe(expected.size);
  for (const r of rows) {
    const key = [r.sla, r.period, byPlan ? r.plan : ''].join('|');
    const counts = expected.get(key);
    expect(counts, key).toBeDefined();
    const def = defs.find((d) => d.id === r.sla)!;
    const want = readSla(def, counts!);
    expect({ key, value: r.value, numerator: r.numerator, denominator: r.denominator, excluded: r.excluded, status: r.status, averageWaitSeconds: r.averageWaitSeconds }).toEqual({
      key,
      value: want.value,
      numerator: want.numerator,
      denominator: want.denominator,
      excluded: want.excluded,
      status: want.status,
      averageWaitSeconds: want.averageWaitSeconds,
    });
  }
}

const find = (rows: any[], sla: string, period: string, extra: Record<string, unknown> = {}) =>
  rows.find((r) => r.sla === sla && r.period === period && Object.entries(extra).every(([k, v]) => r[k] === v));

describe('GET /api/sla on the hand-made month', () => {
  it('answers the default SLAs per month, worked by hand', async () => {
    const { status, body } = await api.get('/api/sla?from=2025-08-01&to=2025-12-01');
    expect(status).toBe(200);
    expect(body.definitionsSource).toBe('default');
    expect(body.calendarSource).toBe('stored');
    const rows = body.rows;
    // Voice, September, business hours (Mon–Fri 09–17): V5 (18:00) and V9 (19:30) are outside
    // the window; V7 is IVR-contained (never counts). In: V1 15 s, V2 40 s, V6 20 s, V8 25 s
    // answered; V3 (3 s, short) and V4 (60 s) abandoned. Within 20 s: V1, V6 = 2.
    // Denominator 4 answered + 2 abandoned − 1 short = 5 → 2/5 = 0.4, red (< 0.7).
    expect(find(rows, 'voice-service-level', '2025-09-01')).toMatchObject({
      value: 0.4,
      numerator: 2,
      denominator: 5,
      excluded: { shortAbandons: 1, outsideWindow: 2 },
      status: 'red',
      averageWaitSeconds: 25, // (15 + 40 + 20 + 25) / 4
      target: 0.8,
      threshold: 20,
      unit: 'seconds',
    });
    // Chat: C1 50 s ≤ 60, C2 120 s > 60 → 1/2.
    expect(find(rows, 'chat-service-level', '2025-09-01')).toMatchObject({ value: 0.5, numerator: 1, denominator: 2, averageWaitSeconds: 85 });
    // Email, September (all hours; the clock runs in business hours): E2 Mon 09:00 → Wed 10:00
    // = 8 + 8 + 1 = 17 h; E3 Fri 12:00 → Thu 12:00 = 5 + 8 + 8 + 8 + 3 = 32 h; E4 Sat 10:00 →
    // Mon 16:00 = 7 h; E5 never answered (a miss). Within 24 h: E2, E4 = 2 of 3 + 1 = 4 → 0.5.
    // Average business wait (17 + 32 + 7) / 3 h = 18.67 h = 67,200 s.
    expect(find(rows, 'email-response', '2025-09-01')).toMatchObject({
      value: 0.5,
      numerator: 2,
      denominator: 4,
      excluded: { shortAbandons: 0, outsideWindow: 0 },
      averageWaitSeconds: 67_200,
      unit: 'business_hours',
      threshold: 24,
    });
    // Email, August: E1 Fri 08-29 16:00 → Tue 09-02 11:00 (Labor Day closed) = 1 + 2 = 3 h.
    expect(find(rows, 'email-response', '2025-08-01')).toMatchObject({ value: 1, numerator: 1, denominator: 1, averageWaitSeconds: 10_800, status: 'green' });
    // Portal, October: P1 Fri 10-31 16:00 EDT → Mon 11-03 11:00 EST (DST ended Sunday) = 3 h.
    expect(find(rows, 'portal-response', '2025-10-01')).toMatchObject({ value: 1, averageWaitSeconds: 10_800 });
    // Abandon rate, voice and chat, September, business hours: offered in window 6 voice + 2
    // chat = 8; abandoned 2, short 1 → (2 − 1) / (8 − 1) = 1/7, red (> 0.08).
    expect(find(rows, 'abandon-rate', '2025-09-01')).toMatchObject({ numerator: 1, denominator: 7, status: 'red', excluded: { shortAbandons: 1, outsideWindow: 2 } });
    expect(find(rows, 'abandon-rate', '2025-09-01').value).toBeCloseTo(1 / 7, 12);
    expectSameAsSecondPath(rows, DEFAULT_SLAS, false);
  });

  it('groups by plan, and filters', async () => {
    const { body } = await api.get('/api/sla?from=2025-09-01&to=2025-10-01&group=plan');
    // Voice by plan: medicaid V1, V2, V6 answered, V3 (short), V4 abandoned, V5 outside →
    // 2 / (3 + 2 − 1) = 0.5; medicare_advantage V8 (25 s) → 0 / 1, V9 outside.
    expect(find(body.rows, 'voice-service-level', '2025-09-01', { plan: 'medicaid' })).toMatchObject({ value: 0.5, numerator: 2, denominator: 4, excluded: { shortAbandons: 1, outsideWindow: 1 } });
    expect(find(body.rows, 'voice-service-level', '2025-09-01', { plan: 'medicare_advantage' })).toMatchObject({
      value: 0,
      numerator: 0,
      denominator: 1,
      excluded: { shortAbandons: 0, outsideWindow: 1 },
    });
    const september = secondPath(DEFAULT_SLAS, true);
    for (const k of [...september.keys()]) if (!k.includes('|2025-09-01|')) september.delete(k);
    expect(body.rows.length).toBe(september.size);
    const filtered = await api.get('/api/sla?from=2025-09-01&to=2025-10-01&where=plan=medicare_advantage&period=total');
    expect(find(filtered.body.rows, 'voice-service-level', '2025-09-01')).toMatchObject({ value: 0, denominator: 1 });
  });

  it('edited definitions: business days, average wait in minutes, fixed CMS hours, tier scope', async () => {
    const extra: SlaDefinition[] = [
      { ...DEFAULT_SLAS[2]!, id: 'email-2-business-days', label: 'Email in 2 business days', threshold: 2, unit: 'business_days' },
      {
        ...DEFAULT_SLAS[0]!,
        id: 'voice-hold-cms',
        label: 'Average hold ≤ 2 min, Mon–Fri 8–8',
        metric: 'average_wait',
        threshold: null,
        unit: 'minutes',
        target: 2,
        amber: null,
        window: { weekdays: [1, 2, 3, 4, 5], start: '08:00', end: '20:00' },
      },
      { ...DEFAULT_SLAS[1]!, id: 'chat-tier-2', label: 'Tier 2 chat', tiers: [2] },
    ];
    const put = await api.put('/api/sla/definitions', [...DEFAULT_SLAS, ...extra]);
    expect(put.status).toBe(200);
    expect(put.body.source).toBe('stored');
    const { body } = await api.get('/api/sla?from=2025-08-01&to=2025-12-01');
    // Email in 2 business days, September: E2 Mon 09-08 → due Wed 09-10 17:00, answered 10:00 ✓;
    // E3 Fri 09-12 → due Tue 09-16 17:00, answered Thu ✗; E4 Sat 09-13 → due Tue 09-16 17:00,
    // answered Mon ✓; E5 unanswered ✗ → 2/4. August: E1 Fri 08-29 → due Wed 09-03 17:00 ✓.
    expect(find(body.rows, 'email-2-business-days', '2025-09-01')).toMatchObject({ value: 0.5, numerator: 2, denominator: 4 });
    expect(find(body.rows, 'email-2-business-days', '2025-08-01')).toMatchObject({ value: 1 });
    // Average hold, Mon–Fri 08:00–20:00: V5 (18:00) and V9 (19:30) now count; V1 15, V2 40,
    // V5 5, V6 20, V8 25, V9 10 s → 115 s / 6 = 19.17 s = 0.3194 min, green (≤ 2).
    const hold = find(body.rows, 'voice-hold-cms', '2025-09-01');
    expect(hold).toMatchObject({ denominator: 6, status: 'green', excluded: { shortAbandons: 1, outsideWindow: 0 } });
    expect(hold.value).toBeCloseTo(115 / 6 / 60, 12);
    // Tier 2 chat: C2 only, 120 s > 60 → 0/1.
    expect(find(body.rows, 'chat-tier-2', '2025-09-01')).toMatchObject({ value: 0, denominator: 1 });
    expectSameAsSecondPath(body.rows, [...DEFAULT_SLAS, ...extra], false);
    expect((await api.del('/api/sla/definitions')).body.source).toBe('default');
  });

  it('the scorecard reads each channel against its own SLA (email in business hours)', async () => {
    const metric = (row: any, name: string) => row.metrics.find((m: any) => m.name === name);
    const email = (await api.get('/api/scorecard?from=2025-09-01&to=2025-10-01&where=channel%3Demail')).body.rows[0];
    // The KPI engine's 20-second service level would be 0/4 (every email waited hours); the
    // email SLA gives 2/4 answered within 24 business hours (worked above), red below 70%.
    expect(metric(email, 'serviceLevel')).toMatchObject({
      value: 0.5,
      status: 'red',
      targetSource: 'sla',
      target: { kind: 'higher', green: 0.8, amber: 0.7 },
      sla: { id: 'email-response', threshold: 24, unit: 'business_hours' },
    });
    // Average wait: (17 + 32 + 7) / 3 business hours = 67,200 s, shown in hours, no target.
    expect(metric(email, 'asa')).toMatchObject({ value: 67_200, displayUnit: 'business_hours', status: null, target: null });
    // Grouped by channel: voice 2/5 (business hours, 20 s), chat 1/2; voice ASA stays the KPI's.
    const byChannel = (await api.get('/api/scorecard?from=2025-09-01&to=2025-10-01&group=channel')).body.rows;
    const row = (c: string) => byChannel.find((r: any) => r.channel === c);
    expect(metric(row('voice'), 'serviceLevel')).toMatchObject({ value: 0.4, sla: { id: 'voice-service-level' } });
    expect(metric(row('chat'), 'serviceLevel')).toMatchObject({ value: 0.5 });
    expect(metric(row('voice'), 'asa').sla).toBeUndefined();
    // All channels mixed: the KPI engine's figure (one 20-second threshold), no SLA.
    const all = (await api.get('/api/scorecard?from=2025-09-01&to=2025-10-01')).body.rows[0];
    expect(metric(all, 'serviceLevel').sla).toBeUndefined();
  });

  it('refuses bad parameters and definitions with 400 naming the field', async () => {
    expect(await api.get('/api/sla?to=2025-10-01')).toMatchObject({ status: 400, body: { field: 'from' } });
    expect(await api.get('/api/sla?from=2025-09-01&to=2025-10-01&period=year')).toMatchObject({ status: 400, body: { field: 'period' } });
    expect(await api.get('/api/sla?from=2025-09-01&to=2025-10-01&colour=red')).toMatchObject({ status: 400, body: { field: 'colour' } });
    const bad = await api.put('/api/sla/definitions', [{ ...DEFAULT_SLAS[0], target: 80 }]);
    expect(bad).toMatchObject({ status: 400, body: { field: 'slas[0].target' } });
    expect(JSON.stringify(bad.body)).not.toMatch(/at \w+ \(/); // no stack trace
  });
});
