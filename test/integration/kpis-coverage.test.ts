/**
 * Empty periods are filled only inside the data's coverage, and one KPI answer is capped at
 * MAX_KPI_ROWS rows (a 400 that says how to narrow the request; the CLI exits 2 with it).
 * Fixture: the hand-made 30 contacts (kpis.test.ts), local dates 2025-06-02 … 2025-06-12.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../server/db/database.ts';
import { parseKpiParams } from '../../server/kpi/params.ts';
import { kpiRows, MAX_KPI_ROWS } from '../../server/kpi/service.ts';
import { loadContactsDirect } from '../helpers/loadContactsDirect.ts';
import { serveForTest, type TestServer } from '../helpers/server.ts';

const TZ = 'America/Los_Angeles';
const FIXTURE = new URL('../fixtures/kpi-fixture.csv', import.meta.url).pathname;
const BIN = new URL('../../bin/staffcast.js', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'staffcast-kpi-coverage-'));
let db: Database;
let wide: Database; // two contacts five and a half years apart
let api: TestServer;
const widePath = join(dir, 'wide.duckdb');

const HEADER = 'contact_id,queue,channel,plan,state,tier,reason,offered_at,answered_at,ended_at,talk_s,hold_s,acw_s,agent_id,member_id,transferred,ivr_contained,resolved,csat,nps';

beforeAll(async () => {
  db = await Database.open(':memory:');
  await loadContactsDirect(db, FIXTURE, TZ);
  api = await serveForTest(db);
  const csv = join(dir, 'wide.csv');
  writeFileSync(
    csv,
    [
      HEADER,
      'W1,medicaid,voice,medicaid,CA,1,claims,2020-01-06T09:00:00-08:00,2020-01-06T09:00:05-08:00,,100,0,20,ag1,M1,false,false,,,',
      'W2,medicaid,voice,medicaid,CA,1,claims,2025-06-02T09:00:00-07:00,2025-06-02T09:00:05-07:00,,100,0,20,ag1,M2,false,false,,,',
    ].join('\n') + '\n',
  );
  wide = await Database.open(widePath);
  await loadContactsDirect(wide, csv, TZ);
});
afterAll(async () => {
  await api.close();
  db.close();
  wide.close();
  rmSync(dir, { recursive: true, force: true });
});

const rows = (d: Database, raw: Record<string, string>) => kpiRows(d, parseKpiParams(raw), TZ);

describe('filling empty periods inside the coverage only', () => {
  it("a range wider than the data is filled over the data's dates only", async () => {
    // 2025-05-30 … 2025-06-15 is 17 days; the data covers 06-02 … 06-12: 11 days, filled.
    const days = await rows(db, { from: '2025-05-30', to: '2025-06-16', by: 'day' });
    expect(days).toHaveLength(11);
    expect(days[0]!.period).toBe('2025-06-02T00:00:00-07:00');
    expect(days[10]!.period).toBe('2025-06-12T00:00:00-07:00');
    expect(days[3]!.offered).toBe(0); // 06-05: inside the coverage, no contacts offered: 0
  });

  it('1900 to 2100 by day is the same 11 rows, not 73,049 zero rows', async () => {
    const days = await rows(db, { from: '1900-01-01', to: '2100-01-01', by: 'day' });
    expect(days).toHaveLength(11);
    expect(days.reduce((s, d) => s + d.offered, 0)).toBe(27); // 18 medicaid + 9 medicare
  });

  it('a range outside the coverage has no rows (no data is not zero contacts)', async () => {
    expect(await rows(db, { from: '2020-01-01', to: '2020-02-01', by: 'day' })).toEqual([]);
    expect(await rows(db, { from: '2020-01-01', to: '2020-02-01' })).toEqual([]);
    // Inside the coverage a day without contacts is still a zero row: 06-05 had only an IVR contact.
    const [d] = await rows(db, { from: '2025-06-07', to: '2025-06-09' });
    expect(d!.offered).toBe(0);
  });
});

describe('the row limit', () => {
  it(`refuses more than ${MAX_KPI_ROWS.toLocaleString('en-US')} rows with a 400 that says how to narrow`, async () => {
    // Coverage 2020-01-06 … 2025-06-02 = 1,975 days; × 96 quarter-hours = 189,600 > 100,000
    // (about: DST days have 92 or 100).
    await expect(rows(wide, { by: 'interval15' })).rejects.toThrow(
      "invalid by: the answer would have about 189,600 rows (interval15 periods from 2020-01-06 to 2025-06-03, the data's coverage within the range), above the limit of 100,000 rows per request; narrow from/to, choose a coarser by (hour, day, week, month, quarter), group by fewer dimensions, or filter with where",
    );
    // The same by day: 1,975 rows, fine; a year of quarter-hours (365 × 96 = 35,040), fine.
    expect(await rows(wide, { by: 'day' })).toHaveLength(1975);
    expect(await rows(wide, { by: 'interval15', from: '2024-06-02', to: '2025-06-02' })).toHaveLength(35_040);
  });

  it('the API answers 400 naming the field; the CLI exits 2 with the same message', async () => {
    const { status, body } = await api.get('/api/kpis?by=interval15&group=queue,channel,plan,state,tier,reason');
    // 11 days × 96 = 1,056 quarter-hours × the fixture's distinct groups: under the limit.
    expect(status).toBe(200);
    expect(body.length).toBeLessThanOrEqual(MAX_KPI_ROWS);
    const wideApi = await serveForTest(wide);
    try {
      const r = await wideApi.get('/api/kpis?by=interval15');
      expect(r.status).toBe(400);
      expect(r.body.field).toBe('by');
      expect(r.body.error).toMatch(/^invalid by: the answer would have about 189,600 rows .*; narrow from\/to, choose a coarser by/);
      expect((await wideApi.get('/api/kpis?by=hour&from=2024-01-01&to=2025-01-01')).status).toBe(200); // 366 × 24 = 8,784 rows
    } finally {
      await wideApi.close();
    }
    wide.close();
    const cli = await new Promise<{ code: number; stderr: string }>((resolve) => {
      execFile(process.execPath, [BIN, 'kpis', '--by', 'interval15', '--format', 'csv', '--db', widePath], { env: { ...process.env, STAFFCAST_TIMEZONE: TZ } }, (err, _o, stderr) =>
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stderr }),
      );
    });
    wide = await Database.open(widePath);
    expect(cli.code).toBe(2);
    expect(cli.stderr).toMatch(/^staffcast: invalid by: the answer would have about 189,600 rows \(interval15 periods .* above the limit of 100,000 rows per request; narrow from\/to/);
  }, 30_000);
});

describe('a grouped, filled answer over the limit', () => {
  it('is refused, naming the periods and the groups it would have', async () => {
    const g = await Database.open(':memory:');
    try {
      const csv = join(dir, 'groups.csv');
      // Three queues with contacts in one year, 2024-06-03 … 2025-06-02: 365 days × 96
      // quarter-hours = 35,040 periods (the 92- and 100-quarter-hour DST days cancel out);
      // × 3 groups = 105,120 rows > 100,000.
      writeFileSync(
        csv,
        [
          HEADER,
          'G1,medicaid,voice,medicaid,CA,1,claims,2024-06-03T09:00:00-07:00,2024-06-03T09:00:05-07:00,,100,0,20,ag1,M1,false,false,,,',
          'G2,medicare,voice,medicaid,CA,1,claims,2024-12-03T09:00:00-08:00,2024-12-03T09:00:05-08:00,,100,0,20,ag1,M2,false,false,,,',
          'G3,marketplace,voice,medicaid,CA,1,claims,2025-06-02T09:00:00-07:00,2025-06-02T09:00:05-07:00,,100,0,20,ag1,M3,false,false,,,',
        ].join('\n') + '\n',
      );
      await loadContactsDirect(g, csv, TZ);
      const ask = (q: Record<string, string>) => kpiRows(g, parseKpiParams({ from: '2024-06-03', to: '2025-06-03', by: 'interval15', ...q }), TZ);
      await expect(ask({ group: 'queue' })).rejects.toThrow('invalid group: the answer would have 105,120 rows (35,040 interval15 periods × 3 groups), above the limit of 100,000 rows');
      // Two of the queues: 35,040 × 2 = 70,080 rows, answered.
      expect(await ask({ group: 'queue', where: 'queue=medicaid|medicare' })).toHaveLength(70_080);
    } finally {
      g.close();
    }
  });
});
