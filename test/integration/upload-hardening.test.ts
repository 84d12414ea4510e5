/**
 * Uploads hardened (issue 13): the declared type is checked against the content (a CSV
 * named .parquet was committed), Parquet LIST/STRUCT columns are refused, an aborted upload
 * and a full temp disk leave no folder and no descriptor and answer, a full database disk
 * answers 507 and records the batch as failed, and stale temp folders are swept at start.
 */
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerIngestHook } from '../../server/ingest/hooks.ts';
import { setUploadWriterForTest, sweepStaleTempDirs } from '../../server/ingest/uploadTemp.ts';
import { csv, openTestDb, row, type TestDb } from '../fixtures/ingest/helpers.ts';
import { serveForTest, type TestServer } from '../helpers/server.ts';

let t: TestDb;
let api: TestServer;

beforeAll(async () => {
  t = await openTestDb(true);
  api = await serveForTest(t.db, { timezone: 'America/Los_Angeles' });
});

afterAll(async () => {
  await api.close();
  t.close();
});

async function upload(content: string, name: string, fields: Record<string, string> = {}) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  form.set('file', new Blob([content]), name);
  const res = await fetch(`${api.url}/api/ingest`, { method: 'POST', body: form });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

/** This process's upload folders (the test server runs in it). */
const ownUploadDirs = () => readdirSync(tmpdir()).filter((n) => n.startsWith(`staffcast-upload-${process.pid}-`));
const openDescriptors = () => readdirSync('/proc/self/fd').length;

/** Waits (by condition, not by time) until `cond` holds; gives up after `tries` event-loop turns of 20 ms. */
async function until(cond: () => boolean, tries = 250): Promise<boolean> {
  for (let i = 0; i < tries && !cond(); i++) await new Promise((r) => setTimeout(r, 20));
  return cond();
}

describe('upload type against content', () => {
  it('refuses a CSV named .parquet, naming both, and commits nothing', async () => {
    const before = await t.counts();
    const r = await upload(csv([row()]), 'log.parquet');
    expect(r.status).toBe(422);
    expect(r.body.outcome).toBe('refused');
    expect(r.body.message).toBe('unsupported type: not a Parquet file (no PAR1 magic bytes); the file is named .parquet (Parquet) but its content is text, as in a CSV file');
    expect((await t.counts()).contacts).toBe(before.contacts);
    // Declared through the form field: named the same way.
    const declared = await upload(csv([row()]), 'log', { format: 'parquet' });
    expect(declared.body.message).toContain('the file is declared Parquet but its content is text, as in a CSV file');
  });

  it('refuses a Parquet file whose queue column is a LIST or a STRUCT, naming the column and type', async () => {
    const base = `'P1' AS contact_id, 'voice' AS channel, TIMESTAMPTZ '2025-06-02 16:00:00+00' AS offered_at`;
    for (const [name, queue, kind] of [
      ['list.parquet', `['a', 'b'] AS queue`, 'LIST (VARCHAR[])'],
      ['struct.parquet', `{'name': 'a'} AS queue`, 'STRUCT (STRUCT("name" VARCHAR))'],
    ] as const) {
      const path = join(t.dir, name);
      await t.db.query(`COPY (SELECT ${base}, ${queue}) TO '${path}' (FORMAT parquet)`);
      const r = await t.ingest(path);
      expect(r.outcome, name).toBe('refused');
      expect(r.message).toBe(`unsupported type: Parquet column "queue" (read as queue) is a ${kind}; export it as a plain column of text, numbers or timestamps`);
    }
    expect((await t.counts()).contacts).toBe(0);
  });
});

describe('aborted uploads and full disks', () => {
  it('an upload aborted mid-body leaves no folder and no open descriptor, and the server answers on', async () => {
    const fdsBefore = openDescriptors();
    const dirsBefore = ownUploadDirs().length;
    const { hostname, port } = new URL(api.url);
    const socket = connect(Number(port), hostname);
    await new Promise<void>((r) => socket.once('connect', () => r()));
    const boundary = 'b0undary';
    socket.write(
      `POST /api/ingest HTTP/1.1\r\nHost: ${hostname}:${port}\r\nContent-Type: multipart/form-data; boundary=${boundary}\r\nContent-Length: 10000000\r\n\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\n\r\n${csv([row()])}`,
    );
    // The upload folder exists while the body streams in …
    expect(await until(() => ownUploadDirs().length > dirsBefore)).toBe(true);
    socket.destroy(); // … and the client goes away with 9.99 MB unsent.
    expect(await until(() => ownUploadDirs().length === dirsBefore)).toBe(true);
    expect(await until(() => openDescriptors() <= fdsBefore)).toBe(true);
    expect((await fetch(`${api.url}/api/health`)).status).toBe(200);
    expect((await t.counts()).contacts).toBe(0);
  });

  it('a full temp disk (writes to /dev/full: ENOSPC) answers 507 naming the file, and leaves nothing', async () => {
    const restore = setUploadWriterForTest(() => createWriteStream('/dev/full'));
    try {
      const dirsBefore = ownUploadDirs().length;
      const r = await upload(csv([row()]), 'log.csv');
      expect(r.status).toBe(507);
      expect(r.body).toEqual({
        error: "the server's temporary disk is full: the upload could not be stored and nothing was loaded; try again once space is freed",
        field: 'file',
      });
      expect(ownUploadDirs().length).toBe(dirsBefore);
    } finally {
      restore();
    }
    expect((await upload(csv([row({ contact_id: 'after-full-temp' })]), 'log.csv')).status).toBe(201);
  });

  it('a full database disk (a write error inside the transaction) answers 507, records the batch as failed, and the file loads once there is room', async () => {
    const before = await t.counts();
    const remove = registerIngestHook(async () => {
      throw new Error('IO Error: Could not write file "x.duckdb.wal": No space left on device');
    });
    const file = csv([row({ contact_id: 'disk-1' }), row({ contact_id: 'disk-2' })]);
    let r: Awaited<ReturnType<typeof upload>>;
    try {
      r = await upload(file, 'full.csv');
    } finally {
      remove();
    }
    expect(r.status).toBe(507);
    const message =
      "the database disk is full (no space left on device): nothing from full.csv was loaded and the batch is recorded as failed; free space on the database's disk and send the file again";
    expect(r.body).toEqual({ error: message, field: 'file' });
    const after = await t.counts();
    expect(after.contacts).toBe(before.contacts);
    expect(after.batches).toBe(before.batches + 1);
    const [batch] = await t.db.query<{ outcome: string; message: string }>('SELECT outcome, message FROM ingest_batches ORDER BY batch_id DESC LIMIT 1');
    expect(batch).toEqual({ outcome: 'failed', message });
    // Room again: the same file loads, both rows.
    const again = await upload(file, 'full.csv');
    expect(again.status).toBe(201);
    expect((await t.counts()).contacts).toBe(before.contacts + 2);
  });
});

describe('stale temp folders', () => {
  it('the sweep at start removes the folders of processes that are gone, and only those', () => {
    const root = mkdtempSync(join(tmpdir(), 'staffcast-sweep-test-'));
    try {
      const dead = 'staffcast-upload-4000001-abc123';
      const deadIngest = 'staffcast-ingest-4000002-def456';
      const live = `staffcast-upload-${process.pid}-ghi789`;
      const legacyOld = 'staffcast-upload-XyZ12a';
      const other = 'something-else';
      for (const n of [dead, deadIngest, live, legacyOld, other]) mkdirSync(join(root, n));
      // "Now" two days ahead: the legacy folder (no pid) is over a day old.
      const removed = sweepStaleTempDirs(root, Date.now() + 2 * 86_400_000, (pid) => pid === process.pid);
      expect(removed.sort()).toEqual([dead, deadIngest, legacyOld].sort());
      expect(existsSync(join(root, live))).toBe(true);
      expect(existsSync(join(root, other))).toBe(true);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
