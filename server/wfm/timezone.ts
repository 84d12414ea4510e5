/**
 * Local-time arithmetic for a site time zone, pure (Intl only, no clock, no I/O).
 *
 * Dates are ISO strings `YYYY-MM-DD` (a local calendar day); instants are epoch
 * milliseconds. A local day is 23, 24 or 25 hours long across daylight-saving changes, so
 * interval grids are built from the instants of local midnights, never by adding 24 h.
 */

export interface LocalParts {
  year: number;
  month: number; // 1..12
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when `timeZone` is an IANA zone name this runtime knows. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Wall-clock parts from Intl: exact but slow (~10 µs), so only the offset cache calls it. */
function intlParts(utcMs: number, timeZone: string): LocalParts {
  const parts = formatterFor(timeZone).formatToParts(new Date(utcMs));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
    second: get('second'),
  };
}

function intlOffsetMinutes(utcMs: number, timeZone: string): number {
  const p = intlParts(utcMs, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((asUtc - Math.floor(utcMs / 1000) * 1000) / 60_000);
}

// Offsets cached per zone for UTC days, and for quarter-hours on the days whose offset
// changes. A span is cached only when the offset is the same at both of its ends, so a
// change inside a span is never smoothed over (zones change offset at most once a day).
const DAY_MS = 86_400_000;
const SLOT_MS = 900_000;
const offsetCache = new Map<string, Map<string, number>>();

function cachedOffset(cache: Map<string, number>, utcMs: number, span: number, timeZone: string): number | null {
  const slot = Math.floor(utcMs / span);
  const key = `${span}:${slot}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const start = intlOffsetMinutes(slot * span, timeZone);
  if (intlOffsetMinutes(slot * span + span - 1000, timeZone) !== start) return null;
  if (cache.size > 100_000) cache.clear();
  cache.set(key, start);
  return start;
}

/** Offset of `timeZone` from UTC at instant `utcMs`, in minutes (e.g. -480 for PST). */
export function offsetMinutes(utcMs: number, timeZone: string): number {
  let cache = offsetCache.get(timeZone);
  if (!cache) offsetCache.set(timeZone, (cache = new Map()));
  return cachedOffset(cache, utcMs, DAY_MS, timeZone) ?? cachedOffset(cache, utcMs, SLOT_MS, timeZone) ?? intlOffsetMinutes(utcMs, timeZone);
}

/** Wall-clock parts of instant `utcMs` in `timeZone`. */
export function localParts(utcMs: number, timeZone: string): LocalParts {
  const d = new Date(utcMs + offsetMinutes(utcMs, timeZone) * 60_000);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
  };
}

export type LocalResolution = { status: 'ok'; utcMs: number } | { status: 'ambiguous'; utcMs: number; laterUtcMs: number } | { status: 'gap' };

/**
 * The instant of a wall-clock time in `timeZone`. In the fall-back hour a wall time happens
 * twice: `ambiguous`, with the earlier instant first. In the spring-forward gap it never
 * happens: `gap`.
 */
export function localToUtc(p: LocalParts, timeZone: string): LocalResolution {
  const naive = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  const offsets = new Set([offsetMinutes(naive - 14 * 3_600_000, timeZone), offsetMinutes(naive, timeZone), offsetMinutes(naive + 14 * 3_600_000, timeZone)]);
  const hits: number[] = [];
  for (const off of offsets) {
    const t = naive - off * 60_000;
    if (offsetMinutes(t, timeZone) === off) hits.push(t);
  }
  hits.sort((a, b) => a - b);
  if (hits.length === 0) return { status: 'gap' };
  if (hits.length === 1) return { status: 'ok', utcMs: hits[0]! };
  return { status: 'ambiguous', utcMs: hits[0]!, laterUtcMs: hits[hits.length - 1]! };
}

const pad = (n: number, w = 2) => String(Math.abs(n)).padStart(w, '0');

/** ISO 8601 local time with its UTC offset, e.g. `2025-11-02T01:30:00-08:00`. */
export function formatLocalIso(utcMs: number, timeZone: string): string {
  const off = offsetMinutes(utcMs, timeZone);
  const p = localParts(utcMs, timeZone);
  const sign = off < 0 ? '-' : '+';
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}` + `${sign}${pad(Math.trunc(Math.abs(off) / 60))}:${pad(Math.abs(off) % 60)}`;
}

/** The local calendar date (`YYYY-MM-DD`) of an instant. */
export function localDateOf(utcMs: number, timeZone: string): string {
  const p = localParts(utcMs, timeZone);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses `YYYY-MM-DD` strictly (the day must exist); null otherwise. */
export function parseDate(s: string): { year: number; month: number; day: number } | null {
  const m = DATE_RE.exec(s);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return { year, month, day };
}

function dateToUtcNoon(date: string): number {
  const p = parseDate(date);
  if (!p) throw new Error(`invalid date: ${date}`);
  return Date.UTC(p.year, p.month - 1, p.day, 12);
}

/** `date` plus `n` calendar days. */
export function addDays(date: string, n: number): string {
  return new Date(dateToUtcNoon(date) + n * 86_400_000).toISOString().slice(0, 10);
}

/** Whole calendar days from `a` to `b` (b − a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((dateToUtcNoon(b) - dateToUtcNoon(a)) / 86_400_000);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  const d = new Date(dateToUtcNoon(date)).getUTCDay();
  return d === 0 ? 7 : d;
}

/** The instant of local midnight that starts `date` in `timeZone`. */
export function startOfLocalDay(date: string, timeZone: string): number {
  const p = parseDate(date);
  if (!p) throw new Error(`invalid date: ${date}`);
  // Midnight can fall in a gap in a few zones; the first instant of the day is then 01:00.
  for (let hour = 0; hour < 3; hour++) {
    const r = localToUtc({ ...p, hour, minute: 0, second: 0 }, timeZone);
    if (r.status !== 'gap') return r.utcMs;
  }
  throw new Error(`no local midnight for ${date} in ${timeZone}`);
}

/**
 * Start instants of the `minutes`-long intervals of local day `date`: 92, 96 or 100
 * quarter-hours in a zone with a one-hour daylight-saving shift.
 */
export function localDayIntervals(date: string, timeZone: string, minutes: number): number[] {
  const start = startOfLocalDay(date, timeZone);
  const end = startOfLocalDay(addDays(date, 1), timeZone);
  const out: number[] = [];
  for (let t = start; t < end; t += minutes * 60_000) out.push(t);
  return out;
}
