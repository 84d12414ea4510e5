/**
 * Seasonal naive: each day is forecast as the same weekday of the last observed week. The
 * yardstick every other model must beat (its MASE is 1 by construction in-sample).
 */

export const SEASON = 7;

/** Forecasts `horizon` steps after `y`. Needs at least one full week. O(horizon). */
export function seasonalNaive(y: readonly number[], horizon: number): number[] {
  const n = y.length;
  if (n < SEASON) throw new Error(`invalid series: seasonal naive needs ${SEASON} days, got ${n}`);
  const out = new Array<number>(horizon);
  for (let j = 0; j < horizon; j++) out[j] = y[n - SEASON + (j % SEASON)]!;
  return out;
}
