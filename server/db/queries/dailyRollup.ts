/**
 * The KPI rollups: sums per local day × queue × channel × plan × state × tier, and per
 * local quarter-hour × queue × channel, at the default thresholds (T = 20 s, short abandon < 5 s, FCR window 7 × 24 h), so a scorecard
 * over years of history reads a few hundred thousand rows instead of every contact.
 *
 * It is exact where it is used: the KPI query (kpis.ts) takes from it only days whose every
 * FCR window is known, only the default thresholds, no percentiles and no reason dimension;
 * everything else is summed from the contacts. It is refreshed inside each ingest's
 * transaction for the days the batch touches (its own rows, and the members' earlier
 * contacts whose next-contact links now point into it), and rebuilt whole when a batch
 * replaced stored contacts. Its columns are the sums of the list in kpiSums.ts; when that
 * list changes, so does rollupVersion() (a hash of the SQL that builds the rollups), and the
 * next start makes the tables anew.
 */
import { createHash } from 'node:crypto';
import type { DuckDBConnection } from '@duckdb/node-api';
import { DEFAULT_KPI_OPTIONS, type KpiOptions } from '../../wfm/kpi.ts';
import { queryRows, transaction } from '../database.ts';
import { rollupColumnsSql, sumOptionsUsed } from './kpiSums.ts';

/**
 * The two rollups: per local day with the plan/state/tier dimensions (for days, weeks,
 * months, quarters), and per local quarter-hour with queue and channel only (for the
 * interval views). `keys` are the columns each is grouped by; its other columns are the
 * sums of the list in kpiSums.ts.
 */
export const ROLLUPS = {
  daily: { table: 'daily_rollup', keys: ['local_date', 'queue', 'channel', 'plan', 'state', 'tier'], dimensions: ['queue', 'channel', 'plan', 'state', 'tier'] },
  interval: { table: 'interval_rollup', keys: ['local_date', 'interval15', 'interval30', 'queue', 'channel'], dimensions: ['queue', 'channel'] },
} as const;
export type RollupName = keyof typeof ROLLUPS;
export const ROLLUP_OPTIONS = {
  slSeconds: DEFAULT_KPI_OPTIONS.slSeconds,
  shortAbandonSeconds: DEFAULT_KPI_OPTIONS.shortAbandonSeconds,
  fcrDays: DEFAULT_KPI_OPTIONS.fcrDays,
} satisfies Partial<KpiOptions>;
/** The KPI options a query must have at ROLLUP_OPTIONS' values to be served by a rollup. */
export function rollupRequires(): (keyof typeof ROLLUP_OPTIONS)[] {
  return [...sumOptionsUsed()];
}
const SETTING = 'daily_rollup_version';

/** The rollups' sum columns: every sum of the list at the rollups' thresholds. */
function columns(): { column: string; sql: string }[] {
  return rollupColumnsSql({
    sl: String(ROLLUP_OPTIONS.slSeconds),
    short: String(ROLLUP_OPTIONS.shortAbandonSeconds),
    fcrMicros: String(Math.round(ROLLUP_OPTIONS.fcrDays * 86_400e6)),
  });
}

/** The rollup rows of the contacts that `where` selects (SQL over `contacts`). */
export function rollupSelectSql(rollup: RollupName, where = ''): string {
  return `
    SELECT ${ROLLUPS[rollup].keys.join(', ')},
      ${columns()
        .map((c) => `coalesce(${c.sql}, 0)::DOUBLE AS "${c.column}"`)
        .join(',\n      ')}
    FROM contacts
    ${where}
    GROUP BY ALL`;
}

const NAMES = Object.keys(ROLLUPS) as RollupName[];

/**
 * The rollups' definition: a hash of the SQL that builds them, so any change to the list of
 * sums, the thresholds or the keys makes them anew at the next start (ensureDailyRollup).
 */
export function rollupVersion(): string {
  const definition = NAMES.map((r) => [ROLLUPS[r].table, rollupSelectSql(r)]);
  return createHash('sha256').update(JSON.stringify(definition)).digest('hex').slice(0, 16);
}

/** Replaces the rows of every rollup for the contacts `where` selects (by whole days). */
export async function rewriteRollupDays(conn: DuckDBConnection, dayFilter: string): Promise<void> {
  const sums = columns().map((c) => `"${c.column}"`);
  for (const r of NAMES) {
    const { table, keys } = ROLLUPS[r];
    await conn.run(`DELETE FROM ${table} ${dayFilter}`);
    await conn.run(`INSERT INTO ${table} (${[...keys, ...sums].join(', ')}) ${rollupSelectSql(r, dayFilter)}`);
  }
}

async function markCurrent(conn: DuckDBConnection): Promise<void> {
  await conn.run('INSERT OR REPLACE INTO settings VALUES ($k, $v)', { k: SETTING, v: rollupVersion() });
}

/** Rebuilds the rollups whole, their tables made anew from the definition (run inside a transaction). */
export async function rebuildDailyRollup(conn: DuckDBConnection): Promise<void> {
  for (const r of NAMES) await conn.run(`CREATE OR REPLACE TABLE ${ROLLUPS[r].table} AS ${rollupSelectSql(r)}`);
  await markCurrent(conn);
}

/**
 * Refreshes the days a batch touched: its own contacts' days, and the days of the stored
 * contacts whose next-contact link now points at one of its contacts (a member's earlier
 * contact, whose FCR outcome may have changed). Run inside the ingest's transaction, after
 * its contacts and links are written. (A batch that replaced contacts rebuilds instead.)
 */
export async function refreshDailyRollupForBatch(conn: DuckDBConnection, batchId: number): Promise<void> {
  await conn.run(
    `CREATE OR REPLACE TEMP TABLE rollup_days AS
     WITH b AS (SELECT member_key, offered_at, local_date FROM contacts WHERE batch_id = $batch)
     SELECT local_date FROM b
     UNION
     SELECT c.local_date FROM contacts c JOIN b ON c.member_key = b.member_key
       AND (c.next_contact_at = b.offered_at OR c.next_same_reason_at = b.offered_at)
     WHERE c.batch_id <> $batch`,
    { batch: batchId },
  );
  await rewriteRollupDays(conn, 'WHERE local_date IN (SELECT local_date FROM rollup_days)');
  await conn.run('DROP TABLE rollup_days');
}

/**
 * Keeps the rollup current after a batch's contacts are written (inside its transaction).
 * A rollup that is not current is left alone (the next start rebuilds it); a batch that
 * replaced stored contacts may have moved them to other days, so it rebuilds the whole.
 */
export async function refreshDailyRollupAfterBatch(conn: DuckDBConnection, batchId: number, replaced: boolean): Promise<void> {
  if (!(await dailyRollupIsCurrent(conn))) return;
  if (replaced) await rebuildDailyRollup(conn);
  else await refreshDailyRollupForBatch(conn, batchId);
}

/** True when the rollup was built with the current definition. */
export async function dailyRollupIsCurrent(conn: DuckDBConnection): Promise<boolean> {
  const [row] = await queryRows<{ value: string }>(conn, 'SELECT value FROM settings WHERE key = $k', { k: SETTING });
  return row?.value === rollupVersion();
}

/** At start: rebuild a rollup that is missing or of an older definition. */
export async function ensureDailyRollup(conn: DuckDBConnection): Promise<void> {
  if (await dailyRollupIsCurrent(conn)) return;
  await transaction(conn, rebuildDailyRollup);
}
