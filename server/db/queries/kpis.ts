/**
 * The KPI sums per period and group, and the data's dimensions. Building the SQL is pure
 * (`buildKpiSumsSql`); running it is I/O. Identifiers come only from the whitelists below;
 * every value is a bound parameter.
 */
import type { DuckDBValue } from '@duckdb/node-api';
import type { Database } from '../database.ts';
import type { KpiOptions, KpiSums } from '../../wfm/kpi.ts';
import { localDateOf } from '../../wfm/timezone.ts';
import { dailyRollupIsCurrent, ROLLUP_OPTIONS, rollupRequires, ROLLUPS, type RollupName } from './dailyRollup.ts';
import { addSumsInto, ANSWERED, contactSumsSql, rollupSumsSql } from './kpiSums.ts';
import { addCoverage, type IntervalCoverage } from '../../wfm/kpiNullReasons.ts';
import { hasIntervalAggregates, queryIntervalSums } from './intervalSums.ts';

import { DIMENSIONS, type Dimension } from '../../wfm/canonical.ts';
import { PERIODS, type PeriodBy } from '../../wfm/periods.ts';

// The domain's lists live in server/wfm; re-exported for the callers of this module.
export { DIMENSIONS, type Dimension, PERIODS, type PeriodBy };

/**
 * One row of sums: the period key (epoch ms for intervals/hours, a local date otherwise);
 * `intervals` when interval reports contributed (what they did not say: null reasons).
 */
export type KpiSumsRow = KpiSums & { periodKey: number | string | null; intervals?: IntervalCoverage } & Partial<Record<Dimension, string | number | null>>;

// Epoch milliseconds of the period's start instant, or its first local date.
const PERIOD_KEY: Record<PeriodBy, string> = {
  interval15: 'epoch_ms(interval15)::DOUBLE',
  interval30: 'epoch_ms(interval30)::DOUBLE',
  hour: "epoch_ms(time_bucket(INTERVAL '1 hour', offered_at, $tz::VARCHAR))::DOUBLE",
  day: "strftime(local_date, '%Y-%m-%d')",
  week: "strftime(date_trunc('week', local_date)::DATE, '%Y-%m-%d')",
  month: "strftime(date_trunc('month', local_date)::DATE, '%Y-%m-%d')",
  quarter: "strftime(date_trunc('quarter', local_date)::DATE, '%Y-%m-%d')",
};

export const DIMENSION_SQL: Record<Dimension, string> = {
  queue: 'queue',
  channel: 'channel',
  plan: 'plan',
  state: 'state',
  tier: 'tier::INTEGER',
  reason: 'reason',
};

/** A checked KPI query (server/kpi/params.ts parses it from the API's or the CLI's strings). */
export interface KpiParams {
  from?: string;
  to?: string;
  by?: PeriodBy;
  group: Dimension[];
  where: Partial<Record<Dimension, string[]>>;
  options: KpiOptions;
  /** Return empty periods as zero rows (default true). */
  fill: boolean;
  /** Compute the wait percentiles (default true); they need every contact row. */
  percentiles: boolean;
}

/**
 * What the sums are asked for: the checked parameters (less `fill`, which the service applies
 * to the rows) plus what the service resolves.
 */
export interface KpiSumsQuery extends Omit<KpiParams, 'fill'> {
  timezone: string;
  /** epoch µs of the latest offered_at in the database (null when empty): FCR censoring. */
  latestOfferedUs: number | null;
}

export type SqlParams = Record<string, DuckDBValue>;

/** WHERE conditions for the date range and the filters (they hold for the rollup too). */
export function filterSql(q: Pick<KpiSumsQuery, 'from' | 'to' | 'where'>, params: SqlParams): string[] {
  const where: string[] = [];
  if (q.from) {
    where.push('local_date >= $from::DATE');
    params.from = q.from;
  }
  if (q.to) {
    where.push('local_date < $to::DATE');
    params.to = q.to;
  }
  for (const dim of DIMENSIONS) {
    const values = q.where[dim];
    if (!values?.length) continue;
    const names = values.map((v, i) => {
      params[`w_${dim}_${i}`] = v;
      return dim === 'tier' ? `$w_${dim}_${i}::INTEGER` : `$w_${dim}_${i}::VARCHAR`;
    });
    where.push(`${DIMENSION_SQL[dim]} IN (${names.join(', ')})`);
  }
  return where;
}

/** SELECT keys: the period, then the group's dimensions. */
function keySql(q: Pick<KpiSumsQuery, 'by' | 'group' | 'timezone'>, params: SqlParams): string[] {
  const keys: string[] = [];
  if (q.by) {
    keys.push(`${PERIOD_KEY[q.by]} AS "periodKey"`);
    if (q.by === 'hour') params.tz = q.timezone;
  } else {
    keys.push('NULL AS "periodKey"');
  }
  for (const dim of q.group) keys.push(`${DIMENSION_SQL[dim]} AS "${dim}"`);
  return keys;
}

/** KPI sums straight from the contact rows: any parameters, any grouping. */
export function buildKpiSumsSql(q: KpiSumsQuery): { sql: string; params: SqlParams } {
  const params: SqlParams = {
    sl: q.options.slSeconds,
    short: q.options.shortAbandonSeconds,
    fcrMicros: Math.round(q.options.fcrDays * 86_400e6),
    fcrKnownUntil: q.latestOfferedUs === null ? -1 : q.latestOfferedUs - Math.round(q.options.fcrDays * 86_400e6),
  };
  const where = filterSql(q, params);
  const keys = keySql(q, params);
  const percentiles = q.percentiles
    ? `quantile_cont(wait_s, 0.5) FILTER (WHERE ${ANSWERED}) AS "waitP50",
       quantile_cont(wait_s, 0.9) FILTER (WHERE ${ANSWERED}) AS "waitP90"`
    : `NULL::DOUBLE AS "waitP50", NULL::DOUBLE AS "waitP90"`;

  const sql = `
    SELECT ${keys.join(', ')},
      ${contactSumsSql({
        sl: '$sl',
        short: '$short',
        fcrMicros: '$fcrMicros',
        fcrKnownUntil: '$fcrKnownUntil',
        fcrNext: q.options.fcrSameReason ? 'next_same_reason_at' : 'next_contact_at',
      }).join(',\n      ')},
      ${percentiles}
    FROM contacts
    ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    GROUP BY ALL
    ORDER BY ALL`;
  return { sql, params };
}

/**
 * KPI sums from a rollup (server/db/queries/dailyRollup.ts): only for the rollup's
 * thresholds, for days whose FCR windows are all known, and without percentiles.
 */
export function buildRollupSumsSql(q: KpiSumsQuery, rollup: RollupName): { sql: string; params: SqlParams } {
  const params: SqlParams = {};
  const where = filterSql(q, params);
  const keys = keySql(q, params);
  const sql = `
    SELECT ${keys.join(', ')},
      ${rollupSumsSql({ fcrSameReason: q.options.fcrSameReason }).join(',\n      ')},
      NULL::DOUBLE AS "waitP50", NULL::DOUBLE AS "waitP90"
    FROM ${ROLLUPS[rollup].table}
    ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    GROUP BY ALL
    ORDER BY ALL`;
  return { sql, params };
}

/** First and last local dates with contacts (null when there are none). */
export async function queryDateRange(db: Database): Promise<{ minDate: string | null; maxDate: string | null }> {
  // Contacts and interval aggregates (interval reports) alike: both are data.
  const [row] = await db.query<{ minDate: string | null; maxDate: string | null }>(
    `SELECT strftime(min(d), '%Y-%m-%d') AS "minDate", strftime(max(d), '%Y-%m-%d') AS "maxDate" FROM (
       SELECT min(local_date) AS d FROM contacts UNION ALL SELECT max(local_date) FROM contacts
       UNION ALL SELECT min(local_date) FROM interval_aggregates UNION ALL SELECT max(local_date) FROM interval_aggregates)`,
  );
  return { minDate: row?.minDate ?? null, maxDate: row?.maxDate ?? null };
}

/**
 * How many distinct groups (combinations of the `group` dimensions) have contacts in the
 * range and filters: one cheap scan, so a request's size is known before its sums are.
 */
export async function queryGroupCount(db: Database, q: Pick<KpiSumsQuery, 'from' | 'to' | 'where' | 'group'>): Promise<number> {
  if (q.group.length === 0) return 1;
  const params: SqlParams = {};
  const where = filterSql(q, params);
  const cols = q.group.map((d) => DIMENSION_SQL[d]).join(', ');
  const [row] = await db.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM (SELECT DISTINCT ${cols} FROM contacts${where.length ? ` WHERE ${where.join(' AND ')}` : ''})`, params);
  // Interval reports add at most their own queue × channel groups (the other dimensions NULL).
  const [agg] = await db.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM (SELECT DISTINCT queue, channel FROM interval_aggregates)`);
  return (row?.n ?? 0) + (agg?.n ?? 0);
}

/** epoch µs of the latest offered_at in the whole database (the end of what is known). */
export async function queryLatestOfferedUs(db: Database): Promise<number | null> {
  const [row] = await db.query<{ us: number | null }>('SELECT epoch_us(max(offered_at))::DOUBLE AS us FROM contacts');
  return row?.us ?? null;
}

/**
 * KPI sums per period and group. Days whose FCR windows are all known come from the daily
 * rollup when the query allows it (see dailyRollup.ts); the rest from the contacts. The two
 * parts cover disjoint days and their sums are added per period and group.
 */
export async function queryKpiSums(db: Database, q: KpiSumsQuery): Promise<KpiSumsRow[]> {
  const contacts = await queryContactSums(db, q);
  if (!(await hasIntervalAggregates(db))) return contacts;
  const reports = await queryIntervalSums(db, q);
  if (reports.length === 0) return contacts;
  const zeroPercentiles = reports.map((r) => ({ ...r, waitP50: null, waitP90: null }) as KpiSumsRow);
  return mergeSums([...contacts, ...zeroPercentiles], q.group);
}

/** The contact part of queryKpiSums: from the rollups where they serve, else the contacts. */
async function queryContactSums(db: Database, q: KpiSumsQuery): Promise<KpiSumsRow[]> {
  const run = ({ sql, params }: { sql: string; params: SqlParams }) => db.query(sql, params) as Promise<unknown[]> as Promise<KpiSumsRow[]>;
  const possible = rollupFor(q);
  const use = possible !== null && (await db.withConnection(dailyRollupIsCurrent)) ? possible : null;
  if (use === null || (q.from !== undefined && q.from >= use.cutoff)) return run(buildKpiSumsSql(q));
  if (q.to !== undefined && q.to <= use.cutoff) return run(buildRollupSumsSql(q, use.rollup));
  const [rolled, recent] = await Promise.all([run(buildRollupSumsSql({ ...q, to: use.cutoff }, use.rollup)), run(buildKpiSumsSql({ ...q, from: use.cutoff }))]);
  return mergeSums([...rolled, ...recent], q.group);
}

/**
 * The rollup that can serve a query, and the first local day it cannot serve (the day of
 * the latest offered_at minus the FCR window, after which windows are not all known); null
 * when the query needs the contacts: other thresholds, percentiles, hours, or a dimension
 * the rollup does not keep (intervals keep only queue and channel; days no reason).
 */
export function rollupFor(q: KpiSumsQuery): { rollup: RollupName; cutoff: string } | null {
  const o = q.options;
  const defaults = rollupRequires().every((k) => o[k] === ROLLUP_OPTIONS[k]);
  if (!defaults || q.percentiles || q.latestOfferedUs === null) return null;
  const rollup: RollupName | null = q.by === 'interval15' || q.by === 'interval30' ? 'interval' : q.by === 'hour' ? null : 'daily';
  if (rollup === null) return null;
  const dims = [...q.group, ...(Object.keys(q.where) as Dimension[]).filter((d) => q.where[d]?.length)];
  if (!dims.every((d) => (ROLLUPS[rollup].dimensions as readonly string[]).includes(d))) return null;
  return { rollup, cutoff: localDateOf(q.latestOfferedUs / 1000 - o.fcrDays * 86_400_000, q.timezone) };
}

/** Adds rows with the same period and group; ordered by period, then group, nulls last. */
function mergeSums(rows: KpiSumsRow[], group: Dimension[]): KpiSumsRow[] {
  const keyOf = (r: KpiSumsRow) => [r.periodKey, ...group.map((d) => r[d] ?? null)];
  const merged = new Map<string, KpiSumsRow>();
  for (const r of rows) {
    const k = JSON.stringify(keyOf(r));
    const seen = merged.get(k);
    if (!seen) merged.set(k, { ...r });
    else {
      addSumsInto(seen, r);
      if (r.intervals) seen.intervals = seen.intervals ? addCoverage(seen.intervals, r.intervals) : r.intervals;
    }
  }
  const cmp = (a: unknown, b: unknown): number => {
    if (a === b) return 0;
    if (a === null || a === undefined) return 1;
    if (b === null || b === undefined) return -1;
    return (a as number | string) < (b as number | string) ? -1 : 1;
  };
  return [...merged.values()].sort((x, y) => {
    const kx = keyOf(x);
    const ky = keyOf(y);
    for (let i = 0; i < kx.length; i++) {
      const c = cmp(kx[i], ky[i]);
      if (c !== 0) return c;
    }
    return 0;
  });
}

export interface DataDimensions {
  queue: string[];
  channel: string[];
  plan: string[];
  state: string[];
  tier: number[];
  reason: string[];
  minDate: string | null;
  maxDate: string | null;
  contacts: number;
  /** Stored interval-report rows (interval_aggregates): data without contact rows. */
  intervalAggregates: number;
}

/** The distinct values of every dimension and the range of local dates with data. */
export async function queryDimensions(db: Database): Promise<DataDimensions> {
  const [row] = await db.query<Record<string, unknown>>(`
    SELECT
      list(DISTINCT queue ORDER BY queue) FILTER (WHERE queue IS NOT NULL) AS queue,
      list(DISTINCT channel ORDER BY channel) FILTER (WHERE channel IS NOT NULL) AS channel,
      list(DISTINCT plan ORDER BY plan) FILTER (WHERE plan IS NOT NULL) AS plan,
      list(DISTINCT state ORDER BY state) FILTER (WHERE state IS NOT NULL) AS state,
      list(DISTINCT tier::INTEGER ORDER BY tier::INTEGER) FILTER (WHERE tier IS NOT NULL) AS tier,
      list(DISTINCT reason ORDER BY reason) FILTER (WHERE reason IS NOT NULL) AS reason,
      strftime(min(local_date), '%Y-%m-%d') AS "minDate",
      strftime(max(local_date), '%Y-%m-%d') AS "maxDate",
      count(*)::DOUBLE AS contacts
    FROM contacts`);
  const list = <T>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : []);
  // Queues, channels and dates of interval reports too (their only dimensions).
  const [agg] = await db.query<Record<string, unknown>>(`
    SELECT list(DISTINCT queue) AS queue, list(DISTINCT channel) AS channel, count(*)::DOUBLE AS n FROM interval_aggregates`);
  const union = (a: unknown, b: unknown) => [...new Set([...list<string>(a), ...list<string>(b)])].sort();
  const range = await queryDateRange(db);
  return {
    queue: union(row!.queue, agg?.queue),
    channel: union(row!.channel, agg?.channel),
    plan: list(row!.plan),
    state: list(row!.state),
    tier: list<number>(row!.tier).map(Number),
    reason: list(row!.reason),
    minDate: range.minDate,
    maxDate: range.maxDate,
    contacts: Number(row!.contacts),
    intervalAggregates: Number(agg?.n ?? 0),
  };
}
