/**
 * The site guard against the attacks found on this machine: a page on another origin that
 * commits contacts with a no-cors form post, a DNS-rebound page (`Host: evil.example`)
 * reading the API, and the dashboard framed by another site. Each request is sent raw
 * (node:http), since fetch will not set Host or Origin.
 */
import { request as httpRequest } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allowedHostnames, hostnameOf, refusalOf } from '../../server/api/siteGuard.ts';
import { Database } from '../../server/db/database.ts';
import { csv, row } from '../fixtures/ingest/helpers.ts';
import { serveForTest, type TestServer } from '../helpers/server.ts';

let dir: string;
let db: Database;
let api: TestServer;
let port: number;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'staffcast-site-guard-'));
  db = await Database.open(join(dir, 'g.duckdb'));
  api = await serveForTest(db);
  port = Number(new URL(api.url).port);
});

afterAll(async () => {
  await api.close();
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function send(method: string, path: string, headers: Record<string, string>, body?: string): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

/** A multipart form post, as a cross-site <form enctype="multipart/form-data"> sends it. */
function formPost(headers: Record<string, string>): Promise<Raw> {
  const boundary = 'xyzBOUNDARY';
  const file = csv([row({ contact_id: 'EVIL1' })]);
  const body = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="x.csv"\r\nContent-Type: text/csv\r\n\r\n${file}\r\n--${boundary}--\r\n`;
  return send('POST', '/api/ingest', { 'Content-Type': `multipart/form-data; boundary=${boundary}`, ...headers }, body);
}

async function contactCount(): Promise<number> {
  const [r] = await db.query('SELECT count(*)::INTEGER AS n FROM contacts');
  return (r as { n: number }).n;
}

describe('site guard', () => {
  it('refuses a cross-origin form post (no-cors) and commits nothing', async () => {
    const res = await formPost({ Host: `127.0.0.1:${port}`, Origin: 'http://evil.example', 'Sec-Fetch-Site': 'cross-site' });
    expect(res.status).toBe(403);
    expect(JSON.parse(res.body)).toMatchObject({ field: 'origin' });
    expect(await contactCount()).toBe(0);
    // Same request without Origin but marked cross-site by the browser: refused too.
    expect((await formPost({ Host: `127.0.0.1:${port}`, 'Sec-Fetch-Site': 'cross-site' })).status).toBe(403);
    expect(await contactCount()).toBe(0);
  });

  it('accepts the same upload from the dashboard itself (same origin) and from a client with no Origin (CLI, curl)', async () => {
    const own = await formPost({ Host: `127.0.0.1:${port}`, Origin: `http://127.0.0.1:${port}`, 'Sec-Fetch-Site': 'same-origin' });
    expect(own.status).toBe(201);
    expect(await contactCount()).toBe(1);
    expect((await send('GET', '/api/ingest/batches', { Host: `127.0.0.1:${port}` })).status).toBe(200);
  });

  it('refuses a DNS-rebound request (Host: evil.example) with 421, reads included', async () => {
    const res = await send('GET', '/api/dimensions', { Host: 'evil.example' });
    expect(res.status).toBe(421);
    expect(JSON.parse(res.body)).toMatchObject({ field: 'host' });
    expect((await send('GET', '/api/health', { Host: `evil.example:${port}` })).status).toBe(421);
    expect((await send('GET', '/api/health', { Host: `localhost:${port}` })).status).toBe(200);
  });

  it('may not be framed, and loads nothing from elsewhere', async () => {
    const res = await send('GET', '/api/health', { Host: `127.0.0.1:${port}` });
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
  });
});

describe('site guard rules', () => {
  const allowed = allowedHostnames('127.0.0.1');
  const ask = (method: string, host: string | undefined, origin?: string, fetchSite?: string) => refusalOf({ method, host, origin, fetchSite }, allowed)?.status ?? 'ok';

  it('knows loopback by every name when bound to loopback, and only the configured name otherwise', () => {
    expect([...allowed].sort()).toEqual(['127.0.0.1', '::1', '[::1]', 'localhost']);
    expect([...allowedHostnames('staffcast.plan.example')]).toEqual(['staffcast.plan.example']);
    expect(hostnameOf('[::1]:3000')).toBe('[::1]');
    expect(hostnameOf('Example.COM:80')).toBe('example.com');
  });

  it('answers 421 for a foreign or missing Host, 403 for a foreign Origin on a write, and lets reads and same-origin writes through', () => {
    expect(ask('GET', 'evil.example')).toBe(421);
    expect(ask('GET', undefined)).toBe(421);
    expect(ask('GET', '127.0.0.1:3000', 'http://evil.example')).toBe('ok'); // a read: the browser's CORS keeps the answer from evil.example
    expect(ask('POST', '127.0.0.1:3000', 'http://evil.example')).toBe(403);
    expect(ask('DELETE', '127.0.0.1:3000', 'null')).toBe(403);
    expect(ask('PUT', '127.0.0.1:3000', 'http://127.0.0.1:3001')).toBe(403); // another port is another origin
    expect(ask('POST', '127.0.0.1:3000', undefined, 'same-site')).toBe(403);
    expect(ask('POST', '127.0.0.1:3000', 'http://127.0.0.1:3000', 'same-origin')).toBe('ok');
    expect(ask('POST', 'localhost:3000')).toBe('ok'); // CLI / curl: no Origin, no Sec-Fetch-Site
  });
});
