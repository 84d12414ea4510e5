/**
 * Parses a history exported from another system: CSV text with a header `date,value` (one
 * row per day) or `timestamp,value` (one row per 5/15/30/60-minute interval, local time or
 * with a UTC offset). Absent days or intervals are closed, i.e. 0: real exports leave out
 * nights and weekends. Pure: text in, series out; the caller reads the file.
 *
 * Staffcast's own `kpis --format csv` is read as it is: its `period` column (ISO local start
 * with offset) is the key — local midnights one day apart are days (`--by day`), anything
 * else intervals — and the value column defaults to `offered` when there is no `value`.
 */
import { DIMENSIONS } from '../canonical.ts';
import { readCsvRecords, type CsvRecord } from '../csv.ts';
import { addDays, daysBetween, localDateOf, localParts, localToUtc, parseDate } from '../timezone.ts';
import type { DailySeries } from './types.ts';
import type { IntervalHistory } from './intradayProfile.ts';

export type ParsedSeries = { granularity: 'day'; daily: DailySeries } | { granularity: 'interval'; minutes: number; daily: DailySeries; intervals: IntervalHistory; lastStart: number };

const TS_RE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/;
const ALLOWED_MINUTES = [5, 15, 30, 60];

/**
 * Parses the CSV. `timeZone` interprets timestamps without an offset and defines the local
 * days. In the repeated hour of a fall-back day, a local time seen twice is the earlier
 * instant the first time and the later one the second time. Throws `invalid …` errors that
 * name the line.
 */
export function parseSeriesCsv(text: string, timeZone: string, opts: { valueColumn?: string } = {}): ParsedSeries {
  const table = readCsvRecords(text);
  const header = table.header.map((h) => h.trim().toLowerCase());
  const periodCol = header.indexOf('period');
  const dateCol = header.indexOf('date');
  const tsCol = header.indexOf('timestamp');
  const wanted = opts.valueColumn?.toLowerCase();
  const valueCol = wanted !== undefined ? header.indexOf(wanted) : header.includes('value') ? header.indexOf('value') : periodCol >= 0 ? header.indexOf('offered') : -1;
  if (wanted !== undefined && valueCol < 0) throw new Error(`invalid series: no column ${JSON.stringify(opts.valueColumn)} in the header`);
  if (valueCol < 0 || (dateCol < 0 && tsCol < 0 && periodCol < 0)) {
    throw new Error('invalid series: the header must be `date,value`, `timestamp,value` or a `staffcast kpis --format csv` export (period,…,offered,…)');
  }
  const grouped = DIMENSIONS.filter((d) => header.includes(d));
  const twiceHint = grouped.length ? ` (one series at a time: export kpis with --where instead of --group ${grouped.join(',')})` : '';
  if (dateCol < 0 && tsCol < 0) return parsePeriods(table.records, periodCol, valueCol, timeZone, twiceHint);
  const daily = dateCol >= 0 && tsCol < 0;
  const keyCol = daily ? dateCol : tsCol;
  const rows = readRows(table.records, keyCol, valueCol);
  return daily ? parseDaily(rows) : parseIntervals(rows, timeZone);
}

function readRows(records: CsvRecord[], keyCol: number, valueCol: number): { key: string; value: number; line: number }[] {
  const rows: { key: string; value: number; line: number }[] = [];
  for (const { line, fields } of records) {
    const cells = fields.map((f) => f.trim());
    const key = cells[keyCol] ?? '';
    const text = cells[valueCol] ?? '';
    const value = Number(text);
    if (text === '' || !Number.isFinite(value)) throw new Error(`invalid value on line ${line}: ${JSON.stringify(text)} is not a number`);
    if (value < 0) throw new Error(`invalid value on line ${line}: ${value} is negative`);
    rows.push({ key, value, line });
  }
  if (rows.length === 0) throw new Error('invalid series: no data rows');
  return rows;
}

const MIDNIGHT_RE = /^(\d{4}-\d{2}-\d{2})T00:00(?::00)?(?:Z|[+-]\d{2}:?\d{2})?$/;

/**
 * A `kpis` export: rows keyed by `period`. Local midnights less than a week apart are a daily
 * series (`kpis --by day`); periods all a week or more apart (weeks, months, quarters) are refused, since
 * the forecast reads days or intervals; anything else is an interval series.
 */
function parsePeriods(records: CsvRecord[], keyCol: number, valueCol: number, timeZone: string, twiceHint: string): ParsedSeries {
  const rows = readRows(records, keyCol, valueCol);
  const midnights = rows.map((r) => MIDNIGHT_RE.exec(r.key)?.[1] ?? null);
  if (midnights.every((d) => d !== null)) {
    const dates = [...new Set(midnights as string[])].sort();
    let gap = Infinity;
    for (let i = 1; i < dates.length; i++) gap = Math.min(gap, daysBetween(dates[i - 1]!, dates[i]!));
    // Weeks, months and quarters are 7 or more days apart; days without contacts may be
    // absent (kpis --no-fill), so a smaller gap is still a daily series.
    if (dates.length > 1 && gap >= 7) {
      throw new Error(`invalid series: the periods are ${gap} or more days apart; export days (kpis --by day) or intervals (--by interval15, interval30 or hour)`);
    }
    try {
      return parseDaily(rows.map((r, i) => ({ ...r, key: midnights[i]! })));
    } catch (e) {
      throw new Error(`${(e as Error).message}${/appears twice$/.test((e as Error).message) ? twiceHint : ''}`);
    }
  }
  try {
    return parseIntervals(rows, timeZone);
  } catch (e) {
    throw new Error(`${(e as Error).message}${/appears twice$/.test((e as Error).message) ? twiceHint : ''}`);
  }
}

function parseDaily(rows: { key: string; value: number; line: number }[]): ParsedSeries {
  const byDate = new Map<string, number>();
  for (const r of rows) {
    if (!parseDate(r.key)) throw new Error(`invalid date on line ${r.line}: ${JSON.stringify(r.key)} is not YYYY-MM-DD`);
    if (byDate.has(r.key)) throw new Error(`invalid date on line ${r.line}: ${r.key} appears twice`);
    byDate.set(r.key, r.value);
  }
  const dates = [...byDate.keys()].sort();
  const start = dates[0]!;
  const length = daysBetween(start, dates[dates.length - 1]!) + 1;
  const values: number[] = new Array(length);
  for (let i = 0; i < length; i++) values[i] = byDate.get(addDays(start, i)) ?? 0;
  return { granularity: 'day', daily: { start, values } };
}

function parseIntervals(rows: { key: string; value: number; line: number }[], timeZone: string): ParsedSeries {
  const volume = new Map<number, number>();
  const seenLocal = new Set<string>();
  for (const r of rows) {
    const m = TS_RE.exec(r.key);
    if (!m) throw new Error(`invalid timestamp on line ${r.line}: ${JSON.stringify(r.key)} is not YYYY-MM-DDTHH:MM[:SS][offset]`);
    const [year, month, day, hour, minute, second] = m.slice(1, 7).map((x) => Number(x ?? 0)) as [number, number, number, number, number, number];
    if (!parseDate(`${m[1]}-${m[2]}-${m[3]}`) || hour > 23 || minute > 59 || second > 59) {
      throw new Error(`invalid timestamp on line ${r.line}: ${r.key} does not exist`);
    }
    let t: number;
    if (m[7]) {
      const off = m[7] === 'Z' ? 0 : offsetOf(m[7]);
      t = Date.UTC(year, month - 1, day, hour, minute, second) - off * 60_000;
    } else {
      const res = localToUtc({ year, month, day, hour, minute, second }, timeZone);
      if (res.status === 'gap') {
        throw new Error(`invalid timestamp on line ${r.line}: ${r.key} does not exist in ${timeZone} (daylight-saving gap)`);
      }
      t = res.utcMs;
      const wall = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? '00'}`;
      if (res.status === 'ambiguous' && seenLocal.has(wall)) t = res.laterUtcMs;
      seenLocal.add(wall);
    }
    if (volume.has(t)) throw new Error(`invalid timestamp on line ${r.line}: ${r.key} appears twice`);
    volume.set(t, r.value);
  }
  const starts = [...volume.keys()].sort((a, b) => a - b);
  let step = Infinity;
  for (let i = 1; i < starts.length; i++) step = Math.min(step, starts[i]! - starts[i - 1]!);
  const minutes = step / 60_000;
  if (!ALLOWED_MINUTES.includes(minutes) || starts.some((t) => localParts(t, timeZone).minute % minutes !== 0)) {
    throw new Error('invalid timestamp: intervals must be a regular 5, 15, 30 or 60 minutes apart, starting on the clock grid');
  }
  const firstDate = localDateOf(starts[0]!, timeZone);
  const lastDate = localDateOf(starts[starts.length - 1]!, timeZone);
  const length = daysBetween(firstDate, lastDate) + 1;
  const totals = new Array<number>(length).fill(0);
  for (const [t, v] of volume) totals[daysBetween(firstDate, localDateOf(t, timeZone))]! += v;
  return {
    granularity: 'interval',
    minutes,
    daily: { start: firstDate, values: totals },
    intervals: { volume, firstDate, lastDate },
    lastStart: starts[starts.length - 1]!,
  };
}

function offsetOf(s: string): number {
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(s)!;
  const v = Number(m[2]) * 60 + Number(m[3]);
  return m[1] === '-' ? -v : v;
}
