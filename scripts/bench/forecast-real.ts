/**
 * `npm run bench -- --only forecast-real`: rolling-origin backtests of the forecast on real
 * series (../shared/datasets, docs/forecast-accuracy.md "Real series"), against seasonal naive,
 * the best single model in hindsight, and R's forecast package (ets, stlf/mstl, tbats,
 * auto.arima) on the same origins when `Rscript` is installed (skipped with a message when not,
 * or when STAFFCAST_BENCH_NO_R is set).
 *
 * Series and levels: the US bank 2003 by day and by 30 minutes over its open hours; the
 * Anonymous Bank 1999 (6-minute counts summed to 30 minutes, and days); Denver EMS 2016–2019 by
 * day and by hour. Ten weekly origins each, a week ahead from each. Every forecast uses only
 * the rows before its origin. Scores pool every (origin, period) pair:
 *   wMAPE = Σ|f − a| / Σ a; bias = Σ(f − a) / Σ a; MASE = mean |f − a| ÷ the mean |a − a(one
 *   week earlier)| over the history before the first origin (pairs where both are known).
 * Periods scored: the series' open periods (the rows its file has, for the US bank; every
 * period for the 24/7 series) whose actual is known (not a lost hour, not a partial day).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { forecastDaily } from '../../server/wfm/forecast/dailyForecast.ts';
import type { HolidayRule } from '../../server/wfm/forecast/dayCalendar.ts';
import { DayGrid } from '../../server/wfm/forecast/dayGrid.ts';
import { forecastIntervals } from '../../server/wfm/forecast/intervalForecast.ts';
import { parseSeriesCsv } from '../../server/wfm/forecast/parseSeries.ts';
import { MODEL_NAMES, type ModelChoice } from '../../server/wfm/forecast/types.ts';
import { addDays, daysBetween, formatLocalIso } from '../../server/wfm/timezone.ts';
import type { Bench } from './harness.ts';

const here = fileURLToPath(new URL('.', import.meta.url));
const shared = process.env.STAFFCAST_SHARED ?? join(here, '..', '..', '..', 'shared');

interface SeriesSpec {
  name: string;
  timeZone: string;
  /** CSV `timestamp,value` at the interval level. */
  csv: () => string;
  intervalLabel: string;
  /** First forecast day of each origin. */
  origins: string[];
  holidayOn?: HolidayRule;
  /** Periods of the R series per day and per week at the interval level. */
  rFreqs: [number, number];
  /** R's day-level frequency (open days a week). */
  rDayFreq: number;
}

const HORIZON_DAYS = 7;

const weekly = (first: string, count: number) => Array.from({ length: count }, (_, k) => addDays(first, 7 * k));

function bankCsv(): string {
  // 5-minute counts, wall clock written with a Z: summed to 30-minute wall-clock slots.
  const sums = new Map<string, number>();
  for (const line of readFileSync(join(shared, 'datasets/us-bank-calls-2003-5min.csv'), 'utf8').split('\n').slice(1)) {
    const m = /^\d+,(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})/.exec(line);
    if (!m) continue;
    const key = `${m[1]}T${m[2]}:${Number(m[3]) < 30 ? '00' : '30'}`;
    sums.set(key, (sums.get(key) ?? 0) + Number(line.split(',')[2]));
  }
  return ['timestamp,value', ...[...sums].map(([k, v]) => `${k},${v}`)].join('\n');
}

function anonymousBankCsv(): string {
  // 6-minute counts (calls may be .5 on the imputed day) summed to 30-minute wall-clock slots.
  const sums = new Map<string, number>();
  for (const line of readFileSync(join(shared, 'datasets/anonymous-bank-1999-6min.csv'), 'utf8').split('\n').slice(1)) {
    const [date, , start, , calls] = line.split(',');
    if (!date || !start) continue;
    const [h, mm] = start.split(':');
    const key = `${date}T${h}:${Number(mm) < 30 ? '00' : '30'}`;
    sums.set(key, (sums.get(key) ?? 0) + Number(calls));
  }
  return ['timestamp,value', ...[...sums].map(([k, v]) => `${k},${v}`)].join('\n');
}

function denverCsv(): string {
  const lines = readFileSync(join(shared, 'datasets/denver-ems-hourly.csv'), 'utf8').split('\n');
  return ['timestamp,value', ...lines.slice(1).filter((l) => l >= '2016-01-01')].join('\n');
}

const SERIES: SeriesSpec[] = [
  {
    name: 'US bank 2003',
    timeZone: 'America/New_York',
    csv: bankCsv,
    intervalLabel: '30 min (open hours)',
    // Mondays 2003-08-18 … 10-20 (the data end Fri 10-24). 29 half-hours a day: 07:00 … 20:30,
    // and 21:00, which holds the one 5-minute row at 21:00.
    origins: weekly('2003-08-18', 10),
    rFreqs: [29, 145],
    rDayFreq: 5,
  },
  {
    name: 'Anonymous Bank 1999',
    timeZone: 'Asia/Jerusalem',
    csv: anonymousBankCsv,
    intervalLabel: '30 min',
    // Sundays (its week starts on Sunday) 1999-10-17 … 12-19, through Sat 12-25.
    origins: weekly('1999-10-17', 10),
    // Israeli holidays are not in the catalogue: no holiday rule (US federal holidays mean nothing there).
    holidayOn: () => null,
    rFreqs: [48, 336],
    rDayFreq: 7,
  },
  {
    name: 'Denver EMS 2016–2019',
    timeZone: 'America/Denver',
    csv: denverCsv,
    intervalLabel: 'hour',
    // Mondays 2018-12-03 … 2019-02-04, through Sun 2019-02-10 (the last whole day).
    origins: weekly('2018-12-03', 10),
    rFreqs: [24, 168],
    rDayFreq: 7,
  },
];

interface Period {
  key: string;
  date: string;
  actual: number | null;
}

interface Scores {
  wmape: number | null;
  mase: number | null;
  bias: number | null;
  n: number;
}

function score(pairs: { a: number; f: number }[], scale: number | null): Scores {
  let abs = 0;
  let signed = 0;
  let act = 0;
  for (const { a, f } of pairs) {
    abs += Math.abs(f - a);
    signed += f - a;
    act += a;
  }
  return {
    wmape: act > 0 ? abs / act : null,
    bias: act > 0 ? signed / act : null,
    mase: pairs.length && scale ? abs / pairs.length / scale : null,
    n: pairs.length,
  };
}

/** Mean |a(p) − a(p one week earlier)| over the periods before `before` with both known. */
function naiveScale(periods: Period[], weekAgo: Map<string, string>, before: string): number | null {
  const byKey = new Map(periods.map((p) => [p.key, p]));
  let s = 0;
  let c = 0;
  for (const p of periods) {
    if (p.date >= before || p.actual === null) continue;
    const q = byKey.get(weekAgo.get(p.key) ?? '');
    if (!q || q.actual === null) continue;
    s += Math.abs(p.actual - q.actual);
    c++;
  }
  return c && s > 0 ? s / c : null;
}

type Method = string;

/** True when the R forecasts on disk were made from this very series and these tasks, and cover every task. */
function reusable(work: string, series: string, tasks: string[]): boolean {
  const out = join(work, 'r-forecasts.csv');
  if (![out, join(work, 'r-series.csv'), join(work, 'r-tasks.csv')].every(existsSync)) return false;
  if (readFileSync(join(work, 'r-series.csv'), 'utf8') !== series || readFileSync(join(work, 'r-tasks.csv'), 'utf8') !== tasks.join('\n')) return false;
  const done = new Set(
    readFileSync(out, 'utf8')
      .split('\n')
      .slice(1)
      .map((l) => l.split(',').slice(0, 2).join(',')),
  );
  return tasks.slice(1).every((t) => done.has(`${t.split(',')[0]},${t.split(',')[2]}`));
}

export default async function forecastRealBench(b: Bench): Promise<void> {
  const work = join(b.workDir, 'forecast-real');
  mkdirSync(work, { recursive: true });
  const missing = ['us-bank-calls-2003-5min.csv', 'anonymous-bank-1999-6min.csv', 'denver-ems-hourly.csv'].filter((f) => !existsSync(join(shared, 'datasets', f)));
  if (missing.length) {
    console.error(`forecast-real: skipped, missing ${missing.join(', ')} under ${shared}/datasets (set STAFFCAST_SHARED)`);
    return;
  }
  const rows: string[] = [];
  // R inputs: one task per (series, level, origin).
  const rSeries: string[] = ['task,idx,value'];
  const rTasks: string[] = ['task,freqs,origin,h,window'];
  const levels: {
    id: string;
    series: string;
    level: string;
    periods: Period[];
    index: Map<string, number>;
    forecasts: Map<Method, Map<string, number>>;
    scale: number | null;
    chosen: string[];
    notes: Set<string>;
  }[] = [];

  for (const spec of SERIES) {
    const parsed = parseSeriesCsv(spec.csv(), spec.timeZone);
    if (parsed.granularity !== 'interval') throw new Error(`${spec.name}: expected an interval series`);
    const grid = new DayGrid(spec.timeZone, parsed.minutes);
    const start = parsed.daily.start;
    const daily = parsed.daily.values;
    // Day level: open days are the days with volume or unknown (closed days are 0 by the reading).
    const dayPeriods: Period[] = daily.flatMap((v, i) => (v === 0 ? [] : [{ key: addDays(start, i), date: addDays(start, i), actual: v }]));
    // Interval level: the intervals with a row or lost (closed slots and days have neither).
    const ivPeriods: Period[] = [];
    for (let i = 0; i < daily.length; i++) {
      const date = addDays(start, i);
      if (daily[i] === 0) continue;
      for (const t of grid.day(date).starts) {
        const lost = parsed.intervals.missing?.has(t) ?? false;
        if (!parsed.intervals.volume.has(t) && !lost) continue;
        ivPeriods.push({ key: String(t), date, actual: lost ? null : parsed.intervals.volume.get(t)! });
      }
    }
    // Partial days are unknown actuals at both levels (data loss): as the forecast reads them.
    const weekAgoDay = new Map(dayPeriods.map((p) => [p.key, addDays(p.date, -7)]));
    const weekAgoIv = new Map<string, string>();
    for (const p of ivPeriods) {
      const t = Number(p.key);
      const g = grid.day(p.date);
      const prev = grid.day(addDays(p.date, -7));
      const i = g.starts.indexOf(t);
      weekAgoIv.set(p.key, String(g.starts.length === prev.starts.length ? prev.starts[i]! : t - 7 * 86_400_000));
    }
    const day = {
      id: `${spec.name}|day`,
      series: spec.name,
      level: 'day',
      periods: dayPeriods,
      index: new Map(dayPeriods.map((p, k) => [p.key, k])),
      forecasts: new Map<Method, Map<string, number>>(),
      scale: naiveScale(dayPeriods, weekAgoDay, spec.origins[0]!),
      chosen: [] as string[],
      notes: new Set<string>(parsed.notes),
    };
    const iv = {
      id: `${spec.name}|iv`,
      series: spec.name,
      level: spec.intervalLabel,
      periods: ivPeriods,
      index: new Map(ivPeriods.map((p, k) => [p.key, k])),
      forecasts: new Map<Method, Map<string, number>>(),
      scale: naiveScale(ivPeriods, weekAgoIv, spec.origins[0]!),
      chosen: [] as string[],
      notes: new Set<string>(),
    };
    levels.push(day, iv);
    const put = (lvl: typeof day, method: Method, key: string, f: number) => {
      if (!lvl.forecasts.has(method)) lvl.forecasts.set(method, new Map());
      lvl.forecasts.get(method)!.set(key, f);
    };

    for (const origin of spec.origins) {
      const n = daysBetween(start, origin);
      const history = { start, values: daily.slice(0, n) };
      const ih = { ...parsed.intervals, lastDate: addDays(origin, -1) };
      const horizonDays = Math.min(HORIZON_DAYS, daily.length - n);
      for (const choice of ['auto', ...MODEL_NAMES] as ModelChoice[]) {
        const r = forecastDaily({ series: history, horizon: horizonDays, model: choice, kind: 'count', holidayOn: spec.holidayOn });
        const method = choice === 'auto' ? 'chosen' : choice;
        if (choice === 'auto') {
          day.chosen.push(r.model);
          for (const note of r.notes) {
            if (/partial day/.test(note)) day.notes.add(note);
            if (/scored best/.test(note)) day.notes.add(`origin ${origin}: ${note}`);
          }
        }
        r.dates.forEach((d, j) => put(day, method, d, r.forecast[j]!));
        const ir = forecastIntervals({ daily: r, history: ih, grid, kind: 'count', formatPeriod: (t) => formatLocalIso(t, spec.timeZone) });
        for (const p of ir.points) put(iv, method, String(p.start), p.forecast ?? 0);
      }
      // Seasonal naive at each level: the same period a week earlier (two weeks when that one is unknown).
      for (const [lvl, weekAgo] of [
        [day, weekAgoDay],
        [iv, weekAgoIv],
      ] as const) {
        const byKey = new Map(lvl.periods.map((p) => [p.key, p]));
        for (const p of lvl.periods) {
          if (p.date < origin || p.date >= addDays(origin, horizonDays)) continue;
          const w1 = byKey.get(weekAgo.get(p.key) ?? '');
          const w2 = w1 ? byKey.get(weekAgo.get(w1.key) ?? '') : undefined;
          put(lvl, 'seasonal naive (level)', p.key, w1?.actual ?? w2?.actual ?? 0);
        }
      }
      // R tasks: history = the open periods before the origin; h = open periods in the week.
      for (const [lvl, freqs, window] of [
        [day, String(spec.rDayFreq), 0],
        [iv, spec.rFreqs.join(';'), 6 * spec.rFreqs[1]],
      ] as const) {
        const first = lvl.periods.findIndex((p) => p.date >= origin);
        const h = lvl.periods.filter((p) => p.date >= origin && p.date < addDays(origin, horizonDays)).length;
        rTasks.push(`${lvl.id},${freqs},${first},${h},${window}`);
      }
    }
    for (const lvl of [day, iv]) lvl.periods.forEach((p, k) => rSeries.push(`${lvl.id},${k},${p.actual ?? 'NA'}`));
    console.error(`forecast-real: ${spec.name} done`);
  }

  // R's forecast package on the same origins.
  const rOut = join(work, 'r-forecasts.csv');
  const hasR = !process.env.STAFFCAST_BENCH_NO_R && spawnSync('Rscript', ['--version']).status === 0;
  if (!hasR) console.error('forecast-real: Rscript not found (apt-get install r-cran-forecast) or STAFFCAST_BENCH_NO_R set: R comparison skipped');
  else if (reusable(work, rSeries.join('\n'), rTasks)) {
    console.error(`forecast-real: R forecasts reused from ${rOut} (same series and tasks; delete it to rerun R)`);
  } else {
    writeFileSync(join(work, 'r-series.csv'), rSeries.join('\n'));
    writeFileSync(join(work, 'r-tasks.csv'), rTasks.join('\n'));
    const r = spawnSync('Rscript', [join(here, 'forecast-real.R'), join(work, 'r-series.csv'), join(work, 'r-tasks.csv'), rOut], {
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    if (r.status !== 0) console.error(`forecast-real: Rscript failed (status ${r.status})`);
  }
  if (hasR && existsSync(rOut)) {
    const byId = new Map(levels.map((l) => [l.id, l]));
    for (const line of readFileSync(rOut, 'utf8').split('\n').slice(1)) {
      const [task, origin, step, model, f] = line.split(',');
      const lvl = byId.get(task ?? '');
      if (!lvl || f === 'NA' || f === undefined) continue;
      const p = lvl.periods[Number(origin) + Number(step) - 1];
      if (!p) continue;
      if (!lvl.forecasts.has(`R ${model}`)) lvl.forecasts.set(`R ${model}`, new Map());
      lvl.forecasts.get(`R ${model}`)!.set(p.key, Number(f));
    }
  }

  // Scores over the periods every method forecast, with a known actual.
  const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
  const num = (v: number | null) => (v === null ? '—' : v.toFixed(2));
  rows.push(
    '| series | level | periods | chosen (models at the 10 origins) | wMAPE | MASE | bias | seasonal naive wMAPE / MASE / bias | best single model in hindsight: wMAPE / MASE / bias | R best: wMAPE / MASE / bias | ours ÷ R best (wMAPE) |',
  );
  rows.push('|---|---|---:|---|---:|---:|---:|---|---|---|---:|');
  for (const lvl of levels) {
    const ourMethods = ['chosen', 'seasonal naive (level)', ...MODEL_NAMES];
    // Ours, seasonal naive and the single models: every period with a known actual.
    const keys = lvl.periods.filter((p) => p.actual !== null && ourMethods.every((m) => lvl.forecasts.get(m)?.has(p.key)));
    const s = (method: Method, over = keys) => {
      const m = lvl.forecasts.get(method)!;
      return score(
        over.map((p) => ({ a: p.actual!, f: m.get(p.key)! })),
        lvl.scale,
      );
    };
    const ours = s('chosen');
    const naive = s('seasonal naive (level)');
    const singles = MODEL_NAMES.map((m) => ({ m, sc: s(m) })).sort((x, y) => (x.sc.wmape ?? 9) - (y.sc.wmape ?? 9));
    // R: over the periods every R model forecast (all of them when R ran to the end), with
    // our chosen model rescored on the same periods for the ratio.
    const rNames = [...lvl.forecasts.keys()].filter((k) => k.startsWith('R '));
    const rKeys = keys.filter((p) => rNames.every((m) => lvl.forecasts.get(m)!.has(p.key)));
    const rModels = rNames.map((m) => ({ m, sc: s(m, rKeys) })).sort((x, y) => (x.sc.wmape ?? 9) - (y.sc.wmape ?? 9));
    const rBest = rModels[0];
    const oursOnR = s('chosen', rKeys);
    const counts = new Map<string, number>();
    for (const c of levels.find((l) => l.id === `${lvl.series}|day`)!.chosen) counts.set(c, (counts.get(c) ?? 0) + 1);
    const chosenText = [...counts].map(([m, c]) => `${m} ×${c}`).join(', ');
    const trio = (x: Scores) => `${pct(x.wmape)} / ${num(x.mase)} / ${pct(x.bias)}`;
    const rText = rBest ? `${rBest.m.slice(2)}: ${trio(rBest.sc)}${rKeys.length < keys.length ? ` (${rKeys.length} of ${keys.length} periods)` : ''}` : 'not run';
    const ratio = rBest?.sc.wmape && oursOnR.wmape !== null ? (oursOnR.wmape / rBest.sc.wmape).toFixed(2) : '—';
    rows.push(
      `| ${lvl.series} | ${lvl.level} | ${ours.n} | ${chosenText} | ${pct(ours.wmape)} | ${num(ours.mase)} | ${pct(ours.bias)} | ${trio(naive)} | ${singles[0]!.m}: ${trio(singles[0]!.sc)} | ${rText} | ${ratio} |`,
    );
    if (rModels.length) rows.push(`|  |  |  | R models: ${rModels.map((x) => `${x.m.slice(2)} ${pct(x.sc.wmape)}`).join(', ')} |  |  |  |  |  |  |  |`);
    b.record(`${lvl.series}, ${lvl.level}: wMAPE chosen`, (ours.wmape ?? Number.NaN) * 100, '%', `seasonal naive ${pct(naive.wmape)}${rBest ? `, R best ${pct(rBest.sc.wmape)}` : ''}`);
  }
  const table = rows.join('\n');
  writeFileSync(join(work, 'table.md'), `${table}\n`);
  const notes = levels.flatMap((l) => [...l.notes].map((n) => `- ${l.series}: ${n}`));
  writeFileSync(join(work, 'notes.md'), `${notes.join('\n')}\n`);
  console.error(`\n${table}\n\nnotes (${join(work, 'notes.md')}):\n${notes.join('\n')}`);
}
