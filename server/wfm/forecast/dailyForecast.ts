/**
 * The daily forecast of one series: every model that the history is long enough for is
 * scored by a rolling-origin backtest over the planner's horizon, the model with the lowest
 * wMAPE is chosen (or the one asked for), refitted on the whole history and forecast, with
 * 80%/95% prediction intervals from its backtest errors. Every answer carries the
 * competitors' scores and notes on anything that was not as asked (a fallback, a missing
 * calendar effect).
 */
import { mean } from 'simple-statistics';
import { AccuracyAccumulator, naiveScale } from './accuracy.ts';
import { planOrigins, runBacktest, type BacktestPlan, type BacktestRun } from './backtest.ts';
import type { EffectEstimate } from './calendarEffects.ts';
import { dayCalendar, type DayInfo, type HolidayRule } from './dayCalendar.ts';
import { listSome } from './absentPeriods.ts';
import { PARTIAL_BELOW, partialDays } from './partialDays.ts';
import { closedAhead, MIN_DAYS, modelForecast, prepare } from './pipeline.ts';
import { dailySd, relativeSigma, withBounds } from './predictionIntervals.ts';
import { MODEL_NAMES, type Accuracy, type Candidate, type DailySeries, type ForecastPoint, type ModelChoice, type ModelName, type SeriesKind, type UserEvent } from './types.ts';

export interface DailyForecastInput {
  series: DailySeries;
  /** Days to forecast after the last history day. */
  horizon: number;
  model?: ModelChoice;
  kind?: SeriesKind;
  events?: readonly UserEvent[];
  /** Lead time scored by the backtest (default: the horizon). */
  backtestHorizon?: number;
  /** Backtest origins, a week apart (default 4). */
  origins?: number;
  /**
   * The site's holidays and whether it closes for them (holidayRules.ts). Default: the US
   * federal holidays, each closed or open as its own earlier dates in the history were.
   */
  holidayOn?: HolidayRule;
}

export interface DailyForecast {
  model: ModelName;
  /** Forecast dates: the `horizon` days after the history. */
  dates: string[];
  /** Forecast per date; NaN where a ratio has no value (closed). */
  forecast: number[];
  /** Per date: closed (a closed weekday, or a holiday or event the calendar closes), so forecast 0. */
  closed: boolean[];
  /** Relative standard deviation per lead time. */
  sigma: number[];
  points: ForecastPoint[];
  backtest: Accuracy;
  candidates: Candidate[];
  notes: string[];
  /** Calendar effects as estimated for the final fit. */
  estimates: EffectEstimate[];
  /** The backtest forecasts, for scoring at interval level; null when too short to backtest. */
  run: BacktestRun | null;
  /** Calendar of history and horizon. */
  calendar: DayInfo[];
}

/** Preference when scores tie: the simpler model. */
const SIMPLICITY: ModelName[] = [...MODEL_NAMES];

/** Where a model that cannot be fitted falls back to. */
const FALLBACK: Record<ModelName, ModelName | null> = {
  'holt-winters-multiplicative': 'holt-winters-additive',
  'holt-winters-additive': 'regression',
  regression: 'moving-average',
  'seasonal-naive': 'moving-average',
  'moving-average': null,
};

const EMPTY_ACCURACY: Accuracy = { wmape: null, mape: null, mase: null, bias: null, origins: 0 };

/** Forecasts one daily series. Throws `invalid …` errors for an unusable input. */
export function forecastDaily(input: DailyForecastInput): DailyForecast {
  const kind = input.kind ?? 'count';
  const events = input.events ?? [];
  const choice = input.model ?? 'auto';
  const n = input.series.values.length;
  const horizon = input.horizon;
  if (!Number.isInteger(horizon) || horizon < 1) throw new Error('invalid horizon: must be a whole number ≥ 1');
  if (!input.series.values.some((v) => v !== null)) throw new Error('invalid series: no observations');
  const notes: string[] = [];

  const cal = dayCalendar(input.series.start, n + horizon, input.holidayOn);
  // Partial days (data loss) are unknown, not low days: out of fitting and of scoring.
  const partial = kind === 'count' ? partialDays(cal, input.series.values) : [];
  const partialIndex = new Set(partial.map((p) => p.index));
  const values = partial.length ? input.series.values.map((v, i) => (partialIndex.has(i) ? null : v)) : input.series.values;
  if (partial.length) {
    const what = partial.map((p) => `${cal[p.index]!.date} (${round(p.value)} where the same weekday nearby has a median of ${round(p.median)})`);
    notes.push(`${partial.length} partial day${partial.length === 1 ? '' : 's'} left out of fitting as unknown (under ${PARTIAL_BELOW * 100}% of the usual): ${listSome(what)}`);
  }
  const fittable = MODEL_NAMES.filter((m) => MIN_DAYS[m] <= n);
  if (choice === 'auto') {
    const tooShort = (['holt-winters-additive', 'regression', 'seasonal-naive'] as const).filter((m) => MIN_DAYS[m] > n);
    if (tooShort.length) {
      const what = tooShort.map((m) => `${m.startsWith('holt') ? 'holt-winters' : m} (needs ${MIN_DAYS[m]})`);
      notes.push(`the history has ${n} days, too short for ${what.join(', ')}: simpler models were used`);
    }
  }

  // Backtest: the most demanding model that leaves room for one.
  const bh = Math.max(1, Math.min(input.backtestHorizon ?? horizon, horizon));
  let plan: BacktestPlan | null = null;
  let scored: ModelName[] = [];
  const mins = [...new Set(fittable.map((m) => MIN_DAYS[m]))].sort((a, b) => b - a);
  for (const minTrain of mins) {
    plan = planOrigins(n, bh, Math.max(minTrain, 7), input.origins ?? 4);
    if (plan) {
      scored = fittable.filter((m) => MIN_DAYS[m] <= Math.max(minTrain, 7));
      break;
    }
  }
  const run = plan ? runBacktest(cal, values, scored, plan, kind, events) : null;
  if (!run) notes.push(`the history (${n} days) is too short to backtest; the model was chosen without one`);
  else if (scored.length < fittable.length) {
    notes.push(`the history is too short to backtest ${fittable.filter((m) => !scored.includes(m)).join(', ')}`);
  }
  const scale = naiveScale(values);
  const accuracy = new Map<ModelName, Accuracy>();
  if (run) {
    for (const [model, perOrigin] of run.forecasts) {
      const acc = new AccuracyAccumulator();
      perOrigin.forEach((f, k) => f.forEach((v, j) => acc.add(values[run.origins[k]! + j], v)));
      accuracy.set(model, acc.result(run.origins.length, scale));
    }
  }
  const candidates: Candidate[] = [...accuracy]
    .map(([model, a]) => ({ model, wmape: a.wmape, mape: a.mape, bias: a.bias }))
    .sort((a, b) => rank(a) - rank(b) || SIMPLICITY.indexOf(a.model) - SIMPLICITY.indexOf(b.model));

  const prep = prepare(cal, values, horizon, kind, events);
  // The yardsticks cannot see holidays, seasons or planner events: when the horizon has
  // any, or the last week (which they copy) had one, a backtest over ordinary weeks would
  // flatter them — seasonal naive would forecast last week's holiday closure again — so
  // auto leaves them out.
  // Auto never picks a model that lost to seasonal naive in the backtest: the lowest wMAPE
  // wins, the yardsticks included. A yardstick copies the raw history, which cannot see the
  // holidays, seasons or events in the horizon or in the week it would copy; when those are
  // in play, a winning yardstick forecasts from the calendar-adjusted history with the
  // calendar put back (a closed holiday ahead is 0; last week's holiday is not copied).
  const calendarAhead = calendarInPlay(prep.multipliers, n);
  let model = pick(choice, candidates, fittable, n);
  const withCalendar = choice === 'auto' && calendarAhead && (model === 'seasonal-naive' || model === 'moving-average');
  const rival = candidates.find((c) => c.model !== 'seasonal-naive' && c.model !== 'moving-average' && c.wmape !== null);
  const chosenScore = candidates.find((c) => c.model === model);
  // Said when a yardstick beat every calendar-aware model outright (a tie goes to the simpler model silently).
  if (choice === 'auto' && (model === 'seasonal-naive' || model === 'moving-average') && (!rival || (chosenScore?.wmape ?? Infinity) < (rival.wmape ?? Infinity))) {
    notes.push(
      `${model} scored best in the backtest (wMAPE ${pct(chosenScore?.wmape)}${rival ? ` against ${pct(rival.wmape)} for ${rival.model}` : ''}): it is the forecast` +
        (withCalendar ? ', from the history with holidays, seasons and events divided out and put back over the horizon' : ''),
    );
  }
  let forecast = modelForecast(model, prep, withCalendar);
  while (!forecast) {
    const next = FALLBACK[model];
    if (!next) throw new Error('invalid series: no model can be fitted');
    notes.push(
      n < MIN_DAYS[model]
        ? `${model} needs at least ${MIN_DAYS[model]} days of history and the series has ${n}: used ${next}`
        : `${model} cannot be fitted on this history (too few observed days, or values ≤ 0 for a multiplicative season): used ${next}`,
    );
    model = next;
    forecast = modelForecast(model, prep, withCalendar);
  }
  notes.push(...prep.notes);

  // Prediction intervals from the chosen model's backtest errors.
  const errors: { step: number; error: number }[] = [];
  const mine = run?.forecasts.get(model);
  if (run && mine) {
    mine.forEach((f, k) =>
      f.forEach((v, j) => {
        const y = values[run.origins[k]! + j];
        if (y !== null && y !== undefined && v > 0) errors.push({ step: j + 1, error: (y - v) / v });
      }),
    );
  }
  const level = meanOfKnown(values);
  const fallbackSigma = scale !== null && level > 0 ? (1.25 * scale) / level : 0.1;
  const sigma = relativeSigma(errors, horizon, fallbackSigma);

  const dates = cal.slice(n).map((d) => d.date);
  const points = dates.map((date, j) => {
    const f = forecast[j]!;
    return Number.isFinite(f) ? withBounds(date, f, dailySd(f, sigma[j]!, kind === 'count')) : withBounds(date, null, 0);
  });
  return {
    model,
    dates,
    forecast,
    closed: closedAhead(prep),
    sigma,
    points,
    backtest: accuracy.get(model) ?? EMPTY_ACCURACY,
    candidates,
    notes,
    estimates: prep.estimates,
    run,
    calendar: cal,
  };
}

/**
 * True when a calendar effect (holiday, season, planner event: a multiplier off 1 by more
 * than 5%) falls in the horizon, or in the last week of history that seasonal naive copies
 * and a moving average leans on. `multipliers` covers history (n days) then horizon.
 */
export function calendarInPlay(multipliers: ArrayLike<number>, n: number): boolean {
  for (let i = Math.max(0, n - 7); i < multipliers.length; i++) if (Math.abs(multipliers[i]! - 1) > 0.05) return true;
  return false;
}

function round(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toFixed(1);
}

function pct(v: number | null | undefined): string {
  return v === null || v === undefined ? '—' : `${(v * 100).toFixed(2)}%`;
}

function rank(c: Candidate): number {
  return c.wmape ?? Infinity;
}

/** Mean of the known values (simple-statistics' compensated sum); 0 with none. */
function meanOfKnown(values: readonly (number | null)[]): number {
  const known = values.filter((v): v is number => v !== null);
  return known.length ? mean(known) : 0;
}

/** The model for `choice`: the best backtested one for auto, else the one asked for. */
function pick(choice: ModelChoice, candidates: readonly Candidate[], fittable: readonly ModelName[], n: number): ModelName {
  const scoredBest = (pool: readonly ModelName[]) => candidates.find((c) => pool.includes(c.model) && c.wmape !== null)?.model;
  if (choice === 'auto') {
    return scoredBest(fittable) ?? (n >= MIN_DAYS['holt-winters-additive'] ? 'holt-winters-additive' : n >= MIN_DAYS.regression ? 'regression' : 'moving-average');
  }
  if (choice === 'holt-winters') {
    return scoredBest(['holt-winters-additive', 'holt-winters-multiplicative']) ?? 'holt-winters-additive';
  }
  return choice;
}
