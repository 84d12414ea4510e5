/**
 * Holt-Winters exponential smoothing with a damped additive trend and a weekly season, in
 * additive or multiplicative seasonal form (Hyndman & Athanasopoulos, "Forecasting:
 * Principles and Practice", 3rd ed., §8.3, the ETS(A,Ad,A) and ETS(A,Ad,M) recursions).
 *
 * Parameters (α level, β trend, γ season, φ damping) minimize the sum of squared one-step
 * errors: a coarse grid, then a coordinate search that halves its steps. Each evaluation is
 * one O(n) pass, and about a hundred passes make a fit, so a 3-year daily series fits in a
 * few milliseconds.
 */
import { SEASON } from './seasonalNaive.ts';

export type Seasonality = 'additive' | 'multiplicative';

export interface HoltWintersParams {
  alpha: number;
  beta: number;
  gamma: number;
  phi: number;
}

export interface HoltWintersFit {
  params: HoltWintersParams;
  /** Sum of squared one-step errors after the first two weeks. */
  sse: number;
  forecast: number[];
}

/** Minimum history: two weeks to initialize, two more to learn from. */
export const HOLT_WINTERS_MIN_DAYS = 28;

const BOUNDS: Record<keyof HoltWintersParams, [number, number]> = {
  alpha: [0.01, 0.95],
  beta: [0, 0.3],
  gamma: [0.01, 0.6],
  phi: [0.8, 1],
};

interface State {
  level: number;
  trend: number;
  season: Float64Array;
  sse: number;
}

/**
 * Initial state from the first two weeks: level and trend from the two weekly means,
 * seasonal indices from the deviations (or ratios) of the first week around that line.
 */
function initialState(y: readonly number[], seasonality: Seasonality): State {
  const m = SEASON;
  let w1 = 0;
  let w2 = 0;
  for (let i = 0; i < m; i++) {
    w1 += y[i]!;
    w2 += y[m + i]!;
  }
  w1 /= m;
  w2 /= m;
  const trend = (w2 - w1) / m;
  const season = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    const line = w1 + trend * (i - (m - 1) / 2);
    season[i] = seasonality === 'additive' ? y[i]! - line : line > 0 ? y[i]! / line : 1;
  }
  return { level: w1 + (trend * (m - 1)) / 2, trend, season, sse: 0 };
}

/**
 * Runs the recursions over y[m..n) from the initial state; returns the final state and SSE.
 * A day that was not observed takes its one-step forecast as its value (zero error: the
 * state runs on unchanged, the usual treatment of a missing value in a state-space model).
 */
function run(y: readonly number[], seasonality: Seasonality, p: HoltWintersParams, observed?: readonly boolean[]): State {
  const m = SEASON;
  const st = initialState(y, seasonality);
  const s = st.season;
  let level = st.level;
  let trend = st.trend;
  let sse = 0;
  const { alpha, beta, gamma, phi } = p;
  const n = y.length;
  for (let t = m; t < n; t++) {
    const k = t % m;
    const base = level + phi * trend;
    const sk = s[k]!;
    const yt = !observed || observed[t] ? y[t]! : seasonality === 'additive' ? base + sk : base * sk;
    let newLevel: number;
    if (seasonality === 'additive') {
      const e = yt - (base + sk);
      if (t >= 2 * m) sse += e * e;
      newLevel = alpha * (yt - sk) + (1 - alpha) * base;
      s[k] = gamma * (yt - base) + (1 - gamma) * sk;
    } else {
      const e = yt - base * sk;
      if (t >= 2 * m) sse += e * e;
      const safe = sk > 1e-6 ? sk : 1e-6;
      newLevel = alpha * (yt / safe) + (1 - alpha) * base;
      s[k] = base > 1e-9 ? gamma * (yt / base) + (1 - gamma) * sk : sk;
    }
    trend = beta * (newLevel - level) + (1 - beta) * phi * trend;
    level = newLevel;
  }
  return { level, trend, season: s, sse: Number.isFinite(sse) ? sse : Infinity };
}

function forecastFrom(st: State, n: number, horizon: number, seasonality: Seasonality, phi: number): number[] {
  const out = new Array<number>(horizon);
  let damp = 0;
  let pow = 1;
  for (let h = 1; h <= horizon; h++) {
    pow *= phi;
    damp += pow;
    const sk = st.season[(n + h - 1) % SEASON]!;
    const base = st.level + damp * st.trend;
    out[h - 1] = seasonality === 'additive' ? base + sk : base * sk;
  }
  return out;
}

/** One-step SSE of the recursions with parameters `p`. */
export function holtWintersSse(y: readonly number[], seasonality: Seasonality, p: HoltWintersParams, observed?: readonly boolean[]): number {
  return run(y, seasonality, p, observed).sse;
}

/**
 * Fits the parameters on `y` (n ≥ 28, positive for the multiplicative form) and forecasts
 * `horizon` steps. `observed[t]` false marks a filled gap: its value only seeds the first two
 * weeks, and the recursions pass over it. Deterministic.
 */
export function holtWinters(y: readonly number[], horizon: number, seasonality: Seasonality, observed?: readonly boolean[]): HoltWintersFit {
  if (y.length < HOLT_WINTERS_MIN_DAYS) {
    throw new Error(`invalid series: Holt-Winters needs ${HOLT_WINTERS_MIN_DAYS} days, got ${y.length}`);
  }
  let best: HoltWintersParams = { alpha: 0.3, beta: 0, gamma: 0.1, phi: 0.98 };
  let bestSse = Infinity;
  for (const alpha of [0.1, 0.3, 0.6])
    for (const beta of [0, 0.05])
      for (const gamma of [0.05, 0.2])
        for (const phi of [0.9, 0.98, 1]) {
          const p = { alpha, beta, gamma, phi };
          const sse = holtWintersSse(y, seasonality, p, observed);
          if (sse < bestSse) {
            bestSse = sse;
            best = p;
          }
        }
  // Coordinate search: try a step either way on each parameter, halve the steps when
  // nothing improves.
  const step: HoltWintersParams = { alpha: 0.1, beta: 0.02, gamma: 0.05, phi: 0.02 };
  const keys = Object.keys(step) as (keyof HoltWintersParams)[];
  for (let round = 0; round < 5 && bestSse > 0; round++) {
    let improved = true;
    let passes = 0;
    while (improved && passes++ < 4) {
      improved = false;
      for (const key of keys) {
        for (const dir of [-1, 1]) {
          const [lo, hi] = BOUNDS[key];
          const v = Math.min(hi, Math.max(lo, best[key] + dir * step[key]));
          if (v === best[key]) continue;
          const p = { ...best, [key]: v };
          const sse = holtWintersSse(y, seasonality, p, observed);
          if (sse < bestSse) {
            bestSse = sse;
            best = p;
            improved = true;
          }
        }
      }
    }
    for (const key of keys) step[key] /= 2;
  }
  const st = run(y, seasonality, best, observed);
  return { params: best, sse: st.sse, forecast: forecastFrom(st, y.length, horizon, seasonality, best.phi) };
}
