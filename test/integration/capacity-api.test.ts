/**
 * /api/capacity/plan and /api/scenarios over real HTTP with a fresh in-memory DuckDB: a
 * scenario round-trips unchanged, clones keep their baseline, invalid scenarios get 400s
 * naming the field, and the plan is the engine's (CSV too).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../server/db/database.ts';
import { MIGRATIONS } from '../../server/db/schema.ts';
import { FLAT_SCENARIO } from '../fixtures/capacity.ts';
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

/** Every kind of value a scenario holds: nested objects, lists, booleans, fractions, plans. */
const SCENARIO = {
  name: 'Medicaid block, +40% surge',
  startMonth: '2027-01',
  months: 3,
  plans: [
    { id: 'mcd', name: 'Medicaid', members: [12_000, 12_500, 13_000] },
    { id: 'dsnp', members: 2_500 },
  ],
  contactRates: { voice: 0.11, chat: 0.012 },
  seasonality: [1.4, 1, 1, 1, 1, 1, 1, 1, 1, 1.4, 1.4, 1.4],
  deflection: { share: 0.15, ahtRise: 0.1 },
  tierAht: { tier2: { voice: 1020, chat: 840 }, tier3: { email: 2400 } },
  cases: [
    { type: 'appeals', perThousandMembers: 2.5, hoursEach: 3, tier: 'tier2' },
    { type: 'grievances', perThousandMembers: 1, hoursEach: 2.25, tier: 'tier3' },
  ],
  shapes: { voice: { weekdayShares: [0.22, 0.2, 0.2, 0.19, 0.19, 0, 0], openingTime: '07:30', intradayProfile: [0.5, 1, 1.5, 1, 0.5] } },
  shrinkageHours: { holidaysPto: 128.5, training: 96 },
  contractFloors: [{ name: 'Medicaid model contract', membersPerFte: 4000, applies: 'total', plan: 'mcd' }],
  supply: { startHeadcount: { tier1: 5, tier2: 1 }, ramp: [0.5], transfers: [{ month: 1, from: 'tier1', to: 'tier2', count: 1 }] },
  surge: { temps: false, months: [10, 11, 12, 1] },
  cost: { outsourcedPricing: 'per-contact', loadedAnnual: { tier1: 60_000 } },
};

describe('/api/scenarios', () => {
  it('migration 8 made the table', () => {
    expect(MIGRATIONS.find((m) => m.version === 8)).toMatchObject({ description: 'saved capacity scenarios' });
  });

  it('round-trips a scenario unchanged, clones it, updates and deletes', async () => {
    const created = await api.post('/api/scenarios', { name: 'baseline', scenario: SCENARIO });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: 1, name: 'baseline', baselineId: null, scenario: SCENARIO });
    expect(created.body.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);

    const got = await api.get('/api/scenarios/1');
    expect(got.status).toBe(200);
    expect(got.body.scenario).toStrictEqual(SCENARIO);
    expect(JSON.stringify(got.body.scenario)).toBe(JSON.stringify(SCENARIO)); // same keys, same order

    const clone = await api.post('/api/scenarios/1/clone', { name: '15% deflection' });
    expect(clone.status).toBe(201);
    expect(clone.body).toMatchObject({ id: 2, baselineId: 1, scenario: SCENARIO });

    const changed = { ...SCENARIO, deflection: { share: 0.15, ahtRise: 0.2 } };
    const put = await api.put('/api/scenarios/2', { name: '15% deflection, harder calls', scenario: changed });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ id: 2, name: '15% deflection, harder calls', baselineId: 1, scenario: changed });

    const list = await api.get('/api/scenarios');
    expect(list.body.scenarios.map((s: { name: string }) => s.name)).toEqual(['baseline', '15% deflection, harder calls']);

    expect((await api.post('/api/scenarios', { name: 'baseline', scenario: SCENARIO })).status).toBe(409);
    expect((await api.del('/api/scenarios/1')).status).toBe(204);
    expect((await api.get('/api/scenarios/1')).status).toBe(404);
    expect((await api.get('/api/scenarios/2')).body.baselineId).toBeNull();
    expect((await api.del('/api/scenarios/1')).status).toBe(404);
  });

  it.each([
    [{ name: 'x', scenario: { members: -1 } }, 'scenario.members', 'invalid scenario.members: must be ≥ 0'],
    [{ name: 'x', scenario: { members: 10, shrinkage: 1 } }, 'scenario.shrinkage', 'invalid scenario.shrinkage: must be < 1'],
    [
      { name: 'x', scenario: { members: 10, contractFloors: [{ name: 'f', membersPerFte: 4000, applies: 'tier1', plan: 'mapd' }] } },
      'scenario.contractFloors.0.plan',
      'invalid scenario.contractFloors.0.plan: unknown plan "mapd" (plans: all)',
    ],
    [{ name: '', scenario: { members: 10 } }, 'name', 'invalid name: must not be empty'],
    [{ name: 'x', scenario: [] }, 'scenario', undefined],
    [{ name: 'x', scenario: { members: 10 }, extra: 1 }, 'extra', 'invalid extra: unknown field'],
  ])('400 naming the field: %j', async (body, field, message) => {
    const r = await api.post('/api/scenarios', body);
    expect(r.status).toBe(400);
    expect(r.body.field).toBe(field);
    if (message) expect(r.body.error).toBe(message);
    const put = await api.put('/api/scenarios/2', body);
    expect(put.status).toBe(400);
  });
});

describe('POST /api/capacity/plan', () => {
  it('plans a scenario as the engine does', async () => {
    // The flat 15,000-member example of test/unit/capacity.test.ts: Tier 1 = 5 + 2/13 FTE.
    const flat = FLAT_SCENARIO;
    const r = await api.post('/api/capacity/plan', flat);
    expect(r.status).toBe(200);
    expect(r.body.months[0].requiredFte.tier1).toBeCloseTo(5 + 2 / 13, 9);
    expect(r.body.months[0].cost.outsourced).toBe(41_250);
    const csv = await fetch(`${api.url}/api/capacity/plan?format=csv`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(flat) });
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect((await csv.text()).split('\n')[1]).toMatch(/^2027-02,false,15000,1500,0,60,90,5\.153846154,/);
  });

  it('the saved example plans, floor and all', async () => {
    const r = await api.post('/api/capacity/plan', SCENARIO);
    expect(r.status).toBe(200);
    expect(r.body.months.map((m: { members: number }) => m.members)).toEqual([14_500, 15_000, 15_500]);
  });

  it.each([
    [{ members: -1 }, 'members'],
    [{ members: 10, shrinkage: 1 }, 'shrinkage'],
    [{ plans: [{ id: 'a', members: 5 }], contractFloors: [{ membersPerFte: 10, plan: 'b' }] }, 'contractFloors.0.plan'],
    [{ members: 10, startMonth: 'May' }, 'startMonth'],
  ])('400 naming the field: %j → %s', async (body, field) => {
    const r = await api.post('/api/capacity/plan', body);
    expect(r.status).toBe(400);
    expect(r.body.field).toBe(field);
    expect(r.body.error).toMatch(new RegExp(`^invalid ${field.replace(/\./g, '\\.')}: `));
  });
});

describe('GET /api/capacity/history', () => {
  it('AHT and tier shares from the contacts, and no enrollment history', async () => {
    // Three answered contacts: voice Tier 1 (talk 300 + hold 60 + acw 60 = 420 s) and voice
    // Tier 2 (600 + 0 + 300 = 900 s) on 2025-03-03, chat Tier 1 (480 + 0 + 120 = 600 s) on 2025-03-04.
    const dir = mkdtempSync(join(tmpdir(), 'staffcast-capacity-history-'));
    try {
      const header = 'contact_id,queue,channel,plan,state,tier,reason,offered_at,answered_at,ended_at,talk_s,hold_s,acw_s,agent_id,member_id,transferred,ivr_contained,resolved,csat,nps';
      const lines = [
        'c1,member-services,voice,medicaid,CA,1,billing,2025-03-03T17:00:00Z,2025-03-03T17:00:10Z,2025-03-03T17:07:10Z,300,60,60,a1,,false,false,true,,',
        'c2,member-services,voice,medicaid,CA,2,appeal,2025-03-03T18:00:00Z,2025-03-03T18:00:20Z,2025-03-03T18:15:20Z,600,0,300,a2,,false,false,true,,',
        'c3,member-services,chat,medicaid,CA,1,billing,2025-03-04T17:00:00Z,2025-03-04T17:00:05Z,2025-03-04T17:10:05Z,480,0,120,a1,,false,false,true,,',
      ];
      const path = join(dir, 'contacts.csv');
      writeFileSync(path, `${header}\n${lines.join('\n')}\n`);
      await loadContactsDirect(db, path, 'America/Los_Angeles');
      const r = await api.get('/api/capacity/history');
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({
        enrollmentHistory: false,
        months: 1,
        wholeMonths: 0,
        contacts: 3,
        aht: { voice: 420, chat: 600, email: null, portal: null },
        tier2AhtSeconds: 900,
        tier3AhtSeconds: null,
        seasonality: null,
      });
      expect(r.body.tier2Share).toBeCloseTo(1 / 3, 12);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
