/**
 * /api/staffing over real HTTP: the worked example end to end, plans, simulation, and 400s
 * that name the field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../server/db/database.ts';
import { serveForTest, type TestServer } from '../helpers/server.ts';

let db: Database;
let server: TestServer;
let base: string;

beforeAll(async () => {
  db = await Database.open(':memory:');
  server = await serveForTest(db);
  base = server.url;
});

afterAll(async () => {
  await server.close();
  await db.close();
});

async function post(path: string, body: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(base + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
}

const CCH = { calls: 100, intervalMinutes: 30, aht: 180, answerWithin: 20, serviceLevel: 0.8, maxOccupancy: 0.85, shrinkage: 0.3 };

describe('POST /api/staffing/erlang', () => {
  it('solves the Call Centre Helper example: 14 agents, 20 after 30% shrinkage', async () => {
    const { status, body } = await post('/api/staffing/erlang', CCH);
    expect(status).toBe(200);
    expect(body.agents).toBe(14);
    expect(body.trafficErlangs).toBeCloseTo(10, 12);
    expect(Math.abs(body.serviceLevel - 0.88835)).toBeLessThan(0.0005);
    expect(body.scheduledAgents).toBe(20);
    expect(body.probAbandon).toBeNull();
    expect(body.meetsTargets).toBe(true);
  });

  it('evaluates Erlang A at given agents', async () => {
    const { status, body } = await post('/api/staffing/erlang', { ...CCH, model: 'erlang-a', patience: 60, agents: 12 });
    expect(status).toBe(200);
    expect(Math.abs(body.probAbandon - 0.0759017969335)).toBeLessThan(1e-6);
  });

  it('staffs chat with concurrency', async () => {
    // 100 chats / 30 min at 540 s per session = 30 Erlangs of slots; concurrency 3 → about a third as many agents.
    const { status, body } = await post('/api/staffing/erlang', { calls: 100, intervalMinutes: 30, aht: 540, answerWithin: 60, concurrency: 3 });
    expect(status).toBe(200);
    expect(body.slots).toBe(body.agents * 3);
    const slots = await post('/api/staffing/erlang', { calls: 100, intervalMinutes: 30, aht: 540, answerWithin: 60 });
    expect(body.agents).toBe(Math.ceil(slots.body.agents / 3));
  });

  it.each([
    [{ ...CCH, calls: -5 }, 'calls'],
    [{ ...CCH, aht: 0 }, 'aht'],
    [{ ...CCH, serviceLevel: 1, answerWithin: 0 }, 'serviceLevel'],
    [{ ...CCH, model: 'erlang-a' }, 'patience'],
    [{ ...CCH, bogus: 1 }, 'bogus'],
    [{ ...CCH, concurrency: 0 }, 'concurrency'],
  ])('400 naming the field: %o → %s', async (body, field) => {
    const r = await post('/api/staffing/erlang', body);
    expect(r.status).toBe(400);
    expect(r.body.field).toBe(field);
    expect(r.body.error).toMatch(new RegExp(`^invalid ${field}:`));
  });
});

describe('POST /api/staffing/curve', () => {
  it('returns one point per N', async () => {
    const { status, body } = await post('/api/staffing/curve', { input: CCH, fromAgents: 11, toAgents: 15 });
    expect(status).toBe(200);
    expect(body.points.map((p: { agents: number }) => p.agents)).toEqual([11, 12, 13, 14, 15]);
    expect(Math.abs(body.points[2].serviceLevel - 0.7955947884)).toBeLessThan(1e-9);
  });

  it('400 naming a field inside input', async () => {
    const r = await post('/api/staffing/curve', { input: { ...CCH, aht: -1 }, fromAgents: 1, toAgents: 2 });
    expect(r.status).toBe(400);
    expect(r.body.field).toBe('input.aht');
  });
});

describe('POST /api/staffing/plan', () => {
  const intervals = [
    { period: '2025-01-06T08:00:00-05:00', calls: 100, aht: 180, scheduled: 13 },
    { period: '2025-01-06T08:30:00-05:00', calls: 100, aht: 180, scheduled: 15 },
    { period: '2025-01-07T08:00:00-05:00', calls: 0, aht: 180 },
  ];
  const options = { intervalMinutes: 30, answerWithin: 20, serviceLevel: 0.8, shrinkage: 0.3 };

  it('plans intervals, days and totals', async () => {
    const { status, body } = await post('/api/staffing/plan', { intervals, options });
    expect(status).toBe(200);
    expect(body.intervals.map((i: { requiredAgents: number }) => i.requiredAgents)).toEqual([14, 14, 0]);
    expect(body.intervals.map((i: { gap: number | null }) => i.gap)).toEqual([-1, 1, null]);
    // Day 1: 2 × 14 agents × 0.5 h = 14 agent-hours; FTE hours 14/0.7 = 20.
    expect(body.days[0]).toMatchObject({ date: '2025-01-06', requiredAgentHours: 14, scheduledAgentHours: 14 });
    expect(body.days[0].fteHours).toBeCloseTo(20, 12);
    expect(body.totals.understaffedIntervals).toBe(1);
  });

  it('takes the operating days a week for paid FTE, and says which it used', async () => {
    // Day 1 (Mon 2025-01-06): FTE hours 20 (above); day 2 (Tue) has no calls: 1 operating day.
    // 5 operating days a week: 1/5 week → paid FTE = 20 / (40 × 0.2) = 2.5.
    const { status, body } = await post('/api/staffing/plan', { intervals, options: { ...options, operatingDaysPerWeek: 5 } });
    expect(status).toBe(200);
    expect(body.totals).toMatchObject({ operatingDays: 1, operatingDaysPerWeek: 5, paidHoursPerFte: 40 });
    expect(body.totals.paidFte).toBeCloseTo(2.5, 12);
    const bad = await post('/api/staffing/plan', { intervals, options: { ...options, operatingDaysPerWeek: 0 } });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBe('invalid options.operatingDaysPerWeek: must be a whole number of days from 1 to 7');
  });

  it('matches a separate schedule by instant: the two 01:30s of the fall-back day stay apart', async () => {
    // 01:30-07:00 (= 08:30Z) and 01:30-08:00 (= 09:30Z) on 2025-11-02 are an hour apart.
    const dst = [
      { period: '2025-11-02T01:30:00-07:00', calls: 100, aht: 180 },
      { period: '2025-11-02T01:30:00-08:00', calls: 50, aht: 180 },
    ];
    const schedule = [
      { period: '2025-11-02T09:30:00Z', scheduled: 9 },
      { period: '2025-11-02T01:30:00-07:00', scheduled: 13 },
    ];
    const { status, body } = await post('/api/staffing/plan', { intervals: dst, schedule, options });
    expect(status).toBe(200);
    // 100 calls → 14 required, 13 scheduled: −1; 50 calls → 8 required, 9 scheduled: +1.
    expect(body.intervals.map((i: { scheduled: number }) => i.scheduled)).toEqual([13, 9]);
    expect(body.intervals.map((i: { gap: number }) => i.gap)).toEqual([-1, 1]);
    const twice = await post('/api/staffing/plan', { intervals: dst, schedule: [...schedule, { period: '2025-11-02T01:30:00-08:00', scheduled: 3 }], options });
    expect(twice.status).toBe(400);
    expect(twice.body.field).toBe('schedule.2.period');
  });

  it.each([
    [{ intervals: [{ ...intervals[0], calls: -1 }], options }, 'intervals.0.calls'],
    [{ intervals: [{ ...intervals[0], period: '08:00' }], options }, 'intervals.0.period'],
    [{ intervals, options: { ...options, patience: 60, model: 'erlang-a', maxOccupancy: 2 } }, 'options.maxOccupancy'],
    [{ intervals, options: { ...options, bogus: true } }, 'options.bogus'],
    [{ intervals: 'x', options }, 'intervals'],
  ])('400 naming the field: %# → %s', async (body, field) => {
    const r = await post('/api/staffing/plan', body);
    expect(r.status).toBe(400);
    expect(r.body.field).toBe(field);
  });
});

describe('POST /api/staffing/simulate', () => {
  it('is seeded: the same request gives the same answer', async () => {
    const body = {
      intervals: [
        { calls: 100, agents: 14 },
        { calls: 100, agents: 14 },
      ],
      options: { intervalMinutes: 30, aht: 180, answerWithin: 20, replications: 5 },
      seed: 42,
    };
    const a = await post('/api/staffing/simulate', body);
    const b = await post('/api/staffing/simulate', body);
    expect(a.status).toBe(200);
    expect(a.body).toEqual(b.body);
    expect(a.body.serviceLevel.mean).toBeGreaterThan(0.5);
    expect(a.body.intervals).toHaveLength(2);
  });

  it('simulates a steady state by default: Erlang C inside the confidence interval', async () => {
    // 250 calls / 30 min at 360 s = 50 Erlangs on 57 agents: Erlang C SL(20 s) = 83.3%.
    // Before: one interval from an empty centre, 97%.
    const options = { intervalMinutes: 30, aht: 360, answerWithin: 20 };
    const { status, body } = await post('/api/staffing/simulate', { intervals: [{ calls: 250, agents: 57 }], options, seed: 1 });
    expect(status).toBe(200);
    // Warm-up ⌈20 × 360 / 1800⌉ = 4 intervals at that load, not counted.
    expect(body.simulated).toMatchObject({ start: 'steady', leadIntervals: 4, countedIntervals: 1 });
    expect(body.intervals).toHaveLength(1);
    expect(body.serviceLevel.low).toBeLessThanOrEqual(0.8329);
    expect(body.serviceLevel.high).toBeGreaterThanOrEqual(0.8329);
    const empty = await post('/api/staffing/simulate', { intervals: [{ calls: 250, agents: 57 }], options: { ...options, start: 'empty' }, seed: 1 });
    expect(empty.body.simulated.start).toBe('empty');
    expect(empty.body.serviceLevel.low).toBeGreaterThan(0.8329);
  });

  it.each([
    [{ intervals: [{ calls: 1e6, agents: 10 }], options: { intervalMinutes: 30, aht: 180, answerWithin: 20 } }, 'options.replications'],
    [{ intervals: [{ calls: 10, agents: -1 }], options: { intervalMinutes: 30, aht: 180, answerWithin: 20 } }, 'intervals.0.agents'],
    [{ intervals: [{ calls: 10, agents: 1 }], options: { intervalMinutes: 30, aht: 0, answerWithin: 20 } }, 'options.aht'],
    [{ intervals: [{ calls: 10, agents: 1 }], options: { intervalMinutes: 30, aht: 10, answerWithin: 20, bogus: 1 } }, 'options.bogus'],
  ])('400 naming the field: %# → %s', async (body, field) => {
    const r = await post('/api/staffing/simulate', body);
    expect(r.status).toBe(400);
    expect(r.body.field).toBe(field);
  });
});

describe('POST /api/staffing/deferred', () => {
  it('staffs email by workload against the response target', async () => {
    // 400 emails/day of 8 h at 360 s: 40 h of work → 40/(8·0.85) = 5.88 agents to keep pace;
    // a 200-email backlog (20 h) cleared within 24 h adds 20/(24·0.85) = 0.98 → 6.86 → 7.
    const { status, body } = await post('/api/staffing/deferred', { items: 400, periodHours: 8, aht: 360, responseHours: 24, backlog: 200 });
    expect(status).toBe(200);
    expect(body.requiredAgentsExact).toBeCloseTo(40 / 6.8 + 20 / 20.4, 9);
    expect(body.agents).toBe(7);
    expect(body.meetsTarget).toBe(true);
  });

  it('400 naming the field', async () => {
    const r = await post('/api/staffing/deferred', { items: 10, periodHours: 0, aht: 360, responseHours: 24 });
    expect(r.status).toBe(400);
    expect(r.body.field).toBe('periodHours');
  });
});
