/**
 * The capacity planner's contact history (capacityHistory.ts) read from the KPI rollups
 * (dailyRollup.ts) instead of the contact rows: the same rows, a scan of the day and
 * interval sums instead of every contact (1 M contacts: ~90 k daily and ~220 k interval
 * rows, read in tens of milliseconds where the contacts took most of a second).
 *
 * Why the figures are the same (test/integration/capacity-history-rollup.test.ts proves it
 * on a hand-made fixture and on generated data):
 *
 * - `offered` is the rollups' `offered`: count(*) of the contacts not IVR-contained
 *   (kpiSums.ts), exactly what the contact query counts;
 * - `handled`, `handleSum` are the rollups' `handled` and `handleSum`: count and sum of
 *   handle_s over offered contacts that were answered. The contact query takes them over
 *   offered contacts without asking for an answer, and that is the same set: handle_s is
 *   null on every unanswered contact (ingest-parse.ts sets it only when answered_at is set);
 * - months, dates, channels and tiers are the rollups' keys (local_date, channel, tier);
 *   weekdays and 30-minute times come from local_date and interval30, the same columns the
 *   contact query reads, converted the same way;
 * - a rollup row exists for every day (or interval) × key with any contact, IVR-contained
 *   ones included, so rows with `offered` = 0 are left out: a group, and a month's first and
 *   last date, exist exactly when some offered contact is in them.
 *
 * Counts add exactly. Handle seconds are summed per day, then the days: whole or binary
 * fractions of seconds (sums under 2^53) give the same double either way; other fractions
 * can differ in the last bits, as the contact query's own parallel sum already does from run
 * to run (DuckDB sums floating point in no fixed order).
 *
 * Use them only while the rollups are current (`dailyRollupIsCurrent`): a rollup of an older
 * definition is rebuilt at the next start and, until then, the contact query answers.
 */
import type { MonthHistoryRow, ShapeHistoryRow } from '../../wfm/capacity/history.ts';
import type { Database } from '../database.ts';
import { ROLLUPS } from './dailyRollup.ts';

/** `contactHistoryByMonth` from the daily rollup. */
export async function contactHistoryByMonthFromRollup(db: Database): Promise<MonthHistoryRow[]> {
  return db.query<MonthHistoryRow & Record<string, unknown>>(
    `WITH d AS (
       SELECT strftime(local_date, '%Y-%m') AS month, channel, tier::INTEGER AS tier, local_date, offered, handled, "handleSum"
       FROM ${ROLLUPS.daily.table} WHERE offered > 0
     ),
     months AS (
       SELECT month, strftime(min(local_date), '%Y-%m-%d') AS firstDate, strftime(max(local_date), '%Y-%m-%d') AS lastDate
       FROM d GROUP BY month
     )
     SELECT d.month, d.channel, d.tier, sum(d.offered)::INTEGER AS offered, sum(d.handled)::INTEGER AS handled,
       coalesce(sum(d."handleSum"), 0)::DOUBLE AS handleSum, any_value(m.firstDate) AS firstDate, any_value(m.lastDate) AS lastDate
     FROM d JOIN months m USING (month)
     GROUP BY d.month, d.channel, d.tier
     ORDER BY d.month, d.channel, d.tier`,
  );
}

/**
 * `contactShapeByChannel` from the interval rollup: its rows first added over the 15-minute
 * intervals and queues of each local date and 30-minute interval, so the time-zone
 * conversion runs once per interval, not once per rollup row.
 */
export async function contactShapeByChannelFromRollup(db: Database, timezone: string): Promise<ShapeHistoryRow[]> {
  return db.query<ShapeHistoryRow & Record<string, unknown>>(
    `WITH r AS (
       SELECT channel, local_date, interval30, sum(offered) AS n
       FROM ${ROLLUPS.interval.table} WHERE offered > 0
       GROUP BY channel, local_date, interval30
     )
     SELECT channel, isodow(local_date)::INTEGER AS weekday, strftime(timezone($tz, interval30), '%H:%M') AS time, sum(n)::INTEGER AS contacts
     FROM r GROUP BY channel, weekday, time ORDER BY channel, weekday, time`,
    { tz: timezone },
  );
}
