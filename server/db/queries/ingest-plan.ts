/**
 * The plan of a file (`ingest_plan`): for each parsed row that is not a plain insert,
 * whether it is rejected, already present, or replaces a stored contact; and the plan's
 * counts and reject reasons.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows } from '../database.ts';
import { rnSql } from './ingest-parse.ts';

const q = (name: string) => `"${name}"`;
const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** The columns a stored contact is compared on: same values = the same contact. */
export const CONTACT_INPUT_COLUMNS = [
  'queue',
  'channel',
  'plan',
  'state',
  'tier',
  'reason',
  'offered_at',
  'answered_at',
  'ended_at',
  'talk_s',
  'hold_s',
  'acw_s',
  'agent_id',
  'member_key',
  'transferred',
  'ivr_contained',
  'resolved',
  'csat',
  'nps',
] as const;

const DUPLICATE_REASON = 'invalid contact_id: conflicting duplicate in the file';
const CONFLICT_REASON = 'invalid contact_id: already ingested with different values (use replace)';

/** Whether any contact is stored in `source` (none: the first load needs no anti-join). */
export async function hasStoredContacts(conn: DuckDBConnection, source: string | null): Promise<boolean> {
  const rows = await queryRows<{ x: number }>(conn, `SELECT 1 AS x FROM contacts WHERE $source::VARCHAR IS NULL OR source = $source::VARCHAR LIMIT 1`, { source });
  return rows.length > 0;
}

/**
 * TEMP `ingest_plan(rn, action, reject_reason, old_member_key)`: the parsed rows that are
 * NOT a plain insert (the usual case, so the plan stays narrow; rows absent from it are
 * inserted):
 *   reject   the parse's reason, a conflicting duplicate in the file (a contact_id that
 *            occurs more than once with different values, or with any invalid occurrence,
 *            rejects every occurrence), or a stored contact with different values
 *   present  an identical repeat earlier in the file, or the same contact already stored
 *   replace  a stored contact with different values, when replacing
 * `stored` = false (no contact stored in the source) skips the comparison with `contacts`.
 */
export async function planRows(conn: DuckDBConnection, source: string, replace: boolean, stored: boolean): Promise<void> {
  // An empty ivr_contained equals a stored false: rows stored before migration 20 hold false
  // where their file said nothing, so the same contact from a file without the column is
  // already present, not a conflict.
  const compared = (alias: string) => CONTACT_INPUT_COLUMNS.map((c) => (c === 'ivr_contained' ? `coalesce(${alias}.ivr_contained, false)` : `${alias}.${q(c)}`)).join(', ');
  const cols = compared('p');
  const storedCols = compared('c');
  const withKey = (from: string) =>
    `SELECT p.* EXCLUDE (member_raw), CASE WHEN p.reject IS NULL THEN m.member_key END AS member_key
     FROM (${from}) p LEFT JOIN ingest_members m ON m.member_raw = p.member_raw`;
  const p = `SELECT ${rnSql('p')} AS rn, p.reject, p.member_raw, ${CONTACT_INPUT_COLUMNS.filter((c) => c !== 'member_key')
    .map((c) => `p.${q(c)}`)
    .join(', ')}, p.contact_id FROM ingest_parsed p`;
  const storedPart = stored
    ? `,
     cand AS (
       ${withKey(`SELECT p.* FROM p ANTI JOIN dup_rows x ON x.rn = p.rn WHERE p.reject IS NULL`)}
     ),
     stored AS (
       SELECT p.rn,
         CASE WHEN row(${cols}) IS NOT DISTINCT FROM row(${storedCols}) THEN 'present'
              WHEN $replace THEN 'replace' ELSE 'reject' END AS action,
         CASE WHEN row(${cols}) IS DISTINCT FROM row(${storedCols}) AND NOT $replace THEN ${lit(CONFLICT_REASON)} END AS reject_reason,
         c.member_key AS old_member_key
       FROM cand p JOIN contacts c ON c.source = $source AND c.contact_id = p.contact_id
     )`
    : '';
  await conn.run(
    `CREATE OR REPLACE TEMP TABLE ingest_plan AS
     WITH p AS NOT MATERIALIZED (${p}),
     dup AS (
       SELECT contact_id FROM p WHERE contact_id IS NOT NULL GROUP BY contact_id HAVING count(*) > 1
     ),
     d AS (
       ${withKey(`SELECT p.* FROM p SEMI JOIN dup USING (contact_id)`)}
     ),
     g AS (
       SELECT contact_id, count(*) AS n, count(*) FILTER (WHERE reject IS NULL) AS nvalid,
         count(DISTINCT row(${CONTACT_INPUT_COLUMNS.map(q).join(', ')})) FILTER (WHERE reject IS NULL) AS variants,
         min(rn) AS first_rn
       FROM d GROUP BY contact_id
     ),
     dup_rows AS (
       SELECT d.rn,
         CASE WHEN d.reject IS NOT NULL OR g.nvalid < g.n OR g.variants > 1 THEN 'reject' ELSE 'present' END AS action,
         CASE WHEN d.reject IS NOT NULL THEN d.reject
              WHEN g.nvalid < g.n OR g.variants > 1 THEN ${lit(DUPLICATE_REASON)} END AS reject_reason,
         NULL::VARCHAR AS old_member_key
       FROM d JOIN g USING (contact_id)
       WHERE d.reject IS NOT NULL OR g.nvalid < g.n OR g.variants > 1 OR d.rn <> g.first_rn
     )${storedPart}
     SELECT * FROM dup_rows
     UNION ALL
     SELECT p.rn, 'reject', p.reject, NULL FROM p ANTI JOIN dup_rows x ON x.rn = p.rn WHERE p.reject IS NOT NULL
     ${stored ? 'UNION ALL SELECT * FROM stored' : ''}`,
    stored ? { source, replace } : {},
  );
}

export interface PlanCounts {
  rows: number;
  insert: number;
  replace: number;
  present: number;
  reject: number;
  flagged: number;
}

export async function planCounts(conn: DuckDBConnection): Promise<PlanCounts> {
  // Rows absent from the narrow plan are inserts; a row listed twice would be a planning bug.
  const [r] = await queryRows<Record<keyof PlanCounts | 'planned' | 'distinct_rn', number>>(
    conn,
    `WITH a AS (
       SELECT count(*)::INTEGER AS planned, count(DISTINCT rn)::INTEGER AS distinct_rn,
         count(*) FILTER (WHERE action = 'replace')::INTEGER AS replace,
         count(*) FILTER (WHERE action = 'present')::INTEGER AS present,
         count(*) FILTER (WHERE action = 'reject')::INTEGER AS reject
       FROM ingest_plan)
     SELECT (SELECT count(*) FROM ingest_parsed)::INTEGER AS rows, a.*,
       (SELECT count(*) FROM ingest_parsed p LEFT JOIN ingest_plan x ON x.rn = ${rnSql('p')}
        WHERE p.reject IS NULL AND len(p.flags) > 0 AND coalesce(x.action, 'insert') IN ('insert', 'replace'))::INTEGER AS flagged
     FROM a`,
  );
  if (r!.planned !== r!.distinct_rn) throw new Error('ingest plan lists a row twice');
  return {
    rows: r!.rows,
    insert: r!.rows - r!.planned,
    replace: r!.replace,
    present: r!.present,
    reject: r!.reject,
    flagged: r!.flagged,
  };
}

/** Reject reasons with counts, most frequent first, with the first few row numbers of each. */
export async function rejectReasons(conn: DuckDBConnection): Promise<{ reason: string; count: number; rows: number[] }[]> {
  return queryRows(
    conn,
    `SELECT reject_reason AS reason, count(*)::INTEGER AS count, list(rn::INTEGER ORDER BY rn)[1:5] AS rows
     FROM ingest_plan WHERE action = 'reject' GROUP BY reject_reason ORDER BY count DESC, reject_reason`,
  );
}
