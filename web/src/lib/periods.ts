/**
 * Reading the API's `period` strings (the local start of a period, ISO 8601 with its UTC
 * offset, e.g. `2025-11-02T01:30:00-08:00`) without converting them to the browser's zone.
 * The local wall clock is in the string itself, so a chart labels periods from the text;
 * on the fall-back day the repeated 01:00–01:59 keeps its two offsets apart.
 *
 * Charts place periods by index (one slot per interval or day), so a 25-hour day simply
 * has 100 quarter-hour slots and no time is ever invented or collapsed.
 */

import { addDays } from './dates.ts';

/** The local date `YYYY-MM-DD` of a period string (or a bare date). */
export function periodDate(period: string): string {
  return period.slice(0, 10);
}

/** The local wall-clock time `HH:MM` of a period string; `00:00` for a bare date. */
export function periodTime(period: string): string {
  return period.length >= 16 ? period.slice(11, 16) : '00:00';
}

/** Minutes since local midnight on the wall clock (`01:30` -> 90). */
export function periodMinuteOfDay(period: string): number {
  const t = periodTime(period);
  return +t.slice(0, 2) * 60 + +t.slice(3, 5);
}

/** The UTC offset of a period string, `-08:00`, or '' when it has none. */
export function periodOffset(period: string): string {
  const m = /([+-]\d{2}:\d{2}|Z)$/.exec(period);
  return m && period.length > 10 ? m[1]! : '';
}

/**
 * Indexes of `periods` that deserve an axis tick, at most about `maxTicks` of them: for
 * intervals, local midnights (or every few hours within a single day); for days, Mondays
 * or firsts of months depending on the span.
 */
export function tickIndexes(periods: readonly string[], intraday: boolean, maxTicks: number): number[] {
  const n = periods.length;
  if (n === 0) return [];
  const limit = Math.max(2, maxTicks);
  if (intraday) {
    const days = new Set(periods.map(periodDate)).size;
    if (days > 1 && days <= limit) {
      return periods.flatMap((p, i) => (i === 0 || periodDate(p) !== periodDate(periods[i - 1]!) ? [i] : []));
    }
    if (days > limit)
      return everyNth(
        periods.flatMap((p, i) => (i === 0 || periodDate(p) !== periodDate(periods[i - 1]!) ? [i] : [])),
        limit,
      );
    // Within one day: whole hours spaced evenly.
    for (const step of [1, 2, 3, 4, 6, 12]) {
      const idx = periods.flatMap((p, i) => (periodMinuteOfDay(p) % (step * 60) === 0 && periodTime(p).endsWith(':00') ? [i] : []));
      const unique = dedupeRepeatedHour(idx, periods);
      if (unique.length <= limit) return unique;
    }
    return everyNth(
      periods.map((_, i) => i),
      limit,
    );
  }
  if (n <= limit) return periods.map((_, i) => i);
  // A monthly series (every period the 1st of a month): evenly spaced months, not Mondays.
  if (periods.every((p) => periodDate(p).endsWith('-01')))
    return everyNth(
      periods.map((_, i) => i),
      limit,
    );
  const mondays = periods.flatMap((p, i) => (new Date(`${periodDate(p)}T00:00:00Z`).getUTCDay() === 1 ? [i] : []));
  if (mondays.length <= limit) return mondays;
  const firsts = periods.flatMap((p, i) => (periodDate(p).endsWith('-01') ? [i] : []));
  if (firsts.length <= limit) return firsts;
  return everyNth(firsts, limit);
}

/** Keeps one tick per wall-clock time (the fall-back day repeats 01:00). */
function dedupeRepeatedHour(idx: number[], periods: readonly string[]): number[] {
  const seen = new Set<string>();
  return idx.filter((i) => {
    const key = `${periodDate(periods[i]!)} ${periodTime(periods[i]!)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function everyNth(idx: number[], limit: number): number[] {
  const step = Math.ceil(idx.length / limit);
  return idx.filter((_, k) => k % step === 0);
}

/**
 * Whether FCR for the period `start`–`end` (local dates, `end` exclusive) is provisional:
 * it is when the period reaches the day of `knownUntilDate` (the last day on which every
 * answered contact's repeat window has closed, from `/api/scorecard`'s `fcr`), since the
 * contacts after that instant are left out until their window closes. `maturesOn` is
 * when the last of its windows closes: its last day with data plus the window.
 */
export function fcrMaturity(start: string, end: string, fcr: { knownUntilDate: string | null; windowDays: number }, maxDate: string | null): { provisional: boolean; maturesOn: string | null } {
  if (!fcr.knownUntilDate || !maxDate || start > maxDate) return { provisional: false, maturesOn: null };
  const last = addDays(end, -1) < maxDate ? addDays(end, -1) : maxDate;
  const maturesOn = addDays(last, Math.ceil(fcr.windowDays));
  return { provisional: end > fcr.knownUntilDate, maturesOn };
}
