/**
 * Partial days: a day whose count is a small fraction of what the same weekday has around it
 * (the Anonymous Bank's 1999-05-21, 14 calls on a Friday that averages 539) is data loss or an
 * unrecorded outage, not demand. Taught to a model it would pull the level down; it is left
 * out of fitting (and of backtest scoring) as an unknown day. Pure.
 */
import type { DayInfo } from './dayCalendar.ts';

/** A day below this share of its weekday's nearby median is partial. */
export const PARTIAL_BELOW = 0.2;

/** Nearby medians below this are too small to tell a partial day from noise. */
const MIN_MEDIAN = 10;

export interface PartialDay {
  index: number;
  value: number;
  /** Median of the same weekday up to 4 weeks either side (holidays and unknown days left out). */
  median: number;
}

/**
 * The days of a count series (`values[i]` on `cal[i]`) with value < 20% of the median of the
 * same weekday up to four weeks either side, among at least three such neighbours, the median
 * at least 10. Holidays are never partial (their level is the holiday rule's business), and a
 * weekday closed around the day has a median of 0, so it is never partial either. O(n).
 */
export function partialDays(cal: readonly DayInfo[], values: readonly (number | null)[]): PartialDay[] {
  const out: PartialDay[] = [];
  const n = values.length;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v === null || v === undefined || cal[i]!.holiday) continue;
    const around: number[] = [];
    for (let k = 1; k <= 4; k++) {
      for (const j of [i - 7 * k, i + 7 * k]) {
        const u = j >= 0 && j < n ? values[j] : null;
        if (u !== null && u !== undefined && !cal[j]!.holiday) around.push(u);
      }
    }
    if (around.length < 3) continue;
    around.sort((a, b) => a - b);
    const mid = around.length >> 1;
    const median = around.length % 2 ? around[mid]! : (around[mid - 1]! + around[mid]!) / 2;
    if (median >= MIN_MEDIAN && v < PARTIAL_BELOW * median) out.push({ index: i, value: v, median });
  }
  return out;
}
