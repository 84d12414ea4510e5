/**
 * Parses a history exported from another system: CSV text with a header `date,value` (one
 * row per day) or `timestamp,value` (one row per 5/6/15/30/60-minute interval, local time or
 * with a UTC offset). Absent rows are closed (0) where the series usually has none (nights,
 * weekends) and unknown where it usually has one (lost data): absentPeriods.ts. A local time
 * that does not exist (the spring-forward hour of an export with fixed slots per day) or is
 * seen once in a repeated hour is read, not refused, and reported in `notes`. Pure: text in,
 * series out; the caller reads the file.
 *
 * Staffcast's own `kpis --format csv` is read as it is: its `period` column (ISO local start
 * with offset) is the key — local midnights one day apart are days (`--by day`), anything
 * else intervals — and the value column defaults to `offered` when there is no `value`.
 */
import { DIMENSIONS } from '../canonical.ts';
import { readCsvRecords, type CsvRecord } from '../csv.ts';
import { daysBetween, localDateOf, localParts, localToUtc, offsetMinutes, parseDate } from '../timezone.ts';
import { classifyAbsentIntervals, fillAbsentDays, listSome } from './absentPeriods.ts';
import { DayGrid } from './dayGrid.ts';
import type { DailySeries } from './types.ts';
import type { IntervalHistory } from './intradayProfile.ts';

/** A parsed series; `notes` say how absent rows and daylight-saving times were read. */
export type ParsedSeries =
  | { granularity: 'day'; daily: DailySeries; notes: string[] }
  | { granularity: 'interval'; minutes: number; daily: DailySeries; intervals: IntervalHistory; lastStart: number; notes: string[] };

const TS_RE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/;
const ALLOWED_MINUTES = [5, 6, 10, 15, 30, 60];

/**
 * Parses the CSV. `timeZone` (a named zone such as America/Denver, or a fixed offset such as
 * Etc/GMT+7 or MST) interprets timestamps without an offset and defines the local days. In
 * the repeated hour of a fall-back day, a local time seen twice is the earlier instant the
 * first time and the later one the second time; seen once, it is the earlier instant and
 * its row is taken to cover both (the later one is not missing). A local time in the
 * spring-forward gap is read with the offset before the change, i.e. counted in the
 * interval an hour later (added to that interval's own row, if any). Throws `invalid …`
 * errors that name the line for rows that cannot be read at all.
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
  const { values, notes } = fillAbsentDays(start, dates[dates.length - 1]!, byDate);
  return { granularity: 'day', daily: { start, values }, notes };
}

function parseIntervals(rows: { key: string; value: number; line: number }[], timeZone: string): ParsedSeries {
  const volume = new Map<number, number>();
  const seenLocal = new Map<string, { count: number; later: number }>();
  const gapLines: string[] = [];
  const gapInstants = new Set<number>();
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
        // The wall time a clock that did not spring forward would show: the offset before the change.
        const naive = Date.UTC(year, month - 1, day, hour, minute, second);
        t = naive - offsetMinutes(naive - 14 * 3_600_000, timeZone) * 60_000;
        gapLines.push(`line ${r.line} ${r.key}`);
        gapInstants.add(t);
        volume.set(t, (volume.get(t) ?? 0) + r.value);
        continue;
      }
      t = res.utcMs;
      if (res.status === 'ambiguous') {
        const wall = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? '00'}`;
        const seen = seenLocal.get(wall);
        if (seen) {
          t = res.laterUtcMs;
          seen.count++;
        } else seenLocal.set(wall, { count: 1, later: res.laterUtcMs });
      }
    }
    if (volume.has(t) && !gapInstants.has(t)) throw new Error(`invalid timestamp on line ${r.line}: ${r.key} appears twice`);
    volume.set(t, (volume.get(t) ?? 0) + r.value);
  }
  const starts = [...volume.keys()].sort((a, b) => a - b);
  let step = Infinity;
  for (let i = 1; i < starts.length; i++) step = Math.min(step, starts[i]! - starts[i - 1]!);
  const minutes = step / 60_000;
  if (!ALLOWED_MINUTES.includes(minutes) || starts.some((t) => localParts(t, timeZone).minute % minutes !== 0)) {
    throw new Error('invalid timestamp: intervals must be a regular 5, 6, 10, 15, 30 or 60 minutes apart, starting on the clock grid');
  }
  const firstDate = localDateOf(starts[0]!, timeZone);
  const lastDate = localDateOf(starts[starts.length - 1]!, timeZone);
  const notes: string[] = [];
  if (gapLines.length) {
    notes.push(
      `${gapLines.length} local time${gapLines.length === 1 ? ' that does' : 's that do'} not exist in ${timeZone} (the spring-forward gap: ${listSome(gapLines)}) ` +
        'counted in the interval an hour later, as a clock that did not change would',
    );
  }
  const covered = new Set<number>();
  const once: string[] = [];
  for (const [wall, s] of seenLocal) {
    if (s.count === 1) {
      covered.add(s.later);
      once.push(wall);
    }
  }
  if (once.length) {
    notes.push(
      `${once.length} local time${once.length === 1 ? '' : 's'} of a repeated fall-back hour ${once.length === 1 ? 'appears' : 'appear'} once (${listSome(once)}): each row is taken to cover both instants`,
    );
  }
  const absences = classifyAbsentIntervals(volume, new DayGrid(timeZone, minutes), firstDate, lastDate, covered);
  notes.push(...absences.notes);
  return {
    granularity: 'interval',
    minutes,
    daily: { start: firstDate, values: absences.daily },
    intervals: { volume, firstDate, lastDate, missing: absences.missing },
    lastStart: starts[starts.length - 1]!,
    notes,
  };
}

function offsetOf(s: string): number {
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(s)!;
  const v = Number(m[2]) * 60 + Number(m[3]);
  return m[1] === '-' ? -v : v;
}
