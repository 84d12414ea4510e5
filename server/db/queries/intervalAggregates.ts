/**
 * Writing interval aggregates (`interval_aggregates`, migration 13) inside one ingest's
 * transaction: stage the parsed rows, plan each (insert / replace / already present /
 * reject), write them and their rejects, and read back what was written.
 *
 * The rules (docs/ingest.md, "Interval reports"):
 * - key (source, queue, channel, interval_start): a re-delivered interval with the same
 *   values is already present; with other values it **replaces** the stored one (CMS
 *   re-pulls an interval that was incomplete when first pulled);
 * - the same key twice in one file: identical → one kept, the other already present;
 *   different → every occurrence rejected;
 * - an interval that overlaps another of the same queue and channel with a different
 *   start (a 30-minute row over two 15-minute ones, or another source's row), in the file
 *   or stored, is rejected: adding both would count the calls twice.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { type Database, queryRows } from '../database.ts';

/** One parsed row with its site-local buckets (epoch ms) and local date. */
export interface StagedInterval {
  row: number;
  queue: string;
  channel: string;
  startMs: number;
  minutes: number;
  localDate: string;
  interval15Ms: number;
  interval30Ms: number;
  offered: number;
  answered: number;
  abandoned: number;
  answeredWithin: number | null;
  slThreshold: number | null;
  answeredWaitSum: number | null;
  abandonedWaitSum: number | null;
  talkSum: number | null;
  holdSum: number | null;
  acwSum: number | null;
  handleSum: number | null;
  flags: string[];
}

const MEASURES = [
  'interval_minutes',
  'offered',
  'answered',
  'abandoned',
  'answered_within',
  'sl_threshold_s',
  'answered_wait_sum',
  'abandoned_wait_sum',
  'talk_sum',
  'hold_sum',
  'acw_sum',
  'handle_sum',
] as const;

/** Stages the parsed rows in TEMP `interval_staged` (typed like the stored table). */
export async function stageIntervals(conn: DuckDBConnection, rows: readonly StagedInterval[]): Promise<void> {
  await conn.run(`CREATE OR REPLACE TEMP TABLE interval_raw (
    row_number INTEGER, queue VARCHAR, channel VARCHAR, start_ms DOUBLE, minutes INTEGER, local_date VARCHAR,
    i15_ms DOUBLE, i30_ms DOUBLE, offered DOUBLE, answered DOUBLE, abandoned DOUBLE, answered_within DOUBLE,
    sl_threshold_s DOUBLE, answered_wait_sum DOUBLE, abandoned_wait_sum DOUBLE, talk_sum DOUBLE, hold_sum DOUBLE,
    acw_sum DOUBLE, handle_sum DOUBLE, flags VARCHAR)`);
  const app = await conn.createAppender('interval_raw', 'main', 'temp');
  const num = (x: number | null) => (x === null ? app.appendNull() : app.appendDouble(x));
  for (const r of rows) {
    app.appendInteger(r.row);
    app.appendVarchar(r.queue);
    app.appendVarchar(r.channel);
    app.appendDouble(r.startMs);
    app.appendInteger(r.minutes);
    app.appendVarchar(r.localDate);
    app.appendDouble(r.interval15Ms);
    app.appendDouble(r.interval30Ms);
    for (const x of [r.offered, r.answered, r.abandoned, r.answeredWithin, r.slThreshold, r.answeredWaitSum, r.abandonedWaitSum, r.talkSum, r.holdSum, r.acwSum, r.handleSum]) num(x);
    app.appendVarchar(JSON.stringify(r.flags));
    app.endRow();
  }
  app.closeSync();
  const ts = (ms: string) => `make_timestamp((${ms} * 1000)::BIGINT)::TIMESTAMPTZ`;
  await conn.run(`CREATE OR REPLACE TEMP TABLE interval_staged AS
    SELECT row_number, queue, channel, ${ts('start_ms')} AS interval_start, minutes::SMALLINT AS interval_minutes,
      local_date::DATE AS local_date, ${ts('i15_ms')} AS interval15, ${ts('i30_ms')} AS interval30,
      offered::INTEGER AS offered, answered::INTEGER AS answered, abandoned::INTEGER AS abandoned,
      answered_within::INTEGER AS answered_within, sl_threshold_s, answered_wait_sum, abandoned_wait_sum,
      talk_sum, hold_sum, acw_sum, handle_sum, CAST(json(flags) AS VARCHAR[]) AS flags
    FROM interval_raw`);
  await conn.run('DROP TABLE interval_raw');
}

const same = (a: string, b: string) => MEASURES.map((m) => `${a}.${m} IS NOT DISTINCT FROM ${b}.${m}`).join(' AND ');
const end = (a: string) => `${a}.interval_start + to_minutes(${a}.interval_minutes::BIGINT)`;
const overlaps = (a: string, b: string) => `${a}.queue = ${b}.queue AND ${a}.channel = ${b}.channel AND ${a}.interval_start < ${end(b)} AND ${b}.interval_start < ${end(a)}`;

/**
 * Plans every staged row into TEMP `interval_plan` (row_number, action, reason): insert,
 * replace, present or reject (with its reason), by the rules in the module comment.
 */
export async function planIntervals(conn: DuckDBConnection, source: string): Promise<void> {
  await conn.run(
    `CREATE OR REPLACE TEMP TABLE interval_plan AS
     WITH keyed AS (
       SELECT s.*, count(*) OVER k AS n,
         min(row_number) OVER k AS first_row
       FROM interval_staged s
       WINDOW k AS (PARTITION BY queue, channel, interval_start)
     ),
     conflicting AS (
       SELECT DISTINCT a.queue, a.channel, a.interval_start FROM keyed a JOIN keyed b
         ON a.queue = b.queue AND a.channel = b.channel AND a.interval_start = b.interval_start
        AND a.row_number < b.row_number AND NOT (${same('a', 'b')})
     ),
     first AS (
       SELECT k.* FROM keyed k
       WHERE k.row_number = k.first_row
         AND NOT EXISTS (SELECT 1 FROM conflicting c WHERE c.queue = k.queue AND c.channel = k.channel AND c.interval_start = k.interval_start)
     ),
     file_overlap AS (
       SELECT DISTINCT a.row_number FROM first a JOIN first b ON ${overlaps('a', 'b')} AND a.interval_start <> b.interval_start
     ),
     stored_same AS (
       SELECT f.row_number, bool_or(${same('f', 't')}) AS identical FROM first f JOIN interval_aggregates t
         ON t.source = $source AND t.queue = f.queue AND t.channel = f.channel AND t.interval_start = f.interval_start
       GROUP BY f.row_number
     ),
     stored_overlap AS (
       SELECT f.row_number, min(t.batch_id) AS batch_id FROM first f JOIN interval_aggregates t ON ${overlaps('f', 't')}
       WHERE NOT (t.source = $source AND t.interval_start = f.interval_start)
       GROUP BY f.row_number
     )
     SELECT k.row_number,
       CASE
         WHEN c.queue IS NOT NULL THEN 'reject'
         WHEN k.row_number <> k.first_row THEN 'present'
         WHEN fo.row_number IS NOT NULL OR so.row_number IS NOT NULL THEN 'reject'
         WHEN ss.identical THEN 'present'
         WHEN ss.row_number IS NOT NULL THEN 'replace'
         ELSE 'insert' END AS action,
       CASE
         WHEN c.queue IS NOT NULL THEN 'invalid interval_start: conflicting duplicate in the file (the same queue, channel and interval with different values)'
         WHEN k.row_number <> k.first_row THEN NULL
         WHEN fo.row_number IS NOT NULL THEN 'invalid interval_minutes: overlaps another interval of the same queue and channel in the file (counting both would count calls twice)'
         WHEN so.row_number IS NOT NULL THEN 'invalid interval_minutes: overlaps a stored interval of the same queue and channel (batch ' || so.batch_id || '; counting both would count calls twice)'
       END AS reason,
       coalesce(len(k.flags), 0) > 0 AS flagged
     FROM keyed k
     LEFT JOIN conflicting c ON c.queue = k.queue AND c.channel = k.channel AND c.interval_start = k.interval_start
     LEFT JOIN file_overlap fo ON fo.row_number = k.row_number
     LEFT JOIN stored_same ss ON ss.row_number = k.row_number
     LEFT JOIN stored_overlap so ON so.row_number = k.row_number`,
    { source },
  );
}

export interface IntervalPlanCounts {
  insert: number;
  replace: number;
  present: number;
  reject: number;
  flagged: number;
}

export async function intervalPlanCounts(conn: DuckDBConnection): Promise<IntervalPlanCounts> {
  const [r] = await queryRows<Record<string, number>>(
    conn,
    `SELECT count(*) FILTER (WHERE action = 'insert')::INTEGER AS insert,
       count(*) FILTER (WHERE action = 'replace')::INTEGER AS replace,
       count(*) FILTER (WHERE action = 'present')::INTEGER AS present,
       count(*) FILTER (WHERE action = 'reject')::INTEGER AS reject,
       count(*) FILTER (WHERE action IN ('insert', 'replace') AND flagged)::INTEGER AS flagged
     FROM interval_plan`,
  );
  return r as unknown as IntervalPlanCounts;
}

/** The planned rejects: row and reason, in row order. */
export async function plannedIntervalRejects(conn: DuckDBConnection): Promise<{ row: number; reason: string }[]> {
  return queryRows<{ row: number; reason: string }>(conn, `SELECT row_number AS row, reason FROM interval_plan WHERE action = 'reject' ORDER BY row_number`);
}

/** Replaces the stored rows the plan replaces and inserts the planned rows under `batchId`. */
export async function writeIntervals(conn: DuckDBConnection, source: string, batchId: number): Promise<void> {
  await conn.run(
    `DELETE FROM interval_aggregates t USING interval_staged s, interval_plan p
     WHERE p.row_number = s.row_number AND p.action = 'replace'
       AND t.source = $source AND t.queue = s.queue AND t.channel = s.channel AND t.interval_start = s.interval_start`,
    { source },
  );
  await conn.run(
    `INSERT INTO interval_aggregates (source, batch_id, row_number, queue, channel, interval_start, interval_minutes, local_date,
       interval15, interval30, offered, answered, abandoned, answered_within, sl_threshold_s, answered_wait_sum,
       abandoned_wait_sum, talk_sum, hold_sum, acw_sum, handle_sum, flags)
     SELECT $source, $batch, s.row_number, s.queue, s.channel, s.interval_start, s.interval_minutes, s.local_date,
       s.interval15, s.interval30, s.offered, s.answered, s.abandoned, s.answered_within, s.sl_threshold_s, s.answered_wait_sum,
       s.abandoned_wait_sum, s.talk_sum, s.hold_sum, s.acw_sum, s.handle_sum, s.flags
     FROM interval_staged s JOIN interval_plan p USING (row_number)
     WHERE p.action IN ('insert', 'replace')`,
    { source, batch: batchId },
  );
}

/** Writes rejects (row, reason, the row's report values as JSON: interval reports carry no PHI). */
export async function writeIntervalRejects(conn: DuckDBConnection, batchId: number, rejects: readonly { row: number; reason: string; raw: Record<string, string> | null }[]): Promise<void> {
  for (let i = 0; i < rejects.length; i += 500) {
    const chunk = rejects.slice(i, i + 500);
    const params: Record<string, string | number | null> = { batch: batchId };
    const values = chunk.map((r, j) => {
      params[`r${j}`] = r.row;
      params[`m${j}`] = r.reason;
      params[`j${j}`] = r.raw === null ? null : JSON.stringify(r.raw);
      return `($batch, $r${j}, $m${j}, $j${j})`;
    });
    await conn.run(`INSERT INTO ingest_rejects (batch_id, row_number, reason, raw) VALUES ${values.join(', ')}`, params);
  }
}

/** What the commit wrote for a batch: aggregates and rejects (the sum check). */
export async function writtenIntervalCounts(conn: DuckDBConnection, batchId: number): Promise<{ intervals: number; rejects: number }> {
  const [r] = await queryRows<{ intervals: number; rejects: number }>(
    conn,
    `SELECT (SELECT count(*) FROM interval_aggregates WHERE batch_id = $b)::INTEGER AS intervals,
            (SELECT count(*) FROM ingest_rejects WHERE batch_id = $b)::INTEGER AS rejects`,
    { b: batchId },
  );
  return r!;
}

export async function dropIntervalStaging(conn: DuckDBConnection): Promise<void> {
  await conn.run('DROP TABLE IF EXISTS interval_staged');
  await conn.run('DROP TABLE IF EXISTS interval_plan');
  await conn.run('DROP TABLE IF EXISTS interval_raw');
}

/** Undo of a batch: removes its interval aggregates; returns how many. */
export async function removeBatchIntervals(conn: DuckDBConnection, batchId: number): Promise<number> {
  const [r] = await queryRows<{ n: number }>(conn, 'SELECT count(*)::INTEGER AS n FROM interval_aggregates WHERE batch_id = $b', { b: batchId });
  await conn.run('DELETE FROM interval_aggregates WHERE batch_id = $b', { b: batchId });
  return r!.n;
}

/** The columns a preview shows of a stored interval, in order (values as text). */
export const INTERVAL_PREVIEW_COLUMNS = ['queue', 'channel', 'interval_start', ...MEASURES] as const;

/** A batch's stored intervals in file order, every value as text ('' = unknown), for a preview. */
export async function batchIntervalsAsText(db: Database, batchId: number, limit: number): Promise<{ row: number; values: Record<string, string> }[]> {
  // Whole seconds without DuckDB's trailing ".0" (sums and the threshold are DOUBLE).
  const cols = INTERVAL_PREVIEW_COLUMNS.map((c) =>
    c === 'interval_start' ? `strftime(interval_start AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%SZ') AS ${c}` : `coalesce(regexp_replace(${c}::VARCHAR, '\\.0$', ''), '') AS ${c}`,
  );
  const rows = await db.query<Record<string, string> & { row: number }>(`SELECT row_number AS row, ${cols.join(', ')} FROM interval_aggregates WHERE batch_id = $b ORDER BY row_number LIMIT $limit`, {
    b: batchId,
    limit,
  });
  return rows.map(({ row, ...values }) => ({ row, values }));
}
