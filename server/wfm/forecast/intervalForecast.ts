/**
 * Interval forecasts (5/15/30/60 minutes) from a daily forecast and an intraday profile: each
 * forecast day is spread over its own local intervals (92, 96 or 100 quarter-hours on
 * daylight-saving days), so the intervals of a day add up to the daily forecast. The daily
 * backtest is re-scored at interval level (each origin's profile learned only from the weeks
 * before it), so the accuracy reported is the accuracy of the interval figures.
 */
import { AccuracyAccumulator } from './accuracy.ts';
import type { DailyForecast } from './dailyForecast.ts';
import type { DayGrid } from './dayGrid.ts';
import { ahtProfile, spreadRatio, spreadVolume, volumeProfile, type IntervalHistory, type Profile, type ProfileOptions } from './intradayProfile.ts';
import { intervalSd, withBounds } from './predictionIntervals.ts';
import type { Accuracy, Candidate, ForecastPoint, ModelName, SeriesKind } from './types.ts';
import { addDays } from '../timezone.ts';

export interface IntervalForecastInput {
  daily: DailyForecast;
  history: IntervalHistory;
  grid: DayGrid;
  kind: SeriesKind;
  /** Formats an interval start for `period` (e.g. local ISO with offset). */
  formatPeriod: (utcMs: number) => string;
  profile?: ProfileOptions;
}

/** One forecast interval with its start instant. */
export interface IntervalPoint extends ForecastPoint {
  start: number;
  date: string;
}

export interface IntervalForecast {
  points: IntervalPoint[];
  backtest: Accuracy;
  candidates: Candidate[];
  notes: string[];
}

/**
 * The intraday profiles a volume forecast chooses among by its interval backtest: the default
 * (8 weeks, weights halving every 3), a recent one that follows a changing shape (4 weeks,
 * halving every week) and a long one that averages out the noise of small intervals (16
 * weeks, halving every 8).
 */
export const PROFILE_CHOICES: readonly Required<ProfileOptions>[] = [
  { weeks: 8, halfLifeWeeks: 3 },
  { weeks: 4, halfLifeWeeks: 1 },
  { weeks: 16, halfLifeWeeks: 8 },
];

/** Weeks of interval history before the first backtest origin that the profiles can use. */
export const PROFILE_WEEKS_NEEDED = Math.max(...PROFILE_CHOICES.map((p) => p.weeks));

/** Forecasts every interval of the daily forecast's days. */
export function forecastIntervals(input: IntervalForecastInput): IntervalForecast {
  const { daily, history, grid, kind } = input;
  const notes: string[] = [];
  const count = kind === 'count';
  const firstDate = daily.dates[0]!;
  // A volume forecast without a profile given chooses its profile window by the interval
  // backtest of the chosen daily model (lowest wMAPE; a tie keeps the default).
  let options = input.profile;
  if (!options && count && daily.run) {
    let best: { o: ProfileOptions; w: number } | null = null;
    for (const o of PROFILE_CHOICES) {
      const w = scoreIntervals(daily, history, grid, kind, (until) => volumeProfile(history, grid, until, o), [daily.model]).get(daily.model)?.wmape;
      if (w !== null && w !== undefined && (!best || w < best.w - 1e-12)) best = { o, w };
    }
    if (best && best.o !== PROFILE_CHOICES[0]) {
      notes.push(`intraday profile from the last ${best.o.weeks} weeks, weights halving every ${best.o.halfLifeWeeks} (the best of ${PROFILE_CHOICES.length} windows in the interval backtest)`);
    }
    options = best?.o;
  }
  const profileOf = (until: string): Profile => (count ? volumeProfile(history, grid, until, options) : ahtProfile(history, grid, until, options));
  const profile = profileOf(firstDate);
  if (profile.days === 0) notes.push('no usable interval history for an intraday profile: each day is spread evenly');
  else if (profile.days < 7) notes.push(`the intraday profile rests on ${profile.days} days of interval history`);

  const points: IntervalPoint[] = [];
  daily.dates.forEach((date, j) => {
    const f = daily.forecast[j]!;
    const sigma = daily.sigma[j]!;
    const g = grid.day(date);
    const values = count ? spreadVolume(date, f, profile, grid) : spreadRatio(date, f, profile, grid);
    g.starts.forEach((start, i) => {
      const v = values[i]!;
      const p = Number.isFinite(v) ? withBounds(input.formatPeriod(start), v, intervalSd(v, sigma, count)) : withBounds(input.formatPeriod(start), null, 0);
      points.push({ ...p, start, date });
    });
  });

  const scored = scoreIntervals(daily, history, grid, kind, profileOf);
  return {
    points,
    backtest: scored.get(daily.model) ?? { wmape: null, mape: null, mase: null, bias: null, origins: 0 },
    candidates: [...scored].map(([model, a]) => ({ model, wmape: a.wmape, mape: a.mape, bias: a.bias })).sort((a, b) => (a.wmape ?? Infinity) - (b.wmape ?? Infinity)),
    notes,
  };
}

/** The daily backtest forecasts spread to intervals and scored against the interval history. */
function scoreIntervals(daily: DailyForecast, history: IntervalHistory, grid: DayGrid, kind: SeriesKind, profileOf: (until: string) => Profile, only?: readonly ModelName[]): Map<ModelName, Accuracy> {
  const out = new Map<ModelName, Accuracy>();
  const run = daily.run;
  if (!run) return out;
  const count = kind === 'count';
  const actual = (t: number): number | null => {
    if (history.missing?.has(t)) return null;
    if (count) return history.volume.get(t) ?? 0;
    const c = history.handled?.get(t) ?? 0;
    return c > 0 ? (history.handleSum?.get(t) ?? 0) / c : null;
  };
  const profiles = run.origins.map((o) => profileOf(daily.calendar[o]!.date));
  // MASE's scale is a pass over the whole history: only when every model is scored.
  const scale = only ? null : intervalNaiveScale(history, grid, actual);
  for (const [model, perOrigin] of run.forecasts) {
    if (only && !only.includes(model)) continue;
    const acc = new AccuracyAccumulator();
    perOrigin.forEach((f, k) => {
      f.forEach((v, j) => {
        const date = daily.calendar[run.origins[k]! + j]!.date;
        if (date < history.firstDate || date > history.lastDate) return;
        const values = count ? spreadVolume(date, v, profiles[k]!, grid) : spreadRatio(date, v, profiles[k]!, grid);
        grid.day(date).starts.forEach((t, i) => acc.add(actual(t), values[i]!));
      });
    });
    if (acc.pairs) out.set(model, acc.result(run.origins.length, scale));
  }
  return out;
}

/** In-sample MAE of "same interval last week" over the interval history (MASE's scale). */
function intervalNaiveScale(history: IntervalHistory, grid: DayGrid, actual: (t: number) => number | null): number | null {
  let s = 0;
  let c = 0;
  for (let date = addDays(history.firstDate, 7); date <= history.lastDate; date = addDays(date, 1)) {
    const g = grid.day(date);
    const prev = grid.day(addDays(date, -7));
    if (g.dst || prev.dst) continue;
    g.starts.forEach((t, i) => {
      const a = actual(t);
      const b = actual(prev.starts[i]!);
      if (a !== null && b !== null) {
        s += Math.abs(a - b);
        c++;
      }
    });
  }
  return c && s > 0 ? s / c : null;
}
