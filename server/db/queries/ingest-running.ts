/**
 * The ingests in progress (migration 16): a row written before a file's transaction and
 * removed inside it (or after it when the file is refused or fails), so the row of a
 * process killed mid-ingest survives it and is turned into a failed batch at the next start.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows } from '../database.ts';

export interface RunningIngest {
  id: number;
  source: string;
  fileName: string;
  fileSize: number | null;
  format: string | null;
  startedAt: string;
}

/** Records an ingest as started (its own statement: committed at once). */
export async function markIngestRunning(conn: DuckDBConnection, r: Omit<RunningIngest, 'id'>): Promise<number> {
  const [row] = await queryRows<{ id: number }>(
    conn,
    `INSERT INTO ingest_running (source, file_name, file_size, format, started_at)
     VALUES ($source, $fileName, $fileSize, $format, $startedAt::TIMESTAMPTZ) RETURNING id::INTEGER AS id`,
    { source: r.source, fileName: r.fileName, fileSize: r.fileSize, format: r.format, startedAt: r.startedAt },
  );
  return row!.id;
}

/** Removes the record (inside the commit's transaction, or after a refusal); no-op when gone. */
export async function clearIngestRunning(conn: DuckDBConnection, id: number): Promise<void> {
  await conn.run('DELETE FROM ingest_running WHERE id = $id', { id });
}

/** The ingests recorded as started and never ended. */
export async function listRunningIngests(conn: DuckDBConnection): Promise<RunningIngest[]> {
  return queryRows<RunningIngest & Record<string, unknown>>(
    conn,
    `SELECT id::INTEGER AS id, source, file_name AS "fileName", file_size::BIGINT AS "fileSize", format,
            strftime(started_at AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%S.%gZ') AS "startedAt"
     FROM ingest_running ORDER BY id`,
  );
}
