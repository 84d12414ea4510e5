/**
 * Seasonal moving average: each day is forecast as the mean of the same weekday over the
 * last `weeks` weeks. A second yardstick that is less noisy than the seasonal naive; with
 * less than a week of history it degrades to the plain mean.
 */
import { mean } from 'simple-statistics';
import { SEASON } from './seasonalNaive.ts';

/** Forecasts `horizon` steps after `y` (n ≥ 1). O(horizon · weeks). */
export function movingAverage(y: readonly number[], horizon: number, weeks = 4): number[] {
  const n = y.length;
  if (n === 0) throw new Error('invalid series: no history');
  const out = new Array<number>(horizon);
  if (n < SEASON) {
    return out.fill(mean(y));
  }
  for (let j = 0; j < horizon; j++) {
    const r = j % SEASON;
    let s = 0;
    let c = 0;
    for (let q = 1; q <= weeks; q++) {
      const i = n + r - SEASON * q;
      if (i < 0) break;
      s += y[i]!;
      c++;
    }
    out[j] = s / c;
  }
  return out;
}
