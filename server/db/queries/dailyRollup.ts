/**
 * The KPI rollups: sums per local day × queue × channel × plan × state × tier, and per
 * local quarter-hour × queue × channel, at the default thresholds (T = 20 s, short abandon < 5 s, FCR window 7 × 24 h), so a scorecard
 * over years of history reads a few hundred thousand rows instead of every contact.
 *
 * It is exact where it is used: the KPI query (kpis.ts) takes from it only days whose every
 * FCR window is known, only the default thresholds, no percentiles and no reason dimension;
 * everything else is summed from the contacts. It is refreshed inside each ingest's
 * transaction for the days the batch touches (its own rows, and the members' earlier
 * contacts whose next-contact links now point into it), and rebuilt whole when its
 * definition changes (ROLLUP_VERSION) or a batch replaced stored contacts.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { DEFAULT_KPI_OPTIONS } from '../../wfm/kpi.ts';
import { queryRows } from '../database.ts';
import { ADDITIVE_SUMS, additiveSumsSql, ANSWERED } from './kpiSums.ts';

/** Bump when a rollup's definition changes: the next start rebuilds them. */
export const ROLLUP_VERSION = '2';

/**
 * The two rollups: per local day with the plan/state/tier dimensions (for days, weeks,
 * months, quarters), and per local quarter-hour with queue and channel only (for the
 * interval views). `keys` are the columns each is grouped by.
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
};
const SETTING = 'daily_rollup_version';
const WINDOW_US = Math.round(ROLLUP_OPTIONS.fcrDays * 86_400e6);

/** The rollup rows of the contacts that `where` selects (SQL over `contacts`). */
function selectSql(keys: readonly string[], where: string): string {
  const repeat = (next: string) =>
    `count(*) FILTER (WHERE ${ANSWERED} AND member_key IS NOT NULL AND ${next} IS NOT NULL
       AND epoch_us(${next}) - epoch_us(offered_at) <= ${WINDOW_US})::DOUBLE`;
  return `
    SELECT ${keys.join(', ')},
      ${additiveSumsSql(String(ROLLUP_OPTIONS.slSeconds), String(ROLLUP_OPTIONS.shortAbandonSeconds)).join(',\n      ')},
      count(*) FILTER (WHERE ${ANSWERED} AND member_key IS NOT NULL)::DOUBLE AS fcr_member_answered,
      ${repeat('next_contact_at')} AS fcr_member_repeat,
      ${repeat('next_same_reason_at')} AS fcr_member_repeat_same_reason,
      count(*) FILTER (WHERE ${ANSWERED} AND member_key IS NULL AND resolved IS NOT NULL)::DOUBLE AS fcr_nomember_eligible,
      count(*) FILTER (WHERE ${ANSWERED} AND member_key IS NULL AND resolved)::DOUBLE AS fcr_nomember_resolved
    FROM contacts
    ${where}
    GROUP BY ALL`;
}

const SUM_COLUMNS = [...ADDITIVE_SUMS.map((n) => `"${n}"`),
  'fcr_member_answered', 'fcr_member_repeat', 'fcr_member_repeat_same_reason', 'fcr_nomember_eligible', 'fcr_nomember_resolved'];

/** Replaces the rows of every rollup for the contacts `where` selects (by whole days). */
async function rewrite(conn: DuckDBConnection, dayFilter: string): Promise<void> {
  for (const { table, keys } of Object.values(ROLLUPS)) {
    await conn.run(`DELETE FROM ${table} ${dayFilter}`);
    await conn.run(`INSERT INTO ${table} (${[...keys, ...SUM_COLUMNS].join(', ')}) ${selectSql(keys, dayFilter)}`);
  }
}

async function markCurrent(conn: DuckDBConnection): Promise<void> {
  await conn.run('INSERT OR REPLACE INTO settings VALUES ($k, $v)', { k: SETTING, v: ROLLUP_VERSION });
}

/** Rebuilds the rollups whole (run inside a transaction). */
export async function rebuildDailyRollup(conn: DuckDBConnection): Promise<void> {
  await rewrite(conn, '');
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
  await rewrite(conn, 'WHERE local_date IN (SELECT local_date FROM rollup_days)');
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
  return row?.value === ROLLUP_VERSION;
}

/** At start: rebuild a rollup that is missing or of an older definition. */
export async function ensureDailyRollup(conn: DuckDBConnection): Promise<void> {
  if (await dailyRollupIsCurrent(conn)) return;
  await conn.run('BEGIN TRANSACTION');
  try {
    await rebuildDailyRollup(conn);
    await conn.run('COMMIT');
  } catch (e) {
    await conn.run('ROLLBACK').catch(() => undefined);
    throw e;
  }
}
