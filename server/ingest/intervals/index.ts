/**
 * `ingestIntervalReport`: one interval report (Avaya CMS split/skill interval report or
 * table export, or a generic interval report) into `interval_aggregates`, with the
 * guarantees of a contact-log ingest: the file commits whole or not at all; every row is
 * accepted, rejected with a reason, or counted as already present; a refused file records
 * only its batch row; the same file again is a duplicate. docs/ingest.md, "Interval reports".
 *
 * Interval reports are small (a day of 15-minute intervals for 100 splits is 9,600 rows), so
 * the rows are parsed in Node (rows.ts) and only the plan and the writes run in SQL.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { dsvFormat } from 'd3-dsv';
import { transaction, type Database } from '../../db/database.ts';
import { findCommittedBatchBySha, insertBatch, NOTHING_READ, recordReplacedRows, type BatchRecord, type Refusal } from '../../db/queries/ingest-batches.ts';
import {
  dropIntervalStaging,
  intervalPlanCounts,
  planIntervals,
  plannedIntervalRejects,
  stageIntervals,
  writeIntervalRejects,
  writeIntervals,
  writtenIntervalCounts,
  type StagedInterval,
} from '../../db/queries/intervalAggregates.ts';
import { LIMITS } from '../../wfm/canonical.ts';
import { InputError } from '../../wfm/inputError.ts';
import { isValidTimeZone, localDateOf, startOfLocalDay } from '../../wfm/timezone.ts';
import { detectFormat } from '../detect.ts';
import type { BatchResult } from '../index.ts';
import { serializeIngest } from '../queue.ts';
import { IngestInvariantError, IngestRefusal, sanitizeEngineError } from '../refusal.ts';
import { detectIntervalReport } from './detect.ts';
import { INTERVAL_FORMATS, type IntervalFormat } from './fields.ts';
import { type IntervalAggregate, type ParsedRow, parseIntervalRow, planHeader } from './rows.ts';
import { readableFileSize } from '../fileSize.ts';

export { detectIntervalReport, detectIntervalSample } from './detect.ts';
export { INTERVAL_FORMATS, type IntervalFormat } from './fields.ts';

export interface IntervalIngestOptions {
  /** Declared format; default: detected from the header (detect.ts). */
  format?: IntervalFormat;
  source?: string;
  /** Zone of local times (CMS times are switch-local): required when the times have no offset. */
  timezone?: string;
  /** The site zone: local_date / interval15 / interval30 are computed in it. */
  siteTimezone: string;
  fileName?: string;
  /** Who loads it (the batch records it; only they or an admin may undo it). */
  loadedBy?: string;
  maxRejectShare?: number;
  /** The ingest's "now" for the far-future check (default: the clock). */
  now?: Date;
}

/** Largest interval report read (they are read whole into memory). */
const MAX_BYTES = 256 << 20;
const REFUSAL_ROWS = 40;

export function isIntervalFormat(s: string | undefined): s is IntervalFormat {
  return s !== undefined && (INTERVAL_FORMATS as readonly string[]).includes(s);
}

export function ingestIntervalReport(db: Database, path: string, o: IntervalIngestOptions): Promise<BatchResult> {
  if (o.source !== undefined && !/^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/.test(o.source)) throw new InputError('source', 'use 1-100 letters, digits, ".", "_", ":" or "-"');
  if (o.format !== undefined && !isIntervalFormat(o.format)) throw new InputError('format', `expected ${INTERVAL_FORMATS.join(' or ')}`);
  if (o.timezone !== undefined && !isValidTimeZone(o.timezone)) throw new InputError('timezone', 'not an IANA time zone name');
  if (!isValidTimeZone(o.siteTimezone)) throw new InputError('siteTimezone', 'not an IANA time zone name');
  if (o.maxRejectShare !== undefined && !(o.maxRejectShare >= 0 && o.maxRejectShare <= 1)) throw new InputError('maxRejectShare', 'expected a fraction between 0 and 1');
  const size = readableFileSize(path);
  return serializeIngest(db, () => run(db, path, size, o));
}

interface Ctx {
  record: BatchRecord;
  rejectReasons: { reason: string; count: number }[];
}

async function run(db: Database, path: string, size: number, o: IntervalIngestOptions): Promise<BatchResult> {
  const ctx: Ctx = {
    record: {
      source: o.source ?? 'default',
      fileName: o.fileName ?? basename(path),
      loadedBy: o.loadedBy ?? null,
      fileSize: size,
      sha256: null,
      format: o.format ?? null,
      startedAt: new Date().toISOString(),
      outcome: 'refused',
      message: null,
      refusal: null,
      ...NOTHING_READ,
      unknownColumns: [],
      duplicateOf: null,
    },
    rejectReasons: [],
  };
  const conn = await db.connect();
  try {
    await conn.run("SET TimeZone = 'UTC'");
    return await ingestOn(conn, path, o, ctx);
  } catch (e) {
    if (e instanceof IngestRefusal) {
      const rows = e.rows.slice(0, REFUSAL_ROWS);
      const refusal: Refusal = { code: e.code, rowCount: Math.max(e.rowCount, rows.length), rows };
      if (!ctx.record.read) Object.assign(ctx.record, NOTHING_READ);
      const batchId = await insertBatch(conn, { ...ctx.record, outcome: 'refused', message: e.message, refusal });
      return result(batchId, ctx, 'refused', refusal, e.message);
    }
    await insertBatch(conn, {
      ...ctx.record,
      ...NOTHING_READ,
      outcome: 'failed',
      message: `internal error: ${sanitizeEngineError(e)}`,
    }).catch(() => undefined);
    const err = new Error(`ingest of ${ctx.record.fileName} failed: ${sanitizeEngineError(e)}; nothing was committed`);
    err.name = 'IngestError';
    throw err;
  } finally {
    await dropIntervalStaging(conn).catch(() => undefined);
    conn.closeSync();
  }
}

function result(batchId: number, ctx: Ctx, outcome: BatchResult['outcome'], refusal: Refusal | null, message?: string, duplicateOf?: number): BatchResult {
  const r = ctx.record;
  return {
    batchId,
    outcome,
    ...(message === undefined ? {} : { message }),
    refusal,
    fileName: r.fileName,
    read: r.read,
    rowsRead: r.rowsRead,
    rowsAccepted: r.rowsAccepted,
    rowsRejected: r.rowsRejected,
    rowsAlreadyPresent: r.rowsAlreadyPresent,
    rowsFlagged: r.rowsFlagged,
    unknownColumns: r.unknownColumns,
    rejectReasons: r.read ? ctx.rejectReasons : [],
    ...(duplicateOf === undefined ? {} : { duplicateOf }),
  };
}

/** Lines before the header an exported report may carry (title, split name, date range). */
const MAX_TITLE_LINES = 12;

/**
 * Where the header is and how the file is delimited: the first of the first lines that is an
 * interval report's header (with `format`: one that has every column the format requires),
 * read with ",", ";" or tab; else the first line, its delimiter guessed. Exported CMS reports
 * put a few title lines above the header; they are skipped.
 */
function findHeader(text: string, format: IntervalFormat | undefined): { delim: string; skip: number } {
  const lines = text.split(/\r?\n/).slice(0, MAX_TITLE_LINES);
  for (const [i, line] of lines.entries()) {
    for (const d of [',', ';', '\t']) {
      if (!line.includes(d)) continue;
      const cells = dsvFormat(d).parseRows(line)[0] ?? [];
      const found = detectIntervalReport(cells);
      if (found && (format === undefined || found.format === format) && !('missing' in planHeader(found.format, cells))) return { delim: d, skip: i };
    }
  }
  const first = lines[0] ?? '';
  return { delim: first.includes('\t') && !first.includes(',') ? '\t' : first.includes(';') && !first.includes(',') ? ';' : ',', skip: 0 };
}

/**
 * Header and data records (1-based row, physical line), blank records skipped; the `skip`
 * title lines above the header are not read (a title line with a quote is not expected).
 */
function readRecords(text: string, at: { delim: string; skip: number }): { header: string[]; records: { row: number; line: number; fields: string[] }[] } {
  let body = text;
  for (let i = 0; i < at.skip; i++) body = body.slice(body.search(/\n/) + 1);
  let line = 1 + at.skip;
  let header: string[] | null = null;
  const records: { row: number; line: number; fields: string[] }[] = [];
  for (const fields of dsvFormat(at.delim).parseRows(body)) {
    const start = line;
    line += 1;
    for (const f of fields) line += f.match(/\r\n|\r|\n/g)?.length ?? 0;
    if (fields.every((f) => f.trim() === '')) continue;
    if (header === null) header = fields.map((f) => f.trim());
    else records.push({ row: records.length + 1, line: start, fields });
  }
  return { header: header ?? [], records };
}

async function ingestOn(conn: DuckDBConnection, path: string, o: IntervalIngestOptions, ctx: Ctx): Promise<BatchResult> {
  const rec = ctx.record;
  detectFormat(path, 'csv'); // refuses xlsx, compressed, binary, UTF-16 as for contact logs
  if (rec.fileSize > MAX_BYTES) throw new IngestRefusal('unsupported_type', `unsupported type: an interval report over ${MAX_BYTES >> 20} MiB`);
  const bytes = readFileSync(path);
  rec.sha256 = createHash('sha256').update(bytes).digest('hex');
  const dup = await findCommittedBatchBySha(conn, rec.source, rec.sha256);
  if (dup !== null) {
    const message = `the same file (sha256) was already ingested as batch ${dup}; nothing was loaded`;
    const batchId = await insertBatch(conn, { ...rec, outcome: 'duplicate_file', message, duplicateOf: dup });
    return result(batchId, ctx, 'duplicate_file', null, message, dup);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw new IngestRefusal('invalid_encoding', 'invalid encoding: the file is not valid UTF-8; export it as UTF-8');
  }
  if ((text.match(/"/g)?.length ?? 0) % 2 === 1) throw new IngestRefusal('unterminated_quote', 'unterminated quote: a quoted field is never closed');
  const { header, records } = readRecords(text, findHeader(text, o.format));
  if (header.length === 0) throw new IngestRefusal('empty_file', 'empty file: no header');
  if (records.length === 0) throw new IngestRefusal('empty_file', 'empty file: a header but no data rows');
  const seen = new Map<string, number>();
  header.forEach((h, i) => {
    const k = h.toLowerCase();
    if (seen.has(k)) throw new IngestRefusal('invalid_header', `invalid header: the column name "${h}" appears twice (columns ${seen.get(k)! + 1} and ${i + 1})`);
    seen.set(k, i);
  });

  const detected = detectIntervalReport(header);
  const format = o.format ?? detected?.format;
  if (!format) throw new IngestRefusal('missing_columns', 'missing required column(s): not an interval report (no interval_start and offered, nor Avaya CMS columns such as ACDCALLS)');
  if (o.format && detected && detected.format !== o.format) {
    throw new IngestRefusal(
      'invalid_header',
      `invalid header: the file was declared ${o.format} but its columns are those of ${detected.format === 'avaya-cms' ? 'an Avaya CMS interval report (avaya-cms)' : 'a generic interval report (interval)'}`,
    );
  }
  rec.format = format;
  const plan = planHeader(format, header);
  if ('missing' in plan) throw new IngestRefusal('missing_columns', `missing required column(s): ${plan.missing.join(', ')} (${format === 'avaya-cms' ? 'Avaya CMS' : 'generic'} interval report)`);
  rec.unknownColumns = plan.unknownColumns;
  rec.rowsRead = records.length;

  const now = o.now ?? new Date();
  const rowCtx = { format, plan, timezone: o.timezone ?? null, latestMs: now.getTime() + LIMITS.futureDays * 86_400_000 };
  const parsed: ParsedRow[] = records.map((r) => {
    if (r.fields.length !== header.length) {
      return { ok: false, row: r.row, reason: `invalid row: ${r.fields.length < header.length ? 'too few' : 'too many'} fields`, needsZone: false, raw: {} };
    }
    return parseIntervalRow(r.fields, r.row, rowCtx);
  });
  const lineOf = (row: number) => records[row - 1]?.line ?? null;
  const naive = parsed.filter((p): p is Extract<ParsedRow, { ok: false }> => !p.ok && p.needsZone);
  if (naive.length > 0) {
    throw new IngestRefusal(
      'time_zone_required',
      `time zone required: ${naive.length} of ${records.length} row(s) have times without a UTC offset; choose the time zone they were recorded in (the switch's zone for Avaya CMS) and send the file again`,
      naive.map((p) => ({ row: p.row, line: lineOf(p.row), rule: p.reason })),
      naive.length,
    );
  }
  const good = parsed.filter((p): p is { ok: true; value: IntervalAggregate } => p.ok).map((p) => stage(p.value, o.siteTimezone));
  const parseRejects = parsed.filter((p): p is Extract<ParsedRow, { ok: false }> => !p.ok);
  const rawOf = new Map(parsed.map((p) => [p.ok ? p.value.row : p.row, p.ok ? null : p.raw]));
  const rawOfRow = (row: number): Record<string, string> => {
    const r = records[row - 1]!;
    return Object.fromEntries(Object.entries(plan.index).map(([f, i]) => [f, r.fields[i!] ?? '']));
  };

  const maxShare = o.maxRejectShare ?? 0.01;
  return transaction(conn, async () => {
    await stageIntervals(conn, good);
    await planIntervals(conn, rec.source);
    const counts = await intervalPlanCounts(conn);
    const planRejects = await plannedIntervalRejects(conn);
    const rejects = [...parseRejects.map((p) => ({ row: p.row, reason: p.reason, raw: rawOf.get(p.row) ?? null })), ...planRejects.map((p) => ({ ...p, raw: rawOfRow(p.row) }))].sort(
      (a, b) => a.row - b.row,
    );
    const accepted = counts.insert + counts.replace;
    Object.assign(rec, { read: true, rowsAccepted: accepted, rowsRejected: rejects.length, rowsAlreadyPresent: counts.present, rowsFlagged: counts.flagged });
    if (rec.rowsRead !== accepted + rec.rowsRejected + rec.rowsAlreadyPresent) throw new IngestInvariantError('row sum check failed: read != accepted + rejected + already present');
    const byReason = new Map<string, number[]>();
    for (const r of rejects) byReason.set(r.reason, [...(byReason.get(r.reason) ?? []), r.row]);
    ctx.rejectReasons = [...byReason].map(([reason, rows]) => ({ reason, count: rows.length })).sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
    if (rejects.length > maxShare * rec.rowsRead) {
      const shown = ctx.rejectReasons.slice(0, 8);
      const summary = shown.map((r) => `${r.reason}: ${r.count} (rows ${byReason.get(r.reason)!.slice(0, 5).join(', ')}${r.count > 5 ? ', …' : ''})`).join('; ');
      throw new IngestRefusal(
        'too_many_bad_rows',
        `too many bad rows: ${rejects.length} of ${rec.rowsRead} (${pct(rejects.length / rec.rowsRead)}) exceed the limit of ${pct(maxShare)}; nothing was loaded. ${summary}`,
        shown
          .flatMap((r) =>
            byReason
              .get(r.reason)!
              .slice(0, 5)
              .map((row) => ({ row, line: lineOf(row), rule: r.reason })),
          )
          .sort((a, b) => a.row - b.row),
        rejects.length,
      );
    }
    const batchId = await insertBatch(conn, { ...rec, outcome: 'committed' });
    await writeIntervals(conn, rec.source, batchId);
    // Replaced intervals cannot be brought back by an undo (which then refuses, saying so).
    if (counts.replace > 0) await recordReplacedRows(conn, batchId, counts.replace);
    await writeIntervalRejects(conn, batchId, rejects);
    const written = await writtenIntervalCounts(conn, batchId);
    if (written.intervals !== accepted || written.rejects !== rejects.length) {
      throw new IngestInvariantError(`write check failed: ${written.intervals}/${accepted} intervals, ${written.rejects}/${rejects.length} rejects`);
    }
    return result(batchId, ctx, 'committed', null);
  });
}

const pct = (x: number) => `${(100 * x).toFixed(x < 0.1 ? 2 : 1)}%`;

/** The site-local date and 15/30-minute buckets of an interval's start (local midnight + k × length). */
function stage(a: IntervalAggregate, siteTz: string): StagedInterval {
  const localDate = localDateOf(a.startMs, siteTz);
  const midnight = startOfLocalDay(localDate, siteTz);
  const bucket = (m: number) => midnight + Math.floor((a.startMs - midnight) / (m * 60_000)) * m * 60_000;
  return { ...a, localDate, interval15Ms: bucket(15), interval30Ms: bucket(30) };
}
