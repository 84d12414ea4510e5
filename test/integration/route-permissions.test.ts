/**
 * The router, enumerated (issue 13): every declared API route answers 401 without a
 * session (except the public ones), 403 to a role without its permission, 403 to a
 * cross-origin state change, and 421 to a foreign Host. Nothing reaches a handler, so the
 * refused requests change nothing; the route list comes from the running app itself.
 */
import { request as httpRequest } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeclaredRoute } from '../../server/api/permissions.ts';
import { ROLE_PERMISSIONS, ROLES, type Role } from '../../server/auth/roles.ts';
import { Database } from '../../server/db/database.ts';
import { serveForTest, type TestServer } from '../helpers/server.ts';

let dir: string;
let db: Database;
let api: TestServer;
let routes: DeclaredRoute[];
const urls = new Map<Role, string>();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'staffcast-routes-'));
  db = await Database.open(join(dir, 'r.duckdb'));
  api = await serveForTest(db);
  routes = api.app.apiRoutes;
  for (const role of ROLES) urls.set(role, (await api.as(role)).url);
});

afterAll(async () => {
  await api.close();
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A concrete path for a route pattern: `:id` → 1. */
const concrete = (path: string) => path.replace(/:[A-Za-z]+/g, '1');

interface Raw {
  status: number;
  body: { error?: string; field?: string };
}

function raw(url: string, method: string, path: string, headers: Record<string, string> = {}): Promise<Raw> {
  const u = new URL(url);
  const body = method === 'get' ? '' : '{}';
  const framing = { 'content-type': 'application/json', 'content-length': String(body.length) };
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: u.hostname, port: u.port, method: method.toUpperCase(), path, headers: { ...framing, ...headers } }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => {
        let body = {};
        try {
          body = JSON.parse(text);
        } catch {
          /* not JSON */
        }
        resolve({ status: res.statusCode!, body });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('every declared route', () => {
  it('the app declares the routes of every area, each with a permission', () => {
    expect(routes.length).toBeGreaterThanOrEqual(40);
    const names = routes.map((r) => `${r.method.toUpperCase()} ${r.path}`);
    for (const n of ['GET /api/kpis', 'POST /api/ingest', 'GET /api/audit', 'POST /api/users', 'POST /api/auth/sign-in', 'PUT /api/calendar']) expect(names).toContain(n);
    expect(
      routes
        .filter((r) => r.permission === 'public')
        .map((r) => `${r.method.toUpperCase()} ${r.path}`)
        .sort(),
    ).toEqual(['GET /api/auth/me', 'GET /api/health', 'POST /api/auth/sign-in']);
  });

  it('answers 401 without a session, except the public routes', async () => {
    const wrong: string[] = [];
    for (const r of routes.filter((x) => x.permission !== 'public')) {
      const res = await raw(api.directUrl, r.method, concrete(r.path));
      if (res.status !== 401 || res.body.field !== 'session') wrong.push(`${r.method} ${r.path}: ${res.status}`);
    }
    expect(wrong).toEqual([]);
  });

  it('answers 403 naming the role to every role without the permission', async () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const r of routes) {
      for (const role of ROLES.filter((x) => !ROLE_PERMISSIONS[x].includes(r.permission))) {
        const res = await raw(urls.get(role)!, r.method, concrete(r.path));
        checked++;
        if (res.status !== 403 || res.body.field !== 'role') wrong.push(`${role} ${r.method} ${r.path}: ${res.status} ${res.body.field}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(20);
  });

  it('answers 403 to a state change from another origin, even signed in as admin', async () => {
    const admin = urls.get('admin')!;
    const port = new URL(admin).port;
    const wrong: string[] = [];
    for (const r of routes.filter((x) => x.method !== 'get')) {
      const res = await raw(admin, r.method, concrete(r.path), { Host: `127.0.0.1:${port}`, Origin: 'http://evil.example', 'Sec-Fetch-Site': 'cross-site' });
      if (res.status !== 403 || res.body.field !== 'origin') wrong.push(`${r.method} ${r.path}: ${res.status}`);
    }
    expect(wrong).toEqual([]);
  });

  it('answers 421 to a foreign Host (DNS rebinding), even signed in as admin', async () => {
    const wrong: string[] = [];
    for (const r of routes) {
      const res = await raw(urls.get('admin')!, r.method, concrete(r.path), { Host: 'evil.example' });
      if (res.status !== 421 || res.body.field !== 'host') wrong.push(`${r.method} ${r.path}: ${res.status}`);
    }
    expect(wrong).toEqual([]);
  });
});
