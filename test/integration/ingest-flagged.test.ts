/** GET /api/ingest/batches/:id/flagged: the contacts of a batch kept with flags, for the Data page. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../server/db/database.ts';
import { csv, row } from '../fixtures/ingest/helpers.ts';
import { serveForTest, type TestServer } from '../helpers/server.ts';

let dir: string;
let db: Database;
let api: TestServer;
let base: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'staffcast-flagged-'));
  db = await Database.open(join(dir, 'f.duckdb'));
  api = await serveForTest(db);
  base = api.url;
});

afterAll(async () => {
  await api.close();
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('GET /api/ingest/batches/:id/flagged', () => {
  it('lists the kept contacts that carry flags, with their flags and offered_at as a UTC instant', async () => {
    // F2 has a CSAT of 9 (scale 1–5): kept, its CSAT dropped, flagged csat_out_of_range. F1 is clean.
    const form = new FormData();
    form.set('file', new Blob([csv([row({ contact_id: 'F1' }), row({ contact_id: 'F2', csat: '9' })])]), 'flags.csv');
    const res = await fetch(`${base}/api/ingest`, { method: 'POST', body: form });
    expect(res.status).toBe(201);
    const batch = (await res.json()) as { batchId: number; rowsFlagged: number };
    expect(batch.rowsFlagged).toBe(1);
    const list = await (await fetch(`${base}/api/ingest/batches/${batch.batchId}/flagged`)).json();
    // offered_at 2025-06-02T09:00:00-07:00 = 16:00 UTC.
    expect(list).toMatchObject({ batchId: batch.batchId, total: 1, contacts: [{ contactId: 'F2', channel: 'voice', offeredAt: '2025-06-02T16:00:00Z', flags: ['csat_out_of_range'] }] });
    expect((await fetch(`${base}/api/ingest/batches/999/flagged`)).status).toBe(404);
  });
});
