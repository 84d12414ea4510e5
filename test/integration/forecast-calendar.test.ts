/**
 * The database forecast reads the site calendar's holidays (issue 10): on the forecast
 * fixture (Mon 102, Tue/Wed 85, Thu/Fri 68 offered; weekends, Juneteenth, July 4 and Labor
 * Day closed; history 2025-06-02 … 09-26), Columbus Day Mon 2025-10-13 is never seen. The
 * default calendar closes it → 0; a stored calendar that does not observe it → an ordinary
 * Monday, 102.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../server/db/database.ts';
import { putSiteCalendar } from '../../server/db/queries/calendar.ts';
import { defaultCalendar } from '../../server/wfm/siteCalendar.ts';
import { serveForTest, type TestServer } from '../helpers/server.ts';
import { DAY_TOTAL, loadForecastFixture, QUEUE, TZ } from './forecast-fixture.ts';

let db: Database;
let api: TestServer;

beforeAll(async () => {
  db = await Database.open(':memory:');
  await loadForecastFixture(db);
  api = await serveForTest(db, { timezone: TZ });
});
afterAll(async () => {
  await api.close();
  db.close();
});

// 21 days from Sat 09-27: 09-27 + 16 days = Mon 10-13 (3 days to 09-30, 13 more into October).
const url = `/api/forecast?queue=${QUEUE}&channel=voice&granularity=day&horizon=21`;
const columbus = (body: { points: { period: string; forecast: number }[] }) => body.points[16]!;

describe('GET /api/forecast with the site calendar', () => {
  it('no stored calendar: the default closes Columbus Day → 0, with the note', async () => {
    const { status, body } = await api.get(url);
    expect(status).toBe(200);
    expect(columbus(body).period).toBe('2025-10-13');
    expect(columbus(body).forecast).toBe(0);
    expect(body.notes).toContain('Columbus Day 2025-10-13: closed by the site calendar: forecast 0');
  });

  it('a stored calendar that does not observe Columbus Day: an ordinary Monday, 102', async () => {
    const cal = defaultCalendar(TZ);
    await putSiteCalendar(db, { ...cal, holidays: cal.holidays.filter((h) => h !== 'columbus_day') });
    const { body } = await api.get(url);
    expect(columbus(body).forecast).toBeCloseTo(DAY_TOTAL[1]!, 6); // 6·15 + 2·6 = 102 per Monday (fixture)
    expect(body.notes).toContain('Columbus Day 2025-10-13: open by the site calendar, not seen in the history: forecast as an ordinary Monday');
  });
});
