/**
 * /api/ingest against a real server (serveForTest: signed in, ephemeral port, temporary database
 * file): 201 committed, 200 duplicate, 422 refused, 413 over the upload limit, 400 naming
 * the field, batch and reject listings (member_id redacted), serialized concurrent uploads,
 * and the CLI's --server upload.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import { Database } from '../../server/db/database.ts';
import { csv, row } from '../fixtures/ingest/helpers.ts';
import { serveForTest, type TestServer } from '../helpers/server.ts';

let dir: string;
let db: Database;
let server: TestServer;
let base: string;
const LIMIT = 64 * 1024;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'staffcast-ingest-api-'));
  const config = loadConfig({}, { dbPath: join(dir, 'api.duckdb'), uploadLimitBytes: LIMIT, seedOnEmpty: false });
  db = await Database.open(config.dbPath);
  server = await serveForTest(db, config);
  base = server.url;
});

afterAll(async () => {
  await server.close();
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

function upload(content: string, fields: Record<string, string> = {}, name = 'log.csv') {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  form.set('file', new Blob([content]), name);
  return fetch(`${base}/api/ingest`, { method: 'POST', body: form });
}

describe('POST /api/ingest', () => {
  it('201 with the batch result when committed; 200 duplicate_file for the same file', async () => {
    const text = csv([row({ contact_id: 'A1', member_id: 'SECRET-9' }), row({ contact_id: 'A2', talk_s: 'x', member_id: 'SECRET-8' })]);
    const res = await upload(text, { source: 'api', maxRejectShare: '0.5' }, 'june.csv');
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body).toMatchObject({
      outcome: 'committed',
      fileName: 'june.csv',
      rowsRead: 2,
      rowsAccepted: 1,
      rowsRejected: 1,
      rowsAlreadyPresent: 0,
      rejectReasons: [{ reason: 'invalid talk_s: not a number', count: 1 }],
    });
    const again = await upload(text, { source: 'api' }, 'june-copy.csv');
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ outcome: 'duplicate_file', duplicateOf: body.batchId });

    // Batches newest first, one batch, its rejects with member_id redacted.
    const list = await (await fetch(`${base}/api/ingest/batches`)).json();
    expect(list.batches[0]).toMatchObject({ batchId: body.batchId + 1, outcome: 'duplicate_file', duplicateOf: body.batchId });
    expect(list.batches[1]).toMatchObject({ batchId: body.batchId, fileName: 'june.csv', source: 'api', rowsRead: 2, format: 'csv' });
    expect(list.batches[1].sha256).toMatch(/^[0-9a-f]{64}$/);
    const one = await (await fetch(`${base}/api/ingest/batches/${body.batchId}`)).json();
    expect(one).toMatchObject({ batchId: body.batchId, outcome: 'committed', rowsAccepted: 1 });
    const rej = await fetch(`${base}/api/ingest/batches/${body.batchId}/rejects?limit=10`);
    const rejBody = await rej.json();
    expect(rejBody).toMatchObject({ batchId: body.batchId, total: 1, rejects: [{ rowNumber: 2, reason: 'invalid talk_s: not a number' }] });
    expect(rejBody.rejects[0].raw).toMatchObject({ contact_id: 'A2', talk_s: 'x', member_id: '[redacted]' });
    expect(JSON.stringify([body, list, rejBody])).not.toContain('SECRET');
  });

  it('422 with the result and a message naming the problem when the file is refused', async () => {
    const res = await upload(csv([row()], ['contact_id', 'queue']));
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ outcome: 'refused', message: 'missing required column: offered_at' });
    const naive = await upload(csv([row({ offered_at: '2025-06-02 09:00:00', answered_at: '', ended_at: '2025-06-02 09:01:00' })]));
    expect(naive.status).toBe(422);
    expect((await naive.json()).message).toMatch(/^time zone required/);
  });

  it('413 naming the limit when the upload is too large, and nothing is stored', async () => {
    const before = await db.query('SELECT count(*)::INTEGER AS n FROM ingest_batches');
    const big = csv(Array.from({ length: 600 }, (_, i) => row({ contact_id: `B${i}` })));
    expect(big.length).toBeGreaterThan(LIMIT);
    const res = await upload(big);
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ error: `file too large: the upload limit is ${LIMIT} bytes`, field: 'file' });
    expect(await db.query('SELECT count(*)::INTEGER AS n FROM ingest_batches')).toEqual(before);
  });

  it('400 naming the field for bad fields and requests', async () => {
    const text = csv([row({ contact_id: 'F1' })]);
    const cases: [Record<string, string>, string][] = [
      [{ format: 'xlsx' }, 'format'],
      [{ timezone: 'Mars/Olympus' }, 'timezone'],
      [{ source: 'a b' }, 'source'],
      [{ mapping: '{not json' }, 'mapping'],
      [{ mapping: '{"columns": {"caller": "X"}}' }, 'mapping'],
      [{ replace: 'sure' }, 'replace'],
    ];
    for (const [fields, field] of cases) {
      const res = await upload(text, fields);
      expect(res.status, JSON.stringify(fields)).toBe(400);
      const body = await res.json();
      expect(body.field).toBe(field);
      expect(body.error).toMatch(new RegExp(`^invalid ${field}: `));
    }
    const noFile = new FormData();
    noFile.set('source', 'x');
    let res = await fetch(`${base}/api/ingest`, { method: 'POST', body: noFile });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'invalid file: missing: send the contact log as the multipart field "file"', field: 'file' });
    res = await fetch(`${base}/api/ingest`, { method: 'POST', body: JSON.stringify({ a: 1 }), headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(400);
    expect((await res.json()).field).toBe('body');
    res = await fetch(`${base}/api/ingest/batches/abc`);
    expect(res.status).toBe(400);
    expect((await res.json()).field).toBe('id');
    res = await fetch(`${base}/api/ingest/batches/99999`);
    expect(res.status).toBe(404);
    res = await fetch(`${base}/api/ingest/batches?limit=0`);
    expect(res.status).toBe(400);
    expect((await res.json()).field).toBe('limit');
  });

  it('serializes concurrent uploads: overlapping files never duplicate a contact', async () => {
    const a = csv(Array.from({ length: 30 }, (_, i) => row({ contact_id: `S${i}` })));
    const b = csv(Array.from({ length: 30 }, (_, i) => row({ contact_id: `S${i + 15}` })));
    const [ra, rb] = await Promise.all([upload(a, { source: 'conc' }), upload(b, { source: 'conc' })]);
    const bodies = [await ra.json(), await rb.json()];
    expect(bodies.map((x) => x.outcome)).toEqual(['committed', 'committed']);
    // 45 distinct ids; one file adds 30, the other 15 (15 already present), in either order.
    expect(bodies.reduce((s, x) => s + x.rowsAccepted, 0)).toBe(45);
    expect(bodies.reduce((s, x) => s + x.rowsAlreadyPresent, 0)).toBe(15);
    expect(await db.query("SELECT count(*)::INTEGER AS n FROM contacts WHERE source = 'conc'")).toEqual([{ n: 45 }]);
  });

  it('staffcast ingest --server uploads through the API', async () => {
    const file = join(dir, 'via-cli.csv');
    writeFileSync(file, csv([row({ contact_id: 'V1' }), row({ contact_id: 'V2' })]));
    // Asynchronous spawn: the server answering it runs in this process.
    const child = spawn(process.execPath, [join(import.meta.dirname, '../../bin/staffcast.js'), 'ingest', file, '--server', base, '--source', 'cli', '--json'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject([{ outcome: 'committed', fileName: 'via-cli.csv', rowsAccepted: 2 }]);
  });
});
