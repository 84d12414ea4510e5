/**
 * The SQL of a case-log ingest (server/cases/ingest.ts): the staged rows of one file, their
 * classification against the stored cases (insert / update / already present), the writes
 * inside the file's transaction, the batch and reject rows, and the duplicate-file lookup.
 * Every value is bound or appended; identifiers are fixed.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows } from '../database.ts';
import type { CaseFacts } from '../../wfm/cases/caseRecord.ts';

/** A validated case row ready to store: member ID already keyed, instants in epoch ms. */
export type StagedCase = CaseFacts & { row: number; memberKey: string | null; outcome: string | null };

export interface StagedReject {
  row: number;
  reason: string;
  /** JSON of the row's raw values, member_id redacted. */
  raw: string;
}

/** Stages the file's valid rows in TEMP `case_stage` (outside the transaction). */
export async function stageCases(conn: DuckDBConnection, rows: readonly StagedCase[]): Promise<void> {
  await conn.run(`CREATE OR REPLACE TEMP TABLE case_stage (
    row_number INTEGER, case_id VARCHAR, member_key VARCHAR, type VARCHAR, priority VARCHAR, program VARCHAR,
    plan VARCHAR, state VARCHAR, tier TINYINT, received_ms DOUBLE, acknowledged_ms DOUBLE, resolved_ms DOUBLE,
    extended BOOLEAN, outcome VARCHAR)`);
  const a = await conn.createAppender('case_stage', 'main', 'temp');
  const text = (v: string | null) => (v === null ? a.appendNull() : a.appendVarchar(v));
  const num = (v: number | null) => (v === null ? a.appendNull() : a.appendDouble(v));
  try {
    for (const r of rows) {
      a.appendInteger(r.row);
      a.appendVarchar(r.caseId);
      text(r.memberKey);
      a.appendVarchar(r.type);
      a.appendVarchar(r.priority);
      a.appendVarchar(r.program);
      text(r.plan);
      text(r.state);
      if (r.tier === null) a.appendNull();
      else a.appendTinyInt(r.tier);
      a.appendDouble(r.receivedAt);
      num(r.acknowledgedAt);
      num(r.resolvedAt);
      a.appendBoolean(r.extended);
      text(r.outcome);
      a.endRow();
    }
    a.flushSync();
  } finally {
    a.closeSync();
  }
  await conn.run(`CREATE OR REPLACE TEMP TABLE case_staged AS SELECT row_number, case_id, member_key, type, priority, program, plan, state, tier,
      to_timestamp(received_ms / 1000.0) AS received_at, to_timestamp(acknowledged_ms / 1000.0) AS acknowledged_at,
      to_timestamp(resolved_ms / 1000.0) AS resolved_at, extended, outcome FROM case_stage`);
}

const SAME = ['member_key', 'type', 'priority', 'program', 'plan', 'state', 'tier', 'received_at', 'acknowledged_at', 'resolved_at', 'extended', 'outcome']
  .map((c) => `s.${c} IS NOT DISTINCT FROM c.${c}`)
  .join(' AND ');

/** Classifies the staged rows against the stored cases of `source`: TEMP `case_plan`; the counts. */
export async function planCases(conn: DuckDBConnection, source: string): Promise<{ insert: number; update: number; present: number }> {
  await conn.run(
    `CREATE OR REPLACE TEMP TABLE case_plan AS
     SELECT s.row_number, CASE WHEN c.case_id IS NULL THEN 'insert' WHEN ${SAME} THEN 'present' ELSE 'update' END AS action
     FROM case_staged s LEFT JOIN cases c ON c.source = $source AND c.case_id = s.case_id`,
    { source },
  );
  const [r] = await queryRows<{ insert: number; update: number; present: number }>(
    conn,
    `SELECT count(*) FILTER (WHERE action = 'insert')::INTEGER AS insert, count(*) FILTER (WHERE action = 'update')::INTEGER AS update,
            count(*) FILTER (WHERE action = 'present')::INTEGER AS present FROM case_plan`,
  );
  return r!;
}

/** Inside the transaction: replaces the updated cases and inserts the new ones; returns the rows written. */
export async function writeCases(conn: DuckDBConnection, source: string, batchId: number): Promise<number> {
  await conn.run(
    `DELETE FROM cases WHERE source = $source AND case_id IN (
       SELECT s.case_id FROM case_staged s JOIN case_plan p USING (row_number) WHERE p.action = 'update')`,
    { source },
  );
  await conn.run(
    `INSERT INTO cases (source, case_id, batch_id, member_key, type, priority, program, plan, state, tier, received_at, acknowledged_at, resolved_at, extended, outcome)
     SELECT $source, s.case_id, $batch, s.member_key, s.type, s.priority, s.program, s.plan, s.state, s.tier, s.received_at, s.acknowledged_at, s.resolved_at, s.extended, s.outcome
     FROM case_staged s JOIN case_plan p USING (row_number) WHERE p.action <> 'present' ORDER BY s.row_number`,
    { source, batch: batchId },
  );
  const [r] = await queryRows<{ n: number }>(conn, 'SELECT count(*)::INTEGER AS n FROM cases WHERE batch_id = $batch AND source = $source', { batch: batchId, source });
  return r!.n;
}

export async function writeCaseRejects(conn: DuckDBConnection, batchId: number, rejects: readonly StagedReject[]): Promise<void> {
  if (!rejects.length) return;
  const a = await conn.createAppender('case_rejects');
  try {
    for (const r of rejects) {
      a.appendInteger(batchId);
      a.appendInteger(r.row);
      a.appendVarchar(r.reason);
      a.appendVarchar(r.raw);
      a.endRow();
    }
    a.flushSync();
  } finally {
    a.closeSync();
  }
}

export async function dropCaseStaging(conn: DuckDBConnection): Promise<void> {
  for (const t of ['case_stage', 'case_staged', 'case_plan']) await conn.run(`DROP TABLE IF EXISTS temp.main.${t}`);
}

export interface CaseBatchRecord {
  source: string;
  fileName: string;
  fileSize: number;
  sha256: string | null;
  format: string | null;
  startedAt: string;
  outcome: 'committed' | 'refused' | 'duplicate_file' | 'failed';
  message: string | null;
  rowsRead: number;
  rowsAccepted: number;
  rowsUpdated: number;
  rowsRejected: number;
  rowsAlreadyPresent: number;
  unknownColumns: string[];
}

export async function insertCaseBatch(conn: DuckDBConnection, b: CaseBatchRecord): Promise<number> {
  const [r] = await queryRows<{ id: number }>(
    conn,
    `INSERT INTO case_batches (source, file_name, file_size, sha256, format, started_at, finished_at, outcome, message,
        rows_read, rows_accepted, rows_updated, rows_rejected, rows_already_present, unknown_columns)
     VALUES ($source, $file, $size, $sha, $format, $started::TIMESTAMPTZ, now(), $outcome, $message, $read, $accepted, $updated, $rejected, $present,
        CAST($unknown AS VARCHAR[]))
     RETURNING batch_id::INTEGER AS id`,
    {
      source: b.source,
      file: b.fileName,
      size: b.fileSize,
      sha: b.sha256,
      format: b.format,
      started: b.startedAt,
      outcome: b.outcome,
      message: b.message,
      read: b.rowsRead,
      accepted: b.rowsAccepted,
      updated: b.rowsUpdated,
      rejected: b.rowsRejected,
      present: b.rowsAlreadyPresent,
      unknown: JSON.stringify(b.unknownColumns),
    },
  );
  return r!.id;
}

export async function findCommittedCaseBatchBySha(conn: DuckDBConnection, source: string, sha256: string): Promise<number | null> {
  const rows = await queryRows<{ id: number }>(conn, "SELECT batch_id::INTEGER AS id FROM case_batches WHERE source = $source AND sha256 = $sha AND outcome = 'committed' LIMIT 1", {
    source,
    sha: sha256,
  });
  return rows[0]?.id ?? null;
}

export interface CaseBatchRow extends CaseBatchRecord {
  batchId: number;
}

export async function listCaseBatches(conn: DuckDBConnection, limit: number): Promise<CaseBatchRow[]> {
  const rows = await queryRows(
    conn,
    `SELECT batch_id::INTEGER AS "batchId", source, file_name AS "fileName", file_size::DOUBLE AS "fileSize", sha256, format,
       strftime(started_at AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%SZ') AS "startedAt", outcome, message, rows_read AS "rowsRead",
       rows_accepted AS "rowsAccepted", rows_updated AS "rowsUpdated", rows_rejected AS "rowsRejected",
       rows_already_present AS "rowsAlreadyPresent", coalesce(unknown_columns, []) AS "unknownColumns"
     FROM case_batches ORDER BY batch_id DESC LIMIT $limit`,
    { limit },
  );
  return rows as unknown as CaseBatchRow[];
}

export async function listCaseRejects(conn: DuckDBConnection, batchId: number, limit: number, offset: number): Promise<{ row: number; reason: string; raw: string }[]> {
  return queryRows(conn, 'SELECT row_number AS row, reason, raw FROM case_rejects WHERE batch_id = $batch ORDER BY row_number LIMIT $limit OFFSET $offset', {
    batch: batchId,
    limit,
    offset,
  });
}
