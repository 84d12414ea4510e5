/**
 * The hand-made KPI fixture through the real ingest (validation, HMAC member keys, derived
 * waits, handle-time flags, local intervals, next-contact links): every KPI row must equal
 * the one from the direct SQL load whose figures kpis.test.ts works out by hand.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../server/db/database.ts';
import { ingestFile } from '../../server/ingest/index.ts';
import { parseKpiParams } from '../../server/kpi/params.ts';
import { kpiRows } from '../../server/kpi/service.ts';
import { loadContactsDirect } from '../helpers/loadContactsDirect.ts';

const TZ = 'America/Los_Angeles';
const FIXTURE = new URL('../fixtures/kpi-fixture.csv', import.meta.url).pathname;
let direct: Database;
let ingested: Database;

beforeAll(async () => {
  direct = await Database.open(':memory:');
  await loadContactsDirect(direct, FIXTURE, TZ);
  ingested = await Database.open(':memory:');
  const result = await ingestFile(ingested, FIXTURE, { siteTimezone: TZ, hmacKey: Buffer.alloc(32, 1) });
  expect(result.outcome).toBe('committed');
  // 30 rows, all accepted; B02 (0 s) and B10 (over 8 h) are kept with a handle-time flag
  expect([result.rowsRead, result.rowsAccepted, result.rowsRejected]).toEqual([30, 30, 0]);
  expect(result.rowsFlagged).toBe(2);
});
afterAll(() => {
  direct.close();
  ingested.close();
});

describe('KPIs of ingested contacts', () => {
  it.each([
    [{ group: 'queue' }],
    [{ group: 'queue,channel,tier' }],
    [{ by: 'day', group: 'reason' }],
    [{ by: 'interval15', from: '2025-06-02', to: '2025-06-05' }],
    [{ 'fcr-days': '1' }],
    [{ 'fcr-same-reason': 'true', group: 'plan' }],
  ])('equal the hand-checked direct load for %j', async (raw) => {
    const params = parseKpiParams(raw as Record<string, string>);
    expect(await kpiRows(ingested, params, TZ)).toEqual(await kpiRows(direct, params, TZ));
  });

  it('stores no raw member ID', async () => {
    const [row] = await ingested.query<{ n: number }>("SELECT count(*)::INTEGER AS n FROM contacts WHERE member_key IN ('M1', 'M2') OR length(member_key) <> 64");
    expect(row!.n).toBe(0);
  });
});
