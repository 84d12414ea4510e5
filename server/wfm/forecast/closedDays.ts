/**
 * Weekdays on which the queue is closed. Real histories have closed weekends; a model fitted
 * across those zeros (or a multiplicative season divided by them) goes wrong, so closed
 * weekdays are taken out of fitting and forecast as closed.
 */
import type { DayInfo } from './dayCalendar.ts';
import type { SeriesKind } from './types.ts';

/**
 * `closed[w]` is true when every one of the last `weeks` occurrences of weekday w (0 = Monday)
 * in the history that is not a holiday was closed: 0 for a count, no value for a ratio. At
 * least two occurrences must have been seen, so a series that is too short says "open".
 * O(weeks).
 */
export function closedWeekdays(cal: readonly DayInfo[], values: readonly (number | null)[], kind: SeriesKind, weeks = 8): boolean[] {
  const seen = new Array<number>(7).fill(0);
  const open = new Array<boolean>(7).fill(false);
  const from = Math.max(0, values.length - 7 * weeks);
  for (let i = from; i < values.length; i++) {
    if (cal[i]!.holiday) continue;
    const v = values[i];
    const w = cal[i]!.weekday;
    if (kind === 'count') {
      if (v === null || v === undefined) continue;
      seen[w]!++;
      if (v !== 0) open[w] = true;
    } else {
      seen[w]!++;
      if (v !== null && v !== undefined) open[w] = true;
    }
  }
  return seen.map((n, w) => n >= 2 && !open[w]);
}
