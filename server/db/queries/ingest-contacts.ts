/**
 * The commit's writes to `contacts`: replaced contacts deleted, new ones inserted with
 * their derived columns (site-zone date and intervals), and the next-contact links of every
 * member the file touches recomputed.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { rnSql } from './ingest-parse.ts';
import { CONTACT_INPUT_COLUMNS } from './ingest-plan.ts';

const q = (name: string) => `"${name}"`;

/** Every column a new contact row is written with: its keys, the compared input, the derived. */
const CONTACT_COLUMNS = [
  'source',
  'contact_id',
  'batch_id',
  ...CONTACT_INPUT_COLUMNS,
  'wait_s',
  'abandoned',
  'handle_s',
  'local_date',
  'interval15',
  'interval30',
  'next_contact_at',
  'next_same_reason_at',
  'flags',
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
export async function writeContacts(conn: DuckDBConnection, source: string, batchId: number, linkStored: boolean, site: string): Promise<void> {
  const tick = timer('writeContacts');
  tick();
  const newRows = `SELECT q.rn, q.contact_id, m.member_key, q.reason, q.offered_at
     FROM (SELECT ${rnSql('p')} AS rn, p.contact_id, p.member_raw, p.reason, p.offered_at
           FROM ingest_parsed p ANTI JOIN (SELECT rn FROM ingest_plan WHERE action <> 'replace') x ON x.rn = ${rnSql('p')}
           WHERE p.reject IS NULL) q
     LEFT JOIN ingest_members m ON m.member_raw = q.member_raw`;
  if (linkStored) {
    await conn.run(`CREATE OR REPLACE TEMP TABLE ingest_new_rows AS ${newRows}`);
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
