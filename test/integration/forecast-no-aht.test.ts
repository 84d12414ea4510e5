/**
 * Forecasts where handle times are missing (forecast-no-aht-fixture.ts): an AHT forecast of
 * a queue with no handle time at all is a 422 naming the problem, not a 500; staffing from a
 * forecast shows the calls of an interval without an AHT with null agents and a note, never
 * "0 calls, 0 agents".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../server/db/database.ts';
import { serveForTest, type TestServer } from '../helpers/server.ts';
import { loadNoAhtFixture, TZ } from './forecast-no-aht-fixture.ts';

let db: Database;
let api: TestServer;

beforeAll(async () => {
  db = await Database.open(':memory:');
  await loadNoAhtFixture(db);
  api = await serveForTest(db, { timezone: TZ });
});
afterAll(async () => {
  await api.close();
  db.close();
});

interface Interval {
  period: string;
  forecast: number;
  aht: number | null;
  requiredAgents: number | null;
  requiredAgentsUpper80: number | null;
  fte: number | null;
}
interface Day {
  date: string;
  calls: number;
  requiredAgentHours: number | null;
  fteHours: number | null;
}

describe('a queue whose contacts all abandoned (no handle time)', () => {
  it('GET /api/forecast?metric=aht answers 422 naming the problem', async () => {
    for (const g of ['day', 'interval30']) {
      const { status, body } = await api.get(`/api/forecast?queue=dental&channel=voice&metric=aht&granularity=${g}&horizon=7`);
      expect(status).toBe(422);
      expect(body).toEqual({
        error: 'invalid metric: no handled contacts with a handle time for dental on voice in the history through 2025-09-26, so there is no AHT to forecast',
        field: 'metric',
      });
    }
  });

  it('GET /api/forecast/staffing shows the calls, null agents and a note', async () => {
    const { status, body } = await api.get('/api/forecast/staffing?queue=dental&channel=voice');
    expect(status).toBe(200);
    // The history ends Fri 2025-09-26; Mon 09-29 09:00 has the 10 weekday contacts (09:00–09:09).
    const nine = body.intervals.find((i: Interval) => i.period === '2025-09-29T09:00:00-07:00') as Interval;
    expect(nine.forecast).toBeCloseTo(10, 6);
    expect(nine).toMatchObject({ aht: null, requiredAgents: null, requiredAgentsUpper80: null, fte: null });
    // A night interval: no calls, so 0 agents is right even without an AHT.
    const night = body.intervals.find((i: Interval) => i.period === '2025-09-29T03:00:00-07:00') as Interval;
    expect(night).toMatchObject({ forecast: 0, requiredAgents: 0 });
    const monday = body.days.find((d: Day) => d.date === '2025-09-29') as Day;
    expect(monday.calls).toBeCloseTo(10, 6);
    expect(monday).toMatchObject({ requiredAgentHours: null, fteHours: null });
    expect(body.notes).toContain(
      'no handled contacts with a handle time for dental on voice in the history through 2025-09-26, so there is no AHT to forecast: required agents and FTE are null wherever calls are forecast',
    );
  });
});

describe('a queue whose Saturday contacts all abandoned', () => {
  it('the Saturday interval keeps its calls, with null agents and a note; weekdays are staffed', async () => {
    const { status, body } = await api.get('/api/forecast/staffing?queue=vision&channel=voice&granularity=interval30&horizon=336');
    expect(status).toBe(200);
    // History ends Sat 2025-09-27; the week forecast is Sun 09-28 … Sat 10-04.
    const sat = body.intervals.find((i: Interval) => i.period === '2025-10-04T08:00:00-07:00') as Interval;
    expect(sat.forecast).toBeCloseTo(4, 6); // 4 contacts every Saturday at 08:00
    expect(sat).toMatchObject({ aht: null, requiredAgents: null, fte: null });
    const satDay = body.days.find((d: Day) => d.date === '2025-10-04') as Day;
    expect(satDay.calls).toBeCloseTo(4, 6);
    expect(satDay.requiredAgentHours).toBeNull();
    // Monday 08:00: 4 calls at AHT 300 s: A = 4 × 300 / 1800 = 0.667 Erlangs. N = 1: C = A,
    // SL = 1 − 0.667·e^(−(1 − 0.667)·20/300) = 0.348 < 0.8. N = 2: B = (A²/2)/(1 + A + A²/2)
    // = 0.1176, C = 2B/(2 − A + A·B) = 0.1667, SL = 1 − 0.1667·e^(−1.333·20/300) = 0.848: 2 agents.
    const mon = body.intervals.find((i: Interval) => i.period === '2025-09-29T08:00:00-07:00') as Interval;
    expect(mon.forecast).toBeCloseTo(4, 6);
    expect(mon.aht).toBeCloseTo(300, 6);
    expect(mon.requiredAgents).toBe(2);
    expect(body.notes).toContain(
      "1 intervals have forecast calls but no AHT (no handle time in the history for their time of day or their day): their required agents and FTE, and their days' agent-hours, are null",
    );
  });
});
