/**
 * Batch rows (`ingest_batches`): what every ingest records, the duplicate-file lookup, the
 * written-rows check of the commit, and the listings for the API and CLI.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows, type Database } from '../database.ts';

/**
 * What every batch reports. `read`: the file's rows were read and each was classified, and
 * rows read = accepted + rejected + already present. For a batch refused after that (too
 * many bad rows) the counts say how the rows were classified — accepted = rows that passed
 * every rule — although none was loaded. `read` = false (refused before the rows could be
 * classified, a duplicate file, a failure): every count is 0.
 */
export interface BatchCounts {
  read: boolean;
  rowsRead: number;
  rowsAccepted: number;
  rowsRejected: number;
  rowsAlreadyPresent: number;
  rowsFlagged: number;
  unknownColumns: string[];
}

/** The counts of a batch whose rows were never classified (refused early, duplicate, failed). */
export const NOTHING_READ = { read: false, rowsRead: 0, rowsAccepted: 0, rowsRejected: 0, rowsAlreadyPresent: 0, rowsFlagged: 0 } as const;

/** Why a file was refused, machine-readable (the message says it in words). */
export type RefusalCode =
  | 'empty_file'
  | 'unsupported_type'
  | 'corrupt_parquet'
  | 'invalid_encoding'
  | 'unterminated_quote'
  | 'malformed_csv'
  | 'missing_columns'
  | 'invalid_header'
  | 'invalid_mapping'
  | 'time_zone_required'
  | 'too_many_bad_rows';

/** A row that caused a refusal: data row number (header = 0), physical line when known, rule. */
export interface RefusalRow {
  row: number;
  line: number | null;
  rule: string;
}

/** A refused batch's code and the rows that caused it (`rows` lists at most the first few). */
export interface Refusal {
  code: RefusalCode;
  rowCount: number;
  rows: RefusalRow[];
}

export interface BatchRecord extends BatchCounts {
  source: string;
  fileName: string;
  fileSize: number;
  sha256: string | null;
  format: string | null;
  startedAt: string;
  outcome: 'committed' | 'refused' | 'duplicate_file' | 'failed';
  message: string | null;
  refusal: Refusal | null;
  duplicateOf: number | null;
  /** Who loaded it (a user name, os:<user> from the command line); null when not known. */
  loadedBy?: string | null;
}

/** Inserts a batch row (finished now) and returns its id. */
export async function insertBatch(conn: DuckDBConnection, b: BatchRecord): Promise<number> {
  const [r] = await queryRows<{ batch_id: number }>(
    conn,
    `INSERT INTO ingest_batches (source, file_name, file_size, sha256, format, started_at, finished_at, outcome, message,
       read_rows, rows_read, rows_accepted, rows_rejected, rows_already_present, rows_flagged, unknown_columns, duplicate_of,
       refusal, loaded_by)
     VALUES ($source, $fileName, $fileSize, $sha256, $format, $startedAt::TIMESTAMPTZ, now(), $outcome, $message,
       $read, $rowsRead, $rowsAccepted, $rowsRejected, $rowsAlreadyPresent, $rowsFlagged,
       CAST(json($unknown) AS VARCHAR[]), $duplicateOf, $refusal, $loadedBy)
     RETURNING batch_id::INTEGER AS batch_id`,
    {
      source: b.source,
      fileName: b.fileName,
      fileSize: b.fileSize,
      sha256: b.sha256,
      format: b.format,
      startedAt: b.startedAt,
      outcome: b.outcome,
      message: b.message,
      read: b.read,
      rowsRead: b.rowsRead,
      rowsAccepted: b.rowsAccepted,
      rowsRejected: b.rowsRejected,
      rowsAlreadyPresent: b.rowsAlreadyPresent,
      rowsFlagged: b.rowsFlagged,
      unknown: JSON.stringify(b.unknownColumns),
      duplicateOf: b.duplicateOf,
      refusal: b.refusal === null ? null : JSON.stringify(b.refusal),
      loadedBy: b.loadedBy ?? null,
    },
  );
  return r!.batch_id;
}

/** The earlier committed batch of the same file (same sha256) in the same source. */
export async function findCommittedBatchBySha(conn: DuckDBConnection, source: string, sha256: string): Promise<number | null> {
  const rows = await queryRows<{ batch_id: number }>(
    conn,
    `SELECT batch_id::INTEGER AS batch_id FROM ingest_batches
     WHERE source = $source AND sha256 = $sha AND outcome = 'committed' ORDER BY batch_id LIMIT 1`,
    { source, sha: sha256 },
  );
  return rows[0]?.batch_id ?? null;
}

/** What the commit wrote for a batch, read back inside the transaction for the sum check. */
export async function writtenCounts(conn: DuckDBConnection, batchId: number): Promise<{ contacts: number; rejects: number }> {
  const [r] = await queryRows<{ contacts: number; rejects: number }>(
    conn,
    `SELECT (SELECT count(*) FROM contacts WHERE batch_id = $b)::INTEGER AS contacts,
            (SELECT count(*) FROM ingest_rejects WHERE batch_id = $b)::INTEGER AS rejects`,
    { b: batchId },
  );
  return r!;
}

export interface BatchRow extends BatchCounts {
  batchId: number;
  source: string;
  fileName: string;
  fileSize: number | null;
  sha256: string | null;
  format: string | null;
  startedAt: string;
  finishedAt: string | null;
  outcome: string;
  message: string | null;
  refusal: Refusal | null;
  duplicateOf: number | null;
  /** Stored contacts this batch replaced (replace mode); null for batches from before it was recorded. */
  rowsReplaced: number | null;
  /** When the batch was undone (outcome `undone`), and what the undo did. */
  undoneAt: string | null;
  undoNote: string | null;
  /** Who loaded it; null for batches from before it was recorded. */
  loadedBy: string | null;
}

const BATCH_SELECT = `SELECT batch_id::INTEGER AS "batchId", source, file_name AS "fileName", file_size::DOUBLE AS "fileSize",
  sha256, format, strftime(started_at AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%S.%gZ') AS "startedAt",
  strftime(finished_at AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%S.%gZ') AS "finishedAt", outcome, message, refusal,
  coalesce(read_rows, outcome = 'committed') AS read, rows_read AS "rowsRead", rows_accepted AS "rowsAccepted", rows_rejected AS "rowsRejected",
  rows_already_present AS "rowsAlreadyPresent", rows_flagged AS "rowsFlagged",
  coalesce(unknown_columns, []) AS "unknownColumns", duplicate_of AS "duplicateOf", rows_replaced AS "rowsReplaced",
  strftime(undone_at AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%S.%gZ') AS "undoneAt", undo_note AS "undoNote", loaded_by AS "loadedBy"
  FROM ingest_batches`;

type StoredBatchRow = Omit<BatchRow, 'refusal'> & { refusal: string | null } & Record<string, unknown>;

/** The stored refusal is JSON text (written by insertBatch). */
const parseRefusal = (r: StoredBatchRow): BatchRow => ({ ...r, refusal: r.refusal === null ? null : (JSON.parse(r.refusal) as Refusal) });

/** Records how many stored contacts a committed batch replaced (what an undo could not restore). */
export async function recordReplacedRows(conn: DuckDBConnection, batchId: number, rows: number): Promise<void> {
  await conn.run('UPDATE ingest_batches SET rows_replaced = $n WHERE batch_id = $b', { n: rows, b: batchId });
}

/** Batches, newest first. */
export async function listBatches(db: Database, limit: number, offset: number): Promise<BatchRow[]> {
  const rows = await db.query<StoredBatchRow>(`${BATCH_SELECT} ORDER BY batch_id DESC LIMIT $limit OFFSET $offset`, {
    limit,
    offset,
  });
  return rows.map(parseRefusal);
}

export async function getBatch(db: Database, batchId: number): Promise<BatchRow | null> {
  const rows = await db.query<StoredBatchRow>(`${BATCH_SELECT} WHERE batch_id = $id`, { id: batchId });
  return rows[0] ? parseRefusal(rows[0]) : null;
}
