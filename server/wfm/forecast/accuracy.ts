/**
 * Forecast accuracy measures, pooled over every (origin, step) pair of a backtest. Ratios are
 * ratios of sums (wMAPE, bias), so a busy day weighs more than a quiet one; a measure whose
 * denominator is zero is null, never 0.
 */
import type { Accuracy } from './types.ts';

/** Running sums for one model's backtest. */
export class AccuracyAccumulator {
  private absErr = 0;
  private signedErr = 0;
  private actualSum = 0;
  private apeSum = 0;
  private apeCount = 0;
  private count = 0;

  /** Adds one forecast/actual pair; pairs with a missing side (null, NaN) are skipped. */
  add(actual: number | null | undefined, forecast: number): void {
    if (actual === null || actual === undefined || !Number.isFinite(forecast) || !Number.isFinite(actual)) return;
    const e = forecast - actual;
    this.absErr += Math.abs(e);
    this.signedErr += e;
    this.actualSum += Math.abs(actual);
    this.count++;
    if (actual > 0) {
      this.apeSum += Math.abs(e) / actual;
      this.apeCount++;
    }
  }

  get pairs(): number {
    return this.count;
  }

  /** The measures; `maseScale` is the in-sample MAE of the one-week seasonal naive. */
  result(origins: number, maseScale: number | null): Accuracy {
    const has = this.count > 0;
    return {
      wmape: has && this.actualSum > 0 ? this.absErr / this.actualSum : null,
      mape: this.apeCount ? this.apeSum / this.apeCount : null,
      mase: has && maseScale !== null && maseScale > 0 ? this.absErr / this.count / maseScale : null,
      bias: has && this.actualSum > 0 ? this.signedErr / this.actualSum : null,
      origins: has ? origins : 0,
    };
  }
}

/**
 * Mean |y[t] − y[t − lag]| over pairs where both are present: the in-sample error of the
 * seasonal naive, MASE's denominator (Hyndman & Koehler 2006). Null with no pair or zero.
 */
export function naiveScale(values: readonly (number | null)[], lag = 7): number | null {
  let s = 0;
  let c = 0;
  for (let t = lag; t < values.length; t++) {
    const a = values[t];
    const b = values[t - lag];
    if (a === null || a === undefined || b === null || b === undefined) continue;
    s += Math.abs(a - b);
    c++;
  }
  return c && s > 0 ? s / c : null;
}
