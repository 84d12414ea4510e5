/**
 * Interval reports through the command line (`staffcast ingest --format avaya-cms`) and the
 * API (`POST /api/ingest` with `format`), and their figures through `staffcast kpis` and
 * `GET /api/scorecard` (fixture test/fixtures/intervals/avaya-hsplit.csv; figures worked out
 * in kpis-intervals.test.ts: split 101 offered 90, AHT 321 s, FCR null with the reason).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../server/db/database.ts';
import { runCli } from '../helpers/cli.ts';
import { serveForTest, type TestServer } from '../helpers/server.ts';

const FIXTURE = join(import.meta.dirname, '../fixtures/intervals/avaya-hsplit.csv');
const TZ = 'America/Los_Angeles';
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'staffcast-intervals-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('staffcast ingest --format avaya-cms', () => {
  it('loads the report and kpis reads it; an unknown format is a usage error naming the flag', async () => {
    const env = { STAFFCAST_DB: join(dir, 'cli.duckdb'), STAFFCAST_KEY_FILE: join(dir, 'cli.key'), STAFFCAST_TIMEZONE: TZ };
    const bad = await runCli(['ingest', '--format', 'avaya', FIXTURE], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(
      'invalid --format: expected one of csv, parquet, amazon-connect, genesys-cloud, five9, nice-cxone, zendesk-talk, twilio-taskrouter, asterisk-queue-log, avaya-cms, interval',
    );
    const r = await runCli(['ingest', '--format', 'avaya-cms', '--timezone', TZ, '--json', FIXTURE], env);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)[0]).toMatchObject({ outcome: 'committed', rowsRead: 3, rowsAccepted: 3 });
    const k = await runCli(['kpis', '--from', '2025-06-02', '--to', '2025-06-03', '--group', 'queue', '--format', 'json'], env);
    expect(k.code).toBe(0);
    const [a] = JSON.parse(k.stdout);
    expect(a).toMatchObject({ queue: '101', offered: 90, aht: 321, fcr: null });
    expect(a.nullReasons.fcr).toBe('90 of 90 offered contacts come from interval reports, which have no contact rows; this metric needs them');
  });
});

describe('POST /api/ingest with format', () => {
  let db: Database;
  let api: TestServer;
  beforeAll(async () => {
    db = await Database.open(join(dir, 'api.duckdb'));
    api = await serveForTest(db, { timezone: TZ });
  });
  afterAll(async () => {
    await api.close();
    db.close();
  });

  it('201 for an Avaya CMS report; the scorecard shows FCR null with its reason', async () => {
    const form = new FormData();
    form.set('format', 'avaya-cms');
    form.set('timezone', TZ);
    form.set('file', new Blob([readFileSync(FIXTURE)]), 'hsplit.csv');
    const res = await fetch(`${api.url}/api/ingest`, { method: 'POST', body: form });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ outcome: 'committed', rowsAccepted: 3, fileName: 'hsplit.csv' });
    const card = await api.get('/api/scorecard?from=2025-06-02&to=2025-06-03&group=queue');
    expect(card.status).toBe(200);
    const fcr = card.body.rows[0].metrics.find((m: { name: string }) => m.name === 'fcr');
    expect(fcr).toMatchObject({ value: null, nullReason: '90 of 90 offered contacts come from interval reports, which have no contact rows; this metric needs them' });
  });

  it('400 naming the field for an unknown format', async () => {
    const form = new FormData();
    form.set('format', 'genesys-intervals');
    form.set('file', new Blob(['a,b\n1,2\n']), 'x.csv');
    const res = await fetch(`${api.url}/api/ingest`, { method: 'POST', body: form });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ field: 'format' });
  });
});
