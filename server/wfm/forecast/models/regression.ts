/**
 * Linear regression on a trend and day-of-week dummies, fitted by least squares over the most
 * recent year (calendar effects are applied around it by the forecast pipeline, which divides
 * them out of the history first and multiplies them back onto the forecast). Extrapolates a
 * linear trend exactly; a year window keeps an old trend from steering an 18-month forecast.
 */
import { leastSquares } from '../leastSquares.ts';

/** Minimum history: two weeks, so every weekday dummy has at least two observations. */
export const REGRESSION_MIN_DAYS = 14;

/** Days of history the regression is fitted on. */
export const REGRESSION_WINDOW_DAYS = 364;

/**
 * Forecasts `horizon` steps after `y`; `weekday[i]` (0 = Monday) is the weekday of index i,
 * for the history and the horizon. Days with `observed[i]` false (filled gaps, closed days)
 * are left out of the fit. O(n).
 */
export function regression(y: readonly number[], weekday: readonly number[], horizon: number, observed?: readonly boolean[]): number[] {
  const n = y.length;
  if (n < REGRESSION_MIN_DAYS) {
    throw new Error(`invalid series: regression needs ${REGRESSION_MIN_DAYS} days, got ${n}`);
  }
  if (weekday.length < n + horizon) throw new Error('invalid weekday: shorter than history plus horizon');
  const from = Math.max(0, n - REGRESSION_WINDOW_DAYS);
  const row = (i: number): number[] => {
    const r = [1, (i - from) / 7, 0, 0, 0, 0, 0, 0];
    const w = weekday[i]!;
    if (w > 0) r[1 + w] = 1; // Monday is the reference day
    return r;
  };
  const rows: number[][] = [];
  const ys: number[] = [];
  for (let i = from; i < n; i++) {
    if (observed && !observed[i]) continue;
    rows.push(row(i));
    ys.push(y[i]!);
  }
  if (rows.length < 8) throw new Error('invalid series: a regression needs 8 observed days, one per coefficient');
  const beta = leastSquares(rows, ys);
  const out = new Array<number>(horizon);
  for (let j = 0; j < horizon; j++) {
    const r = row(n + j);
    let f = 0;
    for (let k = 0; k < r.length; k++) f += r[k]! * beta[k]!;
    out[j] = f;
  }
  return out;
}
