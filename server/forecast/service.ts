/**
 * The forecast service: reads a series' history from the database, runs the pure forecasting
 * engine (server/wfm/forecast) and shapes the answer that the API and the CLI return.
 *
 * The history ends the day before `start` (default: the day after the last day with data),
 * so a forecast "from last Monday" is a genuine forecast made without the days it covers.
 * At most three years of daily history are used; interval history covers the weeks the
 * intraday profiles and the interval-level backtest need, plus the periods shown.
 */
import type { Database } from '../db/database.ts';
import { getSiteCalendar } from '../db/queries/calendar.ts';
import { forecastEventsFor, type ForecastEventRow } from '../db/queries/forecastEvents.ts';
import { dailyHistory, intervalHistory, seriesRange, seriesRanges, type SeriesRange } from '../db/queries/history.ts';
import { describeEffects } from '../wfm/forecast/calendarEffects.ts';
import { calendarEvents } from '../wfm/forecast/calendarEvents.ts';
import { forecastDaily, type DailyForecast } from '../wfm/forecast/dailyForecast.ts';
import { DayGrid } from '../wfm/forecast/dayGrid.ts';
import { holidayRuleFromCalendar } from '../wfm/forecast/holidayRules.ts';
import { forecastIntervals, type IntervalPoint, PROFILE_WEEKS_NEEDED } from '../wfm/forecast/intervalForecast.ts';
import type { IntervalHistory } from '../wfm/forecast/intradayProfile.ts';
import type { Accuracy, CalendarEvent, Candidate, ForecastPoint, ModelName, SeriesKind } from '../wfm/forecast/types.ts';
import { defaultCalendar } from '../wfm/siteCalendar.ts';
import { addDays, daysBetween, formatLocalIso } from '../wfm/timezone.ts';
import { InputError } from '../wfm/inputError.ts';
import { NoAhtHistoryError, NoHistoryError } from './errors.ts';
import { defaultHistory, MAX_DAY_HORIZON, periodsPerDay, type ForecastQuery, type Granularity } from './query.ts';

/** Days of daily history used at most (three years: two earlier enrollment seasons and more). */
export const MAX_HISTORY_DAYS = 3 * 365 + 1;

export interface ForecastResponse {
  queue: string;
  channel: string | null;
  metric: 'volume' | 'aht';
  granularity: Granularity;
  horizon: number;
  model: ModelName;
  history: { period: string; value: number | null }[];
  points: ForecastPoint[];
  backtest: Accuracy;
  candidates: Candidate[];
  events: CalendarEvent[];
  notes: string[];
}

/** A forecast with the pieces the staffing view needs beside the answer. */
export interface ForecastDetail {
  response: ForecastResponse;
  /** Interval points with their start instants (interval granularity only). */
  intervalPoints: IntervalPoint[];
  daily: DailyForecast;
}

/** The (queue, channel) series that have history. */
export function listSeries(db: Database): Promise<SeriesRange[]> {
  return seriesRanges(db);
}

export async function forecastFromDatabase(db: Database, timeZone: string, q: ForecastQuery): Promise<ForecastResponse> {
  return (await forecastDetail(db, timeZone, q)).response;
}

export async function forecastDetail(db: Database, timeZone: string, q: ForecastQuery): Promise<ForecastDetail> {
  const key = { queue: q.queue, channel: q.channel ?? null };
  const range = await seriesRange(db, key);
  if (!range) throw new NoHistoryError(q.queue, q.channel);
  const start = q.start ?? addDays(range.lastDate, 1);
  if (start <= range.firstDate) {
    throw new InputError('start', `must be after the first day of history (${range.firstDate})`);
  }
  const histEnd = start <= range.lastDate ? addDays(start, -1) : range.lastDate;
  const histStart = maxDate(range.firstDate, addDays(histEnd, -(MAX_HISTORY_DAYS - 1)));
  const gap = daysBetween(histEnd, start) - 1;
  const perDay = periodsPerDay(q.granularity);
  const interval = q.granularity !== 'day';
  // Interval horizons are counted in intervals: enough whole days (one more for a 25-hour day).
  const forecastDays = interval ? Math.ceil(q.horizon / perDay) + 1 : q.horizon;
  const backtestDays = interval ? Math.ceil(q.horizon / perDay) : q.horizon;
  if (gap + forecastDays > MAX_DAY_HORIZON + 7) {
    throw new InputError('start', `must be within 18 months after the last day of history (${range.lastDate})`);
  }
  const forecastEnd = addDays(start, forecastDays - 1);
  const kind: SeriesKind = q.metric === 'volume' ? 'count' : 'ratio';

  const rows = await dailyHistory(db, key, histStart, histEnd);
  const n = daysBetween(histStart, histEnd) + 1;
  const values: (number | null)[] = new Array(n).fill(kind === 'count' ? 0 : null);
  for (const r of rows) {
    const i = daysBetween(histStart, r.date);
    values[i] = kind === 'count' ? r.offered : r.handled > 0 ? r.handleSum / r.handled : null;
  }
  if (kind === 'ratio' && values.every((v) => v === null)) throw new NoAhtHistoryError(q.queue, q.channel, histEnd);
  const userEvents = await forecastEventsFor(db, q.queue, key.channel, histStart, forecastEnd);
  // The site's holidays: the stored calendar's word for this queue and channel, or the
  // default calendar (the eleven federal holidays closed) when none is stored.
  const siteCalendar = (await getSiteCalendar(db))?.calendar ?? defaultCalendar(timeZone);
  const daily = forecastDaily({
    holidayOn: holidayRuleFromCalendar(siteCalendar, q.queue, key.channel),
    series: { start: histStart, values },
    horizon: gap + forecastDays,
    backtestHorizon: backtestDays,
    model: q.model,
    kind,
    events: userEvents,
  });
  const notes = [...daily.notes];
  const effects = daily.model === 'seasonal-naive' || daily.model === 'moving-average' ? null : describeEffects(daily.estimates);
  if (effects) notes.push(effects);
  if (userEvents.length) notes.push(`planner events applied: ${userEvents.map((e) => `${e.name} ×${e.lift}`).join(', ')}`);

  const historyPeriods = q.history ?? defaultHistory(q.granularity);
  let points: ForecastPoint[];
  let intervalPoints: IntervalPoint[] = [];
  let history: { period: string; value: number | null }[];
  let backtest = daily.backtest;
  let candidates = daily.candidates;
  let displayFrom: string;
  if (!interval) {
    points = daily.points.slice(gap, gap + q.horizon).map((p, k) => ({ ...p, closed: daily.closed[gap + k]! }));
    const shown = Math.min(historyPeriods, n);
    history = values.slice(n - shown).map((value, k) => ({ period: addDays(histStart, n - shown + k), value }));
    displayFrom = history[0]?.period ?? start;
  } else {
    const minutes = q.granularity === 'interval15' ? 15 : 30;
    const grid = new DayGrid(timeZone, minutes);
    const firstOrigin = daily.run ? daily.run.origins[0]! : n;
    const profileFrom = addDays(histStart, firstOrigin - PROFILE_WEEKS_NEEDED * 7);
    displayFrom = addDays(histEnd, -Math.ceil(historyPeriods / perDay));
    const from = maxDate(histStart, minDate(profileFrom, displayFrom));
    const ivRows = await intervalHistory(db, key, minutes, from, histEnd);
    const ih: IntervalHistory = {
      volume: new Map(ivRows.map((r) => [r.start, r.offered])),
      handled: new Map(ivRows.map((r) => [r.start, r.handled])),
      handleSum: new Map(ivRows.map((r) => [r.start, r.handleSum])),
      firstDate: from,
      lastDate: histEnd,
    };
    const iv = forecastIntervals({ daily, history: ih, grid, kind, formatPeriod: (t) => formatLocalIso(t, timeZone) });
    intervalPoints = iv.points.filter((p) => p.date >= start).slice(0, q.horizon);
    const dayIndex = new Map(daily.dates.map((d, j) => [d, j]));
    points = intervalPoints.map(({ period, forecast, lower80, upper80, lower95, upper95, date }) => ({
      period,
      forecast,
      lower80,
      upper80,
      lower95,
      upper95,
      // Closed: the day is, or (volume) the slot never has contacts, so the profile gives it no share.
      closed: daily.closed[dayIndex.get(date)!]! || (kind === 'count' && forecast === 0),
    }));
    notes.push(...iv.notes);
    if (iv.backtest.origins > 0) {
      backtest = iv.backtest;
      candidates = iv.candidates;
    } else if (daily.backtest.origins > 0) {
      notes.push('no interval history in the backtest weeks: the backtest scores are daily');
    }
    const shown = intervalHistoryPoints(ih, grid, maxDate(from, displayFrom), histEnd, kind, timeZone);
    history = historyPeriods > 0 ? shown.slice(-historyPeriods) : [];
    displayFrom = history[0]?.period.slice(0, 10) ?? start;
  }

  const response: ForecastResponse = {
    queue: q.queue,
    channel: key.channel,
    metric: q.metric,
    granularity: q.granularity,
    horizon: q.horizon,
    model: daily.model,
    history,
    points,
    backtest,
    candidates,
    events: calendarEvents(minDate(displayFrom, start), forecastEnd, userEvents.map(toUserEvent)),
    notes,
  };
  return { response, intervalPoints, daily };
}

function toUserEvent(e: ForecastEventRow) {
  return { name: e.name, start: e.start, end: e.end, lift: e.lift };
}

/** Every interval of the days [from, to] with its value: 0 offered when absent, AHT null. */
function intervalHistoryPoints(ih: IntervalHistory, grid: DayGrid, from: string, to: string, kind: SeriesKind, timeZone: string): { period: string; value: number | null }[] {
  const out: { period: string; value: number | null }[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) {
    for (const t of grid.day(d).starts) {
      let value: number | null;
      if (kind === 'count') value = ih.volume.get(t) ?? 0;
      else {
        const c = ih.handled?.get(t) ?? 0;
        value = c > 0 ? (ih.handleSum?.get(t) ?? 0) / c : null;
      }
      out.push({ period: formatLocalIso(t, timeZone), value });
    }
  }
  return out;
}

const maxDate = (a: string, b: string) => (a > b ? a : b);
const minDate = (a: string, b: string) => (a < b ? a : b);
