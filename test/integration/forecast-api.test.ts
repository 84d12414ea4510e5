/**
 * /api/forecast over HTTP against DuckDB, on a fixture with a known answer (see
 * forecast-fixture.ts: Mon 102, Tue/Wed 85, Thu/Fri 68 offered, weekends and holidays closed,
 * AHT 300 s).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../server/db/database.ts';
import { staff } from '../../server/wfm/staffing.ts';
import { serveForTest, type TestServer } from '../helpers/server.ts';
import { DAY_TOTAL, FIRST, loadForecastFixture, QUEUE } from './forecast-fixture.ts';

let db: Database;
let api: TestServer;

beforeAll(async () => {
  db = await Database.open(':memory:');
  await loadForecastFixture(db);
  api = await serveForTest(db, { timezone: 'America/Los_Angeles' });
});
afterAll(async () => {
  await api.close();
  db.close();
});

const base = `/api/forecast?queue=${QUEUE}&channel=voice`;
const WEEK = [DAY_TOTAL[1], DAY_TOTAL[2], DAY_TOTAL[3], DAY_TOTAL[4], DAY_TOTAL[5], 0, 0];

describe('GET /api/forecast/queues', () => {
  it('lists the series with history', async () => {
    const { status, body } = await api.get('/api/forecast/queues');
    expect(status).toBe(200);
    expect(body).toEqual([
      { queue: QUEUE, channel: 'chat', firstDate: FIRST, lastDate: '2025-09-26' },
      { queue: QUEUE, channel: 'voice', firstDate: FIRST, lastDate: '2025-09-26' },
    ]);
  });
});

describe('GET /api/forecast', () => {
  it('forecasts the days after the history, with history, backtest, candidates and events', async () => {
    const { status, body } = await api.get(`${base}&granularity=day&horizon=14`);
    expect(status).toBe(200);
    expect(Object.keys(body)).toEqual(['queue', 'channel', 'metric', 'granularity', 'horizon', 'model', 'history', 'points', 'backtest', 'candidates', 'events', 'notes']);
    expect(body).toMatchObject({ queue: QUEUE, channel: 'voice', metric: 'volume', granularity: 'day', horizon: 14 });
    // The last day with contacts is Fri 09-26: the forecast starts Sat 09-27.
    expect(body.points[0].period).toBe('2025-09-27');
    expect(body.points).toHaveLength(14);
    const expected = [0, 0, ...WEEK, ...WEEK.slice(0, 5)];
    body.points.forEach((p: { forecast: number }, j: number) => expect(p.forecast).toBeCloseTo(expected[j]!, 6));
    // Each point says whether it is closed: the weekends (Sat 09-27, Sun 09-28, Sat 10-04, Sun 10-05).
    expect(body.points.map((p: { closed: boolean }) => p.closed)).toEqual([true, true, false, false, false, false, false, true, true, false, false, false, false, false]);
    expect(body.history).toHaveLength(56); // default: 8 weeks
    expect(body.history.at(-1)).toEqual({ period: '2025-09-26', value: DAY_TOTAL[5] });
    expect(body.history.find((h: { period: string }) => h.period === '2025-09-01').value).toBe(0); // Labor Day
    expect(body.backtest.origins).toBe(4);
    expect(body.backtest.wmape).toBeCloseTo(0, 9);
    expect(body.candidates.length).toBe(5);
    expect(body.events.some((e: { label: string; kind: string }) => e.kind === 'holiday' && e.label === 'Labor Day')).toBe(true);
  });

  it('spreads days over 30-minute intervals that add up to the daily forecast', async () => {
    const day = (await api.get(`${base}&granularity=day&horizon=7&model=regression`)).body;
    const iv = (await api.get(`${base}&granularity=interval30&horizon=${48 * 7}&model=regression&history=48`)).body;
    expect(iv.points).toHaveLength(48 * 7);
    expect(iv.points[0].period).toBe('2025-09-27T00:00:00-07:00');
    expect(iv.history).toHaveLength(48);
    expect(iv.history.at(-1).period).toBe('2025-09-26T23:30:00-07:00');
    for (const p of day.points) {
      const sum = iv.points.filter((x: { period: string }) => x.period.startsWith(p.period)).reduce((a: number, x: { forecast: number }) => a + x.forecast, 0);
      expect(sum).toBeCloseTo(p.forecast, 9);
    }
    // Monday 09-29 at 10:00: 12 contacts; at 08:00: 6; at 03:00: closed.
    const at = (period: string) => iv.points.find((x: { period: string }) => x.period === period).forecast;
    expect(at('2025-09-29T10:00:00-07:00')).toBeCloseTo(12, 6);
    expect(at('2025-09-29T08:00:00-07:00')).toBeCloseTo(6, 6);
    expect(at('2025-09-29T03:00:00-07:00')).toBe(0);
    expect(iv.backtest.origins).toBe(4);
  });

  it('forecasts AHT, with no value on closed days', async () => {
    const { body } = await api.get(`${base}&granularity=day&horizon=7&metric=aht`);
    expect(body.metric).toBe('aht');
    expect(body.points[0].forecast).toBeNull(); // Saturday
    expect(body.points[2].forecast).toBeCloseTo(300, 6);
    expect(body.history.at(-1).value).toBeCloseTo(300, 9);
  });

  it('forecasts from a past start without looking at the days it covers', async () => {
    const { body } = await api.get(`${base}&granularity=day&horizon=7&start=2025-09-15&history=3`);
    expect(body.points.map((p: { period: string }) => p.period)[0]).toBe('2025-09-15');
    expect(body.history.map((h: { period: string }) => h.period)).toEqual(['2025-09-12', '2025-09-13', '2025-09-14']);
    expect(body.points[0].forecast).toBeCloseTo(DAY_TOTAL[1]!, 6);
  });

  it.each([
    ['granularity=day&horizon=0', 'horizon'],
    ['granularity=day&horizon=abc', 'horizon'],
    ['granularity=day&horizon=549', 'horizon'],
    [`granularity=interval30&horizon=${48 * 56 + 1}`, 'horizon'],
    ['granularity=week&horizon=7', 'granularity'],
    ['horizon=7&metric=calls', 'metric'],
    ['horizon=7&model=prophet', 'model'],
    ['horizon=7&start=2025-02-30', 'start'],
    ['horizon=7&history=-1', 'history'],
    [`horizon=7&start=${FIRST}`, 'start'],
    ['horizon=7&start=2027-06-01', 'start'],
  ])('refuses %s with 400 naming %s', async (query, field) => {
    const { status, body } = await api.get(`${base}&${query}`);
    expect(status).toBe(400);
    expect(body.field).toBe(field);
    expect(body.error).toMatch(new RegExp(`^invalid ${field}: `));
  });

  it('refuses a bad channel and a missing queue, and answers 404 for a queue without history', async () => {
    expect((await api.get(`/api/forecast?queue=${QUEUE}&channel=fax&horizon=7`)).body.field).toBe('channel');
    expect((await api.get('/api/forecast?horizon=7')).body.field).toBe('queue');
    const none = await api.get('/api/forecast?queue=nope&horizon=7');
    expect(none.status).toBe(404);
    expect(none.body.error).toBe('invalid queue: no offered contacts for nope');
  });
});

describe('planner events', () => {
  it('are created, applied to the forecast, listed and deleted', async () => {
    const created = await api.post('/api/forecast/events', {
      name: 'AEP mailer',
      queue: QUEUE,
      channel: 'voice',
      start: '2025-10-01',
      end: '2025-10-01',
      lift: 1.5,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'AEP mailer', queue: QUEUE, channel: 'voice', start: '2025-10-01', end: '2025-10-01', lift: 1.5 });
    const id = created.body.id;
    expect(typeof id).toBe('string');
    expect((await api.get('/api/forecast/events')).body).toEqual([created.body]);

    const f = (await api.get(`${base}&granularity=day&horizon=14`)).body;
    // Wed 10-01: 85 × 1.5 = 127.5; the event is shown and named in the notes.
    expect(f.points.find((p: { period: string }) => p.period === '2025-10-01').forecast).toBeCloseTo(127.5, 6);
    expect(f.events).toContainEqual({ start: '2025-10-01', end: '2025-10-01', label: 'AEP mailer', kind: 'user' });
    expect(f.notes.join(' ')).toMatch(/planner events applied: AEP mailer ×1.5/);
    // Not applied to the chat forecast.
    const chat = (await api.get(`/api/forecast?queue=${QUEUE}&channel=chat&granularity=day&horizon=14`)).body;
    expect(chat.events.some((e: { kind: string }) => e.kind === 'user')).toBe(false);

    const del = await fetch(`${api.url}/api/forecast/events/${id}`, { method: 'DELETE' });
    expect(del.status).toBe(204);
    expect((await fetch(`${api.url}/api/forecast/events/${id}`, { method: 'DELETE' })).status).toBe(404);
    expect((await api.get('/api/forecast/events')).body).toEqual([]);
  });

  it.each([
    [{ start: '2025-10-01', end: '2025-10-02', lift: 1.2 }, 'name'],
    [{ name: 'x', start: '2025-10-01', end: '2025-09-30', lift: 1.2 }, 'end'],
    [{ name: 'x', start: '2025-10-01', end: '2025-10-02', lift: -1 }, 'lift'],
    [{ name: 'x', start: '2025-10-01', end: '2025-10-02', lift: '1.2' }, 'lift'],
    [{ name: 'x', start: '10/01/2025', end: '2025-10-02', lift: 1.2 }, 'start'],
    [{ name: 'x', channel: 'fax', start: '2025-10-01', end: '2025-10-02', lift: 1.2 }, 'channel'],
  ])('refuses %j with 400 naming %s', async (body, field) => {
    const r = await api.post('/api/forecast/events', body);
    expect(r.status).toBe(400);
    expect(r.body.field).toBe(field);
  });
});

describe('GET /api/forecast/staffing', () => {
  it('staffs each interval at the forecast and at its upper 80% bound', async () => {
    const { status, body } = await api.get(`/api/forecast/staffing?queue=${QUEUE}&channel=voice&granularity=interval30&horizon=${48 * 3}`);
    expect(status).toBe(200);
    expect(body.intervals).toHaveLength(48 * 3);
    const ten = body.intervals.find((x: { period: string }) => x.period === '2025-09-29T10:00:00-07:00');
    // 12 calls of 300 s in 30 min = 2 Erlangs; Erlang C for 80% in 20 s, 30% shrinkage.
    const expected = staff({ calls: ten.forecast, intervalMinutes: 30, aht: 300, answerWithin: 20, serviceLevel: 0.8, shrinkage: 0.3 });
    expect(ten.forecast).toBeCloseTo(12, 6);
    expect(ten.aht).toBeCloseTo(300, 6);
    expect(ten.requiredAgents).toBe(expected.agents);
    expect(ten.fte).toBeCloseTo(expected.agents / 0.7, 9);
    expect(ten.requiredAgentsUpper80).toBeGreaterThanOrEqual(ten.requiredAgents);
    const night = body.intervals.find((x: { period: string }) => x.period === '2025-09-29T03:00:00-07:00');
    expect(night).toMatchObject({ forecast: 0, requiredAgents: 0, fte: 0 });
    expect(body.days.map((d: { date: string }) => d.date)).toEqual(['2025-09-27', '2025-09-28', '2025-09-29']);
    expect(body.days[2].calls).toBeCloseTo(DAY_TOTAL[1]!, 6);
  });

  it('refuses invalid targets naming the field', async () => {
    const r = await api.get(`/api/forecast/staffing?queue=${QUEUE}&serviceLevel=1.2`);
    expect(r.status).toBe(400);
    expect(r.body.field).toBe('serviceLevel');
  });
});
