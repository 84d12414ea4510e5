/**
 * A refused file says why (message and code) and which rows (row, line, rule — never a
 * value), in the result, in its batch record, through the API and in the CLI; its counts
 * add up (read = accepted + rejected + already present) or it says it was not read.
 * And an impossible time (25:99) is a rejected row, not a reason to ask for a time zone.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { formatSummary } from '../../server/cli/commands/ingest.ts';
import { loadConfig } from '../../server/config.ts';
import { Database } from '../../server/db/database.ts';
import { getBatch } from '../../server/db/queries/ingest-batches.ts';
import { csv, openTestDb, rejectsOf, row, type Row, type TestDb } from '../fixtures/ingest/helpers.ts';
import { serveForTest, type TestServer } from '../helpers/server.ts';

const INVALID_TIME = '2026-11-13 25:99';
const NAIVE_RULE = 'invalid offered_at: no UTC offset and no declared time zone';

/** n valid rows C1..Cn with offsets; `over` replaces fields of chosen rows (1-based). */
function rows(n: number, over: Record<number, Row> = {}): Row[] {
  return Array.from({ length: n }, (_, i) => row({ contact_id: `C${i + 1}`, ...over[i + 1] }));
}

/** Three rows with valid offset-less times; row 1 has a line break in an ignored column. */
function naiveFile(): string {
  const header = ['contact_id', 'queue', 'offered_at', 'answered_at', 'ended_at', 'notes'];
  const naive = (id: string, notes = '') => row({ contact_id: id, offered_at: '2025-06-02 09:00:00', answered_at: '2025-06-02 09:00:15', ended_at: '2025-06-02 09:05:45', notes });
  // Lines: 1 header; row 1 on lines 2-3 (quoted line break); row 2 line 4; row 3 line 5.
  return csv([naive('N1', 'two\nlines'), naive('N2'), naive('N3')], header);
}

describe('an impossible time among valid rows', () => {
  let t: TestDb;
  beforeEach(async () => (t = await openTestDb()));
  afterEach(() => t.close());

  it('rejects that row and commits the file (no time zone is needed when every valid time has an offset)', async () => {
    // 150 rows with offsets, row 100 with an impossible time and no offset: 1 of 150 =
    // 0.67% bad, under the 1% limit.
    const path = t.file('nov.csv', csv(rows(150, { 100: { offered_at: INVALID_TIME } })));
    const r = await t.ingest(path, { maxRejectShare: 0.01 });
    expect(r).toMatchObject({
      outcome: 'committed',
      read: true,
      refusal: null,
      rowsRead: 150,
      rowsAccepted: 149, // 150 - 1
      rowsRejected: 1,
      rowsAlreadyPresent: 0,
      rejectReasons: [{ reason: 'invalid offered_at: not a valid date and time', count: 1 }],
    });
    expect((await rejectsOf(t.db, r.batchId)).map((x) => [x.row, x.reason])).toEqual([[100, 'invalid offered_at: not a valid date and time']]);
  });

  it('an impossible answered_at is rejected too, even when it is the only offset-less time of the row', async () => {
    const path = t.file('ans.csv', csv(rows(3, { 2: { answered_at: '2025-06-02 09:00:99' } })));
    const r = await t.ingest(path);
    expect(r).toMatchObject({ outcome: 'committed', rowsRead: 3, rowsAccepted: 2, rowsRejected: 1 });
    expect((await rejectsOf(t.db, r.batchId)).map((x) => [x.row, x.reason])).toEqual([[2, 'invalid answered_at: not a valid date and time']]);
  });
});

describe('time zone required', () => {
  let t: TestDb;
  beforeEach(async () => (t = await openTestDb()));
  afterEach(() => t.close());

  it('is refused with the code, the rows and their lines; not read, so every count is 0', async () => {
    const r = await t.ingest(t.file('naive.csv', naiveFile()));
    const refusal = {
      code: 'time_zone_required',
      rowCount: 3,
      rows: [
        { row: 1, line: 2, rule: NAIVE_RULE },
        { row: 2, line: 4, rule: NAIVE_RULE },
        { row: 3, line: 5, rule: NAIVE_RULE },
      ],
    };
    expect(r).toEqual({
      batchId: 1,
      outcome: 'refused',
      message:
        'time zone required: 3 of 3 row(s) have times without a UTC offset (rows 1, 2, 3); ' +
        'choose the time zone they were recorded in (the site time zone) and send the file again, ' +
        'or export the times with their offsets',
      refusal,
      fileName: 'naive.csv',
      read: false,
      rowsRead: 0,
      rowsAccepted: 0,
      rowsRejected: 0,
      rowsAlreadyPresent: 0,
      rowsFlagged: 0,
      unknownColumns: ['notes'],
      rejectReasons: [],
    });
    expect(r.message).not.toMatch(/--/);
    // The batch record says the same.
    expect(await getBatch(t.db, r.batchId)).toMatchObject({ outcome: 'refused', message: r.message, refusal, read: false, rowsRead: 0 });
    expect(await t.counts()).toEqual({ contacts: 0, batches: 1, committed: 0, rejects: 0 });
  });

  it('counts only valid offset-less times: an impossible one beside them is not listed', async () => {
    // Row 1 valid without offset, row 2 impossible without offset, row 3 with offsets.
    const path = t.file('mixed.csv', csv(rows(3, { 1: { offered_at: '2025-06-02 09:00:00', answered_at: '', ended_at: '2025-06-02 09:01:00' }, 2: { offered_at: INVALID_TIME } })));
    const r = await t.ingest(path);
    expect(r).toMatchObject({
      outcome: 'refused',
      read: false,
      refusal: { code: 'time_zone_required', rowCount: 1, rows: [{ row: 1, line: 2, rule: NAIVE_RULE }] },
    });
    expect(r.message).toMatch(/^time zone required: 1 of 3 row\(s\) have times without a UTC offset \(row 1\);/);
    // With the zone declared: row 2 is rejected, rows 1 and 3 load.
    const ok = await t.ingest(path, { timezone: 'America/Los_Angeles' });
    expect(ok).toMatchObject({ outcome: 'committed', read: true, rowsRead: 3, rowsAccepted: 2, rowsRejected: 1 });
  });
});

describe('too many bad rows', () => {
  let t: TestDb;
  beforeEach(async () => (t = await openTestDb()));
  afterEach(() => t.close());

  it('reports how the rows were classified (read = accepted + rejected + already present) and which rows', async () => {
    // 10 rows, rows 2, 5 and 9 negative talk time: 3 of 10 = 30% > 1%.
    const path = t.file('ten.csv', csv(rows(10, { 2: { talk_s: '-1' }, 5: { talk_s: '-1' }, 9: { talk_s: '-1' } })));
    const r = await t.ingest(path, { maxRejectShare: 0.01 });
    const refusal = {
      code: 'too_many_bad_rows',
      rowCount: 3,
      rows: [2, 5, 9].map((n) => ({ row: n, line: n + 1, rule: 'invalid talk_s: negative' })),
    };
    expect(r).toMatchObject({
      outcome: 'refused',
      read: true,
      refusal,
      rowsRead: 10,
      rowsAccepted: 7, // passed every rule; none loaded
      rowsRejected: 3,
      rowsAlreadyPresent: 0, // 10 = 7 + 3 + 0
      rejectReasons: [{ reason: 'invalid talk_s: negative', count: 3 }],
    });
    expect(r.message).toBe('too many bad rows: 3 of 10 (30.0%) exceed the limit of 1.00%; nothing was loaded. invalid talk_s: negative: 3 (rows 2, 5, 9)');
    expect(await getBatch(t.db, r.batchId)).toMatchObject({ read: true, refusal, rowsRead: 10, rowsAccepted: 7, rowsRejected: 3, rowsAlreadyPresent: 0 });
    // The CLI's summary: the counts (nothing loaded), the rows by rule with their lines, the flag.
    expect(formatSummary(r)).toBe(
      [
        'ten.csv: refused (batch 1)',
        `  ${r.message}`,
        '  rows read 10, accepted 7, rejected 3, already present 0, flagged 0 (nothing was loaded)',
        '  3 × invalid talk_s: negative: row 2 (line 3), row 5 (line 6), row 9 (line 10)',
        '  hint: fix the rows, or raise the limit with --max-reject-share (e.g. 0.05)',
      ].join('\n'),
    );
    expect(await t.counts()).toEqual({ contacts: 0, batches: 1, committed: 0, rejects: 0 });
  });

  it('a structural refusal carries its row and line (unterminated quote)', async () => {
    const r = await t.ingest(t.file('quote.csv', 'contact_id,queue,offered_at\nC1,q,2025-06-02T09:00:00Z\nC2,"open,2025-06-02T09:00:00Z\n'));
    expect(r).toMatchObject({
      outcome: 'refused',
      read: false,
      rowsRead: 0,
      refusal: { code: 'unterminated_quote', rowCount: 1, rows: [{ row: 2, line: 3, rule: 'unterminated quote' }] },
    });
  });
});

describe('batches recorded before refusals carried their rows', () => {
  it('read as not read unless committed, with no refusal (migration 5 adds the columns)', async () => {
    const t = await openTestDb(true);
    try {
      await t.ingest(t.file('ok.csv', csv(rows(2))));
      await t.ingest(t.file('naive.csv', naiveFile()));
      // Back to the version-4 table: no read_rows, no refusal.
      await t.db.withConnection(async (c) => {
        await c.run('ALTER TABLE ingest_batches DROP COLUMN read_rows');
        await c.run('ALTER TABLE ingest_batches DROP COLUMN refusal');
        await c.run('DELETE FROM schema_version WHERE version >= 5'); // later migrations run again too
      });
      t.closeDb();
      const db = await Database.open(join(t.dir, 'test.duckdb'));
      try {
        expect(await getBatch(db, 1)).toMatchObject({ outcome: 'committed', read: true, refusal: null, rowsRead: 2 });
        expect(await getBatch(db, 2)).toMatchObject({ outcome: 'refused', read: false, refusal: null });
      } finally {
        db.close();
      }
    } finally {
      t.close();
    }
  });
});

describe('through the API and the CLI', () => {
  let dir: string;
  let db: Database;
  let server: TestServer;
  let base: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'staffcast-ingest-refusal-'));
    const config = loadConfig({}, { dbPath: join(dir, 'api.duckdb'), seedOnEmpty: false });
    db = await Database.open(config.dbPath);
    server = await serveForTest(db, config);
    base = server.url;
  });
  afterAll(async () => {
    await server.close();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('POST /api/ingest answers 422 with the code and rows, the batch listing says the same, no CLI flag in the message', async () => {
    const form = new FormData();
    form.set('file', new Blob([naiveFile()]), 'naive.csv');
    const res = await fetch(`${base}/api/ingest`, { method: 'POST', body: form });
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body).toMatchObject({
      outcome: 'refused',
      read: false,
      rowsRead: 0,
      refusal: {
        code: 'time_zone_required',
        rowCount: 3,
        rows: [
          { row: 1, line: 2, rule: NAIVE_RULE },
          { row: 2, line: 4 },
          { row: 3, line: 5 },
        ],
      },
    });
    expect(body.message).toMatch(/choose the time zone they were recorded in \(the site time zone\)/);
    expect(body.message).not.toMatch(/--/);
    const one = await (await fetch(`${base}/api/ingest/batches/${body.batchId}`)).json();
    expect(one).toMatchObject({ outcome: 'refused', message: body.message, refusal: body.refusal, read: false });
    const list = await (await fetch(`${base}/api/ingest/batches`)).json();
    expect(list.batches[0]).toMatchObject({ batchId: body.batchId, refusal: body.refusal, read: false });
  });

  it('the CLI prints the reason, the rows with their lines, and the flag to use', () => {
    const file = join(dir, 'naive-cli.csv');
    writeFileSync(file, naiveFile());
    const r = spawnSync(process.execPath, [join(import.meta.dirname, '../../bin/staffcast.js'), 'ingest', file], {
      env: { ...process.env, STAFFCAST_DB: join(dir, 'cli.duckdb'), STAFFCAST_HMAC_KEY: 'k'.repeat(40), STAFFCAST_TIMEZONE: 'America/Los_Angeles' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe(
      [
        'naive-cli.csv: refused (batch 1)',
        '  time zone required: 3 of 3 row(s) have times without a UTC offset (rows 1, 2, 3); choose the time zone they ' +
          'were recorded in (the site time zone) and send the file again, or export the times with their offsets',
        '  rows not read: the file was refused before its rows could be classified; nothing was loaded',
        '  ignored unknown columns: notes',
        `  3 × ${NAIVE_RULE}: row 1 (line 2), row 2 (line 4), row 3 (line 5)`,
        '  hint: give the zone the times were recorded in, e.g. --timezone America/Los_Angeles',
        '',
      ].join('\n'),
    );
  });
});
