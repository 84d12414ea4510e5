/**
 * Forecast of a parsed standalone series (`staffcast forecast --series FILE.csv`): the same
 * models and output as the database mode, with the horizon counted in open periods of the
 * series' own granularity (a series with closed periods — weekends, nights — gets H open
 * periods, and the closed ones between them, each marked `closed`). An interval series is
 * forecast by day and spread by its intraday profile; the forecast starts at the local
 * midnight after the last day in the file.
 */
import { forecastDaily } from './dailyForecast.ts';
import type { HolidayRule } from './dayCalendar.ts';
import { DayGrid } from './dayGrid.ts';
import { forecastIntervals } from './intervalForecast.ts';
import type { ParsedSeries } from './parseSeries.ts';
import type { Accuracy, ForecastPoint, ModelChoice, ModelName } from './types.ts';
import { addDays, formatLocalIso } from '../timezone.ts';

export interface SeriesForecastOptions {
  /** Open periods of the series' granularity to forecast. */
  horizon: number;
  model?: ModelChoice;
  timeZone: string;
  /** The site's holiday rule; default: learned from the series itself (dayCalendar.ts). */
  holidayOn?: HolidayRule;
}

/** A forecast period, and whether it is closed (forecast 0: a closed weekday, holiday or slot). */
export interface SeriesPoint extends ForecastPoint {
  closed: boolean;
}

export interface SeriesForecast {
  model: ModelName;
  granularity: string;
  horizon: number;
  points: SeriesPoint[];
  backtest: Accuracy;
  candidates: { model: ModelName; wmape: number | null }[];
  notes: string[];
}

/** The points up to and including the `h`-th open one. */
function firstOpen(points: SeriesPoint[], h: number): SeriesPoint[] {
  let open = 0;
  for (let i = 0; i < points.length; i++) {
    if (!points[i]!.closed && ++open === h) return points.slice(0, i + 1);
  }
  return points;
}

export function forecastSeries(parsed: ParsedSeries, options: SeriesForecastOptions): SeriesForecast {
  const { horizon } = options;
  if (!Number.isInteger(horizon) || horizon < 1) throw new Error('invalid horizon: must be a whole number ≥ 1');
  const values = parsed.daily.values;
  // Open days a week over the last 4 weeks (a day with volume, or unknown), at least 1.
  const recent = values.slice(-28);
  const openPerWeek = Math.max(1, (7 * recent.filter((v) => v === null || v > 0).length) / Math.max(1, recent.length));
  if (parsed.granularity === 'day') {
    // Just enough days for H open ones (more when a holiday ahead closes one), so no note
    // speaks of a day beyond the points.
    const needed = Math.ceil((7 * horizon) / openPerWeek);
    let r = forecastDaily({ series: parsed.daily, horizon: needed, model: options.model, kind: 'count', holidayOn: options.holidayOn });
    for (let extra = 1; r.closed.filter((c) => !c).length < horizon && extra <= 8; extra++) {
      r = forecastDaily({ series: parsed.daily, horizon: needed + 7 * extra, backtestHorizon: needed, model: options.model, kind: 'count', holidayOn: options.holidayOn });
    }
    const points = r.points.map((p, j) => ({ ...p, closed: r.closed[j]! }));
    return {
      model: r.model,
      granularity: 'day',
      horizon,
      points: firstOpen(points, horizon),
      backtest: r.backtest,
      candidates: r.candidates.map((c) => ({ model: c.model, wmape: c.wmape })),
      notes: [...parsed.notes, ...r.notes],
    };
  }
  const grid = new DayGrid(options.timeZone, parsed.minutes);
  // Open intervals a day, over the last 4 weeks of rows (an interval with volume or unknown).
  const from = addDays(parsed.intervals.lastDate, -27);
  let openIntervals = 0;
  for (let d = from; d <= parsed.intervals.lastDate; d = addDays(d, 1)) {
    for (const t of grid.day(d).starts) if ((parsed.intervals.volume.get(t) ?? 0) > 0 || parsed.intervals.missing?.has(t)) openIntervals++;
  }
  const perDay = Math.max(1, openIntervals / 28);
  const needed = Math.ceil(horizon / perDay);
  const run = (days: number) => {
    const daily = forecastDaily({ series: parsed.daily, horizon: days, backtestHorizon: needed, model: options.model, kind: 'count', holidayOn: options.holidayOn });
    const iv = forecastIntervals({ daily, history: parsed.intervals, grid, kind: 'count', formatPeriod: (t) => formatLocalIso(t, options.timeZone) });
    return { daily, iv };
  };
  let { daily, iv } = run(needed);
  // More days when closures ahead leave fewer than H open intervals.
  for (let extra = 1; iv.points.filter((p) => p.forecast !== 0).length < horizon && extra <= 8; extra++) ({ daily, iv } = run(needed + 7 * extra));
  const dayIndex = new Map(daily.dates.map((d, j) => [d, j]));
  const points = iv.points.map(({ period, forecast, lower80, upper80, lower95, upper95, date }) => ({
    period,
    forecast,
    lower80,
    upper80,
    lower95,
    upper95,
    // Closed: the day is, or the slot never has volume (the profile gives it no share).
    closed: daily.closed[dayIndex.get(date)!]! || forecast === 0,
  }));
  return {
    model: daily.model,
    granularity: `interval${parsed.minutes}`,
    horizon,
    points: firstOpen(points, horizon),
    backtest: iv.backtest,
    candidates: iv.candidates.map((c) => ({ model: c.model, wmape: c.wmape })),
    notes: [...parsed.notes, ...daily.notes, ...iv.notes],
  };
}
