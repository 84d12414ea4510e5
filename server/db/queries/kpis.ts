/**
 * The KPI sums per period and group, and the data's dimensions. Building the SQL is pure
 * (`buildKpiSumsSql`); running it is I/O. Identifiers come only from the whitelists below;
 * every value is a bound parameter.
 */
import type { DuckDBValue } from '@duckdb/node-api';
import type { Database } from '../database.ts';
import type { KpiOptions, KpiSums } from '../../wfm/kpi.ts';

export const DIMENSIONS = ['queue', 'channel', 'plan', 'state', 'tier', 'reason'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export const PERIODS = ['interval15', 'interval30', 'hour', 'day', 'week', 'month', 'quarter'] as const;
export type PeriodBy = (typeof PERIODS)[number];

export interface KpiSumsQuery {
  /** Local dates: from inclusive, to exclusive; absent = unbounded. */
  from?: string;
  to?: string;
  by?: PeriodBy;
  group: Dimension[];
  where: Partial<Record<Dimension, string[]>>;
  options: KpiOptions;
  timezone: string;
  /** Compute wait percentiles (they need a sort per group; the scorecard skips them). */
  percentiles: boolean;
  /** epoch µs of the latest offered_at in the database (null when empty): FCR censoring. */
  latestOfferedUs: number | null;
}

/** One row of sums: the period key (epoch ms for intervals/hours, a local date otherwise). */
export type KpiSumsRow = KpiSums & { periodKey: number | string | null } & Partial<Record<Dimension, string | number | null>>;

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

const DIMENSION_SQL: Record<Dimension, string> = {
  queue: 'queue',
  channel: 'channel',
  plan: 'plan',
  state: 'state',
  tier: 'tier::INTEGER',
  reason: 'reason',
};

const ANSWERED = 'NOT ivr_contained AND answered_at IS NOT NULL';

/**
 * FCR of an answered contact. With a member: eligible when its window ends by the latest
 * offered_at in the database ($fcrKnownUntil = that instant − window, epoch µs), resolved
 * when the member's next contact (any queue/channel/IVR) comes more than the window later.
 * Without a member: the resolved disposition, when there is one. epoch_us() reads the
 * stored integer directly, which is several times cheaper than epoch() or interval
 * arithmetic on TIMESTAMPTZ.
 */
function fcrSql(next: 'next_contact_at' | 'next_same_reason_at'): { eligible: string; resolved: string } {
  const member = 'member_key IS NOT NULL AND epoch_us(offered_at) <= $fcrKnownUntil::BIGINT';
  const noRepeat = `(${next} IS NULL OR epoch_us(${next}) - epoch_us(offered_at) > $fcrMicros::BIGINT)`;
  return {
    eligible: `${ANSWERED} AND ((${member}) OR (member_key IS NULL AND resolved IS NOT NULL))`,
    resolved: `${ANSWERED} AND ((${member} AND ${noRepeat}) OR (member_key IS NULL AND resolved))`,
  };
}

export function buildKpiSumsSql(q: KpiSumsQuery): { sql: string; params: Record<string, DuckDBValue> } {
  const params: Record<string, DuckDBValue> = {
    sl: q.options.slSeconds,
    short: q.options.shortAbandonSeconds,
    fcrMicros: Math.round(q.options.fcrDays * 86_400e6),
    fcrKnownUntil: q.latestOfferedUs === null ? -1 : q.latestOfferedUs - Math.round(q.options.fcrDays * 86_400e6),
  };
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
  const keys: string[] = [];
  if (q.by) {
    keys.push(`${PERIOD_KEY[q.by]} AS "periodKey"`);
    if (q.by === 'hour') params.tz = q.timezone;
  } else {
    keys.push('NULL AS "periodKey"');
  }
  for (const dim of q.group) keys.push(`${DIMENSION_SQL[dim]} AS "${dim}"`);

  const fcr = fcrSql(q.options.fcrSameReason ? 'next_same_reason_at' : 'next_contact_at');
  const percentiles = q.percentiles
    ? `quantile_cont(wait_s, 0.5) FILTER (WHERE ${ANSWERED}) AS "waitP50",
       quantile_cont(wait_s, 0.9) FILTER (WHERE ${ANSWERED}) AS "waitP90"`
    : `NULL::DOUBLE AS "waitP50", NULL::DOUBLE AS "waitP90"`;

  const sql = `
    SELECT ${keys.join(', ')},
      count(*) FILTER (WHERE NOT ivr_contained)::DOUBLE AS "offered",
      count(*) FILTER (WHERE ${ANSWERED})::DOUBLE AS "answered",
      count(*) FILTER (WHERE abandoned)::DOUBLE AS "abandoned",
      count(*) FILTER (WHERE abandoned AND wait_s < $short)::DOUBLE AS "shortAbandoned",
      count(*) FILTER (WHERE ${ANSWERED} AND wait_s <= $sl)::DOUBLE AS "answeredWithinThreshold",
      count(*) FILTER (WHERE abandoned AND wait_s <= $sl)::DOUBLE AS "abandonedWithinThreshold",
      coalesce(sum(wait_s) FILTER (WHERE ${ANSWERED}), 0)::DOUBLE AS "answeredWaitSum",
      coalesce(sum(wait_s) FILTER (WHERE abandoned AND wait_s >= $short), 0)::DOUBLE AS "longAbandonWaitSum",
      count(handle_s) FILTER (WHERE ${ANSWERED})::DOUBLE AS "handled",
      coalesce(sum(handle_s) FILTER (WHERE ${ANSWERED}), 0)::DOUBLE AS "handleSum",
      count(*) FILTER (WHERE ${fcr.eligible})::DOUBLE AS "fcrEligible",
      count(*) FILTER (WHERE ${fcr.resolved})::DOUBLE AS "fcrResolved",
      count(csat)::DOUBLE AS "csatResponses",
      count(*) FILTER (WHERE csat >= 4)::DOUBLE AS "csatSatisfied",
      coalesce(sum(csat), 0)::DOUBLE AS "csatSum",
      count(nps)::DOUBLE AS "npsResponses",
      count(*) FILTER (WHERE nps >= 9)::DOUBLE AS "npsPromoters",
      count(*) FILTER (WHERE nps <= 6)::DOUBLE AS "npsDetractors",
      count(*) FILTER (WHERE ${ANSWERED} AND transferred)::DOUBLE AS "transferred",
      count(*) FILTER (WHERE ivr_contained)::DOUBLE AS "ivrContained",
      ${percentiles}
    FROM contacts
    ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    GROUP BY ALL
    ORDER BY ALL`;
  return { sql, params };
}

/** First and last local dates with contacts (null when there are none). */
export async function queryDateRange(db: Database): Promise<{ minDate: string | null; maxDate: string | null }> {
  const [row] = await db.query<{ minDate: string | null; maxDate: string | null }>(
    `SELECT strftime(min(local_date), '%Y-%m-%d') AS "minDate", strftime(max(local_date), '%Y-%m-%d') AS "maxDate" FROM contacts`,
  );
  return { minDate: row?.minDate ?? null, maxDate: row?.maxDate ?? null };
}

/** epoch µs of the latest offered_at in the whole database (the end of what is known). */
export async function queryLatestOfferedUs(db: Database): Promise<number | null> {
  const [row] = await db.query<{ us: number | null }>('SELECT epoch_us(max(offered_at))::DOUBLE AS us FROM contacts');
  return row?.us ?? null;
}

export function queryKpiSums(db: Database, q: KpiSumsQuery): Promise<KpiSumsRow[]> {
  const { sql, params } = buildKpiSumsSql(q);
  return db.query(sql, params) as Promise<unknown[]> as Promise<KpiSumsRow[]>;
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
}

/**
 * A token that changes whenever contacts may have changed: every ingest, committed or not,
 * adds or finishes a batch row. Cheap (the batch table is small), so answers derived from
 * whole-table scans can be cached against it.
 */
export async function queryDataVersion(db: Database): Promise<string> {
  const [row] = await db.query<{ v: string }>(
    `SELECT count(*)::VARCHAR || ':' || coalesce(max(batch_id), 0)::VARCHAR || ':' || coalesce(max(epoch_us(finished_at)), 0)::VARCHAR AS v
     FROM ingest_batches`,
  );
  return row!.v;
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
  return {
    queue: list(row!.queue),
    channel: list(row!.channel),
    plan: list(row!.plan),
    state: list(row!.state),
    tier: list<number>(row!.tier).map(Number),
    reason: list(row!.reason),
    minDate: (row!.minDate as string | null) ?? null,
    maxDate: (row!.maxDate as string | null) ?? null,
    contacts: Number(row!.contacts),
  };
}
