/**
 * Derived local columns on daylight-saving days in America/Los_Angeles: a local day has 92
 * (2025-03-09), 96 or 100 (2025-11-02) quarter-hours, and interval15 / interval30 equal the
 * grid built independently by server/wfm/timezone.ts (localDayIntervals). DuckDB's
 * date_trunc('hour') in a local zone misplaces 01:40 PDT on the fall-back day; the ingest's
 * time_bucket(…, zone) must not.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDayIntervals } from '../../server/wfm/timezone.ts';
import { csv, openTestDb, row, SITE_TZ, type TestDb } from '../fixtures/ingest/helpers.ts';

let t: TestDb;
const DAYS = ['2025-03-08', '2025-03-09', '2025-11-01', '2025-11-02'];

beforeAll(async () => {
  t = await openTestDb();
  // One answered contact every 5 minutes through each local day (UTC instants with Z).
  const rows = [];
  for (const day of DAYS) {
    const grid = localDayIntervals(day, SITE_TZ, 5);
    for (const [i, ms] of grid.entries()) {
      const iso = (x: number) => new Date(x).toISOString();
      rows.push(row({ contact_id: `${day}-${i}`, offered_at: iso(ms + 60_000), answered_at: iso(ms + 70_000), ended_at: iso(ms + 400_000) }));
    }
  }
  const r = await t.ingest(t.file('dst.csv', csv(rows)));
  expect(r).toMatchObject({ outcome: 'committed', rowsRejected: 0 });
});
afterAll(() => t.close());

describe('daylight-saving days', () => {
  it('have 92, 96 or 100 quarter-hours and 46, 48 or 50 half-hours', async () => {
    const got = await t.db.query(
      `SELECT strftime(local_date, '%Y-%m-%d') AS day, count(DISTINCT interval15)::INTEGER AS q, count(DISTINCT interval30)::INTEGER AS h,
         count(*)::INTEGER AS n FROM contacts GROUP BY local_date ORDER BY local_date`,
    );
    // 23 h = 276 five-minute slots, 24 h = 288, 25 h = 300.
    expect(got).toEqual([
      { day: '2025-03-08', q: 96, h: 48, n: 288 },
      { day: '2025-03-09', q: 92, h: 46, n: 276 },
      { day: '2025-11-01', q: 96, h: 48, n: 288 },
      { day: '2025-11-02', q: 100, h: 50, n: 300 },
    ]);
  });

  it('interval starts equal the independently built local grid', async () => {
    for (const day of DAYS) {
      for (const minutes of [15, 30] as const) {
        const col = minutes === 15 ? 'interval15' : 'interval30';
        const rows = await t.db.query<{ ms: number }>(`SELECT DISTINCT epoch_ms(${col})::DOUBLE AS ms FROM contacts WHERE local_date = $d::DATE ORDER BY 1`, { d: day });
        expect(rows.map((r) => r.ms)).toEqual(localDayIntervals(day, SITE_TZ, minutes));
      }
    }
  });

  it('puts 01:40 PDT and 01:40 PST of the fall-back day in different intervals', async () => {
    // 01:40 PDT = 08:40Z -> 01:30 PDT = 08:30Z; 01:40 PST = 09:40Z -> 01:30 PST = 09:30Z.
    const rows = await t.db.query(
      `SELECT strftime(offered_at AT TIME ZONE 'UTC', '%H:%M') AS at, strftime(interval15 AT TIME ZONE 'UTC', '%H:%M') AS i15,
         strftime(interval30 AT TIME ZONE 'UTC', '%H:%M') AS i30
       FROM contacts WHERE offered_at IN ('2025-11-02 08:41:00+00'::TIMESTAMPTZ, '2025-11-02 09:41:00+00'::TIMESTAMPTZ) ORDER BY offered_at`,
    );
    expect(rows).toEqual([
      { at: '08:41', i15: '08:30', i30: '08:30' },
      { at: '09:41', i15: '09:30', i30: '09:30' },
    ]);
  });

  it('assigns the local date of the site zone, not UTC', async () => {
    // 2025-11-02 23:56 PST = 2025-11-03 07:56Z still belongs to Nov 2.
    const [r] = await t.db.query(`SELECT strftime(local_date, '%Y-%m-%d') AS d FROM contacts WHERE offered_at = '2025-11-03 07:56:00+00'::TIMESTAMPTZ`);
    expect(r).toEqual({ d: '2025-11-02' });
  });
});
