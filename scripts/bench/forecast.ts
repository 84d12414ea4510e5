/**
 * Forecasting benchmarks on synthetic series made here (seeded): 20 queues with 3 years of
 * daily history each, fitted, backtested (4 origins) and forecast 56 days ahead; and an
 * 8-week forecast of one queue by 30- and 15-minute interval (daily fit, intraday profile,
 * interval-level backtest). Aims: ≤ 2 s and ≤ 200 ms.
 */
import { forecastDaily } from '../../server/wfm/forecast/dailyForecast.ts';
import { dayCalendar } from '../../server/wfm/forecast/dayCalendar.ts';
import { DayGrid } from '../../server/wfm/forecast/dayGrid.ts';
import { forecastIntervals } from '../../server/wfm/forecast/intervalForecast.ts';
import type { IntervalHistory } from '../../server/wfm/forecast/intradayProfile.ts';
import type { DailySeries } from '../../server/wfm/forecast/types.ts';
import { addDays, formatLocalIso } from '../../server/wfm/timezone.ts';
import { timeBest, timeOnce, type Bench } from './harness.ts';
import { mulberry32 } from '../../server/wfm/random.ts';

const TZ = 'America/Los_Angeles';
const WEEKDAY = [1.25, 1.05, 1, 0.97, 0.92, 0.35, 0];

/** A daily volume series: weekly pattern, trend, closed holidays, an enrollment surge, noise. */
function dailySeries(seed: number, start: string, days: number): DailySeries {
  const rnd = mulberry32(seed);
  const level = 800 + 400 * rnd();
  const cal = dayCalendar(start, days);
  return {
    start,
    values: cal.map((d, i) => {
      if (d.holiday) return 0;
      const surge = d.seasonYear !== null ? 1.3 + 0.1 * Math.sin((d.seasonOffset / 109) * Math.PI) : 1;
      const mean = level * WEEKDAY[d.weekday]! * (1 + i / 3000) * surge;
      return Math.max(0, Math.round(mean * (1 + 0.06 * (rnd() - 0.5))));
    }),
  };
}

/** Interval history for the last `days` days of a daily series: open 08:00–20:00, morning peak. */
function intervalHistory(s: DailySeries, days: number, grid: DayGrid): IntervalHistory {
  const volume = new Map<number, number>();
  const n = s.values.length;
  const from = addDays(s.start, n - days);
  for (let k = n - days; k < n; k++) {
    const date = addDays(s.start, k);
    const g = grid.day(date);
    const weights = g.slots.map((slot) => (slot >= 480 && slot < 1200 ? 1 + Math.exp(-((slot - 600) ** 2) / 20000) : 0));
    const total = weights.reduce((a, b) => a + b, 0);
    g.starts.forEach((t, i) => {
      const v = ((s.values[k] ?? 0) * weights[i]!) / total;
      if (v > 0) volume.set(t, v);
    });
  }
  return { volume, firstDate: from, lastDate: addDays(s.start, n - 1) };
}

export default async function forecastBench(b: Bench): Promise<void> {
  const queues = b.quick ? 5 : 20;
  const years = 3;
  const series = Array.from({ length: queues }, (_, q) => dailySeries(1000 + q, '2023-11-16', years * 365));

  const cold = await timeOnce(() => {
    for (const s of series) forecastDaily({ series: s, horizon: 56 });
  });
  b.record(`daily fit + backtest + forecast, ${queues} queues × ${years} years (first run)`, cold, 'ms', 'horizon 56 d, 4 origins, 5 models');
  const warm = await timeBest(
    () => {
      for (const s of series) forecastDaily({ series: s, horizon: 56 });
    },
    b.quick ? 1 : 3,
  );
  b.record(`daily fit + backtest + forecast, ${queues} queues × ${years} years`, warm, 'ms', 'aim ≤ 2,000 ms');

  const long = await timeBest(() => forecastDaily({ series: series[0]!, horizon: 548 }), b.quick ? 1 : 3);
  b.record('daily forecast 18 months ahead, one queue', long, 'ms', 'backtest at the 548-day horizon');

  for (const minutes of [30, 15]) {
    const grid = new DayGrid(TZ, minutes);
    const ih = intervalHistory(series[0]!, 140, grid);
    const ms = await timeBest(
      () => {
        const daily = forecastDaily({ series: series[0]!, horizon: 57, backtestHorizon: 56 });
        forecastIntervals({ daily, history: ih, grid, kind: 'count', formatPeriod: (t) => formatLocalIso(t, TZ) });
      },
      b.quick ? 1 : 3,
    );
    b.record(`interval forecast 8 weeks by ${minutes} min, one queue`, ms, 'ms', 'aim ≤ 200 ms; incl. interval backtest');
  }
}
