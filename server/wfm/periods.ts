/**
 * Reporting periods in the site's local time: the grid of periods a date range covers (so
 * empty periods show as 0, not as gaps) and the ISO label of each. Pure.
 *
 * Interval and hour periods are keyed by the epoch milliseconds of their start instant, so
 * the repeated hour of the fall-back day stays two periods; day, week (Monday), month and
 * quarter periods by their first local date.
 */
import { addDays, formatLocalIso, isoWeekday, localDayIntervals, startOfLocalDay } from './timezone.ts';

/** The periods a KPI can be asked by. */
export const PERIODS = ['interval15', 'interval30', 'hour', 'day', 'week', 'month', 'quarter'] as const;
export type PeriodBy = (typeof PERIODS)[number];
export type PeriodKey = number | string;

const INTERVAL_MINUTES: Partial<Record<PeriodBy, number>> = { interval15: 15, interval30: 30, hour: 60 };

/** First local date of the period of `by` that contains `date`. */
export function periodStartDate(by: 'day' | 'week' | 'month' | 'quarter', date: string): string {
  switch (by) {
    case 'day':
      return date;
    case 'week':
      return addDays(date, 1 - isoWeekday(date));
    case 'month':
      return `${date.slice(0, 8)}01`;
    case 'quarter': {
      const m = Number(date.slice(5, 7));
      const q = Math.floor((m - 1) / 3) * 3 + 1;
      return `${date.slice(0, 5)}${String(q).padStart(2, '0')}-01`;
    }
  }
}

function nextPeriodDate(by: 'day' | 'week' | 'month' | 'quarter', start: string): string {
  if (by === 'day') return addDays(start, 1);
  if (by === 'week') return addDays(start, 7);
  const months = by === 'month' ? 1 : 3;
  const y = Number(start.slice(0, 4));
  const m = Number(start.slice(5, 7)) - 1 + months;
  return `${y + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}-01`;
}

/**
 * Keys of every period of `by` that overlaps the local dates [from, to). Hours are built
 * from the local day's 60-minute grid, which in whole-hour-offset zones is the wall-clock hour.
 */
export function periodGrid(by: PeriodBy, from: string, to: string, timeZone: string): PeriodKey[] {
  const keys: PeriodKey[] = [];
  const minutes = INTERVAL_MINUTES[by];
  if (minutes) {
    for (let d = from; d < to; d = addDays(d, 1)) keys.push(...localDayIntervals(d, timeZone, minutes));
    return keys;
  }
  const dateBy = by as 'day' | 'week' | 'month' | 'quarter';
  for (let d = periodStartDate(dateBy, from); d < to; d = nextPeriodDate(dateBy, d)) keys.push(d);
  return keys;
}

/** The local start of a period as ISO 8601 with its offset, e.g. `2025-11-02T01:30:00-08:00`. */
export function periodLabel(key: PeriodKey, timeZone: string): string {
  return typeof key === 'number' ? formatLocalIso(key, timeZone) : formatLocalIso(startOfLocalDay(key, timeZone), timeZone);
}
