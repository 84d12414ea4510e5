/**
 * Which period a scorecard compares with, and whether the data covers it. Pure: dates in,
 * dates out (local `YYYY-MM-DD`, `from` inclusive, `to` exclusive).
 *
 * - `previous`: a calendar period (a whole year, quarter or month) is compared with the
 *   previous period of the same kind (Jul–Sep with Apr–Jun, Feb with Jan); any other range
 *   with the same number of days just before it.
 * - `year` (year over year): a calendar period, or any range, with the same dates a year
 *   earlier (29 Feb becomes 28 Feb); a range of whole Monday–Sunday weeks with the 52 weeks
 *   (364 days) earlier, so weekdays line up.
 *
 * Coverage compares a range with the dates that have data: `full` when the data spans it,
 * `none` when no day of it has data, `partial` otherwise. A change is only meaningful when
 * both periods are `full`.
 */
import { addDays, daysBetween, isoWeekday, parseDate } from '../wfm/timezone.ts';

export const COMPARE_MODES = ['previous', 'year'] as const;
export type CompareMode = (typeof COMPARE_MODES)[number];
export type PeriodKind = 'year' | 'quarter' | 'month' | 'weeks' | 'days';
export type Coverage = 'full' | 'partial' | 'none';

export interface DateRange {
  from: string;
  to: string;
}

/** `date` moved by `n` calendar months, clamped to the end of a shorter month. */
export function addMonths(date: string, n: number): string {
  const p = parseDate(date);
  if (!p) throw new Error(`invalid date: ${date}`);
  const first = new Date(Date.UTC(p.year, p.month - 1 + n, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(p.day, last));
  return first.toISOString().slice(0, 10);
}

/** What kind of period a range is: a calendar year, quarter or month, whole weeks, or days. */
export function periodKind({ from, to }: DateRange): PeriodKind {
  if (from.endsWith('-01')) {
    const month = Number(from.slice(5, 7));
    if (month === 1 && to === addMonths(from, 12)) return 'year';
    if ((month - 1) % 3 === 0 && to === addMonths(from, 3)) return 'quarter';
    if (to === addMonths(from, 1)) return 'month';
  }
  const days = daysBetween(from, to);
  if (isoWeekday(from) === 1 && days > 0 && days % 7 === 0) return 'weeks';
  return 'days';
}

const MONTHS: Partial<Record<PeriodKind, number>> = { year: 12, quarter: 3, month: 1 };

/** The range a scorecard for `range` is compared with. */
export function comparisonRange(range: DateRange, mode: CompareMode): DateRange & { kind: PeriodKind } {
  const kind = periodKind(range);
  if (mode === 'year') {
    if (kind === 'weeks') return { from: addDays(range.from, -364), to: addDays(range.to, -364), kind };
    return { from: addMonths(range.from, -12), to: addMonths(range.to, -12), kind };
  }
  const months = MONTHS[kind];
  if (months !== undefined) return { from: addMonths(range.from, -months), to: range.from, kind };
  return { from: addDays(range.from, -daysBetween(range.from, range.to)), to: range.from, kind };
}

/** How much of `range` the data (first and last local dates with contacts) covers. */
export function coverage(range: DateRange, data: { minDate: string | null; maxDate: string | null }): Coverage {
  if (!data.minDate || !data.maxDate) return 'none';
  const last = addDays(range.to, -1);
  if (last < data.minDate || range.from > data.maxDate) return 'none';
  if (range.from >= data.minDate && last <= data.maxDate) return 'full';
  return 'partial';
}
