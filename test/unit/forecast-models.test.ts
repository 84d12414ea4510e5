/**
 * The forecasting models on series with known answers, and the laws they must keep.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AccuracyAccumulator, naiveScale } from '../../server/wfm/forecast/accuracy.ts';
import { planOrigins } from '../../server/wfm/forecast/backtest.ts';
import { imputeWeekly } from '../../server/wfm/forecast/impute.ts';
import { leastSquares } from '../../server/wfm/forecast/leastSquares.ts';
import { holtWinters, holtWintersSse } from '../../server/wfm/forecast/models/holtWinters.ts';
import { movingAverage } from '../../server/wfm/forecast/models/movingAverage.ts';
import { regression } from '../../server/wfm/forecast/models/regression.ts';
import { seasonalNaive } from '../../server/wfm/forecast/models/seasonalNaive.ts';
import { relativeSigma, withBounds, Z80, Z95 } from '../../server/wfm/forecast/predictionIntervals.ts';
import { yearAgoFactors } from '../../server/wfm/forecast/yearAgo.ts';

const PATTERN = [120, 100, 95, 90, 85, 40, 10];
const weekly = (weeks: number, pattern = PATTERN) => Array.from({ length: weeks * 7 }, (_, i) => pattern[i % 7]!);
const weekdays = (n: number) => Array.from({ length: n }, (_, i) => i % 7);

describe('seasonal naive and moving average', () => {
  it('repeats the last week', () => {
    // y = 1..14: the last week is 8..14, so the next 9 days are 8..14, 8, 9.
    const y = Array.from({ length: 14 }, (_, i) => i + 1);
    expect(seasonalNaive(y, 9)).toEqual([8, 9, 10, 11, 12, 13, 14, 8, 9]);
    expect(() => seasonalNaive([1, 2, 3], 1)).toThrow(/^invalid series: /);
  });

  it('averages the same weekday over the last four weeks', () => {
    // y = 1..35 (5 weeks). Next day is index 35, same weekday at 28, 21, 14, 7 → values
    // 29, 22, 15, 8 → mean 18.5; the day after: 30, 23, 16, 9 → 19.5.
    const y = Array.from({ length: 35 }, (_, i) => i + 1);
    expect(movingAverage(y, 2)).toEqual([18.5, 19.5]);
    // With less than a week: the plain mean, (2 + 4 + 9) / 3 = 5.
    expect(movingAverage([2, 4, 9], 3)).toEqual([5, 5, 5]);
  });

  it('forecasts any pure weekly pattern exactly (law)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 7, maxLength: 7 }), fc.integer({ min: 1, max: 30 }), (pattern, h) => {
        const y = weekly(6, pattern);
        const expected = Array.from({ length: h }, (_, j) => pattern[j % 7]!);
        expect(seasonalNaive(y, h)).toEqual(expected);
        expect(movingAverage(y, h)).toEqual(expected);
      }),
      { seed: 104 },
    );
  });
});

describe('Holt-Winters', () => {
  it('forecasts a pure weekly pattern exactly, in both seasonal forms', () => {
    const y = weekly(8);
    for (const form of ['additive', 'multiplicative'] as const) {
      const fit = holtWinters(y, 14, form);
      fit.forecast.forEach((f, j) => expect(f).toBeCloseTo(PATTERN[j % 7]!, 6));
      expect(fit.sse).toBeLessThan(1e-12);
    }
  });

  it('extrapolates a linear trend with an undamped trend (φ = 1)', () => {
    // y_t = 100 + 2t: the initial level/trend are exact, every one-step error is 0 with φ = 1
    // and > 0 with φ < 1, so the fit picks φ = 1 and forecasts 100 + 2(n + j).
    const y = Array.from({ length: 42 }, (_, t) => 100 + 2 * t);
    const fit = holtWinters(y, 10, 'additive');
    expect(fit.params.phi).toBe(1);
    fit.forecast.forEach((f, j) => expect(f).toBeCloseTo(100 + 2 * (42 + j), 6));
    expect(holtWintersSse(y, 'additive', { alpha: 0.3, beta: 0.1, gamma: 0.1, phi: 0.9 })).toBeGreaterThan(0);
  });

  it('refuses a series shorter than four weeks', () => {
    expect(() => holtWinters(weekly(3), 7, 'additive')).toThrow(/^invalid series: Holt-Winters needs 28 days, got 21$/);
  });

  it('its fitted SSE is no worse than any grid point (the search only improves)', () => {
    const y = weekly(10).map((v, i) => v + ((i * 7919) % 13) - 6);
    const fit = holtWinters(y, 7, 'additive');
    for (const alpha of [0.1, 0.6])
      for (const phi of [0.9, 1]) {
        expect(fit.sse).toBeLessThanOrEqual(holtWintersSse(y, 'additive', { alpha, beta: 0, gamma: 0.05, phi }) + 1e-9);
      }
  });
});

describe('regression and least squares', () => {
  it('solves a small system exactly and zeroes a dependent column', () => {
    // y = 1 + 2x on x = 0, 1, 2 with a third column equal to the first: β = [1, 2, 0].
    const beta = leastSquares(
      [
        [1, 0, 1],
        [1, 1, 1],
        [1, 2, 1],
      ],
      [1, 3, 5],
    );
    expect(beta[0]).toBeCloseTo(1, 12);
    expect(beta[1]).toBeCloseTo(2, 12);
    expect(beta[2]).toBe(0);
  });

  it('recovers trend plus weekday pattern exactly (law)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 500 }), { minLength: 7, maxLength: 7 }), fc.double({ min: -5, max: 5, noNaN: true }), fc.integer({ min: 14, max: 120 }), (pattern, slope, n) => {
        const f = (t: number) => 1000 + slope * t + pattern[t % 7]!;
        const y = Array.from({ length: n }, (_, t) => f(t));
        const out = regression(y, weekdays(n + 10), 10);
        out.forEach((v, j) => expect(v).toBeCloseTo(f(n + j), 6));
      }),
      { seed: 105, numRuns: 50 },
    );
  });
});

describe('accuracy measures', () => {
  it('pools errors as ratios of sums', () => {
    // actual 100, 50, 0 vs forecast 110, 40, 5: |e| = 10 + 10 + 5 = 25 over Σ actual 150
    // → wMAPE 1/6; MAPE over actual > 0 = (10/100 + 10/50) / 2 = 0.15; bias = (10 − 10 + 5) /
    // 150 = 1/30; MASE with scale 5: mean |e| = 25/3, / 5 = 5/3.
    const acc = new AccuracyAccumulator();
    [
      [100, 110],
      [50, 40],
      [0, 5],
    ].forEach(([a, f]) => acc.add(a, f!));
    acc.add(null, 3); // missing actual: skipped
    acc.add(7, Number.NaN); // no forecast: skipped
    const r = acc.result(4, 5);
    expect(r.wmape).toBeCloseTo(1 / 6, 12);
    expect(r.mape).toBeCloseTo(0.15, 12);
    expect(r.bias).toBeCloseTo(1 / 30, 12);
    expect(r.mase).toBeCloseTo(5 / 3, 12);
    expect(r.origins).toBe(4);
    expect(new AccuracyAccumulator().result(4, 5)).toEqual({ wmape: null, mape: null, mase: null, bias: null, origins: 0 });
  });

  it('scales MASE by the in-sample one-week naive error', () => {
    // pairs (t, t−7): |8−1| + |9−2| = 14 over 2 pairs → 7; a null drops its pair.
    expect(naiveScale([1, 2, 3, 4, 5, 6, 7, 8, 9])).toBe(7);
    expect(naiveScale([1, null, 3, 4, 5, 6, 7, 8, 9])).toBe(7);
    expect(naiveScale(weekly(3))).toBeNull(); // a pure pattern: zero, so no scale
  });
});

describe('backtest origins', () => {
  it('places four origins a week apart, the last one a horizon before the end', () => {
    // n = 100, h = 14: last origin 86, then 79, 72, 65.
    expect(planOrigins(100, 14, 28)).toEqual({ origins: [65, 72, 79, 86], horizon: 14 });
    // n = 60, h = 56, min 28: h shrinks to 60 − 28 − 21 = 11 → origins 28..49.
    expect(planOrigins(60, 56, 28)).toEqual({ origins: [28, 35, 42, 49], horizon: 11 });
    // n = 40, h = 56: 4 origins leave 40 − 28 − 21 = −9 days; 2 origins leave 5 < 7; 1 leaves 12.
    expect(planOrigins(40, 56, 28)).toEqual({ origins: [28], horizon: 12 });
    expect(planOrigins(30, 56, 28)).toBeNull();
  });
});

describe('gap filling', () => {
  it('fills a gap from the same weekday nearby, then from the week around it', () => {
    const y: (number | null)[] = weekly(5);
    y[15] = null; // a Tuesday: neighbours 1, 8, 22, 29 → all 100
    y[16] = null;
    y[9] = null; // weekday 2; donors at 2, 23, 30 (16 is a gap too) → 95
    const out = imputeWeekly(y);
    expect(out[15]).toBe(100);
    expect(out[9]).toBe(95);
    expect(out[16]).toBe(95);
    // A weekday with no value at all takes the mean of the surrounding week.
    const closed = weekly(3).map((v, i) => (i % 7 === 6 ? null : v));
    // index 13 (a Sunday): values 6..20 except Sundays 6, 13, 20 → 2 weeks of Mon–Sat = (530 · 2) / 12
    expect(imputeWeekly(closed)[13]).toBeCloseTo((530 * 2) / 12, 12);
  });
});

describe('prediction intervals', () => {
  it('takes the RMS relative error of each lead-time bucket, never shrinking', () => {
    // Lead 1: eight errors of ±0.1 → σ 0.1. Leads 2–3: too few (2) → inherit 0.1.
    // Leads 4–7: eight errors of 0.3 at lead 7 → 0.3. Beyond the largest lead seen (7):
    // × √(step/7), at most 3×: lead 28 → 0.6, lead 100 → 0.9.
    const errors = [
      ...Array.from({ length: 8 }, (_, i) => ({ step: 1, error: i % 2 ? 0.1 : -0.1 })),
      { step: 2, error: 0.9 },
      { step: 3, error: 0.9 },
      ...Array.from({ length: 8 }, () => ({ step: 7, error: 0.3 })),
    ];
    const s = relativeSigma(errors, 100, 0.05);
    expect(s[0]).toBeCloseTo(0.1, 12);
    expect(s[1]).toBeCloseTo(0.1, 12);
    expect(s[3]).toBeCloseTo(0.3, 12);
    expect(s[6]).toBeCloseTo(0.3, 12);
    expect(s[27]).toBeCloseTo(0.3 * Math.sqrt(28 / 7), 12);
    expect(s[99]).toBeCloseTo(0.9, 12); // capped at 3×
    expect(relativeSigma([], 3, 0.05)).toEqual([0.05, 0.05, 0.05]);
  });

  it('bounds a forecast by ±z·sd, cut at 0', () => {
    const p = withBounds('2025-01-01', 100, 10);
    expect(p.lower80).toBeCloseTo(100 - Z80 * 10, 12);
    expect(p.upper95).toBeCloseTo(100 + Z95 * 10, 12);
    expect(withBounds('d', 5, 10).lower95).toBe(0);
    expect(withBounds('d', null, 10)).toEqual({ period: 'd', forecast: null, lower80: null, upper80: null, lower95: null, upper95: null });
  });

  it('nests the bands: lower95 ≤ lower80 ≤ forecast ≤ upper80 ≤ upper95 (law)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e6, noNaN: true }), fc.double({ min: 0, max: 1e5, noNaN: true }), (f, sd) => {
        const p = withBounds('d', f, sd);
        expect(p.lower95!).toBeLessThanOrEqual(p.lower80!);
        expect(p.lower80!).toBeLessThanOrEqual(f);
        expect(f).toBeLessThanOrEqual(p.upper80!);
        expect(p.upper80!).toBeLessThanOrEqual(p.upper95!);
        expect(p.lower95!).toBeGreaterThanOrEqual(0);
      }),
      { seed: 106 },
    );
  });
});

describe('year-ago level trajectory', () => {
  const obs = (n: number) => new Array<boolean>(n).fill(true);

  it('is 1 without a year of history, or without an annual shape', () => {
    expect([...yearAgoFactors(weekly(40), obs(280), 14)]).toEqual(new Array(14).fill(1));
    expect([...yearAgoFactors(weekly(110), obs(770), 56)].every((f) => Math.abs(f - 1) < 1e-12)).toBe(true);
  });

  it('follows last year’s annual cycle over the horizon', () => {
    // level × (1 + 0.05 cos(2π t / 364)); the 56-day window attenuates the cycle by
    // sin(π·56/364)/(π·56/364) ≈ 0.961, so the factor at h is within 0.5% of the cycle ratio.
    const n = 800;
    const cycle = (t: number) => 1 + 0.05 * Math.cos((2 * Math.PI * t) / 364);
    const y = Array.from({ length: n }, (_, t) => PATTERN[t % 7]! * cycle(t));
    const f = yearAgoFactors(y, obs(n), 56);
    for (const h of [0, 20, 55]) expect(f[h]!).toBeCloseTo(cycle(n + h) / cycle(n), 2);
    expect(Math.abs(f[55]! - 1)).toBeGreaterThan(0.01); // it does move
  });

  it('leaves the growth to the model: steady growth of 15% a year gives 1', () => {
    const n = 800;
    const y = Array.from({ length: n }, (_, t) => PATTERN[t % 7]! * Math.exp((t * Math.log(1.15)) / 364));
    const f = yearAgoFactors(y, obs(n), 56);
    // Exact at whole weeks; in between, the weekly pattern tilts the window mean by < 1e-4.
    expect(f[0]!).toBeCloseTo(1, 12);
    expect(f[21]!).toBeCloseTo(1, 12);
    for (const h of [20, 55]) expect(f[h]!).toBeCloseTo(1, 3);
  });
});
