/**
 * Enrollment over HTTP: POST /api/capacity/enrollment turns a CSV into the scenario's plans
 * (400 naming the line of a bad row); PUT /api/capacity/enrollment-history stores actual
 * enrollment (migration 14), from which GET /api/capacity/history estimates contacts per member.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../server/db/database.ts';
import { MIGRATIONS } from '../../server/db/schema.ts';
import { loadContactsDirect } from '../helpers/loadContactsDirect.ts';
import { serveForTest, type TestServer } from '../helpers/server.ts';

let db: Database;
let api: TestServer;

beforeAll(async () => {
  db = await Database.open(':memory:');
  api = await serveForTest(db);
});

afterAll(async () => {
  await api.close();
  db.close();
});

const CSV = 'month,plan,members\n2027-01,mcd,12000\n2027-02,mcd,12500\n2027-01,chip,3000\n2027-02,chip,3100\n';

describe('POST /api/capacity/enrollment', () => {
  it('a CSV as JSON { csv } or as text/csv gives the plans by month', async () => {
    const expected = {
      startMonth: '2027-01',
      months: 2,
      plans: [
        { id: 'mcd', members: [12_000, 12_500] },
        { id: 'chip', members: [3000, 3100] },
      ],
    };
    const r = await api.post('/api/capacity/enrollment', { csv: CSV });
    expect(r.status).toBe(200);
    expect(r.body).toEqual(expected);
    const raw = await fetch(`${api.url}/api/capacity/enrollment`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: CSV });
    expect(raw.status).toBe(200);
    expect(await raw.json()).toEqual(expected);
    // The answer is a valid scenario: 12,000 + 3,000 = 15,000 members in January.
    const plan = await api.post('/api/capacity/plan', r.body);
    expect(plan.status).toBe(200);
    expect(plan.body.months[0].members).toBe(15_000);
  });

  it.each([
    [{ csv: 'month,plan,members\n2027-01,mcd,12000\n2027-02,mcd,-5\n' }, 'enrollment', 'invalid enrollment: line 3: members "-5" must be a number ≥ 0'],
    [{ csv: 'month,plan,members\n2027-13,mcd,12000\n' }, 'enrollment', 'invalid enrollment: line 2: month "2027-13" must be YYYY-MM'],
    [{ csv: 'month,members\n2027-01,5\n' }, 'enrollment', 'invalid enrollment: missing column "plan" (expected month,plan,members)'],
    [{ csv: 42 }, 'csv', 'invalid csv: must be the CSV text month,plan,members (a text/csv body, or JSON { "csv": "…" })'],
    [{ csv: CSV, extra: 1 }, 'extra', 'invalid extra: unknown field'],
  ])('%j → 400 naming %s', async (body, field, error) => {
    const r = await api.post('/api/capacity/enrollment', body);
    expect(r.status).toBe(400);
    expect(r.body).toEqual({ error, field });
  });
});

describe('enrollment history and contacts per member', () => {
  it('migration 14 made the table', () => {
    expect(MIGRATIONS.find((m) => m.version === 14)).toMatchObject({ description: 'enrollment history per plan per month' });
  });

  it('no enrollment stored: the answer says so and gives no rates', async () => {
    const r = await api.get('/api/capacity/history');
    expect(r.body.enrollmentHistory).toBe(false);
    expect(r.body.contactRates).toBeNull();
    expect(r.body.note).toContain('No enrollment history is stored');
  });

  it('stores enrollment (a later load replaces a month) and estimates rates from the whole months', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'staffcast-capacity-enrollment-'));
    try {
      // March 2025 is whole (contacts on the 1st and the 31st, site time Los Angeles): 3 voice
      // contacts and 1 chat; April has one contact on the 2nd only (not whole).
      const header = 'contact_id,queue,channel,plan,state,tier,reason,offered_at,answered_at,ended_at,talk_s,hold_s,acw_s,agent_id,member_id,transferred,ivr_contained,resolved,csat,nps';
      const lines = [
        'e1,ms,voice,medicaid,CA,1,billing,2025-03-01T17:00:00Z,2025-03-01T17:00:10Z,2025-03-01T17:07:10Z,300,60,60,a1,,false,false,true,,',
        'e2,ms,voice,medicaid,CA,1,billing,2025-03-12T17:00:00Z,2025-03-12T17:00:10Z,2025-03-12T17:07:10Z,300,60,60,a1,,false,false,true,,',
        'e3,ms,voice,medicaid,CA,1,billing,2025-03-31T17:00:00Z,2025-03-31T17:00:10Z,2025-03-31T17:07:10Z,300,60,60,a1,,false,false,true,,',
        'e4,ms,chat,medicaid,CA,1,billing,2025-03-20T17:00:00Z,2025-03-20T17:00:10Z,2025-03-20T17:07:10Z,300,60,60,a1,,false,false,true,,',
        'e5,ms,voice,medicaid,CA,1,billing,2025-04-02T17:00:00Z,2025-04-02T17:00:10Z,2025-04-02T17:07:10Z,300,60,60,a1,,false,false,true,,',
      ];
      const path = join(dir, 'contacts.csv');
      writeFileSync(path, `${header}\n${lines.join('\n')}\n`);
      await loadContactsDirect(db, path, 'America/Los_Angeles');

      const bad = await api.put('/api/capacity/enrollment-history', { csv: 'month,plan,members\n2025-03,medicaid,x\n' });
      expect(bad.status).toBe(400);
      expect(bad.body).toEqual({ error: 'invalid enrollment: line 2: members "x" must be a number ≥ 0', field: 'enrollment' });

      const first = await api.put('/api/capacity/enrollment-history', { csv: 'month,plan,members\n2025-03,medicaid,900\n2025-03,chip,500\n2025-04,medicaid,1000\n' });
      expect(first.status).toBe(200);
      expect(first.body).toEqual({ stored: 3, months: 2, plans: ['medicaid', 'chip'] });
      const again = await api.put('/api/capacity/enrollment-history', { csv: 'month,plan,members\n2025-03,medicaid,1000\n' });
      expect(again.body).toEqual({ stored: 1, months: 1, plans: ['medicaid'] });
      const stored = await api.get('/api/capacity/enrollment-history');
      expect(stored.body.rows).toEqual([
        { month: '2025-03', plan: 'chip', members: 500 },
        { month: '2025-03', plan: 'medicaid', members: 1000 },
        { month: '2025-04', plan: 'medicaid', members: 1000 },
      ]);

      const h = await api.get('/api/capacity/history');
      expect(h.status).toBe(200);
      expect(h.body).toMatchObject({ enrollmentHistory: true, rateMonths: ['2025-03'], rateMemberMonths: 1500 });
      // Only March is whole: 1,000 + 500 = 1,500 members. No history shape (one whole month), so
      // March's default index 0.95 × 12 ÷ 12.1 (the default shape sums to 12.1) = 0.942149;
      // voice = 3 ÷ (1,500 × 0.942149) = 3 × 12.1 ÷ 17,100 = 0.0021228; chat = 1 × 12.1 ÷ 17,100.
      expect(h.body.contactRates.voice).toBeCloseTo((3 * 12.1) / 17_100, 12);
      expect(h.body.contactRates.chat).toBeCloseTo(12.1 / 17_100, 12);
      expect(h.body.contactRates.email).toBe(0);
      expect(h.body.note).toContain('Contacts per member per month from 1 whole month with enrollment (2025-03 to 2025-03), on the default seasonal shape.');
      // Five contacts: under 500, so each queued channel keeps the default shape, said.
      expect(h.body.shapes).toEqual({ voice: null, chat: null });
      expect(h.body.note).toContain('Voice: default weekly and intraday shape (fewer than 500 contacts)');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("each queued channel's shape in the site's local time, once it has 500 contacts", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'staffcast-capacity-shape-'));
    try {
      // 500 more voice contacts on Monday 2025-03-03 at 17:00Z = 09:00 in Los Angeles (PST).
      const header = 'contact_id,queue,channel,plan,state,tier,reason,offered_at,answered_at,ended_at,talk_s,hold_s,acw_s,agent_id,member_id,transferred,ivr_contained,resolved,csat,nps';
      const lines = Array.from({ length: 500 }, (_, i) => `s${i},ms,voice,medicaid,CA,1,billing,2025-03-03T17:00:00Z,,2025-03-03T17:01:00Z,,,,,,false,false,,,`);
      const path = join(dir, 'shape.csv');
      writeFileSync(path, `${header}\n${lines.join('\n')}\n`);
      await loadContactsDirect(db, path, 'America/Los_Angeles');
      const h = await api.get('/api/capacity/history');
      // Voice now: the 500, plus e1 (Sat 1 March 09:00 PST), e2 (Wed 12 March 10:00 PDT), e3 (Mon
      // 31 March 10:00 PDT), e5 (Wed 2 April 10:00 PDT) = 504. Weekdays: Monday 501, Wednesday 2,
      // Saturday 1. Half-hours from 09:00: 09:00 501, 09:30 none, 10:00 3.
      expect(h.body.shapes.voice).toEqual({
        weekdayShares: [501 / 504, 0, 2 / 504, 0, 0, 1 / 504, 0],
        openingTime: '09:00',
        intervalMinutes: 30,
        intradayProfile: [501 / 504, 0, 3 / 504],
        contacts: 504,
      });
      expect(h.body.shapes.chat).toBeNull();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
