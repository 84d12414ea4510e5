/**
 * The year-ago level trajectory: how the ordinary level moved last year (and the year
 * before) over the same weeks as the horizon. Contact volumes have a slow annual cycle
 * besides the enrollment seasons (a January high, a summer low); a model fitted on the last
 * weeks cannot see it coming, so the forecast follows last year's shape from the origin on.
 *
 * The level is a 56-day centred mean of the calendar-adjusted history (eight whole weeks,
 * so the weekly pattern cancels). For lead time h the factor is S(o + h − L) / S(o − L) for
 * L = 364 and 728 days (whole weeks, so weekdays align), net of that year's overall growth
 * (a constant growth rate comes out exactly: the forecasting model carries the trend),
 * averaged over the years available
 * (geometrically); beyond the history it stays at its last value.
 */

/** Half-width of the level window: 56 days centred on the day. */
const HALF = 28;
const LAGS = [364, 728];

/**
 * Factors for lead times 1..horizon after a history of length n (`adjusted[i]` with
 * `observed[i]`). All 1 when the history is shorter than a year and a window.
 */
export function yearAgoFactors(adjusted: readonly number[], observed: readonly boolean[], horizon: number): Float64Array {
  const n = adjusted.length;
  const out = new Float64Array(horizon).fill(1);
  // Prefix sums of observed values and counts, for O(1) window means.
  const sum = new Float64Array(n + 1);
  const cnt = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) {
    const ok = observed[i] ? 1 : 0;
    sum[i + 1] = sum[i]! + (ok ? adjusted[i]! : 0);
    cnt[i + 1] = cnt[i]! + ok;
  }
  const level = (i: number): number | null => {
    const a = i - HALF + 1;
    const b = i + HALF + 1;
    if (a < 0 || b > n) return null;
    const c = cnt[b]! - cnt[a]!;
    if (c < HALF) return null;
    const v = (sum[b]! - sum[a]!) / c;
    return v > 0 ? v : null;
  };
  const origin = n; // the first forecast day
  const lastWhole = n - HALF - 1; // the last day with a whole window
  let last = 0;
  for (let h = 0; h < horizon; h++) {
    let logs = 0;
    let k = 0;
    for (const lag of LAGS) {
      const then = level(origin - lag);
      const later = level(origin + h - lag);
      if (then === null || later === null) continue;
      // That year's growth per day comes out of the shape: the model extrapolates the trend.
      const end = Math.min(origin - lag + 364, lastWhole);
      const a = level(end - 364);
      const b = level(end);
      const growth = a !== null && b !== null ? Math.log(b / a) / 364 : 0;
      logs += Math.log(later / then) - growth * h;
      k++;
    }
    if (k > 0) last = logs / k;
    out[h] = Math.exp(last);
  }
  return out;
}
