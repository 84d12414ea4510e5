/**
 * The dashboard's answers cached per data version (server/kpi/answerCache.ts): a repeated
 * question is answered from the cache (same bytes, ETag, 304), and every change retires it —
 * an ingest, a target change, any state-changing request.
 */
import { get as httpGet } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cacheStats } from '../../server/kpi/answerCache.ts';
import { csv, openTestDb, row, type TestDb } from '../fixtures/ingest/helpers.ts';
import { serveForTest, type TestServer } from '../helpers/server.ts';

let t: TestDb;
let api: TestServer;

beforeAll(async () => {
  t = await openTestDb(true);
  await t.ingest(t.file('one.csv', csv([row({ contact_id: 'A' })])));
  api = await serveForTest(t.db);
});

afterAll(async () => {
  await api.close();
  t.close();
});

const SCORECARD = '/api/scorecard?from=2025-06-01&to=2025-07-01';
const metric = (body: { rows: { metrics: { name: string; value: number; target: unknown }[] }[] }, name: string) => body.rows[0]!.metrics.find((m) => m.name === name)!;

describe('answer cache', () => {
  it('answers a repeated question from the cache, with the same bytes and a 304 for the same ETag', async () => {
    const first = await fetch(api.url + SCORECARD);
    const text = await first.text();
    const misses = cacheStats.misses;
    const hits = cacheStats.hits;
    const second = await fetch(api.url + SCORECARD);
    expect(await second.text()).toBe(text);
    expect(cacheStats.hits).toBe(hits + 1);
    expect(cacheStats.misses).toBe(misses);
    const etag = second.headers.get('etag')!;
    expect(etag).toMatch(/^W\/"[0-9a-f]+-[\w-]{27}"$/);
    // node:http, since fetch adds Cache-Control: no-cache to a conditional request.
    const status = await new Promise<number>((resolve, reject) => {
      httpGet(api.url + SCORECARD, { headers: { 'if-none-match': etag } }, (res) => {
        res.resume();
        resolve(res.statusCode!);
      }).on('error', reject);
    });
    expect(status).toBe(304);
  });

  it('a target change retires the cached scorecard', async () => {
    // Default ASA target (registry): green ≤ 30 s. The override: green ≤ 10 s, amber ≤ 20 s.
    const before = await api.get(SCORECARD);
    expect(metric(before.body, 'asa').target).not.toEqual({ kind: 'lower', green: 10, amber: 20 });
    const put = await api.put('/api/targets', { metric: 'asa', target: { kind: 'lower', green: 10, amber: 20 } });
    expect(put.status).toBe(200);
    const after = await api.get(SCORECARD);
    expect(metric(after.body, 'asa').target).toEqual({ kind: 'lower', green: 10, amber: 20 });
  });

  it('an ingest retires cached KPI answers: offered 1, then 3 after two more contacts', async () => {
    const one = await api.get('/api/kpis?from=2025-06-01&to=2025-07-01');
    expect(one.body[0].offered).toBe(1);
    await t.ingest(t.file('two.csv', csv([row({ contact_id: 'B' }), row({ contact_id: 'C' })])));
    const three = await api.get('/api/kpis?from=2025-06-01&to=2025-07-01');
    expect(three.body[0].offered).toBe(3);
  });

  it('every state-changing request bumps the data version, at its start and its end; reads do not', async () => {
    const v = t.db.version;
    await api.get('/api/kpis');
    expect(t.db.version).toBe(v);
    await api.post('/api/staffing/erlang', { nonsense: true }); // refused (400), still a write request
    expect(t.db.version).toBe(v + 2);
  });

  it('requests that cannot change data leave the version alone: no session, a preview, an export record', async () => {
    const v = t.db.version;
    // Refused before any handler runs (401): a flood of them cannot empty the cache.
    expect((await api.anonymous.put('/api/targets', { metric: 'aht', value: 1 })).status).toBe(401);
    expect((await api.post('/api/ingest/preview', { text: 'contact_id,queue,offered_at\nA,q,2025-06-02T10:00:00Z\n' })).status).toBe(200);
    expect((await api.post('/api/audit/exports', { file: 'x.csv', rows: 1, page: '/scorecard' })).status).toBeLessThan(300);
    expect(t.db.version).toBe(v);
  });
});
