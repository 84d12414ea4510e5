/**
 * Forecast of a parsed standalone series (`staffcast forecast --series FILE.csv`): the same
 * models and output as the database mode, with the horizon counted in periods of the series'
 * own granularity. An interval series is forecast by day and spread by its intraday
 * profile; the forecast starts at the local midnight after the last day in the file.
 */
import { forecastDaily } from './dailyForecast.ts';
import type { HolidayRule } from './dayCalendar.ts';
import { DayGrid } from './dayGrid.ts';
import { forecastIntervals } from './intervalForecast.ts';
import type { ParsedSeries } from './parseSeries.ts';
import type { Accuracy, ForecastPoint, ModelChoice, ModelName } from './types.ts';
import { formatLocalIso } from '../timezone.ts';

export interface SeriesForecastOptions {
  /** Periods of the series' granularity to forecast. */
  horizon: number;
  model?: ModelChoice;
  timeZone: string;
  /** The site's holiday rule; default: learned from the series itself (dayCalendar.ts). */
  holidayOn?: HolidayRule;
}

export interface SeriesForecast {
  model: ModelName;
  granularity: string;
  horizon: number;
  points: ForecastPoint[];
  backtest: Accuracy;
  candidates: { model: ModelName; wmape: number | null }[];
  notes: string[];
}

export function forecastSeries(parsed: ParsedSeries, options: SeriesForecastOptions): SeriesForecast {
  const { horizon } = options;
  if (!Number.isInteger(horizon) || horizon < 1) throw new Error('invalid horizon: must be a whole number ≥ 1');
  if (parsed.granularity === 'day') {
    const r = forecastDaily({ series: parsed.daily, horizon, model: options.model, kind: 'count', holidayOn: options.holidayOn });
    return {
      model: r.model,
      granularity: 'day',
      horizon,
      points: r.points,
      backtest: r.backtest,
      candidates: r.candidates.map((c) => ({ model: c.model, wmape: c.wmape })),
      notes: r.notes,
    };
  }
  const grid = new DayGrid(options.timeZone, parsed.minutes);
  // Enough days for `horizon` intervals even across a 23-hour day.
  const days = Math.ceil(horizon / grid.slotsPerDay) + 1;
  const daily = forecastDaily({
    series: parsed.daily,
    horizon: days,
    backtestHorizon: Math.ceil(horizon / grid.slotsPerDay),
    model: options.model,
    kind: 'count',
    holidayOn: options.holidayOn,
  });
  const iv = forecastIntervals({
    daily,
    history: parsed.intervals,
    grid,
    kind: 'count',
    formatPeriod: (t) => formatLocalIso(t, options.timeZone),
  });
  return {
    model: daily.model,
    granularity: `interval${parsed.minutes}`,
    horizon,
    points: iv.points.slice(0, horizon).map(({ period, forecast, lower80, upper80, lower95, upper95 }) => ({
      period,
      forecast,
      lower80,
      upper80,
      lower95,
      upper95,
    })),
    backtest: iv.backtest,
    candidates: iv.candidates.map((c) => ({ model: c.model, wmape: c.wmape })),
    notes: [...daily.notes, ...iv.notes],
  };
}
