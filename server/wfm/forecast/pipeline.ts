/**
 * One fit-and-forecast of one model from one history, shared by the final forecast and every
 * backtest origin: detect closed weekdays, estimate calendar effects, divide them (and user
 * events) out of the history, fill gaps, fit, forecast, multiply the effects back (with the
 * year-ago level trajectory over the horizon), and zero the closed days.
 *
 * The two yardsticks (seasonal naive, moving average) see the raw history, as a planner's
 * spreadsheet would: they show what the calendar-aware models add.
 */
import { CLOSED_BELOW, estimateCalendarEffects, eventMultipliers, type EffectEstimate } from './calendarEffects.ts';
import { closedWeekdays } from './closedDays.ts';
import type { DayInfo } from './dayCalendar.ts';
import { imputeWeekly } from './impute.ts';
import { HOLT_WINTERS_MIN_DAYS, holtWinters } from './models/holtWinters.ts';
import { movingAverage } from './models/movingAverage.ts';
import { REGRESSION_MIN_DAYS, regression } from './models/regression.ts';
import { SEASON, seasonalNaive } from './models/seasonalNaive.ts';
import type { ModelName, SeriesKind, UserEvent } from './types.ts';
import { yearAgoFactors } from './yearAgo.ts';

/** Days of history each model needs. */
export const MIN_DAYS: Record<ModelName, number> = {
  'seasonal-naive': SEASON,
  'moving-average': 1,
  regression: REGRESSION_MIN_DAYS,
  'holt-winters-additive': HOLT_WINTERS_MIN_DAYS,
  'holt-winters-multiplicative': HOLT_WINTERS_MIN_DAYS,
};

/** The history of one origin, prepared once and shared by every model. */
export interface Prepared {
  kind: SeriesKind;
  /** Days of history. */
  n: number;
  horizon: number;
  /** Weekday (0 = Monday) of every day, history then horizon. */
  weekday: number[];
  /** History with gaps filled, as observed. */
  raw: number[];
  /** History with calendar effects and events divided out and gaps filled. */
  adjusted: number[];
  /** False where `adjusted` is a filled gap (missing, closed, or a closed holiday). */
  observed: boolean[];
  /** Calendar × event multiplier of every day, history then horizon. */
  multipliers: Float64Array;
  closed: boolean[];
  estimates: EffectEstimate[];
  notes: string[];
}

/**
 * Prepares `values` (the first values.length days of `cal`) for forecasting the next
 * `horizon` days; `cal` must cover history and horizon.
 */
export function prepare(cal: readonly DayInfo[], values: readonly (number | null)[], horizon: number, kind: SeriesKind, events: readonly UserEvent[]): Prepared {
  const n = values.length;
  const span = cal.slice(0, n + horizon);
  // Planner events come out first, so a past mailing does not pass for a calendar effect.
  const ev = eventMultipliers(span, events);
  const withoutEvents = values.map((v, i) => (v === null || v === undefined ? null : ev[i]! < CLOSED_BELOW ? null : v / ev[i]!));
  const closed = closedWeekdays(span, withoutEvents, kind);
  const effects = estimateCalendarEffects(span, withoutEvents, closed, kind);
  const multipliers = new Float64Array(n + horizon);
  for (let i = 0; i < n + horizon; i++) multipliers[i] = effects.multipliers[i]! * ev[i]!;
  const adjustedGaps: (number | null)[] = new Array(n);
  const rawGaps: (number | null)[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i] ?? null;
    const isClosedDay = closed[span[i]!.weekday]!;
    rawGaps[i] = v;
    const m = multipliers[i]!;
    adjustedGaps[i] = v === null || isClosedDay || m < CLOSED_BELOW ? null : v / m;
  }
  const adjusted = imputeWeekly(adjustedGaps);
  const observed = adjustedGaps.map((v) => v !== null);
  const yearAgo = yearAgoFactors(adjusted, observed, horizon);
  for (let j = 0; j < horizon; j++) multipliers[n + j]! *= yearAgo[j]!;
  const estimates = [...effects.estimates];
  if (horizon > 0 && Math.abs(yearAgo[horizon - 1]! - 1) > 1e-12) {
    estimates.push({ effect: 'level over the horizon, as a year earlier', multiplier: yearAgo[horizon - 1]!, occurrences: n >= 728 + 56 ? 2 : 1 });
  }
  return {
    kind,
    n,
    horizon,
    weekday: span.map((d) => d.weekday),
    raw: imputeWeekly(rawGaps),
    adjusted,
    observed,
    multipliers,
    closed,
    estimates,
    notes: effects.notes,
  };
}

/**
 * Forecasts the `prep.horizon` days after the history with `model`, or null when the model
 * cannot be fitted on this history (too short; non-positive values for the multiplicative
 * form). Closed days forecast 0 for a count and NaN (no value) for a ratio. The yardsticks
 * copy the raw history, unless `yardstickWithCalendar`: then they copy the calendar-adjusted
 * history and the calendar multipliers are put back, as for the other models.
 */
export function modelForecast(model: ModelName, prep: Prepared, yardstickWithCalendar = false): number[] | null {
  const { n, horizon } = prep;
  if (n < MIN_DAYS[model]) return null;
  let base: number[];
  let calendarAware = true;
  try {
    switch (model) {
      case 'seasonal-naive':
        base = seasonalNaive(yardstickWithCalendar ? prep.adjusted : prep.raw, horizon);
        calendarAware = yardstickWithCalendar;
        break;
      case 'moving-average':
        base = movingAverage(yardstickWithCalendar ? prep.adjusted : prep.raw, horizon);
        calendarAware = yardstickWithCalendar;
        break;
      case 'regression':
        base = regression(prep.adjusted, prep.weekday, horizon, prep.observed);
        break;
      case 'holt-winters-additive':
        base = holtWinters(prep.adjusted, horizon, 'additive', prep.observed).forecast;
        break;
      case 'holt-winters-multiplicative': {
        for (let i = 0; i < n; i++) if (prep.observed[i] && !(prep.adjusted[i]! > 0)) return null;
        base = holtWinters(prep.adjusted, horizon, 'multiplicative', prep.observed).forecast;
        break;
      }
    }
  } catch (e) {
    // A model that cannot be fitted on this history (e.g. too few observed days) is skipped.
    if (e instanceof Error && e.message.startsWith('invalid series')) return null;
    throw e;
  }
  const out = new Array<number>(horizon);
  for (let j = 0; j < horizon; j++) {
    const i = n + j;
    const m = calendarAware ? prep.multipliers[i]! : 1;
    const closedDay = prep.closed[prep.weekday[i]!]! || m < CLOSED_BELOW;
    if (closedDay) out[j] = prep.kind === 'count' ? 0 : Number.NaN;
    else out[j] = Math.max(0, base[j]! * m);
  }
  return out;
}

/** Per horizon day: closed (a closed weekday, or a calendar multiplier that closes it). */
export function closedAhead(prep: Prepared): boolean[] {
  return Array.from({ length: prep.horizon }, (_, j) => prep.closed[prep.weekday[prep.n + j]!]! || prep.multipliers[prep.n + j]! < CLOSED_BELOW);
}
