/**
 * The site calendar: hours of operation per queue and channel, the holidays a site observes,
 * one-off closures and short days; and the business-time arithmetic the forecast, the SLA
 * clocks and case deadlines need. Pure: no clock, no I/O (docs/calendar.md).
 *
 * Hours are local wall-clock spans `HH:MM`–`HH:MM` in the site zone. A span whose end is at
 * or before its start runs past midnight into the next day; `24:00` is the end of the day.
 * A span belongs to the day it starts on. Wall times become instants through
 * server/wfm/timezone.ts, so a 23-, 24.5- or 25-hour day is counted as it was lived. A span is
 * open exactly when the wall clock reads a time inside it:
 * - wall times in the spring-forward gap never happen, so a span 02:30–04:00 on the New York
 *   spring day is open 1 hour (03:00–04:00 EDT);
 * - wall times in the repeated fall-back hour happen twice, so a span 00:00–03:00 on the New
 *   York fall day is open 4 hours, and 01:00–01:30 twice, 1 hour in all.
 *
 * Which hours apply on a local date, first match wins:
 * 1. an exception for that date (the most specific queue/channel match) — a one-off
 *    closure (`open: []`), a short day, or opening on a holiday;
 * 2. a holiday the site observes — closed all day, every queue;
 * 3. the weekly hours of the most specific queue/channel rule (none = closed).
 */
import { holidaysFor } from './holidays.ts';
import { InputError } from './inputError.ts';
import { addDays, isoWeekday, isValidTimeZone, localDateOf, offsetMinutes, parseDate } from './timezone.ts';

export { HOLIDAY_CATALOGUE, type HolidayId, holidaysFor } from './holidays.ts';

/** The wildcard of a queue or channel key: every queue, or every channel. */
export const ANY = '*';

/** An open span in local wall-clock time: `HH:MM` to `HH:MM` (end ≤ start: ends the next day). */
export interface Span {
  start: string;
  end: string;
}

/** ISO weekday as a string key: '1' = Monday … '7' = Sunday. */
export type WeekdayKey = '1' | '2' | '3' | '4' | '5' | '6' | '7';

/** Weekly hours of a queue and channel ('*' = any); a weekday left out is closed. */
export interface HoursRule {
  queue: string;
  channel: string;
  weekly: Partial<Record<WeekdayKey, Span[]>>;
}

/** The hours on one date for a queue and channel ('*' = any): `open: []` closes the day. */
export interface DateException {
  date: string;
  queue: string;
  channel: string;
  /** What it is, shown with the day: 'Staff training', 'Closing early for the holiday'. */
  name: string;
  open: Span[];
}

/** A plan-specific named closure, observed when its id is listed in `holidays`. */
export interface CustomHoliday {
  id: string;
  name: string;
  dates: string[];
}

export interface SiteCalendar {
  /** IANA zone the hours are in. */
  timeZone: string;
  hours: HoursRule[];
  /** Holiday ids the site closes for: catalogue ids (holidays.ts) or custom ids. */
  holidays: string[];
  customHolidays: CustomHoliday[];
  exceptions: DateException[];
}

/** Why a date has the hours it has. */
export interface DayHours {
  date: string;
  open: Span[];
  source: 'exception' | 'holiday' | 'weekly';
  /** The exception's or holiday's name; null for weekly hours. */
  name: string | null;
}

const WEEKDAYS: WeekdayKey[] = ['1', '2', '3', '4', '5', '6', '7'];
const DAY_MINUTES = 1440;

/** The calendar queue and channel that case deadlines (appeals, grievances) are counted in. */
export const CASE_QUEUE = 'cases';
export const CASE_CHANNEL = 'case';

/**
 * The default calendar, the one the sample data is generated with: every queue and channel
 * open Monday–Friday 08:00–20:00 and Saturday 09:00–14:00, closed on the eleven US federal
 * holidays; the case unit (queue `cases`) Monday–Friday only, so a Saturday is not a
 * business day of an appeal or grievance deadline ("acknowledge in 2 business days"
 * counts weekdays that are not holidays). Real sites confirm or replace it
 * (`proposeClosures` reads the history).
 */
export function defaultCalendar(timeZone: string): SiteCalendar {
  const weekday = [{ start: '08:00', end: '20:00' }];
  const weekdays = { 1: weekday, 2: weekday, 3: weekday, 4: weekday, 5: weekday };
  return {
    timeZone,
    hours: [
      { queue: ANY, channel: ANY, weekly: { ...weekdays, 6: [{ start: '09:00', end: '14:00' }] } },
      { queue: CASE_QUEUE, channel: ANY, weekly: weekdays },
    ],
    holidays: ['new_years_day', 'mlk_day', 'washingtons_birthday', 'memorial_day', 'juneteenth', 'independence_day', 'labor_day', 'columbus_day', 'veterans_day', 'thanksgiving_day', 'christmas_day'],
    customHolidays: [],
    exceptions: [],
  };
}

// ---------------------------------------------------------------------------------------
// Validation: the calendar as it arrives (JSON) → SiteCalendar, naming the field at fault.

const TIME_RE = /^(\d{2}):(\d{2})$/;

/** Minutes after local midnight of `HH:MM` (00:00–24:00), or null. */
function minutesOf(s: string): number | null {
  const m = TIME_RE.exec(s);
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (min > 59 || h > 24 || (h === 24 && min !== 0)) return null;
  return h * 60 + min;
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** Refuses a key the calendar does not have: a misspelt `exception` must not be ignored. */
function known(o: Record<string, unknown>, keys: readonly string[], field: string): void {
  for (const k of Object.keys(o)) if (!keys.includes(k)) throw new InputError(field ? `${field}.${k}` : k, 'unknown field');
}

function str(x: unknown, field: string): string {
  if (typeof x !== 'string' || x.trim() === '') throw new InputError(field, 'must be a non-empty string');
  return x;
}

function arr(x: unknown, field: string): unknown[] {
  if (!Array.isArray(x)) throw new InputError(field, 'must be a list');
  return x;
}

function date(x: unknown, field: string): string {
  if (typeof x !== 'string' || !parseDate(x)) throw new InputError(field, 'must be a date YYYY-MM-DD');
  return x;
}

function spans(x: unknown, field: string): Span[] {
  return arr(x, field).map((s, i) => {
    const f = `${field}[${i}]`;
    if (!isObject(s)) throw new InputError(f, 'must be {start, end}');
    known(s, ['start', 'end'], f);
    const start = str(s.start, `${f}.start`);
    const end = str(s.end, `${f}.end`);
    const a = minutesOf(start);
    const b = minutesOf(end);
    if (a === null || a === DAY_MINUTES) throw new InputError(`${f}.start`, `${start} is not a time HH:MM from 00:00 to 23:59`);
    if (b === null) throw new InputError(`${f}.end`, `${end} is not a time HH:MM from 00:00 to 24:00`);
    if (a === b) throw new InputError(`${f}.end`, 'equals the start: write 00:00–24:00 for a whole day');
    return { start, end };
  });
}

/** Checks a calendar read from JSON (API, CLI file, database) and returns it typed. */
export function parseSiteCalendar(x: unknown): SiteCalendar {
  if (!isObject(x)) throw new InputError('calendar', 'must be an object');
  known(x, ['timeZone', 'hours', 'holidays', 'customHolidays', 'exceptions'], '');
  const timeZone = str(x.timeZone, 'timeZone');
  if (!isValidTimeZone(timeZone)) throw new InputError('timeZone', `${timeZone} is not an IANA time zone name`);
  const hours = arr(x.hours, 'hours').map((h, i): HoursRule => {
    const f = `hours[${i}]`;
    if (!isObject(h)) throw new InputError(f, 'must be {queue, channel, weekly}');
    known(h, ['queue', 'channel', 'weekly'], f);
    if (!isObject(h.weekly)) throw new InputError(`${f}.weekly`, "must map ISO weekdays '1' (Monday) … '7' (Sunday) to spans");
    const weekly: Partial<Record<WeekdayKey, Span[]>> = {};
    for (const [k, v] of Object.entries(h.weekly)) {
      if (!WEEKDAYS.includes(k as WeekdayKey)) throw new InputError(`${f}.weekly.${k}`, "weekdays are '1' (Monday) … '7' (Sunday)");
      weekly[k as WeekdayKey] = spans(v, `${f}.weekly.${k}`);
    }
    return { queue: str(h.queue, `${f}.queue`), channel: str(h.channel, `${f}.channel`), weekly };
  });
  const keys = new Set<string>();
  hours.forEach((h, i) => {
    const k = `${h.queue}\u0000${h.channel}`;
    if (keys.has(k)) throw new InputError(`hours[${i}]`, `a second rule for queue ${h.queue} and channel ${h.channel}`);
    keys.add(k);
  });
  const customHolidays = (x.customHolidays === undefined ? [] : arr(x.customHolidays, 'customHolidays')).map((c, i): CustomHoliday => {
    const f = `customHolidays[${i}]`;
    if (!isObject(c)) throw new InputError(f, 'must be {id, name, dates}');
    known(c, ['id', 'name', 'dates'], f);
    const id = str(c.id, `${f}.id`);
    if (holidaysFor([]).some((h) => h.id === id)) throw new InputError(`${f}.id`, `${id} is a catalogue holiday id`);
    return { id, name: str(c.name, `${f}.name`), dates: arr(c.dates, `${f}.dates`).map((d, j) => date(d, `${f}.dates[${j}]`)) };
  });
  customHolidays.forEach((c, i) => {
    if (customHolidays.findIndex((o) => o.id === c.id) < i) throw new InputError(`customHolidays[${i}].id`, `a second holiday with id ${c.id}`);
  });
  const ids = new Set(holidaysFor(customHolidays).map((h) => h.id));
  const holidays = arr(x.holidays, 'holidays').map((h, i) => {
    const id = str(h, `holidays[${i}]`);
    if (!ids.has(id)) throw new InputError(`holidays[${i}]`, `unknown holiday ${id}: use a catalogue id or add it to customHolidays`);
    return id;
  });
  const exceptions = (x.exceptions === undefined ? [] : arr(x.exceptions, 'exceptions')).map((e, i): DateException => {
    const f = `exceptions[${i}]`;
    if (!isObject(e)) throw new InputError(f, 'must be {date, queue, channel, name, open}');
    known(e, ['date', 'queue', 'channel', 'name', 'open'], f);
    return {
      date: date(e.date, `${f}.date`),
      queue: str(e.queue, `${f}.queue`),
      channel: str(e.channel, `${f}.channel`),
      name: str(e.name, `${f}.name`),
      open: spans(e.open, `${f}.open`),
    };
  });
  const exceptionKeys = new Set<string>();
  exceptions.forEach((e, i) => {
    const k = `${e.date}\u0000${e.queue}\u0000${e.channel}`;
    if (exceptionKeys.has(k)) throw new InputError(`exceptions[${i}]`, `a second exception for ${e.date}, queue ${e.queue}, channel ${e.channel}: put both spans in one`);
    exceptionKeys.add(k);
  });
  return { timeZone, hours, holidays, customHolidays, exceptions };
}

// ---------------------------------------------------------------------------------------
// Which hours apply on a date.

/** 3 = this queue and channel, 2 = this queue, any channel, 1 = any queue, this channel, 0 = both '*', -1 = no match. */
function specificity(rule: { queue: string; channel: string }, queue: string, channel: string): number {
  if ((rule.queue !== ANY && rule.queue !== queue) || (rule.channel !== ANY && rule.channel !== channel)) return -1;
  return (rule.queue === ANY ? 0 : 2) + (rule.channel === ANY ? 0 : 1);
}

function mostSpecific<T extends { queue: string; channel: string }>(rules: readonly T[], queue: string, channel: string): T | null {
  let best: T | null = null;
  let bestScore = -1;
  for (const r of rules) {
    const s = specificity(r, queue, channel);
    if (s > bestScore) {
      best = r;
      bestScore = s;
    }
  }
  return best;
}

/** The observed holiday on `date`, or null. */
export function observedHolidayOn(cal: SiteCalendar, date: string): { id: string; name: string } | null {
  const chosen = new Set(cal.holidays);
  for (const h of holidaysFor(cal.customHolidays)) {
    if (chosen.has(h.id) && h.datesIn(Number(date.slice(0, 4))).includes(date)) return { id: h.id, name: h.name };
  }
  return null;
}

/** The open spans of queue `queue`, channel `channel` on local date `date`, and why. */
export function hoursOn(cal: SiteCalendar, queue: string, channel: string, date: string): DayHours {
  const exception = mostSpecific(
    cal.exceptions.filter((e) => e.date === date),
    queue,
    channel,
  );
  if (exception) return { date, open: exception.open, source: 'exception', name: exception.name };
  const holiday = observedHolidayOn(cal, date);
  if (holiday) return { date, open: [], source: 'holiday', name: holiday.name };
  const rule = mostSpecific(cal.hours, queue, channel);
  return { date, open: rule?.weekly[String(isoWeekday(date)) as WeekdayKey] ?? [], source: 'weekly', name: null };
}

/** ISO weekdays (1 = Monday) on which the weekly hours of the queue and channel have a span. */
export function weeklyOpenDays(cal: SiteCalendar, queue: string, channel: string): number[] {
  const rule = mostSpecific(cal.hours, queue, channel);
  return WEEKDAYS.filter((k) => (rule?.weekly[k]?.length ?? 0) > 0).map(Number);
}

/** True when the queue and channel have open hours on local date `date` (a business day). */
export function isBusinessDay(cal: SiteCalendar, queue: string, channel: string, date: string): boolean {
  return dayIntervals(cal, queue, channel, date).length > 0;
}

// ---------------------------------------------------------------------------------------
// Wall-clock spans → instants.

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

/**
 * The instants whose local date-time lies in [a, b) (local date-times as if UTC, in ms):
 * one interval, or two when the clock falls back inside (the repeated wall times happen
 * twice), or shorter when it springs forward inside (wall times that never happen).
 * Assumes at most one offset change within 15 hours of the span, true of every zone today.
 */
function instantsWithWallTime(a: number, b: number, timeZone: string): [number, number][] {
  const lo0 = a - 15 * HOUR_MS;
  const hi0 = b + 15 * HOUR_MS;
  const o1 = offsetMinutes(lo0, timeZone) * MINUTE_MS;
  const o2 = offsetMinutes(hi0, timeZone) * MINUTE_MS;
  if (o1 === o2) return [[a - o1, b - o1]];
  // The transition T: the first whole minute at the new offset (zones change on whole minutes).
  let lo = lo0;
  let hi = hi0;
  while (hi - lo > MINUTE_MS) {
    const mid = Math.floor((lo + hi) / 2 / MINUTE_MS) * MINUTE_MS;
    if (mid <= lo) break;
    if (offsetMinutes(mid, timeZone) * MINUTE_MS === o1) lo = mid;
    else hi = mid;
  }
  const t = hi;
  const out: [number, number][] = [];
  const before: [number, number] = [a - o1, Math.min(b - o1, t)];
  const after: [number, number] = [Math.max(a - o2, t), b - o2];
  if (before[1] > before[0]) out.push(before);
  if (after[1] > after[0]) {
    const last = out.at(-1);
    if (last && last[1] >= after[0]) last[1] = Math.max(last[1], after[1]);
    else out.push(after);
  }
  return out;
}

// The open instants of a date, cached per calendar object: a calendar is treated as
// immutable once built (parseSiteCalendar makes a new one; so does every edit in the API).
const dayCache = new WeakMap<SiteCalendar, Map<string, readonly (readonly [number, number])[]>>();

/** Open instants [start, end) of the spans of local `date`, unclipped. */
function dayIntervals(cal: SiteCalendar, queue: string, channel: string, date: string): readonly (readonly [number, number])[] {
  let cache = dayCache.get(cal);
  if (!cache) dayCache.set(cal, (cache = new Map()));
  const key = `${queue}\u0000${channel}\u0000${date}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const out = computeDayIntervals(cal, queue, channel, date);
  if (cache.size > 200_000) cache.clear();
  cache.set(key, out);
  return out;
}

function computeDayIntervals(cal: SiteCalendar, queue: string, channel: string, date: string): [number, number][] {
  const out: [number, number][] = [];
  const p = parseDate(date)!;
  const midnight = Date.UTC(p.year, p.month - 1, p.day); // local midnight as if UTC
  for (const s of hoursOn(cal, queue, channel, date).open) {
    const a = minutesOf(s.start)!;
    let b = minutesOf(s.end)!;
    if (b <= a) b += DAY_MINUTES;
    out.push(...instantsWithWallTime(midnight + a * MINUTE_MS, midnight + b * MINUTE_MS, cal.timeZone));
  }
  return out.sort((x, y) => x[0] - y[0]);
}

/** The open intervals [start, end) within [from, to), sorted and merged. */
export function openIntervals(cal: SiteCalendar, queue: string, channel: string, from: number, to: number): [number, number][] {
  if (!(to > from)) return [];
  const raw: [number, number][] = [];
  const last = localDateOf(to, cal.timeZone);
  // A span starts on its day and ends within 24 h, so the day before `from` can reach into it.
  for (let d = addDays(localDateOf(from, cal.timeZone), -1); d <= last; d = addDays(d, 1)) {
    for (const [a, b] of dayIntervals(cal, queue, channel, d)) {
      const s = Math.max(a, from);
      const e = Math.min(b, to);
      if (e > s) raw.push([s, e]);
    }
  }
  raw.sort((x, y) => x[0] - y[0]);
  const merged: [number, number][] = [];
  for (const iv of raw) {
    const top = merged.at(-1);
    if (top && iv[0] <= top[1]) top[1] = Math.max(top[1], iv[1]);
    else merged.push([iv[0], iv[1]]);
  }
  return merged;
}

/** Is queue `queue`, channel `channel` open at instant `t` (epoch ms)? Spans are [start, end). */
export function isOpen(cal: SiteCalendar, queue: string, channel: string, t: number): boolean {
  return openIntervals(cal, queue, channel, t, t + 1).length > 0;
}

/**
 * Business seconds between instants `t1` and `t2` (epoch ms): the open time of the queue and
 * channel in [t1, t2), skipping closed hours, holidays and closures. Negative when t2 < t1,
 * so the sum over a split point always holds.
 */
export function businessSecondsBetween(cal: SiteCalendar, queue: string, channel: string, t1: number, t2: number): number {
  if (t2 < t1) return -businessSecondsBetween(cal, queue, channel, t2, t1);
  let ms = 0;
  for (const [a, b] of openIntervals(cal, queue, channel, t1, t2)) ms += b - a;
  return ms / 1000;
}

const CHUNK_MS = 7 * 86_400_000;
const MAX_CHUNKS = 1100; // about 21 years

/**
 * The earliest instant at which `seconds` of business time have passed since `t`
 * (`businessSecondsBetween(t, result) === seconds`). Zero returns `t`.
 */
export function addBusinessTime(cal: SiteCalendar, queue: string, channel: string, t: number, seconds: number): number {
  if (!Number.isFinite(seconds) || seconds < 0) throw new InputError('seconds', 'must be a non-negative number');
  let left = seconds * 1000;
  if (left === 0) return t;
  for (let i = 0, from = t; i < MAX_CHUNKS; i++, from += CHUNK_MS) {
    for (const [a, b] of openIntervals(cal, queue, channel, from, from + CHUNK_MS)) {
      if (b - a >= left) return a + left;
      left -= b - a;
    }
  }
  throw new InputError('calendar', `queue ${queue}, channel ${channel} is not open long enough in the 21 years after that instant`);
}

/** The next business day after local date `date`, or null when none within ~21 years. */
function nextBusinessDay(cal: SiteCalendar, queue: string, channel: string, date: string): string | null {
  let d = date;
  for (let i = 0; i < 7700; i++) {
    d = addDays(d, 1);
    if (isBusinessDay(cal, queue, channel, d)) return d;
  }
  return null;
}

/**
 * A deadline of `days` business days after instant `t`: the close of the `days`-th business
 * day after the local date of `t` (the date a contact arrived does not count). "Acknowledge
 * in 2 business days" for an email on Friday is the close of Tuesday with Mon–Fri hours.
 * The close is the end of that day's last span (past midnight for a span that crosses it).
 */
export function businessDaysDeadline(cal: SiteCalendar, queue: string, channel: string, t: number, days: number): { date: string; dueMs: number } {
  if (!Number.isInteger(days) || days < 1) throw new InputError('days', 'must be a whole number of business days, 1 or more');
  let d = localDateOf(t, cal.timeZone);
  for (let i = 0; i < days; i++) {
    const next = nextBusinessDay(cal, queue, channel, d);
    if (next === null) throw new InputError('calendar', `queue ${queue}, channel ${channel} has no business day after ${d}`);
    d = next;
  }
  const ends = dayIntervals(cal, queue, channel, d).map(([, b]) => b);
  return { date: d, dueMs: Math.max(...ends) };
}
