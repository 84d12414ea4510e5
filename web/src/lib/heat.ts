/**
 * Arranging interval rows into a weekday × time-of-day grid for the heatmap. Columns are
 * local wall-clock times; the fall-back day's repeated hour gets its own columns
 * (`01:00 (2)`) rather than overwriting the first one, and the spring-forward gap simply
 * has no cells that day.
 */
import { periodDate, periodMinuteOfDay, periodTime } from './periods.ts';

export interface GridCell<R> {
  row: string;
  col: string;
  item: R;
}

export interface Grid<R> {
  rows: string[];
  cols: { key: string; minute: number; label: string }[];
  cells: GridCell<R>[];
}

export function intervalGrid<R extends { period?: string }>(items: readonly R[]): Grid<R> {
  const rows: string[] = [];
  const cols = new Map<string, { key: string; minute: number; label: string; order: number }>();
  const cells: GridCell<R>[] = [];
  const seen = new Map<string, number>();
  for (const item of items) {
    const p = item.period ?? '';
    const date = periodDate(p);
    if (rows[rows.length - 1] !== date && !rows.includes(date)) rows.push(date);
    const time = periodTime(p);
    const dupKey = `${date} ${time}`;
    const nth = (seen.get(dupKey) ?? 0) + 1;
    seen.set(dupKey, nth);
    const key = nth === 1 ? time : `${time} (${nth})`;
    if (!cols.has(key)) cols.set(key, { key, minute: periodMinuteOfDay(p), label: time, order: nth });
    cells.push({ row: date, col: key, item });
  }
  const sorted = [...cols.values()].sort((a, b) => a.minute - b.minute || a.order - b.order).map(({ key, minute, label }) => ({ key, minute, label }));
  return { rows, cols: sorted, cells };
}

/**
 * The columns worth showing: from the first to the last time of day at which any row has
 * activity, so a center open 7:00–19:00 does not spend half the width on the night.
 */
export function activeColumns<R>(grid: Grid<R>, active: (item: R) => boolean): Grid<R>['cols'] {
  const used = new Set(grid.cells.filter((c) => active(c.item)).map((c) => c.col));
  if (used.size === 0) return grid.cols;
  const idx = grid.cols.map((c, i) => (used.has(c.key) ? i : -1)).filter((i) => i >= 0);
  return grid.cols.slice(idx[0], idx[idx.length - 1]! + 1);
}

/**
 * The slice of a day's intervals from the first to the last that is active (e.g. has
 * contacts offered): the hours the queue was open, so a day chart spans 08:00–20:00 rather
 * than 24 hours of zeros. Quiet intervals inside the span are kept (a lull is data); with
 * nothing active the whole day is returned.
 */
export function openingSpan<R>(items: readonly R[], active: (item: R) => boolean): R[] {
  let first = -1;
  let last = -1;
  items.forEach((item, i) => {
    if (!active(item)) return;
    if (first < 0) first = i;
    last = i;
  });
  return first < 0 ? [...items] : items.slice(first, last + 1);
}
