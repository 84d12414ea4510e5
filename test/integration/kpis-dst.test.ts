/**
 * KPI bucketing on the daylight-saving days of America/Los_Angeles. On 2025-11-02 the hour
 * 01:00–02:00 happens twice (PDT −07:00, then PST −08:00); on 2025-03-09 02:00–03:00 never
 * happens. Each contact must land in the interval of its own instant.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../server/db/database.ts';
import { parseKpiParams } from '../../server/kpi/params.ts';
import { kpiRows } from '../../server/kpi/service.ts';
import { loadContactsDirect } from '../helpers/loadContactsDirect.ts';

const TZ = 'America/Los_Angeles';
const HEADER = 'contact_id,queue,channel,plan,state,tier,reason,offered_at,answered_at,ended_at,talk_s,hold_s,acw_s,agent_id,member_id,transferred,ivr_contained,resolved,csat,nps';
const row = (id: string, offered: string, answered: string) => `${id},q,voice,,,,other,${offered},${answered},,100,0,0,,,,false,,,`;
let db: Database;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'staffcast-dst-'));
  const file = join(dir, 'dst.csv');
  writeFileSync(
    file,
    [
      HEADER,
      row('F1', '2025-11-02T01:10:00-07:00', '2025-11-02T01:10:10-07:00'), // first 01:00 (PDT)
      row('F2', '2025-11-02T01:40:00-07:00', '2025-11-02T01:40:30-07:00'), // first 01:30 (PDT)
      row('F3', '2025-11-02T01:40:00-08:00', '2025-11-02T01:40:05-08:00'), // second 01:30 (PST)
      row('F4', '2025-11-02T01:50:00-08:00', '2025-11-02T01:50:05-08:00'), // second 01:30 (PST)
      row('F5', '2025-11-02T23:59:00-08:00', '2025-11-02T23:59:01-08:00'), // last interval of the 25-h day
      row('S1', '2025-03-09T01:59:00-08:00', '2025-03-09T01:59:02-08:00'), // just before the gap
      row('S2', '2025-03-09T03:00:00-07:00', '2025-03-09T03:00:30-07:00'), // first instant after it
    ].join('\n') + '\n',
  );
  db = await Database.open(':memory:');
  await loadContactsDirect(db, file, TZ);
});
afterAll(() => db.close());

const rows = (raw: Record<string, string>) => kpiRows(db, parseKpiParams(raw), TZ);

describe('fall-back day 2025-11-02', () => {
  it('has 50 half-hours, and the repeated 01:30 holds its own contacts', async () => {
    const list = await rows({ from: '2025-11-02', to: '2025-11-03', by: 'interval30' });
    expect(list).toHaveLength(50);
    const offered = Object.fromEntries(list.filter((r) => r.offered > 0).map((r) => [r.period, r.offered]));
    expect(offered).toEqual({
      '2025-11-02T01:00:00-07:00': 1, // F1
      '2025-11-02T01:30:00-07:00': 1, // F2
      '2025-11-02T01:30:00-08:00': 2, // F3, F4
      '2025-11-02T23:30:00-08:00': 1, // F5
    });
    // F2 waited 30 s (outside T = 20 s); F3 and F4 waited 5 s
    expect(list.find((r) => r.period === '2025-11-02T01:30:00-07:00')!.serviceLevel).toBe(0);
    expect(list.find((r) => r.period === '2025-11-02T01:30:00-08:00')!.serviceLevel).toBe(1);
  });

  it('has 25 hours, with 01:00 twice', async () => {
    const list = await rows({ from: '2025-11-02', to: '2025-11-03', by: 'hour' });
    expect(list).toHaveLength(25);
    const offered = Object.fromEntries(list.filter((r) => r.offered > 0).map((r) => [r.period, r.offered]));
    expect(offered).toEqual({
      '2025-11-02T01:00:00-07:00': 2, // F1, F2
      '2025-11-02T01:00:00-08:00': 2, // F3, F4 — not merged into the first 01:00
      '2025-11-02T23:00:00-08:00': 1,
    });
  });

  it('counts the whole 25-hour day as one local date', async () => {
    const [day] = await rows({ from: '2025-11-02', to: '2025-11-03', by: 'day' });
    expect([day!.period, day!.offered]).toEqual(['2025-11-02T00:00:00-07:00', 5]);
  });
});

describe('spring-forward day 2025-03-09', () => {
  it('has 92 quarter-hours and no 02:00 hour', async () => {
    const list = await rows({ from: '2025-03-09', to: '2025-03-10', by: 'interval15' });
    expect(list).toHaveLength(92);
    expect(list.some((r) => r.period.startsWith('2025-03-09T02:'))).toBe(false);
    const offered = Object.fromEntries(list.filter((r) => r.offered > 0).map((r) => [r.period, r.offered]));
    expect(offered).toEqual({ '2025-03-09T01:45:00-08:00': 1, '2025-03-09T03:00:00-07:00': 1 });
  });
});
