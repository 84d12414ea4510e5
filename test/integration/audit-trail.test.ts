/**
 * The audit trail through the API: reads recorded with their filters, denials and
 * sign-in failures recorded, filters on GET /api/audit, the CSV export with formula cells
 * neutralized, and the retention purge (which records itself).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { purgeExpiredAudit, recordAudit } from '../../server/auth/audit.ts';
import { Database } from '../../server/db/database.ts';
import { serveForTest, type TestServer } from '../helpers/server.ts';

let dir: string;
let db: Database;
let api: TestServer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'staffcast-audit-'));
  db = await Database.open(join(dir, 'a.duckdb'));
  api = await serveForTest(db);
});

afterAll(async () => {
  await api.close();
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('GET /api/audit', () => {
  it('records a KPI read with its filters, who and from where, and the outcome', async () => {
    await api.get('/api/kpis?from=2026-01-01&to=2026-01-08&by=day&group=queue');
    const { body } = await api.get(`/api/audit?action=${encodeURIComponent('GET /api/kpis')}`);
    expect(body.total).toBe(1);
    expect(body.rows[0]).toMatchObject({
      actor: 'test-admin',
      role: 'admin',
      address: expect.stringMatching(/127\.0\.0\.1/),
      action: 'GET /api/kpis',
      method: 'GET',
      path: '/api/kpis',
      filters: JSON.stringify({ from: '2026-01-01', to: '2026-01-08', by: 'day', group: 'queue' }),
      status: 200,
      outcome: 'ok',
    });
  });

  it('records denials (no session, wrong role) and failed sign-ins', async () => {
    await api.anonymous.get('/api/scorecard');
    const viewer = await api.as('viewer');
    await viewer.get('/api/ingest/batches/1/rejects');
    await api.anonymous.post('/api/auth/sign-in', { name: 'test-viewer', password: 'not the password' });
    const denied = (await api.get('/api/audit?outcome=denied')).body.rows;
    expect(denied.map((r: { action: string; actor: string | null; status: number }) => [r.action, r.actor, r.status])).toEqual([
      ['sign-in-failed', 'test-viewer', 401],
      ['GET /api/ingest/batches/:id/rejects', 'test-viewer', 403],
      ['GET /api/scorecard', null, 401],
    ]);
    const signIns = (await api.get('/api/audit?action=sign-in')).body.rows.map((r: { action: string; actor: string }) => `${r.action} ${r.actor}`);
    expect(signIns).toContain('sign-in test-admin');
    expect(signIns).toContain('sign-in test-viewer');
  });

  it('records user changes with the user named in the path', async () => {
    expect((await api.post('/api/users', { name: 'pat', role: 'planner' })).status).toBe(201);
    expect((await api.post('/api/users/pat/reset-password', {})).status).toBe(200);
    const rows = (await api.get('/api/audit?action=POST%20%2Fapi%2Fusers')).body.rows;
    expect(rows.map((r: { action: string; path: string; status: number }) => [r.action, r.path, r.status])).toEqual([
      ['POST /api/users/:name/reset-password', '/api/users/pat/reset-password', 200],
      ['POST /api/users', '/api/users', 201],
    ]);
  });

  it('filters by time, and refuses a bad filter naming it', async () => {
    await recordAudit(db, { at: new Date('2020-05-01T10:00:00Z'), actor: 'old', action: 'sign-in', outcome: 'ok' });
    const may = (await api.get('/api/audit?from=2020-05-01&to=2020-05-02')).body;
    expect(may.total).toBe(1);
    expect(may.rows[0]).toMatchObject({ actor: 'old', at: '2020-05-01T10:00:00.000Z' });
    expect((await api.get('/api/audit?from=May')).body).toMatchObject({ field: 'from' });
    expect((await api.get('/api/audit?limit=5000')).body).toMatchObject({ field: 'limit' });
    expect((await api.get('/api/audit?color=red')).body).toMatchObject({ field: 'color' });
  });

  it('exports CSV with formula cells neutralized', async () => {
    await recordAudit(db, { at: new Date('2020-06-01T00:00:00Z'), actor: '=HYPERLINK("http://x","y")', action: 'sign-in-failed', outcome: 'denied', detail: '+1+1' });
    const res = await fetch(`${api.url}/api/audit?from=2020-06-01&to=2020-06-02&format=csv`);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const lines = (await res.text()).trim().split('\n');
    expect(lines[0]).toBe('id,at,actor,role,address,action,method,path,filters,status,outcome,detail');
    // The actor and detail start with = and +: written with a leading ' so a spreadsheet shows text.
    expect(lines[1]).toMatch(/^\d+,2020-06-01T00:00:00\.000Z,"'=HYPERLINK\(""http:\/\/x"",""y""\)",,,sign-in-failed,,,,,denied,'\+1\+1$/);
    expect(lines).toHaveLength(2);
  });
});

describe('retention', () => {
  it('purges rows older than the retention and records the purge', async () => {
    const other = await Database.open(join(dir, 'p.duckdb'));
    try {
      // now 2026-12-03T00:00Z, retention 2557 days = 7 × 365 + 2 leap days (2020-02-29,
      // 2024-02-29): the cut-off is 2019-12-03T00:00Z; rows before it go, rows at or after stay.
      for (const at of ['2018-01-01T00:00:00Z', '2019-12-02T23:59:59Z', '2019-12-03T00:00:00Z', '2020-01-01T00:00:00Z']) {
        await recordAudit(other, { at: new Date(at), action: 'sign-in', outcome: 'ok' });
      }
      expect(await purgeExpiredAudit(other, 2557, new Date('2026-12-03T00:00:00Z'))).toBe(2);
      const rows = await other.query<{ action: string; detail: string | null }>('SELECT action, detail FROM audit_log ORDER BY occurred_at');
      expect(rows).toEqual([
        { action: 'sign-in', detail: null },
        { action: 'sign-in', detail: null },
        { action: 'audit.purge', detail: 'retention 2557 days: 2 rows before 2019-12-03T00:00:00.000Z deleted' },
      ]);
    } finally {
      other.close();
    }
  });
});
