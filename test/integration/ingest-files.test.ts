/**
 * INGEST-CASES.md, "Whole file": each bad file gets its refusal (message naming the problem)
 * and nothing else changes (contacts, committed batches and rejects counted before/after);
 * the CSV dialect cases that must load (BOM, CRLF, mixed endings, quoted commas and
 * newlines, reordered header, extra columns) load with the right values.
 */
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contact, csv, HEADER, openTestDb, rejectsOf, row, type TestDb } from '../fixtures/ingest/helpers.ts';

let t: TestDb;
beforeEach(async () => {
  t = await openTestDb();
});
afterEach(() => t.close());

/** Ingests `path` expecting a refusal whose message matches `message`; nothing else moves. */
async function expectRefused(path: string, message: RegExp, options = {}) {
  const before = await t.counts();
  const r = await t.ingest(path, options);
  expect(r.outcome).toBe('refused');
  expect(r.message).toMatch(message);
  // Counts: the rows' classification when they were read (none loaded), else all 0.
  if (r.read) expect(r.rowsRead).toBe(r.rowsAccepted + r.rowsRejected + r.rowsAlreadyPresent);
  else expect([r.rowsRead, r.rowsAccepted, r.rowsRejected, r.rowsAlreadyPresent]).toEqual([0, 0, 0, 0]);
  const after = await t.counts();
  // Only the refused batch row is added.
  expect(after).toEqual({ ...before, batches: before.batches + 1 });
  const [b] = await t.db.query('SELECT outcome, message FROM ingest_batches WHERE batch_id = $b', { b: r.batchId });
  expect(b).toEqual({ outcome: 'refused', message: r.message });
  return r;
}

describe('whole-file refusals', () => {
  it('refuses an empty file and a header-only file', async () => {
    await expectRefused(t.file('empty.csv', ''), /^empty file: 0 bytes$/);
    await expectRefused(t.file('header.csv', HEADER.join(',') + '\n'), /^empty file: a header but no data rows$/);
    await expectRefused(t.file('blank-lines.csv', HEADER.join(',') + '\n\n\n'), /no data rows/);
  });

  it('refuses a wrong delimiter (semicolon, tab) as a structural error, not as every row rejected', async () => {
    const semi = csv([row()]).replace(/,/g, ';');
    await expectRefused(t.file('semi.csv', semi), /missing required columns: contact_id, queue, offered_at; .*delimiter ";"/);
    const tab = csv([row()]).replace(/,/g, '\t');
    await expectRefused(t.file('tab.csv', tab), /delimiter a tab/);
  });

  it('refuses an unterminated quote', async () => {
    const text = csv([row()]) + 'C2,"medicaid,voice\n';
    await expectRefused(t.file('quote.csv', text), /^unterminated quote: .*line 3/);
  });

  it('refuses text after a closing quote (DuckDB strict mode would misread it)', async () => {
    const text = csv([row()]).replace('medicaid-member-services', '"medicaid"x');
    await expectRefused(t.file('stray.csv', text), /^malformed CSV: a closing quote is followed by other characters on line 2/);
  });

  it('refuses a missing required column, naming it', async () => {
    const header = HEADER.filter((h) => h !== 'offered_at');
    await expectRefused(t.file('missing.csv', csv([row()], header)), /^missing required column: offered_at$/);
  });

  it('refuses duplicate header names', async () => {
    const header = [...HEADER, 'queue'];
    await expectRefused(t.file('dup.csv', csv([row()], header)), /the column name "queue" appears twice \(columns 2 and 21\)/);
    // Case-insensitively, too.
    const header2 = [...HEADER, 'Queue'];
    await expectRefused(t.file('dup2.csv', csv([row()], header2)), /appears twice/);
  });

  it('refuses invalid UTF-8 (Latin-1 bytes), naming the line', async () => {
    const good = Buffer.from(csv([row(), row({ contact_id: 'C2' })]));
    const bad = Buffer.concat([good, Buffer.from('C3,caf'), Buffer.from([0xe9]), Buffer.from(',voice\n')]);
    await expectRefused(t.file('latin1.csv', bad), /^invalid encoding: the file is not valid UTF-8 \(near line 4\)/);
  });

  it('refuses UTF-16 with a clear message', async () => {
    const text = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csv([row()]), 'utf16le')]);
    await expectRefused(t.file('u16.csv', text), /UTF-16/);
  });

  it('refuses a line over the maximum size (1 MiB)', async () => {
    const text = csv([row({ agent_id: 'x'.repeat((1 << 20) + 10) })]);
    await expectRefused(t.file('long.csv', text), /longer than 1048576 bytes/);
  });

  it('refuses compressed files and other types as unsupported (no decompression, so no bombs)', async () => {
    await expectRefused(t.file('log.csv', gzipSync(csv([row()]))), /^unsupported type: gzip-compressed/);
    const xlsx = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 1)]);
    await expectRefused(t.file('book.csv', xlsx), /^unsupported type: a ZIP archive \(an \.xlsx workbook\?\)/);
    await expectRefused(t.file('fake.parquet', csv([row()])), /^unsupported type: not a Parquet file \(no PAR1 magic bytes\)/);
    await expectRefused(t.file('data.bin', Buffer.alloc(500, 0)), /^unsupported type: binary data/);
  });

  it('refuses timestamps without offset when no zone is declared (time zone required)', async () => {
    const text = csv([row({ offered_at: '2025-06-02 09:00:00', answered_at: '2025-06-02 09:00:15', ended_at: '2025-06-02 09:05:45' })]);
    await expectRefused(t.file('naive.csv', text), /^time zone required: 1 of 1 row\(s\) have times without a UTC offset \(row 1\)/);
  });

  it('refuses when the share of bad rows is above the threshold, with a summary of reasons', async () => {
    // 2 bad rows of 100 = 2% > 1%.
    const rows = Array.from({ length: 100 }, (_, i) => row({ contact_id: `C${i}` }));
    rows[10]!.talk_s = '-5';
    rows[20]!.channel = 'fax';
    const r = await expectRefused(t.file('bad.csv', csv(rows)), /^too many bad rows: 2 of 100 \(2\.00%\) exceed the limit of 1\.00%/, {
      maxRejectShare: 0.01,
    });
    expect(r.message).toContain('invalid channel: not one of voice, chat, email, portal: 1 (row 21)');
    expect(r.message).toContain('invalid talk_s: negative: 1 (row 11)');
    // Read and classified: 100 = 98 accepted + 2 rejected + 0 already present (none loaded).
    expect(r).toMatchObject({ read: true, rowsRead: 100, rowsAccepted: 98, rowsRejected: 2, rowsAlreadyPresent: 0 });
    expect(r.refusal).toEqual({
      code: 'too_many_bad_rows',
      rowCount: 2,
      rows: [
        { row: 11, line: 12, rule: 'invalid talk_s: negative' },
        { row: 21, line: 22, rule: 'invalid channel: not one of voice, chat, email, portal' },
      ],
    });
    expect(r.rejectReasons).toEqual([
      { reason: 'invalid channel: not one of voice, chat, email, portal', count: 1 },
      { reason: 'invalid talk_s: negative', count: 1 },
    ]);
    // 1 bad row of 100 = 1%, not above 1%: committed.
    rows[20]!.channel = 'voice';
    const ok = await t.ingest(t.file('ok.csv', csv(rows)), { maxRejectShare: 0.01 });
    expect(ok).toMatchObject({ outcome: 'committed', rowsRead: 100, rowsAccepted: 99, rowsRejected: 1 });
  });

  it('answers the same file again with duplicate_file and adds nothing', async () => {
    const path = t.file('a.csv', csv([row(), row({ contact_id: 'C2' })]));
    const first = await t.ingest(path);
    expect(first.outcome).toBe('committed');
    const before = await t.counts();
    const again = await t.ingest(path);
    expect(again).toMatchObject({ outcome: 'duplicate_file', duplicateOf: first.batchId, rowsAccepted: 0 });
    expect(await t.counts()).toEqual({ ...before, batches: before.batches + 1 });
    // The same bytes in another source are a different file.
    const other = await t.ingest(path, { source: 'acd2' });
    expect(other).toMatchObject({ outcome: 'committed', rowsAccepted: 2 });
  });

  it('re-reads a file whose earlier attempt was refused (only committed batches count as duplicates)', async () => {
    const text = csv([row({ offered_at: '2025-06-02 09:00:00', answered_at: '2025-06-02 09:00:15', ended_at: '2025-06-02 09:05:45' })]);
    const path = t.file('naive.csv', text);
    expect((await t.ingest(path)).outcome).toBe('refused');
    const r = await t.ingest(path, { timezone: 'America/Los_Angeles' });
    expect(r).toMatchObject({ outcome: 'committed', rowsAccepted: 1 });
  });
});

describe('CSV dialect', () => {
  it('accepts a UTF-8 BOM and CRLF line endings', async () => {
    const text = '\uFEFF' + csv([row(), row({ contact_id: 'C2', nps: '3' })], HEADER, '\r\n');
    const r = await t.ingest(t.file('bom.csv', text));
    expect(r).toMatchObject({ outcome: 'committed', rowsRead: 2, rowsAccepted: 2, unknownColumns: [] });
    // nps is the last column: no stray \r.
    expect((await contact(t.db, 'C2'))!.nps).toBe(3);
  });

  it('normalizes mixed CRLF and LF line endings (DuckDB alone errs or reads 0 rows)', async () => {
    const text =
      HEADER.join(',') +
      '\r\n' +
      csv([row({ nps: '1' })]).split('\n')[1] +
      '\n' +
      csv([row({ contact_id: 'C2', nps: '2' })]).split('\n')[1] +
      '\r\n' +
      csv([row({ contact_id: 'C3', nps: '3' })]).split('\n')[1] +
      '\n';
    const r = await t.ingest(t.file('mixed.csv', text));
    expect(r).toMatchObject({ outcome: 'committed', rowsRead: 3, rowsAccepted: 3 });
    const nps = await t.db.query('SELECT contact_id, nps::INTEGER AS nps FROM contacts ORDER BY contact_id');
    expect(nps).toEqual([
      { contact_id: 'C1', nps: 1 },
      { contact_id: 'C2', nps: 2 },
      { contact_id: 'C3', nps: 3 },
    ]);
  });

  it('reads quoted fields with commas, quotes and newlines, keeping row numbers right', async () => {
    const rows = [row({ contact_id: 'C1', agent_id: 'Smith, J' }), row({ contact_id: 'C2', agent_id: 'say "hi"\nnext line' }), row({ contact_id: 'C3', talk_s: 'abc' })];
    const r = await t.ingest(t.file('quoted.csv', csv(rows)));
    expect(r).toMatchObject({ rowsRead: 3, rowsAccepted: 1, rowsRejected: 2 });
    expect((await contact(t.db, 'C1'))!.agent_id).toBe('Smith, J');
    // A newline is a control character in an identifier: row 2 is rejected, row 3 keeps its number.
    expect(await rejectsOf(t.db, r.batchId)).toMatchObject([
      { row: 2, reason: 'invalid agent_id: control character' },
      { row: 3, reason: 'invalid talk_s: not a number' },
    ]);
  });

  it('maps a reordered header by name', async () => {
    const header = [...HEADER].reverse();
    const r = await t.ingest(t.file('rev.csv', csv([row({ queue: 'medicare-advantage', tier: '3' })], header)));
    expect(r.outcome).toBe('committed');
    const c = (await contact(t.db, 'C1'))!;
    expect(c).toMatchObject({ queue: 'medicare-advantage', tier: 3, talk_s: 300, handle_s: 390 });
  });

  it('ignores and reports unknown extra columns', async () => {
    const header = [...HEADER, 'notes', 'member_name'];
    const r = await t.ingest(t.file('extra.csv', csv([row({ notes: 'x', member_name: 'Jane Doe' })], header)));
    expect(r).toMatchObject({ outcome: 'committed', rowsAccepted: 1, unknownColumns: ['notes', 'member_name'] });
  });

  it('loads an ACD export through a mapping file', async () => {
    const header = ['CallID', 'Skill', 'Start', 'Answer', 'End', 'Talk', 'Caller'];
    const text = [header.join(','), 'K1,medicaid-member-services,2025-06-02T16:00:00Z,2025-06-02T16:00:20Z,2025-06-02T16:05:00Z,250,M9'].join('\n');
    const mapping = {
      columns: {
        contact_id: 'CallID',
        queue: 'Skill',
        offered_at: 'Start',
        answered_at: 'Answer',
        ended_at: 'End',
        talk_s: 'Talk',
        member_id: 'Caller',
      },
    };
    // Without the mapping, or with a wrong one, the file is refused.
    await expectRefused(t.file('acd2.csv', text), /^missing required columns: contact_id, queue, offered_at$/);
    const badMap = { columns: { contact_id: 'NoSuch', queue: 'Skill', offered_at: 'Start' } };
    await expectRefused(t.file('acd3.csv', text), /^invalid mapping: the file has no column "NoSuch" \(mapped to contact_id\)$/, { mapping: badMap });
    const r = await t.ingest(t.file('acd.csv', text), { mapping });
    expect(r).toMatchObject({ outcome: 'committed', rowsAccepted: 1, unknownColumns: [] });
    // wait = 16:00:20 - 16:00:00 = 20 s; handle = 250 + 0 + 0 = 250 s.
    expect(await contact(t.db, 'K1')).toMatchObject({ channel: 'voice', wait_s: 20, handle_s: 250 });
  });

  it('rejects rows with too few or too many fields, and keeps the others with their row numbers', async () => {
    const lines = csv([row({ contact_id: 'C1' }), row({ contact_id: 'C2' }), row({ contact_id: 'C3' }), row({ contact_id: 'C4' })]).split('\n');
    lines[2] = lines[2]!.split(',').slice(0, 5).join(','); // row 2: 5 fields
    lines[3] = lines[3] + ',extra'; // row 3: 21 fields
    const r = await t.ingest(t.file('fields.csv', lines.join('\n')));
    expect(r).toMatchObject({ rowsRead: 4, rowsAccepted: 2, rowsRejected: 2 });
    expect(await rejectsOf(t.db, r.batchId)).toEqual([
      { row: 2, reason: 'invalid row: too few fields', raw: '{"line":3}' },
      { row: 3, reason: 'invalid row: too many fields', raw: '{"line":4}' },
    ]);
    const ids = await t.db.query('SELECT contact_id FROM contacts ORDER BY contact_id');
    expect(ids).toEqual([{ contact_id: 'C1' }, { contact_id: 'C4' }]);
  });
});
