/**
 * Shared shapes of the forecasting engine. Pure data: no I/O, no clock.
 *
 * A daily series is a run of consecutive local calendar days starting at `start`; `null`
 * means "no observation" (missing data, or for a ratio such as AHT, no contacts that day),
 * while 0 is a real zero (a closed day has zero offered contacts).
 */

/** The models the engine can fit. Holt-Winters comes in two seasonal forms. */
export type ModelName = 'seasonal-naive' | 'moving-average' | 'holt-winters-additive' | 'holt-winters-multiplicative' | 'regression';

/** Each model in words, for people (the dashboard, CLI tables); the API keeps the identifiers. */
export const MODEL_LABELS: Record<ModelName, string> = {
  'seasonal-naive': 'Same weekday last week (seasonal naive)',
  'moving-average': 'Average of the same weekday (moving average)',
  'holt-winters-additive': 'Holt-Winters, additive weekly season',
  'holt-winters-multiplicative': 'Holt-Winters, multiplicative weekly season',
  regression: 'Regression on trend and weekday',
};

/** What a caller may ask for: `auto` lets the backtest choose; `holt-winters` picks the better form. */
export type ModelChoice = 'auto' | 'holt-winters' | ModelName;

export const MODEL_NAMES: readonly ModelName[] = ['seasonal-naive', 'moving-average', 'regression', 'holt-winters-additive', 'holt-winters-multiplicative'];

export const MODEL_CHOICES: readonly ModelChoice[] = ['auto', 'holt-winters', ...MODEL_NAMES];

/**
 * `count`: additive volumes (offered contacts); closed periods forecast 0.
 * `ratio`: a per-contact average (AHT); closed periods have no value and forecast `null`.
 */
export type SeriesKind = 'count' | 'ratio';

export interface DailySeries {
  /** Local date of `values[0]`, `YYYY-MM-DD`. */
  start: string;
  values: (number | null)[];
}

/** A planner-defined event: volume in [start, end] (inclusive dates) is multiplied by `lift`. */
export interface UserEvent {
  name: string;
  start: string;
  end: string;
  lift: number;
}

export interface ForecastPoint {
  period: string;
  forecast: number | null;
  lower80: number | null;
  upper80: number | null;
  lower95: number | null;
  upper95: number | null;
  /** True for a closed period (a closed weekday, a holiday or event that closes, a slot that never has contacts): forecast 0, or null for AHT. */
  closed?: boolean;
}

/** Accuracy of a model over the rolling-origin backtest; null when it could not be measured. */
export interface Accuracy {
  /** Σ|actual − forecast| / Σ|actual| (weighted MAPE). */
  wmape: number | null;
  /** Mean of |actual − forecast| / actual over periods with actual > 0. */
  mape: number | null;
  /** Mean absolute error ÷ the in-sample mean absolute error of the one-week seasonal naive. */
  mase: number | null;
  /** Σ(forecast − actual) / Σ actual: positive over-forecasts. */
  bias: number | null;
  /** Number of forecast origins the scores are pooled over. */
  origins: number;
}

export interface Candidate {
  model: ModelName;
  wmape: number | null;
  mape: number | null;
  bias: number | null;
}

export type CalendarEventKind = 'holiday' | 'season' | 'user';

/** A calendar annotation for charts: holidays, enrollment seasons, user events. */
export interface CalendarEvent {
  start: string;
  end: string;
  label: string;
  kind: CalendarEventKind;
}
