/**
 * The history the capacity planner's defaults come from (server/wfm/capacity/history.ts):
 *
 * - `contactHistoryByMonth`: contacts by site-local month, channel and tier: offered contacts
 *   (IVR-contained excluded), the AHT numerator and denominator (handle_s is null when not
 *   answered or flagged), and each month's first and last local date with contacts, so partial
 *   months can be told apart;
 * - `contactShapeByChannel`: offered contacts by channel, local weekday (ISO, Monday 1) and
 *   local time of the 30-minute interval, for each channel's weekly and intraday shape;
 * - `enrollmentHistory` / `storeEnrollmentHistory`: members per plan and month (migration 14);
 * - `caseHistoryByMonth`: cases received by site-local month, type and tier, from the case log
 *   (issue 11's `cases` table), with each month's first and last local date of receipt;
 * - `capacityHistoryDefaults`: all of them through the pure defaults (history.ts, caseHistory.ts),
 *   what GET /api/capacity/history and `staffcast capacity --from-history` answer with. The
 *   two contact queries are read from the KPI rollups while those are current
 *   (capacityHistoryRollup.ts: the same rows, without scanning every contact).
 */
import { type CaseMonthRow, caseWorkFromHistory } from '../../wfm/capacity/caseHistory.ts';
import type { EnrollmentRow } from '../../wfm/capacity/enrollment.ts';
import { type HistoryDefaults, historyDefaults, type MonthHistoryRow, type ShapeHistoryRow } from '../../wfm/capacity/history.ts';
import { handleMinutesFor } from '../../wfm/cases/workload.ts';
import { type Database, queryRows } from '../database.ts';
import { contactHistoryByMonthFromRollup, contactShapeByChannelFromRollup } from './capacityHistoryRollup.ts';
import { dailyRollupIsCurrent } from './dailyRollup.ts';

export async function contactHistoryByMonth(db: Database): Promise<MonthHistoryRow[]> {
  return db.query<MonthHistoryRow & Record<string, unknown>>(
    `WITH c AS (
       SELECT strftime(local_date, '%Y-%m') AS month, channel, tier::INTEGER AS tier, local_date, handle_s
       FROM contacts WHERE NOT coalesce(ivr_contained, false)
     ),
     months AS (
       SELECT month, strftime(min(local_date), '%Y-%m-%d') AS firstDate, strftime(max(local_date), '%Y-%m-%d') AS lastDate
       FROM c GROUP BY month
     )
     SELECT c.month, c.channel, c.tier, count(*)::INTEGER AS offered, count(c.handle_s)::INTEGER AS handled,
       coalesce(sum(c.handle_s), 0)::DOUBLE AS handleSum, any_value(m.firstDate) AS firstDate, any_value(m.lastDate) AS lastDate
     FROM c JOIN months m USING (month)
     GROUP BY c.month, c.channel, c.tier
     ORDER BY c.month, c.channel, c.tier`,
  );
}

/**
 * Offered contacts (IVR-contained excluded) by channel, ISO weekday of the local date and the
 * local start time (HH:MM) of the 30-minute interval, in the site zone `timezone`; with the
 * number of distinct local dates of each weekday, so a weekday's mean can be taken.
 */
export async function contactShapeByChannel(db: Database, timezone: string): Promise<ShapeHistoryRow[]> {
  return db.query<ShapeHistoryRow & Record<string, unknown>>(
    `WITH c AS (
       SELECT channel, isodow(local_date)::INTEGER AS weekday, strftime(timezone($tz, interval30), '%H:%M') AS time
       FROM contacts WHERE NOT coalesce(ivr_contained, false)
     )
     SELECT channel, weekday, time, count(*)::INTEGER AS contacts
     FROM c GROUP BY channel, weekday, time ORDER BY channel, weekday, time`,
    { tz: timezone },
  );
}

export async function enrollmentHistory(db: Database): Promise<EnrollmentRow[]> {
  return db.query<EnrollmentRow & Record<string, unknown>>('SELECT month, plan, members::DOUBLE AS members FROM enrollment_history ORDER BY month, plan');
}

/** Stores the rows in one transaction; a plan's month already stored is replaced. */
export async function storeEnrollmentHistory(db: Database, rows: readonly EnrollmentRow[]): Promise<void> {
  await db.transaction(async (conn) => {
    for (const r of rows) {
      await queryRows(conn, 'INSERT OR REPLACE INTO enrollment_history (month, plan, members, loaded_at) VALUES ($month, $plan, $members::DOUBLE, now())', {
        month: r.month,
        plan: r.plan,
        members: r.members,
      });
    }
  });
}

/** Cases received by site-local month (zone `timezone`), type and tier. */
export async function caseHistoryByMonth(db: Database, timezone: string): Promise<CaseMonthRow[]> {
  return db.query<CaseMonthRow & Record<string, unknown>>(
    `WITH c AS (
       SELECT timezone($tz, received_at)::DATE AS local_date, type, tier::INTEGER AS tier FROM cases
     ),
     m AS (
       SELECT strftime(local_date, '%Y-%m') AS month, local_date, type, tier FROM c
     ),
     months AS (
       SELECT month, strftime(min(local_date), '%Y-%m-%d') AS firstDate, strftime(max(local_date), '%Y-%m-%d') AS lastDate FROM m GROUP BY month
     )
     SELECT m.month, m.type, m.tier, count(*)::INTEGER AS cases, any_value(months.firstDate) AS firstDate, any_value(months.lastDate) AS lastDate
     FROM m JOIN months USING (month)
     GROUP BY m.month, m.type, m.tier
     ORDER BY m.month, m.type, m.tier`,
    { tz: timezone },
  );
}

/** Where the contact history is read from: the KPI rollups when current, or the contact rows. */
export type ContactHistorySource = 'auto' | 'contacts';

/**
 * The capacity planner's defaults from this database: contacts, enrollment, channel shapes and
 * the case log, with case handle time per type from the case log's own assumptions
 * (server/wfm/cases/workload.ts `handleMinutesFor`). One committed state answers all of them
 * (a snapshot). The contact history comes from the KPI rollups when they are current
 * (`source` 'auto'), else from the contact rows; 'contacts' always reads the rows (tests).
 */
export async function capacityHistoryDefaults(db: Database, timezone: string, source: ContactHistorySource = 'auto'): Promise<HistoryDefaults> {
  return db.snapshot(async (s) => {
    const rollup = source === 'auto' && (await s.withConnection(dailyRollupIsCurrent));
    const [months, enrollment, shapes, cases] = await Promise.all([
      rollup ? contactHistoryByMonthFromRollup(s) : contactHistoryByMonth(s),
      enrollmentHistory(s),
      rollup ? contactShapeByChannelFromRollup(s, timezone) : contactShapeByChannel(s, timezone),
      caseHistoryByMonth(s, timezone),
    ]);
    return historyDefaults(
      months,
      enrollment,
      shapes,
      caseWorkFromHistory(cases, enrollment, (type) => handleMinutesFor(type) / 60),
    );
  });
}
