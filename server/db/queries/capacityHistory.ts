/**
 * Contacts by site-local month, channel and tier for the capacity planner's history defaults
 * (server/wfm/capacity/history.ts): offered contacts (IVR-contained excluded), the AHT numerator
 * and denominator (handle_s is null when not answered or flagged), and each month's first and
 * last local date with contacts, so partial months can be told apart.
 */
import type { MonthHistoryRow } from '../../wfm/capacity/history.ts';
import type { Database } from '../database.ts';

export async function contactHistoryByMonth(db: Database): Promise<MonthHistoryRow[]> {
  return db.query<MonthHistoryRow & Record<string, unknown>>(
    `WITH c AS (
       SELECT strftime(local_date, '%Y-%m') AS month, channel, tier::INTEGER AS tier, local_date, handle_s
       FROM contacts WHERE NOT ivr_contained
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
