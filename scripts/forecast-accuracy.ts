/**
 * Holdout accuracy of the forecast on the default sample data, next to the seasonal naive and
 * to the noise floor (the generator's own expected arrivals: no forecast can beat the Poisson
 * noise of the arrivals around them).
 *
 *   node --import tsx scripts/forecast-accuracy.ts [--start 2026-09-21] [--days 800] [--seed 42]
 *
 * Generates the default sample set (cached under bench-data/forecast-accuracy/), ingests it
 * into a DuckDB file there, forecasts each queue × channel 8 weeks from `--start` with the
 * history before it (the service's own path: SQL history → pure models), and scores offered
 * contacts by day and by 30-minute interval: wMAPE over the 8 weeks and over the days of it
 * inside the enrollment window (Oct 15 – Jan 31). Prints a Markdown table.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_SAMPLE_OPTIONS, writeSampleData } from '../server/sample-data/index.ts';
import { Database } from '../server/db/database.ts';
import { dailyHistory, intervalHistory, seriesRanges } from '../server/db/queries/history.ts';
import { ingestFile } from '../server/ingest/index.ts';
import { forecastFromDatabase, type ForecastResponse } from '../server/forecast/service.ts';
import type { ModelChoice } from '../server/wfm/forecast/types.ts';
import { addDays, localDateOf } from '../server/wfm/timezone.ts';
import { stopwatch } from '../server/progress.ts';

const args = process.argv.slice(2);
const flag = (name: string, fallback: string) => (args.includes(name) ? args[args.indexOf(name) + 1]! : fallback);
const START = flag('--start', '2026-09-21');
const DAYS = Number(flag('--days', String(DEFAULT_SAMPLE_OPTIONS.days)));
const SEED = Number(flag('--seed', String(DEFAULT_SAMPLE_OPTIONS.seed)));
const HORIZON_DAYS = 56;
const END = addDays(START, HORIZON_DAYS - 1);
const TZ = DEFAULT_SAMPLE_OPTIONS.timezone;

const here = fileURLToPath(new URL('.', import.meta.url));
const dir = join(here, '..', 'bench-data', 'forecast-accuracy', `d${DAYS}-s${SEED}`);
mkdirSync(dir, { recursive: true });
const contactsCsv = join(dir, 'contacts.csv');
const expectedCsv = join(dir, 'expected.csv');
const dbPath = join(dir, 'staffcast.duckdb');

if (!existsSync(expectedCsv) || !existsSync(contactsCsv)) {
  console.error(`generating the sample data (${DAYS} days, seed ${SEED})…`);
  await writeSampleData({ ...DEFAULT_SAMPLE_OPTIONS, days: DAYS, seed: SEED, out: contactsCsv, expectedOut: expectedCsv });
}
if (!existsSync(dbPath)) {
  console.error('ingesting…');
  const db = await Database.open(dbPath);
  const r = await ingestFile(db, contactsCsv, { siteTimezone: TZ, hmacKey: Buffer.alloc(32, 1), now: new Date(`${DEFAULT_SAMPLE_OPTIONS.endDate}T23:59:59Z`) });
  db.close();
  if (r.outcome !== 'committed') throw new Error(`ingest ${r.outcome}: ${r.message ?? ''}`);
}

// Expected arrivals per series: by local date and by interval start instant.
const expectedDay = new Map<string, number>();
const expectedInterval = new Map<string, number>();
for (const line of readFileSync(expectedCsv, 'utf8').split('\n').slice(1)) {
  if (!line) continue;
  const [queue, channel, period, value] = line.split(',');
  const t = Date.parse(period!);
  const date = localDateOf(t, TZ);
  if (date < START || date > END) continue;
  const v = Number(value);
  const dk = `${queue}|${channel}|${date}`;
  expectedDay.set(dk, (expectedDay.get(dk) ?? 0) + v);
  expectedInterval.set(`${queue}|${channel}|${t}`, v);
}

const db = await Database.open(dbPath, { readOnly: true });
const inSeason = (date: string) => {
  const md = date.slice(5);
  return md >= '10-15' || md <= '01-31';
};

interface Score {
  abs: number;
  act: number;
}
const add = (s: Score, a: number, f: number) => {
  s.abs += Math.abs(a - f);
  s.act += a;
};
const wmape = (s: Score) => (s.act > 0 ? s.abs / s.act : null);
const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

interface Row {
  series: string;
  level: string;
  model: string;
  auto: Score;
  autoSurge: Score;
  naive: Score;
  naiveSurge: Score;
  floor: Score;
  floorSurge: Score;
}
const rows: Row[] = [];
const newScore = (): Score => ({ abs: 0, act: 0 });
const newRow = (series: string, level: string, model: string): Row => ({
  series,
  level,
  model,
  auto: newScore(),
  autoSurge: newScore(),
  naive: newScore(),
  naiveSurge: newScore(),
  floor: newScore(),
  floorSurge: newScore(),
});

/** Scores one period: the chosen model, seasonal naive and the noise floor against the actual. */
function scorePeriod(r: Row, date: string, actual: number, forecast: number, naive: number, expected: number): void {
  add(r.auto, actual, forecast);
  add(r.naive, actual, naive);
  add(r.floor, actual, expected);
  if (inSeason(date)) {
    add(r.autoSurge, actual, forecast);
    add(r.naiveSurge, actual, naive);
    add(r.floorSurge, actual, expected);
  }
}

async function forecast(queue: string, channel: string, granularity: 'day' | 'interval30', model: ModelChoice): Promise<ForecastResponse> {
  const horizon = granularity === 'day' ? HORIZON_DAYS : HORIZON_DAYS * 48;
  return forecastFromDatabase(db, TZ, { queue, channel: channel as 'voice', granularity, horizon, metric: 'volume', model, start: START, history: 0 });
}

const totals = new Map<string, Row>();
const t0 = stopwatch();
for (const s of await seriesRanges(db)) {
  const key = { queue: s.queue, channel: s.channel };
  const name = `${s.queue} / ${s.channel}`;
  // Daily.
  const actualDay = new Map((await dailyHistory(db, key, START, END)).map((r) => [r.date, r.offered]));
  const [autoD, naiveD] = [await forecast(s.queue, s.channel, 'day', 'auto'), await forecast(s.queue, s.channel, 'day', 'seasonal-naive')];
  const day = newRow(name, 'day', autoD.model);
  autoD.points.forEach((p, j) => {
    const date = p.period;
    const expected = expectedDay.get(`${s.queue}|${s.channel}|${date}`) ?? 0;
    scorePeriod(day, date, actualDay.get(date) ?? 0, p.forecast ?? 0, naiveD.points[j]!.forecast ?? 0, expected);
  });
  rows.push(day);
  // 30-minute intervals.
  const actualIv = new Map((await intervalHistory(db, key, 30, START, END)).map((r) => [r.start, r.offered]));
  const autoI = await forecast(s.queue, s.channel, 'interval30', 'auto');
  const naiveI = await forecast(s.queue, s.channel, 'interval30', 'seasonal-naive');
  const iv = newRow(name, '30 min', autoI.model);
  autoI.points.forEach((p, j) => {
    const t = Date.parse(p.period);
    const expected = expectedInterval.get(`${s.queue}|${s.channel}|${t}`) ?? 0;
    scorePeriod(iv, p.period.slice(0, 10), actualIv.get(t) ?? 0, p.forecast ?? 0, naiveI.points[j]!.forecast ?? 0, expected);
  });
  rows.push(iv);
  for (const r of [day, iv]) {
    const k = `all voice|${r.level}`;
    if (s.channel !== 'voice') continue;
    const tot = totals.get(k) ?? newRow('all voice queues', r.level, '');
    for (const f of ['auto', 'autoSurge', 'naive', 'naiveSurge', 'floor', 'floorSurge'] as const) {
      tot[f].abs += r[f].abs;
      tot[f].act += r[f].act;
    }
    totals.set(k, tot);
  }
}
db.close();

console.log(`Holdout ${START} … ${END} (8 weeks); history: every day before ${START}. Surge = days of the holdout in Oct 15 – Jan 31.\n`);
console.log('| series | level | model | wMAPE | seasonal naive | noise floor | wMAPE in surge | naive in surge | floor in surge | ratio to floor (surge) | vs naive (surge) |');
console.log('|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const r of [...rows, ...totals.values()]) {
  const ratio = wmape(r.autoSurge) !== null && wmape(r.floorSurge) ? wmape(r.autoSurge)! / wmape(r.floorSurge)! : null;
  const vsNaive = wmape(r.autoSurge) !== null && wmape(r.naiveSurge) ? 1 - wmape(r.autoSurge)! / wmape(r.naiveSurge)! : null;
  console.log(
    `| ${r.series} | ${r.level} | ${r.model} | ${pct(wmape(r.auto))} | ${pct(wmape(r.naive))} | ${pct(wmape(r.floor))} | ` +
      `${pct(wmape(r.autoSurge))} | ${pct(wmape(r.naiveSurge))} | ${pct(wmape(r.floorSurge))} | ${ratio === null ? '—' : ratio.toFixed(2) + '×'} | ${vsNaive === null ? '—' : `${(vsNaive * 100).toFixed(0)}% lower`} |`,
  );
}
console.error(`forecasts took ${t0.seconds()} s`);
