/**
 * The KPI sums of the interval aggregates (interval reports: migration 13), in the shape of
 * the contact sums (kpiSums.ts) so the KPI query adds them per period and group, with what
 * the reports do not say (IntervalCoverage, for the null reasons of server/wfm/kpiNullReasons.ts).
 *
 * - **Contacts win.** An aggregate row counts only when no contact of its queue and channel
 *   (any source) is offered inside its interval: where call-level data and a report cover
 *   the same queue and interval, the contacts are the figures and the report row is left
 *   out, so nothing is counted twice.
 * - A row counts in the period of its start (a 30-minute row shown by 15-minute intervals
 *   is all in the first quarter-hour).
 * - Only queue and channel: grouped by plan, state, tier or reason a row falls in the group
 *   without a value; filtered on one of them, no row matches (a report has no such value).
 * - Per sum: offered, answered, abandoned as reported; short abandons 0 (reports do not
 *   split abandons at the short-abandon threshold); answered within T only from rows whose
 *   report threshold is T; abandons within T unknown (0, and the variants that use them are
 *   null); waits and handle times as summed; FCR, surveys, transfers and IVR 0 (those
 *   metrics are null wherever reports contribute).
 */
import type { DuckDBValue } from '@duckdb/node-api';
import type { Database } from '../database.ts';
import type { IntervalCoverage } from '../../wfm/kpiNullReasons.ts';
import { DIMENSIONS, type Dimension } from '../../wfm/canonical.ts';
import type { PeriodBy } from '../../wfm/periods.ts';
import { SUM_NAMES, type SumName } from './kpiSums.ts';

type SqlParams = Record<string, DuckDBValue>;

/** What of a KPI query the aggregate sums read (kpis.ts's KpiSumsQuery has these). */
export interface IntervalSumsQuery {
  from?: string;
  to?: string;
  by?: PeriodBy;
  group: readonly Dimension[];
  where: Partial<Record<Dimension, string[]>>;
  timezone: string;
  options: { slSeconds: number };
}

const PERIOD_KEY: Record<PeriodBy, string> = {
  interval15: 'epoch_ms(a.interval15)::DOUBLE',
  interval30: 'epoch_ms(a.interval30)::DOUBLE',
  hour: "epoch_ms(time_bucket(INTERVAL '1 hour', a.interval_start, $tz::VARCHAR))::DOUBLE",
  day: "strftime(a.local_date, '%Y-%m-%d')",
  week: "strftime(date_trunc('week', a.local_date)::DATE, '%Y-%m-%d')",
  month: "strftime(date_trunc('month', a.local_date)::DATE, '%Y-%m-%d')",
  quarter: "strftime(date_trunc('quarter', a.local_date)::DATE, '%Y-%m-%d')",
};

/** Dimensions an aggregate row has; the others are NULL of the contact column's type. */
const DIMENSION_SQL: Record<Dimension, string> = {
  queue: 'a.queue',
  channel: 'a.channel',
  plan: 'NULL::VARCHAR',
  state: 'NULL::VARCHAR',
  tier: 'NULL::INTEGER',
  reason: 'NULL::VARCHAR',
};

/** Each KPI sum over aggregate rows (a missing one is 0: see the module comment). */
const SUM_SQL: Partial<Record<SumName, string>> = {
  offered: 'sum(a.offered)',
  answered: 'sum(a.answered)',
  abandoned: 'sum(a.abandoned)',
  answeredWithinThreshold: 'sum(a.answered_within) FILTER (WHERE a.sl_threshold_s = $sl)',
  answeredWaitSum: 'sum(a.answered_wait_sum)',
  longAbandonWaitSum: 'sum(a.abandoned_wait_sum)',
  handled: 'sum(a.answered) FILTER (WHERE a.handle_sum IS NOT NULL)',
  handleSum: 'sum(a.handle_sum)',
  holdReported: 'sum(a.answered) FILTER (WHERE a.hold_sum IS NOT NULL AND a.handle_sum IS NOT NULL)',
  holdSum: 'sum(a.hold_sum) FILTER (WHERE a.handle_sum IS NOT NULL)',
};

const COVERAGE_SQL: Record<Exclude<keyof IntervalCoverage, 'thresholds'>, string> = {
  offered: 'sum(a.offered)',
  slUnknown: 'sum(a.offered) FILTER (WHERE a.answered_within IS NULL OR a.sl_threshold_s IS DISTINCT FROM $sl)',
  waitUnknown: 'sum(a.offered) FILTER (WHERE a.answered > 0 AND a.answered_wait_sum IS NULL)',
  abandonWaitUnknown: 'sum(a.offered) FILTER (WHERE a.abandoned > 0 AND a.abandoned_wait_sum IS NULL)',
  handleUnknown: 'sum(a.offered) FILTER (WHERE a.answered > 0 AND a.handle_sum IS NULL)',
  holdUnknown: 'sum(a.offered) FILTER (WHERE a.answered > 0 AND a.hold_sum IS NULL)',
};

/** The aggregate rows that count: none of their queue and channel's contacts fall inside them. */
export const COUNTED_AGGREGATES = `NOT EXISTS (
  SELECT 1 FROM contacts c
  WHERE c.queue = a.queue AND c.channel = a.channel
    AND c.offered_at >= a.interval_start AND c.offered_at < a.interval_start + to_minutes(a.interval_minutes::BIGINT))`;

/** One row of aggregate sums: the contact sums' shape plus `intervals`. */
export type IntervalSumsRow = Record<SumName, number> & { periodKey: number | string | null; intervals: IntervalCoverage } & Partial<Record<Dimension, string | number | null>>;

/** The SQL, or null when the filters exclude every aggregate row (a dimension reports lack). */
export function buildIntervalSumsSql(q: IntervalSumsQuery): { sql: string; params: SqlParams } | null {
  const params: SqlParams = { sl: q.options.slSeconds };
  const where = [COUNTED_AGGREGATES];
  if (q.from) {
    where.push('a.local_date >= $from::DATE');
    params.from = q.from;
  }
  if (q.to) {
    where.push('a.local_date < $to::DATE');
    params.to = q.to;
  }
  for (const dim of DIMENSIONS) {
    const values = q.where[dim];
    if (!values?.length) continue;
    if (dim !== 'queue' && dim !== 'channel') return null;
    const names = values.map((v, i) => {
      params[`w_${dim}_${i}`] = v;
      return `$w_${dim}_${i}::VARCHAR`;
    });
    where.push(`${DIMENSION_SQL[dim]} IN (${names.join(', ')})`);
  }
  const keys = [q.by ? `${PERIOD_KEY[q.by]} AS "periodKey"` : 'NULL AS "periodKey"'];
  if (q.by === 'hour') params.tz = q.timezone;
  for (const dim of q.group) keys.push(`${DIMENSION_SQL[dim]} AS "${dim}"`);
  const sums = SUM_NAMES.map((n) => `coalesce(${SUM_SQL[n] ?? '0'}, 0)::DOUBLE AS "${n}"`);
  const coverage = Object.entries(COVERAGE_SQL).map(([k, sql]) => `coalesce(${sql}, 0)::DOUBLE AS "cov_${k}"`);
  const sql = `
    SELECT ${keys.join(', ')},
      ${[...sums, ...coverage].join(',\n      ')},
      coalesce(list(DISTINCT a.sl_threshold_s ORDER BY a.sl_threshold_s) FILTER (WHERE a.answered_within IS NOT NULL AND a.sl_threshold_s IS NOT NULL), []) AS "cov_thresholds"
    FROM interval_aggregates a
    WHERE ${where.join(' AND ')}
    GROUP BY ALL
    ORDER BY ALL`;
  return { sql, params };
}

/** True when any interval aggregate is stored (a cheap check before the KPI query adds them). */
export async function hasIntervalAggregates(db: Database): Promise<boolean> {
  const [r] = await db.query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM (SELECT 1 FROM interval_aggregates LIMIT 1)');
  return (r?.n ?? 0) > 0;
}

/** The aggregate sums per period and group, in the contact sums' shape. */
export async function queryIntervalSums(db: Database, q: IntervalSumsQuery): Promise<IntervalSumsRow[]> {
  const built = buildIntervalSumsSql(q);
  if (!built) return [];
  const rows = await db.query<Record<string, unknown>>(built.sql, built.params);
  return rows.map((r) => {
    const out: Record<string, unknown> = {};
    const intervals: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(r)) {
      if (k === 'cov_thresholds') intervals.thresholds = (v as number[]).map(Number);
      else if (k.startsWith('cov_')) intervals[k.slice(4)] = Number(v);
      else out[k] = v;
    }
    return { ...out, intervals } as unknown as IntervalSumsRow;
  });
}
