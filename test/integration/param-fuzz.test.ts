/**
 * Injection strings and oversized values in every query parameter of the read endpoints
 * (issue 13, Proof): each typed parameter (dates, numbers, enums, ids, lists, filters)
 * answers 400 naming itself; the one free-text parameter (forecast `queue`, any name a
 * file may carry) answers 404 "no such series" or 400 when overlong. Never a 5xx, never
 * the value echoed past the length limit, and the database is untouched.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

const HOSTILE = [
  "'; DROP TABLE contacts; --",
  "1' OR '1'='1",
  '<script>alert(1)</script>',
  '../../etc/passwd',
  '%00',
  '\u0000',
  '1e308',
  '-1e308',
  'NaN',
  'Infinity',
  '-1',
  '99999999999999999999999',
  '2025-13-45',
  '[object Object]',
  '\u0024{7*7}', // a template-injection probe, written escaped
  'x'.repeat(300),
];

/** Endpoint → its typed parameters (and a valid base query the hostile value is added to). */
const TYPED: { path: string; base: Record<string, string>; params: string[] }[] = [
  { path: '/api/kpis', base: {}, params: ['from', 'to', 'by', 'group', 'where', 'sl-seconds', 'short-abandon-seconds', 'sl-variant', 'fcr-days', 'fcr-same-reason', 'fill', 'percentiles'] },
  { path: '/api/scorecard', base: {}, params: ['from', 'to', 'group', 'where', 'sl-seconds', 'short-abandon-seconds', 'sl-variant', 'fcr-days', 'fcr-same-reason', 'compare'] },
  { path: '/api/forecast', base: { queue: 'medicaid-member-services', horizon: '14' }, params: ['channel', 'granularity', 'horizon', 'metric', 'model', 'history', 'start'] },
  { path: '/api/forecast/staffing', base: { queue: 'medicaid-member-services' }, params: ['channel', 'granularity', 'horizon', 'model', 'start'] },
  { path: '/api/ingest/batches', base: {}, params: ['limit', 'offset'] },
];

describe('hostile query parameters', () => {
  for (const { path, base, params } of TYPED) {
    it(`${path}: every typed parameter answers 400 naming itself`, async () => {
      for (const p of params) {
        for (const v of HOSTILE) {
          const res = await api.get(`${path}?${new URLSearchParams({ ...base, [p]: v })}`);
          expect(res.status, `${p}=${JSON.stringify(v.slice(0, 30))}`).toBe(400);
          expect(res.body.field, `${p}=${JSON.stringify(v.slice(0, 30))}`).toBe(p);
          expect(JSON.stringify(res.body)).not.toContain('x'.repeat(257));
        }
      }
    });
  }

  it('batch ids in the path: 400 naming id', async () => {
    for (const v of HOSTILE) {
      for (const suffix of ['', '/rejects', '/flagged']) {
        const res = await api.get(`/api/ingest/batches/${encodeURIComponent(v)}${suffix}`);
        expect(res.status, JSON.stringify(v.slice(0, 30))).toBe(400);
        expect(res.body.field).toBe('id');
      }
    }
  });

  it('the free-text forecast queue: 404 (no such series) or 400 when overlong; the data untouched', async () => {
    for (const v of HOSTILE) {
      const res = await api.get(`/api/forecast?${new URLSearchParams({ queue: v, horizon: '14' })}`);
      expect([400, 404], JSON.stringify(v.slice(0, 30))).toContain(res.status);
      expect(res.body.field).toBe('queue');
    }
    const [n] = await t.db.query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM contacts');
    expect(n!.n).toBe(1);
  });
});
