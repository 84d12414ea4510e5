/**
 * Prediction intervals from backtest errors. The relative errors (actual − forecast) /
 * forecast of the chosen model are pooled in lead-time buckets (1, 2–3, 4–7, 8–14, 15–28,
 * 29–56 days, …); each bucket's root-mean-square error is the relative standard deviation at
 * those lead times, never less than the bucket before (uncertainty does not shrink with lead
 * time), and beyond the backtest it grows with the square root of the lead time (at most 3×).
 * A count's standard deviation is never below the Poisson √forecast (an interval adds its
 * Poisson variance to the share of the day's error). The 80% and 95% bounds
 * are forecast ± 1.2816 and 1.96 standard deviations, cut at 0.
 */
import type { ForecastPoint } from './types.ts';

export const Z80 = 1.2815515655446004;
export const Z95 = 1.959963984540054;

const BUCKET_UPPER = [1, 3, 7, 14, 28, 56, 112, 224, 448, Infinity];
/** A bucket with fewer errors than this borrows its neighbour's spread. */
const MIN_ERRORS = 8;

function bucketOf(step: number): number {
  let b = 0;
  while (step > BUCKET_UPPER[b]!) b++;
  return b;
}

/**
 * Relative standard deviation for lead times 1..horizon. `errors` are relative errors with
 * their 1-based lead time; `fallback` is used when there are none at all.
 */
export function relativeSigma(errors: readonly { step: number; error: number }[], horizon: number, fallback: number): number[] {
  const sumSq = new Array<number>(BUCKET_UPPER.length).fill(0);
  const cnt = new Array<number>(BUCKET_UPPER.length).fill(0);
  let maxStep = 0;
  for (const { step, error } of errors) {
    if (!Number.isFinite(error)) continue;
    const b = bucketOf(step);
    sumSq[b]! += error * error;
    cnt[b]!++;
    maxStep = Math.max(maxStep, step);
  }
  const total = cnt.reduce((a, b) => a + b, 0);
  const overall = total ? Math.sqrt(sumSq.reduce((a, b) => a + b, 0) / total) : fallback;
  const perBucket: number[] = [];
  let prev = -1;
  for (let b = 0; b < BUCKET_UPPER.length; b++) {
    let s = cnt[b]! >= MIN_ERRORS ? Math.sqrt(sumSq[b]! / cnt[b]!) : prev >= 0 ? prev : overall;
    if (s < prev) s = prev;
    perBucket.push(s);
    prev = s;
  }
  const out = new Array<number>(horizon);
  const lastBucket = maxStep ? bucketOf(maxStep) : 0;
  for (let step = 1; step <= horizon; step++) {
    if (!maxStep || step <= maxStep) out[step - 1] = perBucket[bucketOf(step)]!;
    else out[step - 1] = perBucket[lastBucket]! * Math.min(3, Math.sqrt(step / maxStep));
  }
  return out;
}

/** Standard deviation of a daily forecast: relative σ, but never below √forecast for a count. */
export function dailySd(forecast: number, sigma: number, count: boolean): number {
  const sd = Math.abs(forecast) * sigma;
  return count ? Math.max(sd, Math.sqrt(Math.max(0, forecast))) : sd;
}

/**
 * Standard deviation of an interval's share of a daily forecast: the day's relative error
 * carried over, plus the Poisson noise of the interval's own arrivals for a count.
 */
export function intervalSd(forecast: number, sigma: number, count: boolean): number {
  const sd = Math.abs(forecast) * sigma;
  return count ? Math.sqrt(sd * sd + Math.max(0, forecast)) : sd;
}

/** A forecast point with its 80% and 95% bounds (normal, cut at 0); null forecast: null bounds. */
export function withBounds(period: string, forecast: number | null, sd: number): ForecastPoint {
  if (forecast === null || !Number.isFinite(forecast)) {
    return { period, forecast: null, lower80: null, upper80: null, lower95: null, upper95: null };
  }
  return {
    period,
    forecast,
    lower80: Math.max(0, forecast - Z80 * sd),
    upper80: forecast + Z80 * sd,
    lower95: Math.max(0, forecast - Z95 * sd),
    upper95: forecast + Z95 * sd,
  };
}
