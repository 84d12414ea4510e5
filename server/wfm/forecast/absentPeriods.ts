/**
 * What an absent row of an exported series means (docs/forecast.md, "Absent periods"). Real
 * exports leave rows out for two reasons that must not be confused:
 *
 * - **closed**: the queue was not open (nights and weekends in a bank's export, a closed
 *   holiday). A closed period is a real 0.
 * - **missing**: the period happened but its row was lost (the Denver EMS log drops hours:
 *   its absent hours are not zero-call hours). A missing period is unknown: it is imputed or
 *   left out of fitting, never taught to a model as 0.
 *
 * The rule: a period the series leaves out most of the time is closed; one it usually has is
 * missing when absent. For a weekday (daily series) or a weekday × wall-clock slot (interval
 * series), "most of the time" is 80% or more of its occurrences; a whole day absent on an
 * open weekday is closed only when it is a US federal holiday. Pure.
 */
import { federalHolidayOn } from '../calendar.ts';
import { addDays, daysBetween, isoWeekday } from '../timezone.ts';
import type { DayGrid } from './dayGrid.ts';

/** A weekday or slot absent on at least this share of its occurrences is closed. */
export const CLOSED_SHARE = 0.8;

/** A day whose missing intervals would hold more than this share of its volume is left out. */
export const MAX_IMPUTED_SHARE = 0.5;

/** ISO weekday (1 = Monday … 7 = Sunday) → how many dates in [first, last] fall on it. */
function weekdayCounts(first: string, length: number): number[] {
  const counts = new Array<number>(8).fill(0);
  const w0 = isoWeekday(first);
  for (let i = 0; i < length; i++) counts[((w0 - 1 + i) % 7) + 1]!++;
  return counts;
}

const WEEKDAY_NAMES = ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

export interface DailyAbsences {
  /** One value per date from `start`; 0 for a closed absent day, null for a missing one. */
  values: (number | null)[];
  notes: string[];
}

/**
 * Fills the absent dates of a daily series from `start` (present values in `byDate`): closed
 * (0) on a weekday the series leaves out on ≥ 80% of its dates and on a federal holiday,
 * missing (null) otherwise. O(days).
 */
export function fillAbsentDays(start: string, last: string, byDate: ReadonlyMap<string, number>): DailyAbsences {
  const length = daysBetween(start, last) + 1;
  const total = weekdayCounts(start, length);
  const absent = new Array<number>(8).fill(0);
  for (let i = 0; i < length; i++) {
    const d = addDays(start, i);
    if (!byDate.has(d)) absent[isoWeekday(d)]!++;
  }
  const closedWeekday = absent.map((a, w) => w > 0 && total[w]! > 0 && a / total[w]! >= CLOSED_SHARE);
  const values: (number | null)[] = new Array(length);
  const missing: string[] = [];
  let holidays = 0;
  for (let i = 0; i < length; i++) {
    const d = addDays(start, i);
    const v = byDate.get(d);
    if (v !== undefined) values[i] = v;
    else if (closedWeekday[isoWeekday(d)]) values[i] = 0;
    else if (federalHolidayOn(d)) {
      values[i] = 0;
      holidays++;
    } else {
      values[i] = null;
      missing.push(d);
    }
  }
  const notes: string[] = [];
  const closedNames = closedWeekday.flatMap((c, w) => (c && absent[w]! > 0 ? [WEEKDAY_NAMES[w]!] : []));
  if (closedNames.length) notes.push(`absent ${plural(closedNames)} are closed days (0): the series leaves them out on at least 80% of their dates`);
  if (holidays) notes.push(`${holidays} absent federal holiday${holidays === 1 ? '' : 's'} read as closed (0)`);
  if (missing.length) {
    notes.push(`${missing.length} absent day${missing.length === 1 ? '' : 's'} on open weekdays (${listSome(missing)}) are unknown, not 0: left out of fitting`);
  }
  return { values, notes };
}

export interface IntervalAbsences {
  /** Daily totals from the first date; null for a day left out (wholly missing, or too much of it missing). */
  daily: (number | null)[];
  /** Interval starts that are unknown (absent, on an open slot of an open day). */
  missing: Set<number>;
  notes: string[];
}

/**
 * Classifies the absent intervals of an interval series and totals its days.
 *
 * - A weekday × slot present on under 20% of that weekday's days that have any row is a
 *   closed slot; a weekday wholly absent on ≥ 80% of its dates is a closed day; a federal
 *   holiday wholly absent is closed. Their absent intervals are 0.
 * - Any other absent interval is missing, unless `covered` holds it (the second instant of a
 *   repeated fall-back hour whose export has one row for it).
 * - A day's total is the sum of its rows when nothing is missing. With missing intervals it
 *   is imputed: observed / (1 − m), where m is the missing slots' share of the weekday's
 *   volume over the complete days of that weekday. With m > 50%, or a wholly missing day,
 *   the total is null (left out of fitting).
 *
 * O(days × slots).
 */
export function classifyAbsentIntervals(volume: ReadonlyMap<number, number>, grid: DayGrid, firstDate: string, lastDate: string, covered: ReadonlySet<number> = new Set()): IntervalAbsences {
  const length = daysBetween(firstDate, lastDate) + 1;
  const total = weekdayCounts(firstDate, length);
  // Presence per weekday × wall-clock slot, over the days that have at least one row.
  const present = Array.from({ length: 8 }, () => new Map<number, number>());
  const daysWithRows = new Array<number>(8).fill(0);
  const hasRows = new Array<boolean>(length).fill(false);
  for (let i = 0; i < length; i++) {
    const date = addDays(firstDate, i);
    const g = grid.day(date);
    const w = isoWeekday(date);
    let any = false;
    g.starts.forEach((t, k) => {
      if (volume.has(t)) {
        any = true;
        present[w]!.set(g.slots[k]!, (present[w]!.get(g.slots[k]!) ?? 0) + 1);
      }
    });
    hasRows[i] = any;
    if (any) daysWithRows[w]!++;
  }
  const closedDay = daysWithRows.map((d, w) => w > 0 && total[w]! > 0 && (total[w]! - d) / total[w]! >= CLOSED_SHARE);
  const openSlot = (w: number, slot: number) => daysWithRows[w]! > 0 && (present[w]!.get(slot) ?? 0) / daysWithRows[w]! > 1 - CLOSED_SHARE;

  // Missing intervals, and the weekday × slot volume over complete days (for shares).
  const missing = new Set<number>();
  const missingByDay: number[][] = Array.from({ length }, () => []);
  for (let i = 0; i < length; i++) {
    if (!hasRows[i]) continue;
    const date = addDays(firstDate, i);
    const g = grid.day(date);
    const w = isoWeekday(date);
    g.starts.forEach((t, k) => {
      if (!volume.has(t) && !covered.has(t) && openSlot(w, g.slots[k]!)) {
        missing.add(t);
        missingByDay[i]!.push(k);
      }
    });
  }
  const slotSum = Array.from({ length: 8 }, () => new Map<number, number>());
  const daySum = new Array<number>(8).fill(0);
  for (let i = 0; i < length; i++) {
    if (!hasRows[i] || missingByDay[i]!.length) continue;
    const date = addDays(firstDate, i);
    const g = grid.day(date);
    if (g.dst) continue;
    const w = isoWeekday(date);
    g.starts.forEach((t, k) => {
      const v = volume.get(t) ?? 0;
      slotSum[w]!.set(g.slots[k]!, (slotSum[w]!.get(g.slots[k]!) ?? 0) + v);
      daySum[w]! += v;
    });
  }

  const daily: (number | null)[] = new Array(length);
  let imputedDays = 0;
  let missingDays = 0;
  let heavyDays = 0;
  let closedHolidays = 0;
  const wholeMissing: string[] = [];
  for (let i = 0; i < length; i++) {
    const date = addDays(firstDate, i);
    const g = grid.day(date);
    const w = isoWeekday(date);
    if (!hasRows[i]) {
      if (closedDay[w]) daily[i] = 0;
      else if (federalHolidayOn(date)) {
        daily[i] = 0;
        closedHolidays++;
      } else {
        daily[i] = null;
        g.starts.forEach((t, k) => {
          if (openSlot(w, g.slots[k]!)) missing.add(t);
        });
        missingDays++;
        wholeMissing.push(date);
      }
      continue;
    }
    let observed = 0;
    for (const t of g.starts) observed += volume.get(t) ?? 0;
    const gaps = missingByDay[i]!;
    if (!gaps.length) {
      daily[i] = observed;
      continue;
    }
    let share = 0;
    for (const k of gaps) share += daySum[w]! > 0 ? (slotSum[w]!.get(g.slots[k]!) ?? 0) / daySum[w]! : 1 / g.starts.length;
    if (share > MAX_IMPUTED_SHARE || daySum[w]! === 0) {
      daily[i] = null;
      heavyDays++;
    } else {
      daily[i] = observed / (1 - share);
      imputedDays++;
    }
  }
  const notes: string[] = [];
  const closedNames = closedDay.flatMap((c, w) => (c && daysWithRows[w]! < total[w]! ? [WEEKDAY_NAMES[w]!] : []));
  if (closedNames.length) notes.push(`absent ${plural(closedNames)} are closed days (0): the series leaves them out on at least 80% of their dates`);
  if (closedHolidays) notes.push(`${closedHolidays} absent federal holiday${closedHolidays === 1 ? '' : 's'} read as closed (0)`);
  const partial = missing.size - countWhole(wholeMissing, grid, missing);
  if (partial > 0) {
    notes.push(
      `${partial} interval${partial === 1 ? '' : 's'} absent on open slots are unknown, not 0: ${imputedDays} day${imputedDays === 1 ? '' : 's'} totalled with them imputed from the weekday's intraday shares` +
        (heavyDays ? `, ${heavyDays} day${heavyDays === 1 ? '' : 's'} with more than half the volume absent left out of fitting` : ''),
    );
  }
  if (missingDays) notes.push(`${missingDays} wholly absent day${missingDays === 1 ? '' : 's'} on open weekdays (${listSome(wholeMissing)}) are unknown, not 0: left out of fitting`);
  return { daily, missing, notes };
}

function countWhole(dates: readonly string[], grid: DayGrid, missing: ReadonlySet<number>): number {
  let c = 0;
  for (const d of dates) for (const t of grid.day(d).starts) if (missing.has(t)) c++;
  return c;
}

/** ['Friday', 'Saturday'] → 'Fridays and Saturdays'. */
function plural(names: readonly string[]): string {
  const p = names.map((n) => `${n}s`);
  return p.length === 1 ? p[0]! : `${p.slice(0, -1).join(', ')} and ${p[p.length - 1]}`;
}

/** Up to three items, then "and N more". */
export function listSome(items: readonly string[]): string {
  return items.length <= 3 ? items.join(', ') : `${items.slice(0, 3).join(', ')} and ${items.length - 3} more`;
}
