/**
 * Rejected rows (`ingest_rejects`): written inside the commit, listed for the API and CLI.
 * `raw` is JSON of the row's canonical columns as text, member_id redacted.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Database } from '../database.ts';
import { CANONICAL_COLUMNS } from '../../wfm/canonical.ts';
import { rnSql } from './ingest-parse.ts';

const q = (name: string) => `"${name}"`;

/**
 * Inside the commit transaction: the rejected rows with their raw values as JSON (known
 * columns only, member_id redacted; unknown columns are not kept, they may hold PHI), and
 * rows the pre-scan took out (wrong number of fields: no field can be trusted to be the one
 * its position says, so raw holds only the line number).
 */
export async function writeRejects(conn: DuckDBConnection, batchId: number, present: ReadonlySet<string>, structural: { row: number; line: number; reason: string }[]): Promise<void> {
  // Row-level rejects carry their raw text (raw_json, from the parse); rows rejected later
  // (duplicates, conflicts with stored contacts) were valid, so their parsed values are shown.
  const parsed = CANONICAL_COLUMNS.filter((c) => present.has(c.name)).map((c) => {
    if (c.kind === 'member') return `${q(c.name)} := CASE WHEN m.member_key IS NULL THEN NULL ELSE '[redacted]' END`;
    if (c.name === 'abandoned') return `${q(c.name)} := p.abandoned::VARCHAR`;
    return `${q(c.name)} := p.${q(c.name)}::VARCHAR`;
  });
  await conn.run(
    `INSERT INTO ingest_rejects (batch_id, row_number, reason, raw)
     SELECT $batch, a.rn, a.reject_reason, coalesce(p.raw_json, to_json(struct_pack(${parsed.join(', ')}))::VARCHAR)
     FROM ingest_plan a JOIN ingest_parsed p ON ${rnSql('p')} = a.rn
       LEFT JOIN ingest_members m ON m.member_raw = p.member_raw AND p.reject IS NULL
     WHERE a.action = 'reject' ORDER BY a.rn`,
    { batch: batchId },
  );
  if (structural.length) {
    await conn.run('CREATE OR REPLACE TEMP TABLE ingest_structural (row_number INTEGER, line INTEGER, reason VARCHAR)');
    const appender = await conn.createAppender('ingest_structural', 'main', 'temp');
    try {
      for (const s of structural) {
        appender.appendInteger(s.row);
        appender.appendInteger(s.line);
        appender.appendVarchar(s.reason);
        appender.endRow();
      }
      appender.flushSync();
    } finally {
      appender.closeSync();
    }
    await conn.run(
      `INSERT INTO ingest_rejects (batch_id, row_number, reason, raw)
       SELECT $batch, row_number, reason, to_json({'line': line})::VARCHAR FROM ingest_structural ORDER BY row_number`,
      { batch: batchId },
    );
  }
}

export interface RejectRow {
  rowNumber: number;
  reason: string;
  raw: Record<string, string | null> | null;
}

/** A batch's rejected rows in file order (raw values with member_id already redacted). */
export async function listRejects(db: Database, batchId: number, limit: number, offset: number): Promise<{ total: number; rejects: RejectRow[] }> {
  const [t] = await db.query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM ingest_rejects WHERE batch_id = $id', {
    id: batchId,
  });
  const rows = await db.query<{ rowNumber: number; reason: string; raw: string | null }>(
    `SELECT row_number AS "rowNumber", reason, raw FROM ingest_rejects WHERE batch_id = $id
     ORDER BY row_number LIMIT $limit OFFSET $offset`,
    { id: batchId, limit, offset },
  );
  return {
    total: t!.n,
    rejects: rows.map((r) => ({ rowNumber: r.rowNumber, reason: r.reason, raw: r.raw ? (JSON.parse(r.raw) as Record<string, string | null>) : null })),
  };
}
