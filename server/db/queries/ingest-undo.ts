/**
 * Undoing a committed batch (issue 9): its contacts leave, the next-contact links of the
 * members it touched are recomputed over what remains (FCR and repeat-contact outcomes of
 * their other contacts), and the rollup days it changed are rebuilt — all inside the
 * caller's transaction, so an undo is whole or not at all. The batch row stays, marked
 * `undone`, and its rejects stay with it: the record of what was loaded is never lost.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows } from '../database.ts';
import { dailyRollupIsCurrent, rewriteRollupDays } from './dailyRollup.ts';

/** The same links the ingest writes (ingest-contacts.ts), over every stored contact of a member. */
const LINKS = `
  lead(offered_at) OVER (PARTITION BY member_key ORDER BY offered_at, source, contact_id) AS next_contact_at,
  CASE WHEN reason IS NOT NULL THEN
    lead(offered_at) OVER (PARTITION BY member_key, reason ORDER BY offered_at, source, contact_id) END AS next_same_reason_at`;

export interface UndoCounts {
  contactsRemoved: number;
  /** Other contacts whose next-contact link moved (their FCR may have changed). */
  linksRecomputed: number;
  /** Local days whose rollup rows were rebuilt. */
  daysRefreshed: number;
}

export async function removeBatchContacts(conn: DuckDBConnection, batchId: number): Promise<UndoCounts> {
  await conn.run('CREATE OR REPLACE TEMP TABLE undo_members AS SELECT DISTINCT member_key FROM contacts WHERE batch_id = $b AND member_key IS NOT NULL', { b: batchId });
  await conn.run('CREATE OR REPLACE TEMP TABLE undo_days AS SELECT DISTINCT local_date FROM contacts WHERE batch_id = $b', { b: batchId });
  const [removed] = await queryRows<{ n: number }>(conn, 'SELECT count(*)::INTEGER AS n FROM contacts WHERE batch_id = $b', { b: batchId });
  await conn.run('DELETE FROM contacts WHERE batch_id = $b', { b: batchId });
  await conn.run(
    `CREATE OR REPLACE TEMP TABLE undo_links AS
     SELECT l.* FROM (
       SELECT source, contact_id, local_date, ${LINKS}
       FROM contacts WHERE member_key IN (SELECT member_key FROM undo_members)) l
     JOIN contacts c USING (source, contact_id)
     WHERE c.next_contact_at IS DISTINCT FROM l.next_contact_at OR c.next_same_reason_at IS DISTINCT FROM l.next_same_reason_at`,
  );
  await conn.run(
    `UPDATE contacts SET next_contact_at = l.next_contact_at, next_same_reason_at = l.next_same_reason_at
     FROM undo_links l WHERE contacts.source = l.source AND contacts.contact_id = l.contact_id`,
  );
  await conn.run('INSERT INTO undo_days SELECT DISTINCT local_date FROM undo_links EXCEPT SELECT local_date FROM undo_days');
  const [links] = await queryRows<{ n: number }>(conn, 'SELECT count(*)::INTEGER AS n FROM undo_links');
  const [days] = await queryRows<{ n: number }>(conn, 'SELECT count(*)::INTEGER AS n FROM undo_days');
  // A rollup of an older definition is rebuilt whole at the next start; leave it.
  if (await dailyRollupIsCurrent(conn)) await rewriteRollupDays(conn, 'WHERE local_date IN (SELECT local_date FROM undo_days)');
  for (const t of ['undo_members', 'undo_days', 'undo_links']) await conn.run(`DROP TABLE ${t}`);
  return { contactsRemoved: removed!.n, linksRecomputed: links!.n, daysRefreshed: days!.n };
}

export async function markBatchUndone(conn: DuckDBConnection, batchId: number, note: string): Promise<void> {
  await conn.run(`UPDATE ingest_batches SET outcome = 'undone', undone_at = now(), undo_note = $note WHERE batch_id = $b`, { b: batchId, note });
}

/** Later committed batches of the same source that skipped rows as already present. */
export async function laterOverlappingBatches(conn: DuckDBConnection, batchId: number): Promise<{ batchId: number; fileName: string; rowsAlreadyPresent: number }[]> {
  return queryRows(
    conn,
    `SELECT l.batch_id AS "batchId", l.file_name AS "fileName", l.rows_already_present AS "rowsAlreadyPresent"
     FROM ingest_batches l JOIN ingest_batches b ON b.batch_id = $b AND l.source = b.source
     WHERE l.batch_id > b.batch_id AND l.outcome = 'committed' AND l.rows_already_present > 0
     ORDER BY l.batch_id`,
    { b: batchId },
  );
}
