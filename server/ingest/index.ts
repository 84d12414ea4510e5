/**
 * `ingestFile`: one contact-log file (CSV or Parquet) into `contacts`, all or nothing.
 *
 * 1. Detect the format from the declared format, the extension and the magic bytes.
 * 2. CSV: a byte-level pre-scan (csv-scan.ts) — sha256, encoding, header, quotes, line
 *    endings, fields per row; a repaired copy when line endings are mixed or rows have the
 *    wrong number of fields. Parquet: sha256 and the column names.
 * 3. The same file (sha256) already committed in this source: answer `duplicate_file`.
 * 4. Header names -> canonical columns (columns.ts); refuse on missing/doubled names.
 * 5. DuckDB reads the file as text (explicit dialect, never sniffed), parses and validates
 *    every value in SQL with a reason per row (db/queries/ingest-parse.ts), member IDs are
 *    keyed with the HMAC in Node (few distinct values), then in ONE transaction: plan each
 *    row (insert / already present / reject / replace), refuse above the reject share,
 *    write contacts, rejects, next-contact links and the batch row, check
 *    read = accepted + rejected + already present, COMMIT.
 *
 * A refused file records only its batch row (outcome `refused`, with the message). Messages
 * name rules, columns and row numbers, never values (PHI); engine errors are sanitized.
 */
import { createReadStream, createWriteStream, rmSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { basename, join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { transaction, type Database } from '../db/database.ts';
import {
  findCommittedBatchBySha,
  insertBatch,
  NOTHING_READ,
  recordReplacedRows,
  writtenCounts,
  type BatchCounts,
  type BatchRecord,
  type Refusal,
  type RefusalRow,
} from '../db/queries/ingest-batches.ts';
import { writeContacts } from '../db/queries/ingest-contacts.ts';
import { distinctMemberIds, loadMemberKeys, stageMemberIds } from '../db/queries/ingest-members.ts';
import { hasStoredContacts, planCounts, planRows, rejectReasons } from '../db/queries/ingest-plan.ts';
import { csvReaderSql, dropStaging, naiveRows, parquetReaderSql, parquetSchema, readAndParse } from '../db/queries/ingest-read.ts';
import { writeRejects } from '../db/queries/ingest-rejects.ts';
import { hmacPads, pseudonymizeMemberId } from '../pseudonym.ts';
import { isValidTimeZone } from '../wfm/timezone.ts';
import { LIMITS } from '../wfm/canonical.ts';
import { checkMapping, planColumns, type ColumnMapping, type ColumnPlan } from './columns.ts';
import { CsvScanner, lineOfRow, type CsvScanResult } from './csv-scan.ts';
import { detectFormat } from './detect.ts';
import { refreshDailyRollupAfterBatch } from '../db/queries/dailyRollup.ts';
import { clearIngestRunning, markIngestRunning } from '../db/queries/ingest-running.ts';
import { runIngestHooks } from './hooks.ts';
import { sha256InWorker } from './sha256-worker.ts';
import { IngestInvariantError, IngestRefusal, IngestStorageError, sanitizeEngineError } from './refusal.ts';
import { isDiskFull, makeTempDir } from './uploadTemp.ts';
import { serializeIngest } from './queue.ts';
import { adaptFile, readSample, summarySentence, type AdaptedFile, type AdapterSummary } from './adapter-ingest.ts';
import { chooseAdapter, FORMAT_NAMES } from './adapters/index.ts';

export { IngestRefusal } from './refusal.ts';

export interface IngestOptions {
  source?: string; // default 'default' (a vendor export: the adapter's name); contact_id is unique within its source
  /**
   * csv | parquet (the canonical columns), or an adapter's name (server/ingest/adapters);
   * default: a vendor format detected from the content, else by extension, then by magic
   * bytes (PAR1).
   */
  format?: string;
  mapping?: { columns: Record<string, string> }; // canonical name -> header in the file
  timezone?: string; // declared zone for timestamps without an offset
  siteTimezone: string; // config.timezone: local_date / interval15 / interval30 are computed in it
  hmacKey: Buffer;
  fileName?: string; // original name for uploads (the batch records it)
  loadedBy?: string; // who loads it (the batch records it; only they or an admin may undo it)
  maxRejectShare?: number; // default 0.01: refuse the whole file above it
  /**
   * Progress: bytesDone estimates the work done on a file-size scale (the pre-scan is the
   * first half, the engine's read and parse the second); rowsDone is set once committed.
   */
  onProgress?: (rowsDone: number, bytesDone: number, bytesTotal: number) => void;
  /** A stored contact with the same id and different values is replaced (default: rejected). */
  replace?: boolean;
  /** The ingest's "now" for the far-future check (default: the clock). */
  now?: Date;
}

/**
 * The answer to an ingest (and the body of POST /api/ingest). A refused file has `message`
 * (the reason, in words) and `refusal` (its code and the rows that caused it); see
 * BatchCounts for `read` and what the counts mean then.
 */
export interface BatchResult extends BatchCounts {
  batchId: number;
  outcome: 'committed' | 'refused' | 'duplicate_file';
  message?: string;
  refusal: Refusal | null;
  fileName: string;
  rejectReasons: { reason: string; count: number }[];
  duplicateOf?: number;
  /** A vendor export: what its records became (the rows above are its contacts and rejects). */
  adapter?: AdapterSummary;
}

/** Options that are the caller's mistake (not the file's): thrown, no batch recorded. */
import { InputError as IngestOptionError } from '../wfm/inputError.ts';
import { readableFileSize } from './fileSize.ts';
export { IngestOptionError };

const MAX_LINE_BYTES = 1 << 20;

let lastMark = 0;
/** Step timings on stderr when STAFFCAST_INGEST_TIMING is set (no data, only step names). */
function mark(step: string): void {
  if (!process.env.STAFFCAST_INGEST_TIMING) return;
  const now = performance.now();
  if (lastMark) process.stderr.write(`ingest timing: ${step} ${(now - lastMark).toFixed(0)} ms\n`);
  lastMark = now;
}

/** Checks options that do not depend on the file; throws IngestOptionError. */
export function checkIngestOptions(o: IngestOptions): void {
  if (o.source !== undefined && !/^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/.test(o.source)) {
    throw new IngestOptionError('source', 'use 1-100 letters, digits, ".", "_", ":" or "-"');
  }
  if (o.format !== undefined && !FORMAT_NAMES.includes(o.format)) {
    throw new IngestOptionError('format', `expected one of ${FORMAT_NAMES.join(', ')}`);
  }
  if (o.timezone !== undefined && !isValidTimeZone(o.timezone)) {
    throw new IngestOptionError('timezone', 'not an IANA time zone name');
  }
  if (!isValidTimeZone(o.siteTimezone)) throw new IngestOptionError('siteTimezone', 'not an IANA time zone name');
  if (o.maxRejectShare !== undefined && !(o.maxRejectShare >= 0 && o.maxRejectShare <= 1)) {
    throw new IngestOptionError('maxRejectShare', 'expected a fraction between 0 and 1');
  }
  if (!Buffer.isBuffer(o.hmacKey) || o.hmacKey.length < 16) throw new IngestOptionError('hmacKey', 'at least 16 bytes');
}

/** Ingests one file; see the module comment. Ingests into one database run one at a time. */
export function ingestFile(db: Database, path: string, options: IngestOptions): Promise<BatchResult> {
  checkIngestOptions(options);
  const size = readableFileSize(path);
  return serializeIngest(db, () => runIngest(db, path, size, options));
}

/** One ingest as it runs; its counts (BatchCounts: `read` says whether they are final) grow as the rows are classified. */
interface Context extends BatchCounts {
  source: string;
  fileName: string;
  loadedBy: string | null;
  size: number;
  startedAt: string;
  format: string | null;
  adapter?: AdapterSummary;
  sha256: string | null;
  rejectReasons: { reason: string; count: number }[];
  /** Physical line of a data row (CSV), or null. */
  lineOf: (row: number) => number | null;
  /** The ingest_running row of this ingest (removed inside the commit's transaction). */
  runningId?: number;
}

/** How many rows a refusal lists at most (rowCount says how many there are in all). */
const REFUSAL_ROWS = 40;

async function runIngest(db: Database, path: string, size: number, o: IngestOptions): Promise<BatchResult> {
  const ctx: Context = {
    source: o.source ?? 'default',
    fileName: o.fileName ?? basename(path),
    loadedBy: o.loadedBy ?? null,
    size,
    startedAt: new Date().toISOString(),
    format: null,
    sha256: null,
    ...NOTHING_READ,
    unknownColumns: [],
    rejectReasons: [],
    lineOf: () => null,
  };
  const conn = await db.connect();
  const tmp: string[] = [];
  let running: number | null = null;
  try {
    // On record before anything else: a process killed from here on leaves this row, and
    // the next start turns it into a failed batch (recover.ts).
    running = await markIngestRunning(conn, { source: ctx.source, fileName: ctx.fileName, fileSize: size, format: null, startedAt: ctx.startedAt });
    ctx.runningId = running;
    await conn.run("SET TimeZone = 'UTC'");
    // Progress of long statements (polled, never printed by DuckDB itself).
    await conn.run('SET enable_progress_bar = true');
    await conn.run('SET enable_progress_bar_print = false');
    return await ingestOn(conn, path, o, ctx, tmp);
  } catch (e) {
    if (e instanceof IngestRefusal) return refuse(conn, ctx, e);
    // Unexpected: record a failed batch (best effort; not read: its counts are 0) and
    // rethrow without engine text. A full disk says so.
    ctx.read = false;
    if (isDiskFull(e)) {
      const full = new IngestStorageError(ctx.fileName);
      await recordBatch(conn, ctx, 'failed', full.message).catch(() => undefined);
      throw full;
    }
    await recordBatch(conn, ctx, 'failed', `internal error: ${sanitizeEngineError(e)}`).catch(() => undefined);
    const err = new Error(`ingest of ${ctx.fileName} failed: ${sanitizeEngineError(e)}; nothing was committed`);
    err.name = 'IngestError';
    throw err;
  } finally {
    if (running !== null) await clearIngestRunning(conn, running).catch(() => undefined);
    // Committed or not, batches changed: cached answers retire (server/kpi/answerCache.ts).
    db.changed();
    await dropStaging(conn).catch(() => undefined);
    conn.closeSync();
    for (const dir of tmp) rmSync(dir, { recursive: true, force: true });
  }
}

async function ingestOn(conn: DuckDBConnection, path: string, o: IngestOptions, ctx: Context, tmp: string[]): Promise<BatchResult> {
  mark('start');
  const canonicalDeclared = o.format === 'csv' || o.format === 'parquet' ? o.format : undefined;
  const format = detectFormat(path, canonicalDeclared);
  ctx.format = format;
  const mapping: ColumnMapping | undefined = o.mapping ? checkMapping(o.mapping) : undefined;
  const progress = o.onProgress ?? (() => undefined);
  // A vendor export (detected from the content, or declared): converted to canonical rows
  // first. A mapping means the canonical reader, as declared.
  if (mapping && o.format !== undefined && !canonicalDeclared) {
    throw new IngestOptionError('mapping', `a column mapping cannot be combined with the ${o.format} format (its fields are known)`);
  }
  const adapter = mapping ? null : chooseAdapter(format === 'csv' ? readSample(path) : { text: '' }, o.format);
  let adapted: AdaptedFile | null = null;
  if (adapter) {
    ctx.format = adapter.name;
    // A vendor's ids are unique within that vendor: its contacts' source is the adapter's
    // name unless one is given.
    if (o.source === undefined) ctx.source = adapter.name;
    ctx.sha256 = await sha256File(path, ctx.size, progress);
    const dup = await findCommittedBatchBySha(conn, ctx.source, ctx.sha256);
    if (dup !== null) return duplicate(conn, ctx, dup);
    const dir = makeTempDir('ingest');
    tmp.push(dir);
    adapted = await adaptFile(path, adapter, { timezone: o.timezone ?? o.siteTimezone }, dir);
    ctx.adapter = adapted.summary;
    mark('adapter');
    if (adapted.summary.records === 0) throw new IngestRefusal('empty_file', `empty file: no ${adapter.label} records`);
  }

  let plan: ColumnPlan;
  let structural: { row: number; line: number; reason: string }[] = [];
  const now = o.now ?? new Date();
  const params = {
    // Adapters write instants with offsets; the few wall-clock times they pass on (Five9 in
    // the fall-back hour) are in the declared zone, else the site zone.
    tz: o.timezone ?? (adapter ? o.siteTimezone : null),
    latest: new Date(now.getTime() + LIMITS.futureDays * 86_400_000).toISOString(),
  };
  if (adapted) {
    plan = planColumns(adapted.header);
    ctx.rowsRead = adapted.rows + adapted.rejects.length;
    ctx.lineOf = adapted.lineOf;
    structural = adapted.rejects;
    if (adapted.rows > 0) {
      const reader = csvReaderSql({ fileColumns: adapted.header.length, position: plan.position, newLine: '\n', repaired: true, maxLineBytes: MAX_LINE_BYTES + 64 });
      const staged = await withEngineProgress(conn, ctx.size, progress, () => engine(() => readAndParse(conn, adapted.csvPath, { sql: reader }, new Set(plan.position.keys()), params)));
      if (staged !== adapted.rows) throw new IngestInvariantError(`adapter rows: the reader returned ${staged} of ${adapted.rows}`);
    } else {
      await readAndParse(
        conn,
        adapted.csvPath,
        { sql: csvReaderSql({ fileColumns: adapted.header.length, position: plan.position, newLine: '\n', repaired: true, maxLineBytes: MAX_LINE_BYTES + 64 }) },
        new Set(plan.position.keys()),
        params,
      );
    }
  } else if (format === 'csv') {
    const scan = await scanCsv(path, ctx.size, progress);
    mark('scan');
    ctx.sha256 = scan.sha256;
    const dup = await findCommittedBatchBySha(conn, ctx.source, scan.sha256);
    if (dup !== null) return duplicate(conn, ctx, dup);
    plan = planColumns(scan.header, mapping);
    ctx.unknownColumns = plan.unknownColumns;
    ctx.rowsRead = scan.rows;
    ctx.lineOf = (row) => lineOfRow(scan.lines, row);
    if (scan.rows === 0) throw new IngestRefusal('empty_file', 'empty file: a header but no data rows');
    structural = scan.badRows.map((b) => ({ row: b.row, line: b.line, reason: `invalid row: ${b.problem}` }));
    const { lf, crlf, cr } = scan.lineEndings;
    const repair = structural.length > 0 || cr > 0 || (lf > 0 && crlf > 0);
    let readPath = path;
    if (repair) {
      const dir = makeTempDir('ingest');
      tmp.push(dir);
      readPath = join(dir, 'repaired.csv');
      await repairCsv(path, readPath, new Set(scan.badRows.map((b) => b.row)));
      mark('repair');
    }
    const reader = csvReaderSql({
      fileColumns: scan.header.length,
      position: plan.position,
      newLine: !repair && crlf > 0 ? '\r\n' : '\n',
      repaired: repair,
      maxLineBytes: MAX_LINE_BYTES + 64,
    });
    const staged = await withEngineProgress(conn, ctx.size, progress, () => engine(() => readAndParse(conn, readPath, { sql: reader }, new Set(plan.position.keys()), params)));
    if (staged !== scan.rows - structural.length) {
      throw new IngestRefusal('malformed_csv', `malformed CSV: the reader returned ${staged} rows but the file has ${scan.rows - structural.length} well-formed rows`);
    }
  } else {
    ctx.sha256 = await sha256File(path, ctx.size, progress);
    const dup = await findCommittedBatchBySha(conn, ctx.source, ctx.sha256);
    if (dup !== null) return duplicate(conn, ctx, dup);
    const schema = await engine(() => parquetSchema(conn, path), 'corrupt Parquet');
    const names = schema.map((c) => c.name);
    plan = planColumns(names, mapping);
    refuseNestedColumns(schema, plan);
    ctx.unknownColumns = plan.unknownColumns;
    const reader = parquetReaderSql(names.length, plan.position);
    const staged = await withEngineProgress(conn, ctx.size, progress, () => engine(() => readAndParse(conn, path, reader, new Set(plan.position.keys()), params), 'corrupt Parquet'));
    ctx.rowsRead = staged;
    if (staged === 0) throw new IngestRefusal('empty_file', 'empty file: no data rows');
  }
  mark('read+parse');
  progress(0, ctx.size, ctx.size);

  const present = new Set(plan.position.keys());
  // Every timestamp has been classified: an impossible time (25:99) is a rejected row;
  // only valid times without an offset need the zone, and then no row can be classified.
  const naive = await naiveRows(conn);
  if (naive.count > 0 && !o.timezone) {
    const first = naive.first.slice(0, 5).map((r) => r.row);
    throw new IngestRefusal(
      'time_zone_required',
      `time zone required: ${naive.count} of ${ctx.rowsRead} row(s) have times without a UTC offset ` +
        `(${listRows(first, naive.count)}); choose the time zone they were recorded in ` +
        '(the site time zone) and send the file again, or export the times with their offsets',
      naive.first.map((r) => ({ row: r.row, line: ctx.lineOf(r.row), rule: r.rule })),
      naive.count,
    );
  }

  // Member keys: printable-ASCII IDs in SQL, the others normalized and keyed in Node
  // (loadMemberKeys); the raw values never leave the temp tables.
  await stageMemberIds(conn);
  const raws = await distinctMemberIds(conn);
  await loadMemberKeys(
    conn,
    hmacPads(o.hmacKey),
    raws.map((r) => [r, pseudonymizeMemberId(o.hmacKey, r)] as [string, string | null]),
  );
  mark('members');

  const maxShare = o.maxRejectShare ?? 0.01;
  const result = await transaction(conn, async () => {
    // First loads (nothing stored in the source, or at all) skip the comparison with
    // stored contacts and the link recomputation over them.
    const anyStored = await hasStoredContacts(conn, null);
    const sourceStored = anyStored && (await hasStoredContacts(conn, ctx.source));
    await planRows(conn, ctx.source, o.replace ?? false, sourceStored);
    mark('plan');
    const counts = await planCounts(conn);
    const reasons = await rejectReasons(conn);
    const structuralReasons = countReasons(structural.map((s) => s.reason));
    ctx.rejectReasons = mergeReasons(
      reasons.map((r) => ({ reason: r.reason, count: r.count })),
      structuralReasons,
    );
    ctx.rowsRejected = counts.reject + structural.length;
    if (counts.rows + structural.length !== ctx.rowsRead) {
      throw new IngestInvariantError(`row count mismatch: planned ${counts.rows + structural.length} of ${ctx.rowsRead}`);
    }
    const accepted = counts.insert + counts.replace;
    const alreadyPresent = counts.present;
    if (ctx.rowsRead !== accepted + ctx.rowsRejected + alreadyPresent) {
      throw new IngestInvariantError('row sum check failed: read != accepted + rejected + already present');
    }
    // Every row is classified from here on: a refusal below still reports the counts.
    Object.assign(ctx, { read: true, rowsAccepted: accepted, rowsAlreadyPresent: alreadyPresent, rowsFlagged: counts.flagged });
    if (ctx.rowsRejected > maxShare * ctx.rowsRead) {
      const firstRows = new Map(reasons.map((r) => [r.reason, r.rows]));
      for (const s of structural) {
        const list = firstRows.get(s.reason) ?? [];
        if (list.length < 5) list.push(s.row);
        firstRows.set(s.reason, list);
      }
      const shown = ctx.rejectReasons.slice(0, 8).map((r) => ({ ...r, rows: (firstRows.get(r.reason) ?? []).sort((a, b) => a - b) }));
      const summary = shown.map((r) => `${r.reason}: ${r.count} (${listRows(r.rows, r.count)})`).join('; ');
      throw new IngestRefusal(
        'too_many_bad_rows',
        `too many bad rows: ${ctx.rowsRejected} of ${ctx.rowsRead} (${pct(ctx.rowsRejected / ctx.rowsRead)}) ` + `exceed the limit of ${pct(maxShare)}; nothing was loaded. ${summary}`,
        shown.flatMap((r) => r.rows.map((row) => ({ row, line: ctx.lineOf(row), rule: r.reason }))).sort((a, b) => a.row - b.row),
        ctx.rowsRejected,
      );
    }
    const batchId = await recordBatch(conn, ctx, 'committed', ctx.adapter ? summarySentence(ctx.adapter) : null);
    mark('counts');
    await writeContacts(conn, ctx.source, batchId, anyStored, o.siteTimezone);
    await recordReplacedRows(conn, batchId, counts.replace);
    mark('contacts');
    await refreshDailyRollupAfterBatch(conn, batchId, counts.replace > 0);
    mark('rollup');
    await writeRejects(conn, batchId, present, structural);
    await runIngestHooks(conn, { batchId, source: ctx.source });
    mark('rejects+hooks');
    const written = await writtenCounts(conn, batchId);
    if (written.contacts !== accepted || written.rejects !== ctx.rowsRejected) {
      throw new IngestInvariantError(`write check failed: ${written.contacts}/${accepted} contacts, ${written.rejects}/${ctx.rowsRejected} rejects`);
    }
    // Committed together with the batch: no crash can leave it both committed and "running".
    if (ctx.runningId !== undefined) await clearIngestRunning(conn, ctx.runningId);
    return {
      batchId,
      outcome: 'committed' as const,
      refusal: null,
      read: true,
      fileName: ctx.fileName,
      rowsRead: ctx.rowsRead,
      rowsAccepted: accepted,
      rowsRejected: ctx.rowsRejected,
      rowsAlreadyPresent: alreadyPresent,
      rowsFlagged: counts.flagged,
      unknownColumns: ctx.unknownColumns,
      rejectReasons: ctx.rejectReasons,
      ...(ctx.adapter ? { message: summarySentence(ctx.adapter), adapter: ctx.adapter } : {}),
    };
  });
  mark('commit');
  progress(ctx.rowsRead, ctx.size, ctx.size);
  return result;
}

/**
 * Reports the engine's progress on a long statement as the second half of the file-size
 * scale (the pre-scan is the first half), polling every 250 ms.
 */
async function withEngineProgress<T>(conn: DuckDBConnection, size: number, progress: (rows: number, bytes: number, total: number) => void, fn: () => Promise<T>): Promise<T> {
  const timer = setInterval(() => {
    const pct = conn.progress.percentage;
    if (pct > 0 && pct <= 100) progress(0, Math.floor(size / 2 + (size / 2) * (pct / 100)), size);
  }, 250);
  try {
    return await fn();
  } finally {
    clearInterval(timer);
  }
}

/**
 * A Parquet column the ingest reads must hold plain values: a LIST, STRUCT, MAP or UNION
 * would be read as its text form (`[a, b]`) and stored as a queue or an ID. Refused, naming
 * the column and its type; columns the ingest does not read are left alone.
 */
function refuseNestedColumns(schema: { name: string; type: string }[], plan: ColumnPlan): void {
  for (const [canonical, index] of plan.position) {
    const col = schema[index];
    if (!col || !/\[\d*\]$|^(STRUCT|MAP|UNION)\(/i.test(col.type)) continue;
    const kind = /^(STRUCT|MAP|UNION)/i.exec(col.type)?.[1]?.toUpperCase() ?? 'LIST';
    throw new IngestRefusal(
      'unsupported_type',
      `unsupported type: Parquet column ${JSON.stringify(col.name.slice(0, 100))} (read as ${canonical}) is a ${kind} (${col.type.slice(0, 100)}); export it as a plain column of text, numbers or timestamps`,
    );
  }
}

/** Runs an engine step; a failure refuses the file with a message free of row contents. */
async function engine<T>(fn: () => Promise<T>, what: 'malformed CSV' | 'corrupt Parquet' = 'malformed CSV'): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof IngestRefusal || isDiskFull(e)) throw e;
    const text = e instanceof Error ? e.message : String(e);
    if (/Invalid Input Error|Conversion Error|Parser Error|IO Error|Invalid Error|Not implemented/i.test(text)) {
      throw new IngestRefusal(what === 'malformed CSV' ? 'malformed_csv' : 'corrupt_parquet', `${what}: the reader failed (${sanitizeEngineError(e)})`);
    }
    throw e;
  }
}

async function scanCsv(path: string, size: number, progress: (rows: number, bytes: number, total: number) => void): Promise<CsvScanResult> {
  // The sha256 runs on a worker thread (another core) while this thread walks the bytes.
  const sha = sha256InWorker(path);
  try {
    const scanner = new CsvScanner({ maxRecordBytes: MAX_LINE_BYTES, hash: false });
    let done = 0;
    let last = 0;
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
      scanner.push(chunk as Buffer);
      done += (chunk as Buffer).length;
      if (done - last > 32 << 20) {
        progress(0, Math.floor(done / 2), size);
        last = done;
      }
    }
    const result = scanner.end();
    return { ...result, sha256: await sha.digest };
  } finally {
    sha.cancel();
  }
}

/** Writes the repaired copy (LF endings, bad rows left out, row numbers appended). */
async function repairCsv(src: string, dest: string, skipRows: Set<number>): Promise<void> {
  const out = createWriteStream(dest);
  let pending: Promise<void> = Promise.resolve();
  const scanner = new CsvScanner({
    maxRecordBytes: MAX_LINE_BYTES,
    skipRows,
    sink: (buf) => {
      if (!out.write(buf)) pending = new Promise((r) => out.once('drain', () => r()));
    },
  });
  for await (const chunk of createReadStream(src, { highWaterMark: 1 << 20 })) {
    scanner.push(chunk as Buffer);
    await pending;
  }
  scanner.end();
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
}

async function sha256File(path: string, size: number, progress: (r: number, b: number, t: number) => void): Promise<string> {
  const h = createHash('sha256');
  let done = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    h.update(chunk as Buffer);
    done += (chunk as Buffer).length;
  }
  progress(0, Math.floor(done / 2), size);
  return h.digest('hex');
}

function countReasons(reasons: string[]): { reason: string; count: number }[] {
  const m = new Map<string, number>();
  for (const r of reasons) m.set(r, (m.get(r) ?? 0) + 1);
  return [...m].map(([reason, count]) => ({ reason, count }));
}

function mergeReasons(a: { reason: string; count: number }[], b: { reason: string; count: number }[]) {
  const m = new Map<string, number>();
  for (const r of [...a, ...b]) m.set(r.reason, (m.get(r.reason) ?? 0) + r.count);
  return [...m].map(([reason, count]) => ({ reason, count })).sort((x, y) => y.count - x.count || x.reason.localeCompare(y.reason));
}

const pct = (x: number) => `${(100 * x).toFixed(x < 0.1 ? 2 : 1)}%`;

/** "row 4" / "rows 4, 9, 12, …": the first rows of `count` (never their values). */
function listRows(rows: readonly number[], count: number): string {
  return `${rows.length === 1 && count === 1 ? 'row' : 'rows'} ${rows.join(', ')}${count > rows.length ? ', …' : ''}`;
}

/**
 * A batch's counts: the classification once every row was classified (committed, or
 * refused for too many bad rows), else all 0 with read = false.
 */
function countsOf(ctx: Context): BatchCounts {
  const c = ctx.read
    ? { read: true, rowsRead: ctx.rowsRead, rowsAccepted: ctx.rowsAccepted, rowsRejected: ctx.rowsRejected, rowsAlreadyPresent: ctx.rowsAlreadyPresent, rowsFlagged: ctx.rowsFlagged }
    : NOTHING_READ;
  return { ...c, unknownColumns: ctx.unknownColumns };
}

function batchRecord(ctx: Context, outcome: BatchRecord['outcome'], message: string | null, extra: Partial<BatchRecord> = {}): BatchRecord {
  return {
    source: ctx.source,
    fileName: ctx.fileName,
    loadedBy: ctx.loadedBy,
    fileSize: ctx.size,
    sha256: ctx.sha256,
    format: ctx.format,
    startedAt: ctx.startedAt,
    outcome,
    message,
    refusal: null,
    ...countsOf(ctx),
    duplicateOf: null,
    ...extra,
  };
}

/** A batch row: inside the file's transaction when committing, on its own when refusing. */
function recordBatch(conn: DuckDBConnection, ctx: Context, outcome: BatchRecord['outcome'], message: string | null, extra: Partial<BatchRecord> = {}) {
  return insertBatch(conn, batchRecord(ctx, outcome, message, extra));
}

async function refuse(conn: DuckDBConnection, ctx: Context, e: IngestRefusal): Promise<BatchResult> {
  const rows: RefusalRow[] = e.rows.slice(0, REFUSAL_ROWS).map((r) => ({ row: r.row, line: r.line, rule: r.rule }));
  const refusal: Refusal = { code: e.code, rowCount: Math.max(e.rowCount, rows.length), rows };
  const batchId = await recordBatch(conn, ctx, 'refused', e.message, { refusal });
  return {
    batchId,
    outcome: 'refused',
    message: e.message,
    refusal,
    fileName: ctx.fileName,
    ...countsOf(ctx),
    rejectReasons: ctx.read ? ctx.rejectReasons : [],
    ...(ctx.adapter ? { adapter: ctx.adapter } : {}),
  };
}

async function duplicate(conn: DuckDBConnection, ctx: Context, of: number): Promise<BatchResult> {
  const message = `the same file (sha256) was already ingested as batch ${of}; nothing was loaded`;
  const batchId = await recordBatch(conn, ctx, 'duplicate_file', message, { duplicateOf: of });
  return {
    batchId,
    outcome: 'duplicate_file',
    message,
    refusal: null,
    fileName: ctx.fileName,
    ...NOTHING_READ,
    unknownColumns: [],
    rejectReasons: [],
    duplicateOf: of,
  };
}
