/**
 * The format choice at the edges: `staffcast ingest --help` lists the formats, `--format NAME`
 * picks an adapter (a wrong name exits 2 naming the flag), `POST /api/ingest` takes the
 * `format` field (400 naming it when unknown; a mislabelled file is refused, 422, naming both
 * formats) and `GET /api/ingest/formats` lists them for the Data page.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../server/db/database.ts';
import { runCli } from '../helpers/cli.ts';
import { serveForTest, type TestServer } from '../helpers/server.ts';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/adapters/${name}`, import.meta.url));

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'staffcast-adapters-edges-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const env = (db: string) => ({ STAFFCAST_DB: db, STAFFCAST_HMAC_KEY: 'k'.repeat(40), STAFFCAST_TIMEZONE: 'America/Los_Angeles' });

describe('staffcast ingest --format', () => {
  it('--help lists every format', async () => {
    const r = await runCli(['ingest', '--help']);
    expect(r.code).toBe(0);
    for (const name of ['csv', 'parquet', 'amazon-connect', 'genesys-cloud', 'five9', 'nice-cxone', 'zendesk-talk', 'twilio-taskrouter', 'asterisk-queue-log']) {
      expect(r.stdout).toMatch(new RegExp(`^  ${name} +\\S`, 'm'));
    }
  });

  it('an unknown format exits 2 naming the flag; a Five9 log loads with the account zone', async () => {
    const db = join(dir, 'cli.duckdb');
    const bad = await runCli(['ingest', fixture('five9-call-log.csv'), '--format', 'avaya'], env(db));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('invalid --format: expected one of csv, parquet, amazon-connect');
    const ok = await runCli(['ingest', fixture('five9-call-log.csv'), '--format', 'five9', '--timezone', 'America/New_York', '--max-reject-share', '0.5', '--json'], env(db));
    expect(ok.code).toBe(0);
    const [result] = JSON.parse(ok.stdout);
    // 8 records → 4 contacts, 1 rejected (as in adapters-five9.test.ts): 1 of 5 rows is 20 %,
    // above the default 1 % reject share, hence --max-reject-share.
    expect(result).toMatchObject({ outcome: 'committed', rowsAccepted: 4, rowsRejected: 1, adapter: { format: 'five9', records: 8, excluded: 1, folded: 2 } });
    const mislabelled = await runCli(['ingest', fixture('nice-cxone-completed.json'), '--format', 'zendesk-talk'], env(db));
    expect(mislabelled.code).toBe(1);
    expect(mislabelled.stdout).toContain('but its content is NICE CXone completed contacts (JSON) (nice-cxone)');
  });
});

describe('POST /api/ingest with format', () => {
  let db: Database;
  let api: TestServer;
  beforeAll(async () => {
    db = await Database.open(join(dir, 'api.duckdb'));
    api = await serveForTest(db);
  });
  afterAll(async () => {
    await api.close();
    db.close();
  });

  const upload = async (name: string, fields: Record<string, string>) => {
    const form = new FormData();
    form.set('file', new Blob([readFileSync(fixture(name))]), name);
    for (const [k, v] of Object.entries(fields)) form.set(k, v);
    const res = await fetch(`${api.url}/api/ingest`, { method: 'POST', body: form });
    return { status: res.status, body: (await res.json()) as Record<string, any> };
  };

  it('lists the formats', async () => {
    const r = await api.get('/api/ingest/formats');
    expect(r.status).toBe(200);
    // Interval reports (another engineer's) join the list; the call-level formats must be there.
    expect(r.body.formats.map((f: { name: string }) => f.name)).toEqual(
      expect.arrayContaining(['csv', 'parquet', 'amazon-connect', 'genesys-cloud', 'five9', 'nice-cxone', 'zendesk-talk', 'twilio-taskrouter', 'asterisk-queue-log']),
    );
  });

  it('400 names the field for an unknown format; 422 names both formats for a mislabelled file; 201 for the right one', async () => {
    const unknown = await upload('asterisk-queue_log', { format: 'genesys-engage' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.field).toBe('format');
    const wrong = await upload('asterisk-queue_log', { format: 'five9' });
    expect(wrong.status).toBe(422);
    expect(wrong.body.message).toBe(
      'unsupported type: the file was declared Five9 call log report (CSV) (five9), but its content is Asterisk / FreePBX queue_log (asterisk-queue-log); declare asterisk-queue-log or let the format be detected',
    );
    // 2 rejected of 5 rows (40 %): above the default share, so it is raised.
    const right = await upload('asterisk-queue_log', { format: 'asterisk-queue-log', maxRejectShare: '0.5' });
    expect(right.status).toBe(201);
    expect(right.body).toMatchObject({ rowsAccepted: 3, rowsRejected: 2, adapter: { format: 'asterisk-queue-log' } });
    const batches = await api.get('/api/ingest/batches');
    expect(batches.body.batches[0]).toMatchObject({ format: 'asterisk-queue-log', outcome: 'committed' });
  });
});
