/**
 * The counts behind each SLA reading (server/wfm/sla/counts.ts, `SlaCounts`) per period and
 * group, summed in SQL. Business waits are computed in the database: the site calendar comes
 * in as rows of open intervals (and business days) per queue and channel
 * (server/wfm/sla/calendarTables.ts), bound as one JSON parameter, and each contact's offered
 * and answered instants are matched to them with ASOF joins (B(t1) − B(t0), see there).
 * Building the SQL is pure (`buildSlaCountsSql`); every value is bound; identifiers come from
 * the whitelists in kpis.ts.
 */
import type { Database } from '../database.ts';
import type { SlaDefinition, SlaPeriod } from '../../wfm/sla/definition.ts';
import type { SlaCounts } from '../../wfm/sla/counts.ts';
import type { BusinessDayRow, OpenIntervalRow, QueueChannel } from '../../wfm/sla/calendarTables.ts';
import { DIMENSION_SQL, type Dimension, filterSql, type SqlParams } from './kpis.ts';

const PERIOD_KEY: Record<SlaPeriod, string> = {
  day: "strftime(local_date, '%Y-%m-%d')",
  week: "strftime(date_trunc('week', local_date)::DATE, '%Y-%m-%d')",
  month: "strftime(date_trunc('month', local_date)::DATE, '%Y-%m-%d')",
  quarter: "strftime(date_trunc('quarter', local_date)::DATE, '%Y-%m-%d')",
};

export interface SlaCountsQuery {
  def: SlaDefinition;
  /** Local dates of offered_at, [from, to). */
  from: string;
  to: string;
  where: Partial<Record<Dimension, string[]>>;
  group: Dimension[];
  /** null: one row per group over the whole range. */
  period: SlaPeriod | null;
  timezone: string;
  /** Needed when the window is business_hours or the unit is business hours or days (the wait sum is in business seconds). */
  intervals: OpenIntervalRow[];
  /** Needed when the unit is business_days. */
  businessDays: BusinessDayRow[];
  /**
   * The data's end (epoch ms of the latest offered_at): a service-level message not answered
   * and not ended whose deadline is after it is pending, not counted. null: none pending.
   */
  asOfMs?: number | null;
}

export type SlaCountsRow = SlaCounts & { periodKey: string | null } & Partial<Record<Dimension, string | number | null>>;

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** The SQL of one definition's counts. */
export function buildSlaCountsSql(q: SlaCountsQuery): { sql: string; params: SqlParams } {
  const { def } = q;
  const params: SqlParams = { short: def.shortAbandonSeconds };
  const where = ['NOT coalesce(ivr_contained, false)', ...filterSql(q, params)];
  const list = (name: string, values: readonly (string | number)[], col: string, cast: string) => {
    if (!values.length) return;
    const names = values.map((v, i) => {
      params[`${name}${i}`] = v;
      return `$${name}${i}::${cast}`;
    });
    where.push(`${col} IN (${names.join(', ')})`);
  };
  list('sc', def.channels, 'channel', 'VARCHAR');
  list('sq', def.queues, 'queue', 'VARCHAR');
  list('st', def.tiers, 'tier::INTEGER', 'INTEGER');

  const keys = [q.period ? `${PERIOD_KEY[q.period]} AS "periodKey"` : 'NULL AS "periodKey"', ...q.group.map((d) => `${DIMENSION_SQL[d]} AS "${d}"`)];
  const keyNames = ['"periodKey"', ...q.group.map((d) => `"${d}"`)];

  const businessClock = def.unit === 'business_hours' || def.unit === 'business_days';
  const useIntervals = def.window === 'business_hours' || businessClock;
  const useDays = def.unit === 'business_days';
  if (useIntervals) params.iv = JSON.stringify(q.intervals.map((r) => [r.queue, r.channel, r.start, r.end, r.before]));
  if (useDays) params.bd = JSON.stringify(q.businessDays.map((r) => [r.queue, r.channel, r.date, r.n, r.closeMs]));

  let inWindow = 'true';
  if (def.window === 'business_hours') inWindow = '(s0 IS NOT NULL AND t0 < e0)';
  else if (typeof def.window === 'object') {
    params.tz = q.timezone;
    params.wStart = minutesOf(def.window.start);
    params.wEnd = minutesOf(def.window.end);
    const local = 'offered_at AT TIME ZONE $tz::VARCHAR';
    const minute = `(hour(${local}) * 60 + minute(${local}) + second(${local}) / 60.0)`;
    inWindow = `(isodow(${local}) IN (${def.window.weekdays.map((d) => Number(d)).join(', ')}) AND ${minute} >= $wStart AND ${minute} < $wEnd)`;
  }

  // Wait of an answered contact in the definition's clock, seconds.
  const businessWait = '((coalesce(b1 + least(t1 - s1, e1 - s1), 0) - coalesce(b0 + least(t0 - s0, e0 - s0), 0)) / 1000.0)';
  const waitExpr = businessClock ? businessWait : 'wait_s';
  let within = 'false';
  if (def.metric === 'service_level' && def.threshold !== null) {
    if (useDays) {
      params.thr = def.threshold;
      within = 'due_ms IS NOT NULL AND t1 <= due_ms';
    } else {
      params.thr = def.threshold * (def.unit === 'minutes' ? 60 : def.unit === 'business_hours' ? 3600 : 1);
      within = `${waitExpr} <= $thr`;
    }
  }

  const ivCte = `iv AS MATERIALIZED (SELECT v[1]::VARCHAR AS iq, v[2]::VARCHAR AS ic, v[3]::DOUBLE AS s, v[4]::DOUBLE AS e, v[5]::DOUBLE AS b
                        FROM (SELECT unnest(from_json($iv::VARCHAR, '["JSON"]')) AS v0), LATERAL (SELECT from_json(v0, '["VARCHAR"]') AS v))`;
  const bdCte = `bd AS MATERIALIZED (SELECT v[1]::VARCHAR AS dq, v[2]::VARCHAR AS dc, v[3]::DATE AS d, v[4]::INTEGER AS n, v[5]::DOUBLE AS close_ms
                        FROM (SELECT unnest(from_json($bd::VARCHAR, '["JSON"]')) AS v0), LATERAL (SELECT from_json(v0, '["VARCHAR"]') AS v))`;
  const ctes = [
    `base AS (SELECT ${keys.join(', ')}, queue AS q_, channel AS c_, local_date AS d_,
       epoch_ms(offered_at)::DOUBLE AS t0, epoch_ms(answered_at)::DOUBLE AS t1,
       answered_at IS NOT NULL AS is_answered, ended_at IS NULL AS no_end, wait_s, offered_at
     FROM contacts WHERE ${where.join(' AND ')})`,
  ];
  let last = 'base';
  if (useIntervals) {
    ctes.unshift(ivCte);
    ctes.push(
      `j0 AS (SELECT base.*, iv.s AS s0, iv.e AS e0, iv.b AS b0, coalesce(iv.b + least(base.t0 - iv.s, iv.e - iv.s), 0) AS bt0 FROM base ASOF LEFT JOIN iv ON base.q_ = iv.iq AND base.c_ = iv.ic AND base.t0 >= iv.s)`,
    );
    last = 'j0';
    if (businessClock) {
      // The answered instant's business time is needed only when the wait runs on the calendar.
      ctes.push(`j1 AS (SELECT j0.*, iv.s AS s1, iv.e AS e1, iv.b AS b1 FROM j0 ASOF LEFT JOIN iv ON j0.q_ = iv.iq AND j0.c_ = iv.ic AND j0.t1 >= iv.s)`);
      last = 'j1';
    }
  }
  if (useDays) {
    ctes.unshift(bdCte);
    ctes.push(`k0 AS (SELECT ${last}.*, coalesce(bd.n, 0) AS n0 FROM ${last} ASOF LEFT JOIN bd ON ${last}.q_ = bd.dq AND ${last}.c_ = bd.dc AND ${last}.d_ >= bd.d)`);
    ctes.push(`k1 AS (SELECT k0.*, due.close_ms AS due_ms FROM k0 LEFT JOIN bd AS due ON k0.q_ = due.dq AND k0.c_ = due.dc AND due.n = k0.n0 + $thr::INTEGER)`);
    last = 'k1';
  }
  // Pending: a service-level contact neither answered nor ended whose deadline is after the data's end.
  let pending = 'false';
  if (def.metric === 'service_level' && def.threshold !== null && q.asOfMs !== undefined && q.asOfMs !== null) {
    params.asOf = q.asOfMs;
    let due: string;
    if (useDays) due = 'due_ms';
    else if (def.unit === 'business_hours') {
      // The instant the business clock reaches B(t0) + threshold: in the interval whose open
      // time before it is below that (beyond the rows: after the data's end, so pending).
      params.thrMs = def.threshold * 3_600_000;
      ctes.push(
        `d0 AS (SELECT ${last}.*, iv.s + (${last}.bt0 + $thrMs - iv.b) AS due_raw, (${last}.bt0 + $thrMs - iv.b) <= (iv.e - iv.s) AS due_in FROM ${last} ASOF LEFT JOIN iv ON ${last}.q_ = iv.iq AND ${last}.c_ = iv.ic AND (${last}.bt0 + $thrMs) > iv.b)`,
      );
      last = 'd0';
      due = 'CASE WHEN due_in THEN due_raw END';
    } else due = '(t0 + $thr * 1000)';
    pending = `(NOT is_answered AND no_end AND coalesce(${due} > $asOf, true))`;
  }
  ctes.push(`ev AS (SELECT *, ${inWindow} AS in_window, ${pending} AS is_pending FROM ${last})`);

  const sql = `
    WITH ${ctes.join(',\n    ')}
    SELECT ${keyNames.join(', ')},
      count(*) FILTER (WHERE in_window AND NOT is_pending)::DOUBLE AS offered,
      count(*) FILTER (WHERE in_window AND is_answered)::DOUBLE AS answered,
      count(*) FILTER (WHERE in_window AND NOT is_answered AND NOT is_pending)::DOUBLE AS abandoned,
      count(*) FILTER (WHERE in_window AND NOT is_answered AND wait_s < $short)::DOUBLE AS "shortAbandoned",
      count(*) FILTER (WHERE in_window AND is_answered AND ${within})::DOUBLE AS "answeredWithin",
      coalesce(sum(${waitExpr}) FILTER (WHERE in_window AND is_answered), 0)::DOUBLE AS "waitSum",
      count(*) FILTER (WHERE NOT in_window)::DOUBLE AS "outsideWindow",
      count(*) FILTER (WHERE in_window AND is_pending)::DOUBLE AS pending
    FROM ev
    GROUP BY ${keyNames.join(', ')}
    ORDER BY ${keyNames.join(', ')}`;
  return { sql, params };
}

export function querySlaCounts(db: Database, q: SlaCountsQuery): Promise<SlaCountsRow[]> {
  const { sql, params } = buildSlaCountsSql(q);
  return db.query<SlaCountsRow & Record<string, unknown>>(sql, params);
}

export interface SlaSpan extends QueueChannel {
  /** epoch ms of the first offered_at and of the last answered_at/ended_at (or offered_at). */
  firstMs: number;
  lastMs: number;
}

/** The queues and channels with contacts in [from, to), and the instants their waits span. */
export function querySlaSpans(db: Database, q: Pick<SlaCountsQuery, 'from' | 'to' | 'where'>): Promise<SlaSpan[]> {
  const params: SqlParams = {};
  const where = ['NOT coalesce(ivr_contained, false)', ...filterSql(q, params)];
  return db.query<SlaSpan & Record<string, unknown>>(
    `SELECT queue, channel, epoch_ms(min(offered_at))::DOUBLE AS "firstMs",
       epoch_ms(max(greatest(offered_at, coalesce(answered_at, offered_at), coalesce(ended_at, offered_at))))::DOUBLE AS "lastMs"
     FROM contacts WHERE ${where.join(' AND ')} GROUP BY queue, channel ORDER BY queue, channel`,
    params,
  );
}
