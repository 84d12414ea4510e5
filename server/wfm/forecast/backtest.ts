/**
 * Rolling-origin backtest (Tashman 2000): refit at several origins in the last weeks of the
 * history and forecast the planner's horizon from each, so every score is an out-of-sample
 * error at the lead times that will be used.
 */
import type { DayInfo } from './dayCalendar.ts';
import { modelForecast, prepare } from './pipeline.ts';
import type { ModelName, SeriesKind, UserEvent } from './types.ts';

export interface BacktestPlan {
  /** History lengths at which the models are refitted, oldest first. */
  origins: number[];
  /** Days forecast from each origin. */
  horizon: number;
}

export interface BacktestRun extends BacktestPlan {
  /** forecasts.get(model)[k][j]: forecast of day origins[k] + j. */
  forecasts: Map<ModelName, number[][]>;
}

/**
 * Up to `count` origins a week apart, the last one `horizon` days before the end, each with at
 * least `minTrain` days of history. The horizon shrinks (to no less than a week, or the
 * requested horizon if shorter) when the history is short, then the number of origins does.
 * Null when not even one origin fits.
 */
export function planOrigins(n: number, horizon: number, minTrain: number, count = 4, spacing = 7): BacktestPlan | null {
  const floor = Math.min(horizon, 7);
  for (let k = count; k >= 1; k--) {
    const h = Math.min(horizon, n - minTrain - spacing * (k - 1));
    if (h >= floor && h >= 1) {
      const last = n - h;
      return { origins: Array.from({ length: k }, (_, i) => last - spacing * (k - 1 - i)), horizon: h };
    }
  }
  return null;
}

/** Refits every model at every origin of `plan`. A model that cannot be fitted at some origin is left out. */
export function runBacktest(
  cal: readonly DayInfo[],
  values: readonly (number | null)[],
  models: readonly ModelName[],
  plan: BacktestPlan,
  kind: SeriesKind,
  events: readonly UserEvent[],
): BacktestRun {
  const forecasts = new Map<ModelName, number[][]>();
  const failed = new Set<ModelName>();
  for (const origin of plan.origins) {
    const prep = prepare(cal, values.slice(0, origin), plan.horizon, kind, events);
    for (const model of models) {
      if (failed.has(model)) continue;
      const f = modelForecast(model, prep);
      if (!f) {
        failed.add(model);
        forecasts.delete(model);
        continue;
      }
      if (!forecasts.has(model)) forecasts.set(model, []);
      forecasts.get(model)!.push(f);
    }
  }
  return { ...plan, forecasts };
}
