/**
 * GET /api/capacity/history is answered from the per-data-version cache (server/api/cachedJson.ts):
 * a repeated request is a hit with the same bytes, and an ingest retires it.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../server/db/database.ts';
import { ensureDailyRollup } from '../../server/db/queries/dailyRollup.ts';
import { ingestFile } from '../../server/ingest/index.ts';
import { cacheStats } from '../../server/kpi/answerCache.ts';
import { serveForTest, type TestServer } from '../helpers/server.ts';

const TZ = 'America/Los_Angeles';
const KEY = { siteTimezone: TZ, hmacKey: Buffer.alloc(32, 5) };
const HEADER = 'contact_id,queue,channel,plan,state,tier,reason,offered_at,answered_at,ended_at,talk_s,hold_s,acw_s,agent_id,member_id,transferred,ivr_contained,resolved,csat,nps';
// Two answered voice Tier-1 contacts on Monday 2025-03-03 (PST): 300 + 60 + 60 = 420 s and 600 + 0 + 0 = 600 s.
const C1 = 'c1,member-services,voice,medicaid,CA,1,billing,2025-03-03T17:05:00Z,2025-03-03T17:05:10Z,2025-03-03T17:12:10Z,300,60,60,a1,M1,false,false,true,,';
const C2 = 'c2,member-services,voice,medicaid,CA,1,billing,2025-03-03T18:05:00Z,2025-03-03T18:05:10Z,2025-03-03T18:15:10Z,600,0,0,a1,M2,false,false,true,,';

const dir = mkdtempSync(join(tmpdir(), 'staffcast-capacity-cache-'));
let db: Database;
let api: TestServer;

function file(name: string, line: string): string {
  const path = join(dir, name);
  writeFileSync(path, `${HEADER}\n${line}\n`);
  return path;
}

beforeAll(async () => {
  db = await Database.open(':memory:');
  await db.withConnection(ensureDailyRollup);
  expect((await ingestFile(db, file('one.csv', C1), KEY)).outcome).toBe('committed');
  api = await serveForTest(db, { timezone: TZ });
});

afterAll(async () => {
  await api.close();
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('GET /api/capacity/history, cached', () => {
  it('a repeated request is a cache hit with the same bytes; an ingest retires it', async () => {
    const first = await fetch(`${api.url}/api/capacity/history`);
    const text = await first.text();
    expect(JSON.parse(text)).toMatchObject({ contacts: 1, aht: { voice: 420 } });
    const { hits, misses } = cacheStats;
    const second = await fetch(`${api.url}/api/capacity/history`);
    expect(await second.text()).toBe(text);
    expect([cacheStats.hits, cacheStats.misses]).toEqual([hits + 1, misses]);
    expect(second.headers.get('etag')).toMatch(/^W\/"/);

    expect((await ingestFile(db, file('two.csv', C2), KEY)).outcome).toBe('committed');
    const after = await api.get('/api/capacity/history');
    // (420 + 600) ÷ 2 = 510 s
    expect(after.body).toMatchObject({ contacts: 2, aht: { voice: 510 } });
  });
});
