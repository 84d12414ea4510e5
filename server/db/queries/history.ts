/**
 * History of one series (a queue, optionally one channel) for forecasting: offered contacts
 * and the AHT numerator/denominator per local day and per local 15/30-minute interval.
 * Offered = contacts that reached the queue (IVR-contained excluded); AHT = Σ handle_s /
 * count(handle_s) over those (handle_s is null when not answered or flagged). Numerators and
 * denominators are returned, not ratios, so callers can roll intervals into days.
 *
 * Interval reports (interval_aggregates) add their offered, and answered with their summed
 * handle time, where no contacts of the same queue and channel fall in their interval
 * (contacts win: intervalSums.ts); a report row counts in the day and interval of its start.
 *
 * Values are bound; the only spliced identifiers are the interval column, from a whitelist,
 * and fixed SQL fragments chosen by whether a filter is present.
 */
import type { Database, Params } from '../database.ts';
import { COUNTED_AGGREGATES } from './intervalSums.ts';

export interface SeriesKey {
  queue: string;
  /** Absent or null: all channels together. */
  channel?: string | null;
}

export interface DailyHistoryRow {
  date: string;
  offered: number;
  handled: number;
  handleSum: number;
}

export interface IntervalHistoryRow {
  /** Interval start instant, epoch ms. */
  start: number;
  offered: number;
  handled: number;
  handleSum: number;
}

export interface SeriesRange {
  queue: string;
  channel: string;
  firstDate: string;
  lastDate: string;
}

const INTERVAL_COLUMN: Record<15 | 30, string> = { 15: 'interval15', 30: 'interval30' };

const SUMS = `
  count(*) FILTER (WHERE NOT coalesce(ivr_contained, false))::INTEGER AS offered,
  count(handle_s) FILTER (WHERE NOT coalesce(ivr_contained, false))::INTEGER AS handled,
  coalesce(sum(handle_s) FILTER (WHERE NOT coalesce(ivr_contained, false)), 0)::DOUBLE AS "handleSum"`;

/** The same three sums over interval aggregates (alias a), for the rows that count. */
const AGGREGATE_SUMS = `
  sum(a.offered)::INTEGER AS offered,
  coalesce(sum(a.answered) FILTER (WHERE a.handle_sum IS NOT NULL), 0)::INTEGER AS handled,
  coalesce(sum(a.handle_sum), 0)::DOUBLE AS "handleSum"`;

/** Contact sums and aggregate sums per key, added: `key` is the SELECT list of the key columns. */
function withAggregates(key: string, keyName: string, where: string): string {
  return `SELECT ${keyName}, sum(offered)::INTEGER AS offered, sum(handled)::INTEGER AS handled, sum("handleSum")::DOUBLE AS "handleSum" FROM (
      SELECT ${key}, ${SUMS} FROM contacts WHERE ${where} GROUP BY ALL
      UNION ALL
      SELECT ${key}, ${AGGREGATE_SUMS} FROM interval_aggregates a WHERE ${where} AND ${COUNTED_AGGREGATES} GROUP BY ALL)
    GROUP BY ${keyName} ORDER BY ${keyName}`;
}

/** WHERE clause and params for a series over local dates [from, to] (inclusive, optional). */
function seriesWhere(key: SeriesKey, from?: string, to?: string): { sql: string; params: Params } {
  const params: Params = { queue: key.queue };
  const parts = ['queue = $queue'];
  if (key.channel) {
    parts.push('channel = $channel');
    params.channel = key.channel;
  }
  if (from) {
    parts.push('local_date >= $from::DATE');
    params.from = from;
  }
  if (to) {
    parts.push('local_date <= $to::DATE');
    params.to = to;
  }
  return { sql: parts.join(' AND '), params };
}

/** Per local day with any contact; days without a row had none. Ordered by date. */
export function dailyHistory(db: Database, key: SeriesKey, from?: string, to?: string): Promise<DailyHistoryRow[]> {
  const w = seriesWhere(key, from, to);
  return db.query<DailyHistoryRow & Record<string, unknown>>(withAggregates(`strftime(local_date, '%Y-%m-%d') AS date`, 'date', w.sql), w.params);
}

/** Per local interval with any contact, for local dates [from, to]. Ordered by start. */
export function intervalHistory(db: Database, key: SeriesKey, minutes: 15 | 30, from: string, to: string): Promise<IntervalHistoryRow[]> {
  const col = INTERVAL_COLUMN[minutes];
  if (!col) throw new Error(`invalid minutes: ${minutes} (15 or 30)`);
  const w = seriesWhere(key, from, to);
  return db.query<IntervalHistoryRow & Record<string, unknown>>(withAggregates(`epoch_ms(${col})::DOUBLE AS start`, 'start', w.sql), w.params);
}

/** First and last local date with offered contacts of one series; null when it has none. */
export async function seriesRange(db: Database, key: SeriesKey): Promise<{ firstDate: string; lastDate: string } | null> {
  const w = seriesWhere(key);
  const rows = await db.query<{ firstDate: string | null; lastDate: string | null }>(
    `SELECT strftime(min(d), '%Y-%m-%d') AS "firstDate", strftime(max(d), '%Y-%m-%d') AS "lastDate" FROM (
       SELECT local_date AS d FROM contacts WHERE ${w.sql} AND NOT coalesce(ivr_contained, false)
       UNION ALL SELECT local_date FROM interval_aggregates a WHERE ${w.sql} AND a.offered > 0 AND ${COUNTED_AGGREGATES})`,
    w.params,
  );
  const r = rows[0];
  return r?.firstDate && r.lastDate ? { firstDate: r.firstDate, lastDate: r.lastDate } : null;
}

/** Every (queue, channel) with offered contacts, with its first and last local date. */
export function seriesRanges(db: Database): Promise<SeriesRange[]> {
  return db.query<SeriesRange & Record<string, unknown>>(
    `SELECT queue, channel,
       strftime(min(local_date), '%Y-%m-%d') AS "firstDate",
       strftime(max(local_date), '%Y-%m-%d') AS "lastDate"
     FROM (SELECT queue, channel, local_date FROM contacts WHERE NOT coalesce(ivr_contained, false)
           UNION ALL SELECT queue, channel, local_date FROM interval_aggregates a WHERE a.offered > 0 AND ${COUNTED_AGGREGATES})
     GROUP BY queue, channel ORDER BY queue, channel`,
  );
}
