/**
 * The KPI endpoints over HTTP, against a real server on an ephemeral port, on the
 * hand-made fixture (figures worked out in kpis.test.ts).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestFile } from '../../server/ingest/index.ts';
import { Database } from '../../server/db/database.ts';
import { METRICS } from '../../server/wfm/kpi.ts';
import { loadContactsDirect } from '../helpers/loadContactsDirect.ts';
import { serveForTest, type TestServer } from '../helpers/server.ts';

const FIXTURE = new URL('../fixtures/kpi-fixture.csv', import.meta.url).pathname;
let db: Database;
let api: TestServer;

beforeAll(async () => {
  db = await Database.open(':memory:');
  await loadContactsDirect(db, FIXTURE, 'America/Los_Angeles');
  api = await serveForTest(db);
});
afterAll(async () => {
  await api.close();
  db.close();
});

describe('GET /api/kpis', () => {
  it('answers rows of KPIs by group', async () => {
    const { status, body } = await api.get('/api/kpis?group=queue&where=channel%3Dvoice');
    expect(status).toBe(200);
    const medicaid = body.find((r: { queue: string }) => r.queue === 'medicaid');
    // medicaid voice: 18 offered minus chat A14, A15 = 16
    expect(medicaid.offered).toBe(16);
    expect(Object.keys(medicaid)).toEqual(expect.arrayContaining(['period', 'queue', 'serviceLevel', 'asa', 'waitP50', 'waitP90', 'fcrEligible', 'ivrContainment']));
  });

  it.each([
    ['from=2025-13-01', 'from'],
    ['from=2025-06-10&to=2025-06-02', 'to'],
    ['by=fortnight', 'by'],
    ['group=queue,agent', 'group'],
    ['group=queue;DROP TABLE contacts', 'group'],
    ['where=queue', 'where'],
    ['where=password%3Dx', 'where'],
    ['sl-seconds=-3', 'sl-seconds'],
    ['sl-variant=whatever', 'sl-variant'],
    ['metric=serviceLevel', 'metric'],
  ])('refuses %s with 400 naming %s', async (query, field) => {
    const { status, body } = await api.get(`/api/kpis?${query}`);
    expect(status).toBe(400);
    expect(body.field).toBe(field);
    expect(body.error).toMatch(new RegExp(`^invalid ${field}: `));
  });

  it('skips the wait percentiles when asked, and nothing else changes', async () => {
    const withP = (await api.get('/api/kpis?group=queue')).body;
    const without = (await api.get('/api/kpis?group=queue&percentiles=false')).body;
    expect(withP[0].waitP90).not.toBeNull();
    expect(without.map((r: Record<string, unknown>) => [r.waitP50, r.waitP90])).toEqual([
      [null, null],
      [null, null],
    ]);
    // …and their null reasons say they were not computed.
    expect(without[0].nullReasons.waitP50).toBe('not computed: wait percentiles need every contact row (percentiles=false)');
    const strip = (r: Record<string, unknown>) => {
      const { waitP50: _a, waitP90: _b, ...reasons } = r.nullReasons as Record<string, string>;
      return { ...r, waitP50: null, waitP90: null, nullReasons: reasons };
    };
    expect(without.map(strip)).toEqual(withP.map(strip));
  });

  it('binds filter values, so quotes in a value are data, not SQL', async () => {
    const { status, body } = await api.get(`/api/kpis?where=${encodeURIComponent("queue=x' OR '1'='1")}`);
    expect(status).toBe(200);
    expect(body[0].offered).toBe(0);
    const count = await db.query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM contacts');
    expect(count[0]!.n).toBe(30);
  });
});

describe('GET /api/scorecard, /api/metrics, /api/dimensions', () => {
  it('scores each metric against its target', async () => {
    const { status, body } = await api.get('/api/scorecard?from=2025-06-02&to=2025-06-09&group=queue');
    expect(status).toBe(200);
    expect(body.previousFrom).toBe('2025-05-26');
    const medicare = body.rows.find((r: { queue: string }) => r.queue === 'medicare');
    const sl = medicare.metrics.find((m: { name: string }) => m.name === 'serviceLevel');
    // week of 06-02, medicare (B07 on 06-12 is outside): answered B01 B02 B03 B05 B09 B10
    // B06 = 7; within 20 s B02 B03 B05 B10 B06 = 5; B04 a short abandon → 5 / (7 + 1 − 1)
    // = 71.4%: amber (70% ≤ SL < 80%)
    expect(sl.value).toBeCloseTo(5 / 7, 12);
    expect(sl.status).toBe('amber');
    expect(sl.previous).toBeNull(); // no data the week before
    const nps = medicare.metrics.find((m: { name: string }) => m.name === 'nps');
    expect([nps.value, nps.status]).toEqual([25, 'green']); // ≥ 25 is green
    // The rates read from few contacts carry their basis: FCR from B01 B02 B03 B05 B09 B10
    // (B06's window is not over: excluded) → 3 of 6; CSAT from B01 B02 B09; NPS from 4.
    const basis = (name: string) => medicare.metrics.find((m: { name: string }) => m.name === name).basis;
    expect([basis('fcr'), basis('csat'), basis('nps'), basis('serviceLevel')]).toEqual([6, 3, 4, null]);
  });

  it('refuses a period parameter on the scorecard', async () => {
    const { status, body } = await api.get('/api/scorecard?by=day');
    expect([status, body.field]).toEqual([400, 'by']);
  });

  it('serves the metric registry and the dimensions', async () => {
    const metrics = (await api.get('/api/metrics')).body;
    expect(metrics.map((m: { name: string }) => m.name)).toEqual(METRICS.map((m) => m.name));
    const dims = (await api.get('/api/dimensions')).body;
    expect(dims.queue).toEqual(['medicaid', 'medicare']);
    expect(dims.tier).toEqual([1, 2]);
    expect([dims.minDate, dims.maxDate]).toEqual(['2025-06-02', '2025-06-12']);
  });

  it('sees new data in the dimensions after an ingest (the cached answer is renewed)', async () => {
    expect((await api.get('/api/dimensions')).body.queue).toEqual(['medicaid', 'medicare']);
    const dir = mkdtempSync(join(tmpdir(), 'staffcast-dims-'));
    const file = join(dir, 'new-queue.csv');
    writeFileSync(file, 'contact_id,queue,offered_at,answered_at\nN1,appeals,2025-06-12T09:00:00-07:00,2025-06-12T09:00:05-07:00\n');
    const result = await ingestFile(db, file, { siteTimezone: 'America/Los_Angeles', hmacKey: Buffer.alloc(32), source: 'dims' });
    expect(result.outcome).toBe('committed');
    expect((await api.get('/api/dimensions')).body.queue).toEqual(['appeals', 'medicaid', 'medicare']);
    await db.query("DELETE FROM contacts WHERE source = 'dims'"); // leave the fixture as it was
  });

  it('answers an unknown endpoint with 404 JSON', async () => {
    const { status, body } = await api.get('/api/nope');
    expect(status).toBe(404);
    expect(body.error).toMatch(/no such endpoint/);
  });
});

describe('targets per queue', () => {
  it('scores a queue against its own target, others against the default', async () => {
    // Medicare's own SL target: green ≥ 70%, amber ≥ 60%. Week of 06-02: medicare 5/7 =
    // 71.4% → green under its own target (amber under the default 80/70); medicaid 8/17 =
    // 47.1% → red under the default.
    const put = await api.put('/api/targets', {
      metric: 'serviceLevel',
      queue: 'medicare',
      target: { kind: 'higher', green: 0.7, amber: 0.6 },
    });
    expect(put.status).toBe(200);
    const card = (await api.get('/api/scorecard?from=2025-06-02&to=2025-06-09&group=queue')).body;
    const sl = (q: string) => card.rows.find((r: { queue: string }) => r.queue === q).metrics.find((m: { name: string }) => m.name === 'serviceLevel');
    expect([sl('medicare').status, sl('medicare').targetSource]).toEqual(['green', 'override']);
    expect(sl('medicare').targetScope).toEqual({ queue: 'medicare', channel: '*', tier: '*' });
    expect([sl('medicaid').status, sl('medicaid').targetSource]).toEqual(['red', 'default']);
    // A filter on one queue uses that queue's target too.
    const one = (await api.get('/api/scorecard?from=2025-06-02&to=2025-06-09&where=queue%3Dmedicare')).body;
    expect(one.rows[0].metrics.find((m: { name: string }) => m.name === 'serviceLevel').status).toBe('green');
    expect((await api.del('/api/targets?metric=serviceLevel&queue=medicare')).status).toBe(204);
    expect(sl2(await api.get('/api/scorecard?from=2025-06-02&to=2025-06-09&group=queue'))).toBe('amber');
  });

  it.each([
    [{ metric: 'serviceLevel', target: { kind: 'higher', green: 0.7, amber: 0.9 } }, 'target'],
    [{ metric: 'serviceLevel', target: { kind: 'lower', green: 0.7, amber: 0.9 } }, 'target.kind'],
    [{ metric: 'offered', target: { kind: 'higher', green: 1, amber: 0 } }, 'metric'],
    [{ metric: 'aht', target: { kind: 'range', low: 400, high: 300, amberLow: 200, amberHigh: 600 } }, 'target'],
  ])('refuses %j naming %s', async (body, field) => {
    const res = await api.put('/api/targets', body);
    expect([res.status, res.body.field]).toEqual([400, field]);
  });
});

describe('targets per queue, channel and tier', () => {
  const aht = (body: { rows: Record<string, unknown>[] }, key: string, value: unknown) =>
    (body.rows.find((r) => r[key] === value)!.metrics as { name: string }[]).find((m) => m.name === 'aht') as Record<string, unknown>;
  it('scores Tier 2 AHT against the built-in 20–40 min band, and a tier override beats it', async () => {
    const card = (await api.get('/api/scorecard?from=2025-06-02&to=2025-06-09&group=tier')).body;
    // Tier 2 is medicare's week: handled B01 B02 B03 B05 B09 B10 B06.
    const t2 = aht(card, 'tier', 2);
    expect([t2.targetSource, t2.targetScope]).toEqual(['tier-default', { queue: '*', channel: '*', tier: '2' }]);
    expect(t2.target).toEqual({ kind: 'range', low: 1200, high: 2400, amberLow: 900, amberHigh: 2700 });
    expect(aht(card, 'tier', 1).targetSource).toBe('default');

    const put = await api.put('/api/targets', { metric: 'aht', tier: 2, channel: 'voice', target: { kind: 'range', low: 60, high: 120, amberLow: 30, amberHigh: 150 } });
    expect([put.status, put.body.tier, put.body.queue]).toEqual([200, '2', '*']);
    // Grouped by tier but not by channel, the voice-only override does not apply …
    expect(aht((await api.get('/api/scorecard?from=2025-06-02&to=2025-06-09&group=tier')).body, 'tier', 2).targetSource).toBe('tier-default');
    // … filtered to voice it does (channel + tier: two keys beat the built-in tier default).
    const voice = aht((await api.get('/api/scorecard?from=2025-06-02&to=2025-06-09&group=tier&where=channel%3Dvoice')).body, 'tier', 2);
    expect([voice.targetSource, voice.targetScope]).toEqual(['override', { queue: '*', channel: 'voice', tier: '2' }]);
    const list = (await api.get('/api/targets')).body;
    expect(list.overrides).toContainEqual({ metric: 'aht', queue: '*', channel: 'voice', tier: '2', target: { kind: 'range', low: 60, high: 120, amberLow: 30, amberHigh: 150 } });
    expect(list.tierDefaults).toHaveLength(2);
    expect((await api.del('/api/targets?metric=aht&channel=voice&tier=3')).status).toBe(404);
    expect((await api.del('/api/targets?metric=aht&channel=voice&tier=2')).status).toBe(204);
  });

  it('refuses a bad tier naming the field', async () => {
    const res = await api.put('/api/targets', { metric: 'aht', tier: 'two', target: { kind: 'range', low: 1, high: 2, amberLow: 0, amberHigh: 3 } });
    expect([res.status, res.body.field]).toEqual([400, 'tier']);
  });
});

describe('scorecard comparisons and provisional FCR', () => {
  type M = {
    name: string;
    basis: number | null;
    basisOf: number | null;
    value: number | null;
    previous: number | null;
    change: number | null;
    changeWithheld: string | null;
    status: string | null;
    provisional: boolean;
    maturesOn: string | null;
  };
  const metric = (row: { metrics: M[] }, name: string) => row.metrics.find((m) => m.name === name)!;

  it('marks FCR provisional while a repeat window is open, with the date it matures, and neither scores nor compares it', async () => {
    const card = (await api.get('/api/scorecard?from=2025-06-02&to=2025-06-09&group=queue')).body;
    // The latest contact in the data is B07, 12 Jun 12:00 (−07:00); the window is 7 days.
    expect(card.fcr).toEqual({ windowDays: 7, knownUntil: '2025-06-05T19:00:00.000Z', knownUntilDate: '2025-06-05' });
    // medicare's latest answered contact with a member in the week is B06, 6 Jun 09:00:
    // + 7 days = 13 Jun 09:00, after 12 Jun 12:00 → provisional until 13 Jun.
    const medicare = metric(
      card.rows.find((r: { queue: string }) => r.queue === 'medicare'),
      'fcr',
    );
    expect(medicare).toMatchObject({ value: 0.5, provisional: true, maturesOn: '2025-06-13', status: null, change: null, changeWithheld: 'provisional' });
    // medicaid's is A17, 3 Jun 16:10 → 10 Jun 16:10, before 12 Jun: final, and scored.
    // FCR: answered with a member A01 A19 A02 A05 A10 A11 A14 A15 A17 + A07 (no member,
    // resolved) + A08 (no member, no disposition: not eligible) → eligible 10.
    const medicaid = metric(
      card.rows.find((r: { queue: string }) => r.queue === 'medicaid'),
      'fcr',
    );
    expect([medicaid.provisional, medicaid.maturesOn]).toEqual([false, '2025-06-10']);
    // Of medicare's answered contacts (B01 B02 B03 B05 B09 B10 B06 = 7), 6 have a known outcome.
    expect([medicare.basis, medicare.basisOf]).toEqual([6, 7]);
    expect(medicaid.status).not.toBeNull();
    // Other metrics are never provisional.
    expect(metric(card.rows[0], 'offered')).toMatchObject({ provisional: false, maturesOn: null });
  });

  it('withholds the change when the comparison period has no data or only part of it', async () => {
    // Week of 2 Jun: the week before (26 May – 1 Jun) has no data (data: 2–12 Jun).
    const week = (await api.get('/api/scorecard?from=2025-06-02&to=2025-06-09')).body;
    expect([week.previousFrom, week.previousTo, week.coverage, week.previousCoverage, week.periodKind]).toEqual(['2025-05-26', '2025-06-02', 'full', 'none', 'weeks']);
    // Offered: 30 contacts − A13 (10 Jun) and B07 (12 Jun), outside − A06 B08 B11, contained in the IVR = 25.
    // The week before lies outside the data's coverage: no data, so previous is null, not 0.
    expect(metric(week.rows[0], 'offered')).toMatchObject({ value: 25, previous: null, change: null, changeWithheld: 'comparison-none' });
    // 5–11 Jun against 29 May – 4 Jun: partial (data from 2 Jun).
    const part = (await api.get('/api/scorecard?from=2025-06-05&to=2025-06-12')).body;
    expect([part.previousCoverage, metric(part.rows[0], 'offered').changeWithheld]).toEqual(['partial', 'comparison-partial']);
    // 9–11 Jun against 6–8 Jun: both covered. Offered A13 (10 Jun) = 1 against B06 (6 Jun) = 1.
    const full = (await api.get('/api/scorecard?from=2025-06-09&to=2025-06-12')).body;
    expect(metric(full.rows[0], 'offered')).toMatchObject({ value: 1, previous: 1, change: 0, changeWithheld: null });
    // FCR there: A13 (10 Jun) matures 17 Jun: provisional; no change.
    expect(metric(full.rows[0], 'fcr')).toMatchObject({ provisional: true, maturesOn: '2025-06-17', change: null, changeWithheld: 'provisional' });
  });

  it('compares a calendar month with the previous month, and year over year on request', async () => {
    const june = (await api.get('/api/scorecard?from=2025-06-01&to=2025-07-01')).body;
    expect([june.periodKind, june.previousFrom, june.previousTo, june.coverage, june.previousCoverage]).toEqual(['month', '2025-05-01', '2025-06-01', 'partial', 'none']);
    const yoy = (await api.get('/api/scorecard?from=2025-06-02&to=2025-06-09&compare=year')).body;
    expect([yoy.compare, yoy.previousFrom, yoy.previousTo]).toEqual(['year', '2024-06-03', '2024-06-10']);
    const bad = await api.get('/api/scorecard?compare=quarter');
    expect([bad.status, bad.body.field]).toEqual([400, 'compare']);
  });

  it('echoes the grouping and keys each row by its group values', async () => {
    const card = (await api.get('/api/scorecard?from=2025-06-02&to=2025-06-09&group=tier')).body;
    expect(card.group).toEqual(['tier']);
    expect(card.rows.map((r: { key: string }) => r.key)).toEqual(['[1]', '[2]']);
  });
});

function sl2(res: { body: { rows: { queue: string; metrics: { name: string; status: string }[] }[] } }): string {
  return res.body.rows.find((r) => r.queue === 'medicare')!.metrics.find((m) => m.name === 'serviceLevel')!.status;
}
