/**
 * Every request bounded (issue 13, Hardening): the reported unbounded KPI request answers
 * 400 before any sum is built, bodies over the limit 413, unknown encodings 415, overlong
 * text and out-of-range numbers 400 naming the field, and no answer carries a stack trace
 * or a file path. Requests are sent raw (node:http) so headers and bodies are exactly these.
 */
import { request as httpRequest } from 'node:http';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_JSON_STRING_CHARS, MAX_QUERY_VALUE_CHARS } from '../../server/api/limits.ts';
import { csv, openTestDb, row, type TestDb } from '../fixtures/ingest/helpers.ts';
import { serveForTest, type TestServer } from '../helpers/server.ts';

let t: TestDb;
let api: TestServer;

beforeAll(async () => {
  t = await openTestDb(true);
  // Three contacts: 2022-01-03, 2025-06-02 and 2025-06-03 (local days), one queue and channel.
  const on = (id: string, day: string) => row({ contact_id: id, offered_at: `${day}T09:00:00-07:00`, answered_at: `${day}T09:00:15-07:00`, ended_at: `${day}T09:05:45-07:00` });
  await t.ingest(t.file('three.csv', csv([on('A', '2022-01-03'), on('B', '2025-06-02'), on('C', '2025-06-03')])));
  api = await serveForTest(t.db);
});

afterAll(async () => {
  await api.close();
  t.close();
});

interface Raw {
  status: number;
  body: string;
}

function send(method: string, path: string, headers: Record<string, string> = {}, body?: string | Buffer): Promise<Raw> {
  const { hostname, port } = new URL(api.url);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: hostname, port, method, path, headers }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode!, body: text }));
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

const json = (body: string | Buffer, extra: Record<string, string> = {}) => ({ 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), ...extra });

/** Nothing of the server's inside: no stack frame, no absolute path, no module name. */
function expectNoLeak(text: string): void {
  expect(text).not.toMatch(/\bat .+:\d+:\d+/); // a stack frame
  expect(text).not.toMatch(/\/(work|tmp|home|usr|root)\//);
  expect(text).not.toMatch(/node_modules|\.ts\b|\.js\b/);
}

describe('request limits', () => {
  it('answers the reported unbounded KPI request (15-minute intervals 2010–2030 by queue and channel) with 400 and how to narrow it', async () => {
    // The data covers 2022-01-03 .. 2025-06-03, i.e. [2022-01-03, 2025-06-04): 365 + 365 +
    // 366 (to 2025-01-03) + 152 = 1,248 days × 96 quarter-hours = 119,808 periods > 100,000,
    // refused from the day count before the grid or any sum is built.
    const res = await send('GET', '/api/kpis?by=interval15&from=2010-01-01&to=2030-01-01&group=queue,channel');
    expect(res.status).toBe(400);
    const body = JSON.parse(res.body);
    expect(body.field).toBe('by');
    expect(body.error).toContain('about 119,808 rows');
    expect(body.error).toContain('narrow from/to, choose a coarser by');
    // Narrowed as it says (by day): 1,248 rows.
    const day = await send('GET', '/api/kpis?by=day&from=2010-01-01&to=2030-01-01&group=queue,channel');
    expect(day.status).toBe(200);
    expect(JSON.parse(day.body)).toHaveLength(1248);
  });

  it('JSON body over the limit → 413 naming body, not 500', async () => {
    const big = `{"a":"${'x'.repeat(6 * 1024 * 1024)}"}`;
    const res = await send('POST', '/api/staffing/erlang', json(big), big);
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toEqual({ error: 'body too large: the limit is 5mb of JSON', field: 'body' });
  });

  it('unknown Content-Encoding → 415 naming the header; a corrupt gzip body → 400', async () => {
    const body = '{"calls":10}';
    const unknown = await send('POST', '/api/staffing/erlang', json(body, { 'content-encoding': 'br2' }), body);
    expect(unknown.status).toBe(415);
    expect(JSON.parse(unknown.body).field).toBe('content-encoding');
    // An upload takes no encoding at all (busboy reads the raw multipart).
    const upload = await send('POST', '/api/ingest', { 'content-type': 'multipart/form-data; boundary=x', 'content-encoding': 'gzip' }, '--x--\r\n');
    expect(upload.status).toBe(415);
    const corrupt = await send('POST', '/api/staffing/erlang', json(body, { 'content-encoding': 'gzip' }), body);
    expect(corrupt.status).toBe(400);
    expect(JSON.parse(corrupt.body).field).toBe('body');
    // A real gzip JSON body is read (and then checked by the route as usual).
    const gz = gzipSync('{"calls":"x"}');
    const ok = await send('POST', '/api/staffing/erlang', json(gz, { 'content-encoding': 'gzip' }), gz);
    expect(ok.status).toBe(400);
    expect(JSON.parse(ok.body).field).toBe('calls');
  });

  it('numbers range-checked: items 1e308 (and 1e400, read as Infinity) → 400 naming items', async () => {
    for (const n of ['1e308', '1e400', '-1e13']) {
      const body = `{"items":${n},"periodHours":8,"aht":300,"responseHours":24}`;
      const res = await send('POST', '/api/staffing/deferred', json(body), body);
      expect(res.status, n).toBe(400);
      expect(JSON.parse(res.body).field).toBe('items');
    }
  });

  it('text length-checked: an overlong JSON string or query value → 400 naming it, never echoed', async () => {
    const long = 'q'.repeat(MAX_JSON_STRING_CHARS + 1);
    const body = JSON.stringify({ metric: 'asa', queue: long, target: { green: 30, amber: 60 } });
    const put = await send('PUT', '/api/targets', json(body), body);
    expect(put.status).toBe(400);
    expect(JSON.parse(put.body).field).toBe('queue');
    expect(put.body).not.toContain('qqqq');
    const q = 'z'.repeat(MAX_QUERY_VALUE_CHARS + 1);
    for (const path of [`/api/forecast?queue=${q}&horizon=14`, `/api/kpis?by=${q}`, `/api/ingest/batches?limit=${q}`]) {
      const res = await send('GET', path);
      expect(res.status, path).toBe(400);
      expect(res.body).not.toContain('zzzz');
    }
    // A 4 MB value never reaches a route (Node refuses headers above 16 KB: 431).
    const huge = await send('GET', `/api/kpis?where=queue=${'z'.repeat(4 << 20)}`).catch(() => ({ status: 0, body: '' }));
    expect([0, 400, 431]).toContain(huge.status);
  });

  it('no answer leaks a stack trace or a path', async () => {
    const answers = await Promise.all([
      send('POST', '/api/staffing/erlang', json('{"a":'), '{"a":'),
      send('POST', '/api/staffing/erlang', json('{"a":1}', { 'content-type': 'application/json; charset=utf-7' }), '{"a":1}'),
      send('POST', '/api/staffing/erlang', json('[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]'), '[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]'),
      send('GET', '/api/ingest/batches/1%00'),
      send('GET', '/api/nothing/../../etc/passwd'),
      send('GET', `/api/kpis?where=${encodeURIComponent("queue='; DROP TABLE contacts; --")}&group=queue`),
      send('POST', '/api/ingest', { 'content-type': 'multipart/form-data; boundary=x' }, 'garbage'),
    ]);
    // The injection string is only a queue name no contact has: an empty answer.
    expect(answers[5]).toEqual({ status: 200, body: '[]' });
    for (const a of answers.filter((_, i) => i !== 5)) {
      expect(a.status).toBeGreaterThanOrEqual(400);
      expect(a.status).toBeLessThan(500);
      expectNoLeak(a.body);
    }
    // The injection string is a plain value (no such queue), and the table is still there.
    const [n] = await t.db.query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM contacts');
    expect(n!.n).toBe(3);
  });
});
