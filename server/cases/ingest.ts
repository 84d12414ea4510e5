/**
 * `ingestCaseFile`: one case log (CSV or Parquet) into `cases`, all or nothing, with the
 * contact ingest's guarantees and much of its machinery (server/ingest: format detection,
 * the byte-level CSV pre-scan, refusals, the one-ingest-at-a-time queue; server/pseudonym.ts):
 *
 * 1. Format from the declared format, the extension and the magic bytes (detect.ts).
 * 2. CSV: the pre-scan (csv-scan.ts) refuses bad encoding, quoting, over-long rows and gives
 *    the sha256; the records are read by server/wfm/csv.ts. Parquet: every column as text.
 * 3. The same file (sha256) already committed in the source: `duplicate_file`, nothing read.
 * 4. Header → case columns (trimmed, case-insensitive); a required one missing or a name
 *    twice refuses the file; unknown columns are ignored and reported.
 * 5. Every row validated (server/wfm/cases/caseRecord.ts), the first failing rule its reject
 *    reason; times without an offset and no declared zone refuse the file; a case_id twice
 *    in one file rejects the later row.
 * 6. Member IDs keyed with the HMAC (never stored, never in a reject's raw values).
 * 7. One transaction: classify against the stored cases of the source (insert; update when
 *    the stored case differs — a case log is re-exported as cases progress; already
 *    present when equal), refuse above the reject share, write cases, rejects and the batch,
 *    check read = inserted + updated + rejected + already present and the rows written, COMMIT.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { transaction, type Database } from '../db/database.ts';
import {
  dropCaseStaging,
  findCommittedCaseBatchBySha,
  insertCaseBatch,
  planCases,
  type CaseBatchRecord,
  type StagedCase,
  type StagedReject,
  stageCases,
  writeCaseRejects,
  writeCases,
} from '../db/queries/casesIngest.ts';
import type { RefusalCode, RefusalRow } from '../db/queries/ingest-batches.ts';
import { CsvScanner } from '../ingest/csv-scan.ts';
import { detectFormat } from '../ingest/detect.ts';
import { serializeIngest } from '../ingest/queue.ts';
import { IngestRefusal, sanitizeEngineError } from '../ingest/refusal.ts';
import { pseudonymizeMemberId } from '../pseudonym.ts';
import { LIMITS } from '../wfm/canonical.ts';
import { CASE_COLUMNS, type CaseColumn, checkCaseRow, REQUIRED_CASE_COLUMNS } from '../wfm/cases/caseRecord.ts';
import { readCsvRecords } from '../wfm/csv.ts';
import { InputError } from '../wfm/inputError.ts';
import { isValidTimeZone } from '../wfm/timezone.ts';
import { readableFileSize } from '../ingest/fileSize.ts';

export interface CaseIngestOptions {
  /** Default 'default'; case_id is unique within its source. */
  source?: string;
  format?: 'csv' | 'parquet';
  /** Zone of timestamps written without an offset. */
  timezone?: string;
  hmacKey: Buffer;
  fileName?: string;
  /** Default 0.01: refuse the whole file above it. */
  maxRejectShare?: number;
  /** The ingest's "now" for the far-future check (default: the clock). */
  now?: Date;
}

export interface CaseBatchResult {
  batchId: number;
  outcome: 'committed' | 'refused' | 'duplicate_file';
  message: string | null;
  refusal: { code: RefusalCode; rowCount: number; rows: RefusalRow[] } | null;
  fileName: string;
  rowsRead: number;
  /** Inserted + updated. */
  rowsAccepted: number;
  rowsUpdated: number;
  rowsRejected: number;
  rowsAlreadyPresent: number;
  unknownColumns: string[];
  rejectReasons: { reason: string; count: number }[];
  duplicateOf?: number;
}

/** Largest case log read (CSV is read whole into memory). */
export const MAX_CASE_FILE_BYTES = 512 * 1024 * 1024;

export function checkCaseIngestOptions(o: CaseIngestOptions): void {
  if (o.source !== undefined && !/^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/.test(o.source)) throw new InputError('source', 'use 1-100 letters, digits, ".", "_", ":" or "-"');
  if (o.format !== undefined && o.format !== 'csv' && o.format !== 'parquet') throw new InputError('format', 'expected csv or parquet');
  if (o.timezone !== undefined && !isValidTimeZone(o.timezone)) throw new InputError('timezone', 'not an IANA time zone name');
  if (o.maxRejectShare !== undefined && !(o.maxRejectShare >= 0 && o.maxRejectShare <= 1)) throw new InputError('maxRejectShare', 'expected a fraction between 0 and 1');
  if (!Buffer.isBuffer(o.hmacKey) || o.hmacKey.length < 16) throw new InputError('hmacKey', 'at least 16 bytes');
}

export function ingestCaseFile(db: Database, path: string, o: CaseIngestOptions): Promise<CaseBatchResult> {
  checkCaseIngestOptions(o);
  const size = readableFileSize(path);
  return serializeIngest(db, () => run(db, path, size, o));
}

interface Ctx extends Omit<CaseBatchRecord, 'outcome' | 'message'> {
  rejectReasons: { reason: string; count: number }[];
}

/** The file as rows of text keyed by column name, with the header's unknown columns. */
interface ReadFile {
  format: 'csv' | 'parquet';
  sha256: string;
  header: string[];
  rows: { row: number; fields: string[] | null; problem: string | null }[];
}

async function readFile(db: Database, path: string, size: number, declared: 'csv' | 'parquet' | undefined): Promise<ReadFile> {
  const format = detectFormat(path, declared);
  if (size > MAX_CASE_FILE_BYTES) throw new IngestRefusal('malformed_csv', `file too large: ${size} bytes, above the case log limit of ${MAX_CASE_FILE_BYTES}`);
  const bytes = readFileSync(path);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (format === 'csv') {
    const scanner = new CsvScanner({ maxRecordBytes: 1 << 20, hash: false });
    scanner.push(bytes);
    scanner.end(); // refuses bad encoding, an unterminated quote, an over-long row
    const { header, records } = readCsvRecords(bytes.toString('utf8'));
    if (records.length === 0) throw new IngestRefusal('empty_file', 'empty file: a header but no data rows');
    return {
      format,
      sha256,
      header,
      rows: records.map((r, i) => ({
        row: i + 1,
        fields: r.fields.length === header.length ? r.fields : null,
        problem: r.fields.length === header.length ? null : `invalid row: ${r.fields.length < header.length ? 'too few' : 'too many'} fields`,
      })),
    };
  }
  try {
    return await db.withConnection(async (conn) => {
      const reader = await conn.runAndReadAll('SELECT COLUMNS(*)::VARCHAR FROM read_parquet($path)', { path });
      const header = reader.columnNames();
      const rows = reader.getRowsJS().map((values, i) => ({ row: i + 1, fields: values.map((v) => (v === null || v === undefined ? '' : String(v))), problem: null }));
      if (rows.length === 0) throw new IngestRefusal('empty_file', 'empty file: no data rows');
      return { format, sha256, header, rows };
    });
  } catch (e) {
    if (e instanceof IngestRefusal) throw e;
    throw new IngestRefusal('corrupt_parquet', `corrupt Parquet: the reader failed (${sanitizeEngineError(e)})`);
  }
}

async function run(db: Database, path: string, size: number, o: CaseIngestOptions): Promise<CaseBatchResult> {
  const source = o.source ?? 'default';
  const ctx: Ctx = {
    source,
    fileName: o.fileName ?? basename(path),
    fileSize: size,
    sha256: null,
    format: null,
    startedAt: new Date().toISOString(),
    rowsRead: 0,
    rowsAccepted: 0,
    rowsUpdated: 0,
    rowsRejected: 0,
    rowsAlreadyPresent: 0,
    unknownColumns: [],
    rejectReasons: [],
  };
  const conn = await db.connect();
  const record = (outcome: CaseBatchRecord['outcome'], message: string | null) => insertCaseBatch(conn, { ...ctx, outcome, message });
  try {
    await conn.run("SET TimeZone = 'UTC'");
    const file = await readFile(db, path, size, o.format);
    ctx.format = file.format;
    ctx.sha256 = file.sha256;
    const dup = await findCommittedCaseBatchBySha(conn, source, file.sha256);
    if (dup !== null) {
      const message = `the same file (sha256) was already ingested as case batch ${dup}; nothing was loaded`;
      const batchId = await record('duplicate_file', message);
      return { ...result(ctx, batchId, 'duplicate_file', message), duplicateOf: dup };
    }
    const position = planHeader(file.header);
    ctx.unknownColumns = file.header.filter((h) => !(CASE_COLUMNS as readonly string[]).includes(h.trim().toLowerCase()));
    ctx.rowsRead = file.rows.length;

    const now = (o.now ?? new Date()).getTime();
    const check = { tz: o.timezone ?? null, latestMs: now + LIMITS.futureDays * 86_400_000 };
    const staged: StagedCase[] = [];
    const rejects: StagedReject[] = [];
    const naive: RefusalRow[] = [];
    let naiveCount = 0;
    const firstRowOf = new Map<string, number>();
    const keys = new Map<string, string | null>();
    for (const r of file.rows) {
      const raw: Partial<Record<CaseColumn, string>> = {};
      if (r.fields) for (const [c, at] of position) raw[c] = r.fields[at];
      const rawJson = () => JSON.stringify(Object.fromEntries([...position.keys()].map((c) => [c, c === 'member_id' ? (raw[c]?.trim() ? '[redacted]' : '') : (raw[c] ?? null)])));
      if (r.problem) {
        rejects.push({ row: r.row, reason: r.problem, raw: JSON.stringify({ row: r.row }) });
        continue;
      }
      const c = checkCaseRow(raw, check);
      if (!c.ok) {
        if ('naive' in c) {
          naiveCount += 1;
          if (naive.length < 40) naive.push({ row: r.row, line: null, rule: `invalid ${c.column}: no UTC offset and no declared time zone` });
        } else rejects.push({ row: r.row, reason: c.reason, raw: rawJson() });
        continue;
      }
      const first = firstRowOf.get(c.value.caseId);
      if (first !== undefined) {
        rejects.push({ row: r.row, reason: `invalid case_id: repeats row ${first}`, raw: rawJson() });
        continue;
      }
      firstRowOf.set(c.value.caseId, r.row);
      const id = c.value.memberId;
      let key: string | null = null;
      if (id !== null) {
        if (!keys.has(id)) keys.set(id, pseudonymizeMemberId(o.hmacKey, id));
        key = keys.get(id)!;
      }
      const { memberId: _raw, ...rest } = c.value;
      staged.push({ row: r.row, memberKey: key, ...rest });
    }
    if (naiveCount > 0) {
      throw new IngestRefusal(
        'time_zone_required',
        `time zone required: ${naiveCount} of ${ctx.rowsRead} row(s) have times without a UTC offset (rows ${naive
          .slice(0, 5)
          .map((n) => n.row)
          .join(', ')}${naiveCount > 5 ? ', …' : ''}); choose the time zone they were recorded in and send the file again`,
        naive,
        naiveCount,
      );
    }
    ctx.rowsRejected = rejects.length;
    ctx.rejectReasons = countReasons(rejects);
    await stageCases(conn, staged);
    const maxShare = o.maxRejectShare ?? 0.01;
    return await transaction(conn, async () => {
      const plan = await planCases(conn, source);
      Object.assign(ctx, { rowsAccepted: plan.insert + plan.update, rowsUpdated: plan.update, rowsAlreadyPresent: plan.present });
      if (ctx.rowsRead !== plan.insert + plan.update + plan.present + ctx.rowsRejected) throw new Error('case ingest: read != accepted + rejected + already present');
      if (ctx.rowsRejected > maxShare * ctx.rowsRead) {
        const summary = ctx.rejectReasons
          .slice(0, 8)
          .map((r) => `${r.reason}: ${r.count}`)
          .join('; ');
        throw new IngestRefusal(
          'too_many_bad_rows',
          `too many bad rows: ${ctx.rowsRejected} of ${ctx.rowsRead} exceed the limit of ${(100 * maxShare).toFixed(1)}%; nothing was loaded. ${summary}`,
          rejects.slice(0, 40).map((r) => ({ row: r.row, line: null, rule: r.reason })),
          ctx.rowsRejected,
        );
      }
      const batchId = await record('committed', null);
      const written = await writeCases(conn, source, batchId);
      await writeCaseRejects(conn, batchId, rejects);
      if (written !== ctx.rowsAccepted) throw new Error(`case ingest: wrote ${written} of ${ctx.rowsAccepted} cases`);
      return result(ctx, batchId, 'committed', null);
    });
  } catch (e) {
    if (e instanceof IngestRefusal) {
      // Refused before every row was classified: the counts mean "not read".
      if (e.code !== 'too_many_bad_rows') Object.assign(ctx, { rowsRead: 0, rowsAccepted: 0, rowsUpdated: 0, rowsRejected: 0, rowsAlreadyPresent: 0, rejectReasons: [] });
      const batchId = await record('refused', e.message);
      return { ...result(ctx, batchId, 'refused', e.message), refusal: { code: e.code, rowCount: Math.max(e.rowCount, e.rows.length), rows: e.rows.slice(0, 40).map((r) => ({ ...r })) } };
    }
    await record('failed', `internal error: ${sanitizeEngineError(e)}`).catch(() => undefined);
    const err = new Error(`case ingest of ${ctx.fileName} failed: ${sanitizeEngineError(e)}; nothing was committed`);
    err.name = 'IngestError';
    throw err;
  } finally {
    await dropCaseStaging(conn).catch(() => undefined);
    conn.closeSync();
  }
}

/** Header names → positions of the case columns; refuses a missing required column or a name twice. */
function planHeader(header: readonly string[]): Map<CaseColumn, number> {
  const position = new Map<CaseColumn, number>();
  header.forEach((h, i) => {
    const name = h
      .trim()
      .toLowerCase()
      .replace(/^\uFEFF/, '');
    if (!(CASE_COLUMNS as readonly string[]).includes(name)) return;
    const before = position.get(name as CaseColumn);
    if (before !== undefined) throw new IngestRefusal('invalid_header', `invalid header: the column name "${name}" appears twice (columns ${before + 1} and ${i + 1})`);
    position.set(name as CaseColumn, i);
  });
  const missing = REQUIRED_CASE_COLUMNS.filter((c) => !position.has(c));
  if (missing.length) throw new IngestRefusal('missing_columns', `missing required column(s): ${missing.join(', ')}`);
  return position;
}

function countReasons(rejects: readonly StagedReject[]): { reason: string; count: number }[] {
  const m = new Map<string, number>();
  for (const r of rejects) m.set(r.reason, (m.get(r.reason) ?? 0) + 1);
  return [...m].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
}

function result(ctx: Ctx, batchId: number, outcome: CaseBatchResult['outcome'], message: string | null): CaseBatchResult {
  const read = outcome === 'committed' || (outcome === 'refused' && ctx.rowsAccepted + ctx.rowsRejected + ctx.rowsAlreadyPresent > 0);
  return {
    batchId,
    outcome,
    message,
    refusal: null,
    fileName: ctx.fileName,
    rowsRead: read ? ctx.rowsRead : 0,
    rowsAccepted: read ? ctx.rowsAccepted : 0,
    rowsUpdated: read ? ctx.rowsUpdated : 0,
    rowsRejected: read ? ctx.rowsRejected : 0,
    rowsAlreadyPresent: read ? ctx.rowsAlreadyPresent : 0,
    unknownColumns: ctx.unknownColumns,
    rejectReasons: read ? ctx.rejectReasons : [],
  };
}
