/**
 * Every SQL statement of the ingest: reading a file as text and parsing it (./ingest-parse.ts),
 * keying members, planning each row (insert, already present, reject, replace), and the one
 * transaction that commits a file. Values are bound; identifiers are canonical column names
 * or generated positions (`c0`, `c1`, …), never text from the file.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows, type Database } from '../database.ts';
import { CANONICAL_COLUMNS } from '../../wfm/canonical.ts';
import { buildParseSql, NAIVE_ROWS_SQL, rnSql } from './ingest-parse.ts';

const q = (name: string) => `"${name}"`;
const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** The columns a stored contact is compared on: same values = the same contact. */
export const CONTACT_INPUT_COLUMNS = [
  'queue', 'channel', 'plan', 'state', 'tier', 'reason', 'offered_at', 'answered_at', 'ended_at', 'talk_s', 'hold_s',
  'acw_s', 'agent_id', 'member_key', 'transferred', 'ivr_contained', 'resolved', 'csat', 'nps',
] as const;

export interface CsvStageOptions {
  /** Number of columns in the file's header. */
  fileColumns: number;
  /** canonical name -> 0-based column position */
  position: ReadonlyMap<string, number>;
  newLine: '\n' | '\r\n';
  /** A repaired copy (csv-scan.ts) carries the original row number as an extra last column. */
  repaired: boolean;
  maxLineBytes: number;
}

/**
 * The reader subquery of a CSV file: every value as text (`__rn` plus one VARCHAR per
 * canonical column), with an explicit dialect — never sniffed.
 */
export function csvReaderSql(o: CsvStageOptions): string {
  const n = o.fileColumns + (o.repaired ? 1 : 0);
  const cols = Array.from({ length: n }, (_, i) => `'c${i}': 'VARCHAR'`).join(', ');
  const pick = [...o.position].map(([name, at]) => `c${at} AS ${q(name)}`);
  // Row numbers: the repaired copy carries them; otherwise the parsed table's insertion
  // order gives them (rnSql).
  const rn = o.repaired ? `CAST(c${o.fileColumns} AS BIGINT)` : 'NULL::BIGINT';
  // DuckDB 1.5.6 reads 0 rows from a CRLF file when told new_line = '\r\n' (measured), so
  // CRLF is left to its detection; the caller checks the row count against its own scan.
  const newLine = o.newLine === '\r\n' ? '' : String.raw`new_line = '\n',`;
  return `(SELECT ${rn} AS __rn, ${pick.join(', ')}
     FROM read_csv($path, header = true, delim = ',', quote = '"', escape = '"', ${newLine}
       auto_detect = false, strict_mode = true, all_varchar = true, null_padding = false,
       max_line_size = ${Math.floor(o.maxLineBytes)}, encoding = 'utf-8', columns = {${cols}}))`;
}

/**
 * The reader subquery of a Parquet file. Every column is read: the unused ones are hashed
 * into `__check` (kept in the result), since a projection would skip corrupt pages in them.
 */
export function parquetReaderSql(fileColumns: number, position: ReadonlyMap<string, number>): { sql: string; carry: string[] } {
  const pick = [...position].map(([name, at]) => `CAST(#${at + 1} AS VARCHAR) AS ${q(name)}`);
  const used = new Set(position.values());
  const unused = Array.from({ length: fileColumns }, (_, i) => i).filter((i) => !used.has(i));
  const check = unused.length ? `, hash(${unused.map((i) => `#${i + 1}`).join(', ')}) AS __check` : '';
  return {
    sql: `(SELECT NULL::BIGINT AS __rn, ${pick.join(', ')}${check} FROM read_parquet($path))`,
    carry: unused.length ? ['__check'] : [],
  };
}

/** Column names of a Parquet file, in order (from the reader's own schema). */
export async function parquetColumns(conn: DuckDBConnection, path: string): Promise<string[]> {
  const reader = await conn.runAndReadAll('SELECT * FROM read_parquet($path) LIMIT 0', { path });
  return reader.columnNames();
}

export interface ParseParams {
  /** Declared zone of offset-less timestamps, or null. */
  tz: string | null;
  earliest: string;
  latest: string;
}

/**
 * Reads and parses a file in one statement into TEMP `ingest_parsed` (see ingest-parse.ts);
 * returns the number of rows read.
 */
export async function readAndParse(
  conn: DuckDBConnection,
  path: string,
  reader: { sql: string; carry?: string[] },
  present: ReadonlySet<string>,
  p: ParseParams,
): Promise<number> {
  await conn.run(buildParseSql(present, reader.sql, reader.carry ?? []), {
    path,
    tz: p.tz,
    earliest: p.earliest,
    latest: p.latest,
  });
  const [r] = await queryRows<{ n: number }>(conn, 'SELECT count(*)::INTEGER AS n FROM ingest_parsed');
  return r!.n;
}

/** Rows with offset-less timestamps (the file is refused unless a zone is declared). */
export async function naiveRows(conn: DuckDBConnection): Promise<{ naiveRows: number; firstNaiveRow: number | null }> {
  const [r] = await queryRows<{ n: number; first_row: number | null }>(conn, NAIVE_ROWS_SQL);
  return { naiveRows: r!.n, firstNaiveRow: r!.first_row };
}

/**
 * Member IDs of printable ASCII (the usual case) are normalized and keyed in SQL: for them
 * normalizeMemberId is exactly "remove spaces, upper-case", and the HMAC is two SHA-256
 * calls with the padded keys ($ipad, $opad: pseudonym.ts hmacPads). Anything else (NFC,
 * invisible characters, non-ASCII case rules) goes through Node: `distinctMemberIds`.
 */
const ASCII_ID = String.raw`[\x20-\x7e]*`;

/**
 * TEMP `ingest_member_raw`: the distinct raw member IDs of valid rows (one scan of the
 * parsed rows; the ASCII test below then runs once per member, not once per row).
 */
export async function stageMemberIds(conn: DuckDBConnection): Promise<void> {
  await conn.run(
    `CREATE OR REPLACE TEMP TABLE ingest_member_raw AS
     SELECT DISTINCT member_raw FROM ingest_parsed WHERE reject IS NULL AND member_raw IS NOT NULL`,
  );
}

/** Raw member IDs of valid rows that need Node's normalization (not printable ASCII). */
export async function distinctMemberIds(conn: DuckDBConnection): Promise<string[]> {
  const reader = await conn.runAndReadAll(
    `SELECT member_raw FROM ingest_member_raw WHERE NOT regexp_full_match(member_raw, '${ASCII_ID}')`,
  );
  return reader.getColumns()[0]?.map((v) => String(v)) ?? [];
}

/**
 * TEMP `ingest_members(member_raw, member_key)`: the distinct printable-ASCII IDs keyed in
 * SQL (once per member, not per row), plus the pairs computed in Node for the others.
 */
export async function loadMemberKeys(
  conn: DuckDBConnection,
  pads: { ipad: string; opad: string },
  nodePairs: Iterable<[string, string | null]>,
): Promise<void> {
  await conn.run(
    `CREATE OR REPLACE TEMP TABLE ingest_members AS
     SELECT member_raw,
       CASE WHEN replace(member_raw, ' ', '') <> '' THEN
         sha256(unhex($opad) || unhex(sha256(unhex($ipad) || encode(upper(replace(member_raw, ' ', '')))))) END AS member_key
     FROM ingest_member_raw WHERE regexp_full_match(member_raw, '${ASCII_ID}')`,
    { ipad: pads.ipad, opad: pads.opad },
  );
  const appender = await conn.createAppender('ingest_members', 'main', 'temp');
  try {
    for (const [raw, key] of nodePairs) {
      appender.appendVarchar(raw);
      if (key === null) appender.appendNull();
      else appender.appendVarchar(key);
      appender.endRow();
    }
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
}

const DUPLICATE_REASON = 'invalid contact_id: conflicting duplicate in the file';
const CONFLICT_REASON = 'invalid contact_id: already ingested with different values (use replace)';

/** Whether any contact is stored in `source` (none: the first load needs no anti-join). */
export async function hasStoredContacts(conn: DuckDBConnection, source: string | null): Promise<boolean> {
  const rows = await queryRows<{ x: number }>(
    conn,
    `SELECT 1 AS x FROM contacts WHERE $source::VARCHAR IS NULL OR source = $source::VARCHAR LIMIT 1`,
    { source },
  );
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
  const cols = CONTACT_INPUT_COLUMNS.map((c) => `p.${q(c)}`).join(', ');
  const storedCols = CONTACT_INPUT_COLUMNS.map((c) => `c.${q(c)}`).join(', ');
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

/** What every batch reports: rows read = accepted + rejected + already present. */
export interface BatchCounts {
  rowsRead: number;
  rowsAccepted: number;
  rowsRejected: number;
  rowsAlreadyPresent: number;
  rowsFlagged: number;
  unknownColumns: string[];
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
  duplicateOf: number | null;
}

/** Inserts a batch row (finished now) and returns its id. */
export async function insertBatch(conn: DuckDBConnection, b: BatchRecord): Promise<number> {
  const [r] = await queryRows<{ batch_id: number }>(
    conn,
    `INSERT INTO ingest_batches (source, file_name, file_size, sha256, format, started_at, finished_at, outcome, message,
       rows_read, rows_accepted, rows_rejected, rows_already_present, rows_flagged, unknown_columns, duplicate_of)
     VALUES ($source, $fileName, $fileSize, $sha256, $format, $startedAt::TIMESTAMPTZ, now(), $outcome, $message,
       $rowsRead, $rowsAccepted, $rowsRejected, $rowsAlreadyPresent, $rowsFlagged,
       CAST(json($unknown) AS VARCHAR[]), $duplicateOf)
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
      rowsRead: b.rowsRead,
      rowsAccepted: b.rowsAccepted,
      rowsRejected: b.rowsRejected,
      rowsAlreadyPresent: b.rowsAlreadyPresent,
      rowsFlagged: b.rowsFlagged,
      unknown: JSON.stringify(b.unknownColumns),
      duplicateOf: b.duplicateOf,
    },
  );
  return r!.batch_id;
}

/** The earlier committed batch of the same file (same sha256) in the same source. */
export async function findCommittedBatchBySha(
  conn: DuckDBConnection,
  source: string,
  sha256: string,
): Promise<number | null> {
  const rows = await queryRows<{ batch_id: number }>(
    conn,
    `SELECT batch_id::INTEGER AS batch_id FROM ingest_batches
     WHERE source = $source AND sha256 = $sha AND outcome = 'committed' ORDER BY batch_id LIMIT 1`,
    { source, sha: sha256 },
  );
  return rows[0]?.batch_id ?? null;
}

const CONTACT_COLUMNS = [
  'source', 'contact_id', 'batch_id', 'queue', 'channel', 'plan', 'state', 'tier', 'reason', 'offered_at', 'answered_at',
  'ended_at', 'talk_s', 'hold_s', 'acw_s', 'agent_id', 'member_key', 'transferred', 'ivr_contained', 'resolved', 'csat',
  'nps', 'wait_s', 'abandoned', 'handle_s', 'local_date', 'interval15', 'interval30', 'next_contact_at',
  'next_same_reason_at', 'flags',
] as const;

/** The UTC quarter-hour of offered_at (integer, for the local-times lookup). */
const QUARTER_KEY = 'epoch_us(p.offered_at) // 900000000';

/**
 * TEMP `ingest_local(q, ok, local_date, interval15, interval30)`: the site-zone date and
 * interval starts computed once per UTC quarter-hour of the file (tens of thousands)
 * instead of once per row (ICU time-zone calls are a large share of the per-row cost).
 * Valid while the zone's offset is a multiple of 15 minutes and constant within the
 * quarter-hour (every zone since 2000): then every local 15/30-minute and date boundary
 * falls on a UTC quarter-hour. `ok` checks it — the three values at the quarter's first
 * and last microsecond agree; where they do not, the insert computes the row's own values.
 */
async function stageLocalTimes(conn: DuckDBConnection, site: string): Promise<void> {
  const at = (t: string) => ({
    d: `timezone($site::VARCHAR, ${t})::DATE`,
    i15: `time_bucket(INTERVAL 15 MINUTES, ${t}, $site::VARCHAR)`,
    i30: `time_bucket(INTERVAL 30 MINUTES, ${t}, $site::VARCHAR)`,
  });
  const a = at('t0');
  const b = at('t1');
  await conn.run(
    `CREATE OR REPLACE TEMP TABLE ingest_local AS
     SELECT q, (${a.d} = ${b.d} AND ${a.i15} = ${b.i15} AND ${a.i30} = ${b.i30}) AS ok,
       ${a.d} AS local_date, ${a.i15} AS interval15, ${a.i30} AS interval30
     FROM (SELECT q, t0, t0 + INTERVAL 899999999 MICROSECONDS AS t1
           FROM (SELECT q, to_timestamp(q * 900) AS t0
                 FROM (SELECT DISTINCT ${QUARTER_KEY} AS q FROM ingest_parsed p WHERE p.reject IS NULL)))`,
    { site },
  );
}

/**
 * Inside the commit transaction: deletes replaced contacts, inserts the new ones, and
 * recomputes next_contact_at / next_same_reason_at for every member the batch touches
 * (the new rows get theirs on insert; stored rows are updated only where the value moves).
 *
 * TEMP `ingest_new` holds one narrow row per new contact (row number, member key, links),
 * and for stored contacts of the touched members their recomputed links; the INSERT reads
 * the parsed rows joined to it by row number, so the wide rows are not copied again.
 * `linkStored` = false (no contact stored at all) computes the links over the file alone.
 */
export async function writeContacts(
  conn: DuckDBConnection,
  source: string,
  batchId: number,
  linkStored: boolean,
  site: string,
): Promise<void> {
  const tick = timer('writeContacts');
  tick();
  const newRows = `SELECT q.rn, q.contact_id, m.member_key, q.reason, q.offered_at
     FROM (SELECT ${rnSql('p')} AS rn, p.contact_id, p.member_raw, p.reason, p.offered_at
           FROM ingest_parsed p ANTI JOIN (SELECT rn FROM ingest_plan WHERE action <> 'replace') x ON x.rn = ${rnSql('p')}
           WHERE p.reject IS NULL) q
     LEFT JOIN ingest_members m ON m.member_raw = q.member_raw`;
  if (linkStored) {
    await conn.run(
      `CREATE OR REPLACE TEMP TABLE ingest_new_rows AS ${newRows}`,
    );
    await conn.run(
      `CREATE OR REPLACE TEMP TABLE ingest_touched AS
       SELECT DISTINCT member_key FROM (
         SELECT member_key FROM ingest_new_rows WHERE member_key IS NOT NULL
         UNION ALL
         SELECT old_member_key FROM ingest_plan WHERE action = 'replace' AND old_member_key IS NOT NULL)`,
    );
  }
  tick();
  await conn.run(
    `DELETE FROM contacts WHERE source = $source
       AND contact_id IN (SELECT contact_id FROM ingest_parsed p SEMI JOIN (SELECT rn FROM ingest_plan WHERE action = 'replace') x
                          ON x.rn = ${rnSql('p')})`,
    { source },
  );
  tick();
  const link = (order: string) => `
       CASE WHEN member_key IS NOT NULL THEN lead(offered_at) OVER (PARTITION BY member_key ORDER BY ${order}) END AS next_contact_at,
       CASE WHEN member_key IS NOT NULL AND reason IS NOT NULL THEN
         lead(offered_at) OVER (PARTITION BY member_key, reason ORDER BY ${order}) END AS next_same_reason_at`;
  if (linkStored) {
    await conn.run(
      `CREATE OR REPLACE TEMP TABLE ingest_new AS
       WITH allc AS (
         SELECT source, contact_id, member_key, reason, offered_at, NULL::BIGINT AS rn
         FROM contacts WHERE member_key IN (SELECT member_key FROM ingest_touched)
         UNION ALL
         SELECT $source, contact_id, member_key, reason, offered_at, rn FROM ingest_new_rows
       )
       SELECT source, contact_id, rn, member_key, rn IS NOT NULL AS is_new, ${link('offered_at, source, contact_id')}
       FROM allc`,
      { source },
    );
  } else {
    // One source in the file: ordering by (offered_at, contact_id) equals the general order.
    await conn.run(
      `CREATE OR REPLACE TEMP TABLE ingest_new AS
       SELECT rn, member_key, true AS is_new, ${link('offered_at, contact_id')} FROM (${newRows})`,
    );
  }
  await stageLocalTimes(conn, site);
  const local: Record<string, string> = {
    local_date: 'timezone($site::VARCHAR, p.offered_at)::DATE',
    interval15: 'time_bucket(INTERVAL 15 MINUTES, p.offered_at, $site::VARCHAR)',
    interval30: 'time_bucket(INTERVAL 30 MINUTES, p.offered_at, $site::VARCHAR)',
  };
  const values = CONTACT_COLUMNS.map((c) => {
    if (c === 'source') return '$source';
    if (c === 'batch_id') return '$batch';
    if (c === 'next_contact_at' || c === 'next_same_reason_at' || c === 'member_key') return `n.${c}`;
    if (local[c]) return `CASE WHEN l.ok THEN l.${c} ELSE ${local[c]} END`;
    return `p.${q(c)}`;
  });
  tick();
  await conn.run(
    `INSERT INTO contacts (${CONTACT_COLUMNS.join(', ')})
     SELECT ${values.join(', ')}
     FROM ingest_parsed p JOIN ingest_new n ON n.rn = ${rnSql('p')} AND n.is_new
       LEFT JOIN ingest_local l ON l.q = ${QUARTER_KEY}
     WHERE p.reject IS NULL`,
    { source, batch: batchId, site },
  );
  tick();
  if (linkStored) {
    await conn.run(
      `UPDATE contacts SET next_contact_at = n.next_contact_at, next_same_reason_at = n.next_same_reason_at
       FROM ingest_new n
       WHERE NOT n.is_new AND contacts.source = n.source AND contacts.contact_id = n.contact_id
         AND (contacts.next_contact_at IS DISTINCT FROM n.next_contact_at
              OR contacts.next_same_reason_at IS DISTINCT FROM n.next_same_reason_at)`,
    );
  }
  tick();
}

/**
 * Inside the commit transaction: the rejected rows with their raw values as JSON (known
 * columns only, member_id redacted; unknown columns are not kept, they may hold PHI), and
 * rows the pre-scan took out (wrong number of fields: no field can be trusted to be the one
 * its position says, so raw holds only the line number).
 */
export async function writeRejects(
  conn: DuckDBConnection,
  batchId: number,
  present: ReadonlySet<string>,
  structural: { row: number; line: number; reason: string }[],
): Promise<void> {
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

export async function dropStaging(conn: DuckDBConnection): Promise<void> {
  for (const t of ['ingest_parsed', 'ingest_member_raw', 'ingest_members', 'ingest_plan', 'ingest_new_rows', 'ingest_touched', 'ingest_new', 'ingest_local', 'ingest_structural']) {
    await conn.run(`DROP TABLE IF EXISTS temp.main.${t}`);
  }
}


// ---------------------------------------------------------------------------------------
// Reading batches and rejects (API and CLI)

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
  duplicateOf: number | null;
}

const BATCH_SELECT = `SELECT batch_id::INTEGER AS "batchId", source, file_name AS "fileName", file_size::DOUBLE AS "fileSize",
  sha256, format, strftime(started_at AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%S.%gZ') AS "startedAt",
  strftime(finished_at AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%S.%gZ') AS "finishedAt", outcome, message,
  rows_read AS "rowsRead", rows_accepted AS "rowsAccepted", rows_rejected AS "rowsRejected",
  rows_already_present AS "rowsAlreadyPresent", rows_flagged AS "rowsFlagged",
  coalesce(unknown_columns, []) AS "unknownColumns", duplicate_of AS "duplicateOf"
  FROM ingest_batches`;

/** Batches, newest first. */
export function listBatches(db: Database, limit: number, offset: number): Promise<BatchRow[]> {
  return db.query<BatchRow & Record<string, unknown>>(`${BATCH_SELECT} ORDER BY batch_id DESC LIMIT $limit OFFSET $offset`, {
    limit,
    offset,
  });
}

export async function getBatch(db: Database, batchId: number): Promise<BatchRow | null> {
  const rows = await db.query<BatchRow & Record<string, unknown>>(`${BATCH_SELECT} WHERE batch_id = $id`, { id: batchId });
  return rows[0] ?? null;
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

/** Step timings on stderr when STAFFCAST_INGEST_TIMING is set. */
function timer(label: string): () => void {
  let last = performance.now();
  let i = 0;
  return () => {
    const now = performance.now();
    if (process.env.STAFFCAST_INGEST_TIMING && i > 0) process.stderr.write(`ingest timing: ${label}.${i} ${(now - last).toFixed(0)} ms\n`);
    i++;
    last = now;
  };
}
