/**
 * Calendar arithmetic on site-local dates written as `YYYY-MM-DD`.
 *
 * The dashboard never asks the browser's clock or time zone: ranges are derived from the
 * data's own last date (`/api/dimensions.maxDate`), and a local date is handled as a
 * "floating" day (a UTC midnight used only as a counter), so the browser's zone cannot
 * shift it. Weeks start on Monday, as on the server.
 */

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(s: string): boolean {
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!));
  return d.toISOString().slice(0, 10) === s;
}

function toUtc(date: string): Date {
  if (!isIsoDate(date)) throw new Error(`invalid date: expected YYYY-MM-DD, got ${JSON.stringify(date)}`);
  return new Date(`${date}T00:00:00Z`);
}

function fromUtc(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** `date` moved by `n` days (negative moves back). */
export function addDays(date: string, n: number): string {
  const d = toUtc(date);
  d.setUTCDate(d.getUTCDate() + n);
  return fromUtc(d);
}

/** `date` moved by `n` calendar months, clamped to the end of a shorter month. */
export function addMonths(date: string, n: number): string {
  const d = toUtc(date);
  const day = d.getUTCDate();
  const first = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(day, last));
  return fromUtc(first);
}

/** Whole days from `a` to `b` (positive when b is later). */
export function daysBetween(a: string, b: string): number {
  return Math.round((toUtc(b).getTime() - toUtc(a).getTime()) / 86_400_000);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  const wd = toUtc(date).getUTCDay();
  return wd === 0 ? 7 : wd;
}

/** The Monday that starts the week holding `date`. */
export function startOfWeek(date: string): string {
  return addDays(date, 1 - isoWeekday(date));
}

export function startOfMonth(date: string): string {
  return `${date.slice(0, 7)}-01`;
}

export function startOfQuarter(date: string): string {
  const month = +date.slice(5, 7);
  const q = Math.floor((month - 1) / 3) * 3 + 1;
  return `${date.slice(0, 4)}-${String(q).padStart(2, '0')}-01`;
}

/** A half-open range of local dates: `from` inclusive, `to` exclusive, as the API takes them. */
export interface DateRange {
  from: string;
  to: string;
}

/**
 * The last full Monday–Sunday week whose Sunday is on or before `maxDate`
 * (the last date that has data). When maxDate is itself a Sunday, that week.
 */
export function lastFullWeek(maxDate: string): DateRange {
  const to = startOfWeek(addDays(maxDate, 1)); // Monday after the last complete week
  return { from: addDays(to, -7), to };
}

/** The last full calendar month ending on or before `maxDate`. */
export function lastFullMonth(maxDate: string): DateRange {
  const to = startOfMonth(addDays(maxDate, 1));
  return { from: addMonths(to, -1), to };
}

/** The last full quarter ending on or before `maxDate`. */
export function lastFullQuarter(maxDate: string): DateRange {
  const to = startOfQuarter(addDays(maxDate, 1));
  return { from: addMonths(to, -3), to };
}

/** The last full calendar year ending on or before `maxDate`. */
export function lastFullYear(maxDate: string): DateRange {
  const to = `${addDays(maxDate, 1).slice(0, 4)}-01-01`;
  return { from: addMonths(to, -12), to };
}

/** The last `n` full weeks ending on or before `maxDate`. */
export function lastFullWeeks(maxDate: string, n: number): DateRange {
  const { to } = lastFullWeek(maxDate);
  return { from: addDays(to, -7 * n), to };
}

/** The latest Monday–Friday date on or before `date`. */
export function lastWeekday(date: string): string {
  const wd = isoWeekday(date);
  return wd <= 5 ? date : addDays(date, 5 - wd);
}

export type Grain = 'day' | 'week' | 'month' | 'quarter';

/** Start of the period of `grain` that holds `date`. */
export function startOfPeriod(date: string, grain: Grain): string {
  switch (grain) {
    case 'day':
      return date;
    case 'week':
      return startOfWeek(date);
    case 'month':
      return startOfMonth(date);
    case 'quarter':
      return startOfQuarter(date);
  }
}

/** Start of the period `n` periods after the one starting at `start`. */
export function addPeriods(start: string, grain: Grain, n: number): string {
  switch (grain) {
    case 'day':
      return addDays(start, n);
    case 'week':
      return addDays(start, 7 * n);
    case 'month':
      return addMonths(start, n);
    case 'quarter':
      return addMonths(start, 3 * n);
  }
}

/**
 * The grain that a scorecard range is read in, for the sparkline of its trend: a week or
 * less is read week by week, up to a month month by month, anything longer by quarter.
 * Single days trend by day.
 */
export function trendGrain(range: DateRange): Grain {
  const len = daysBetween(range.from, range.to);
  if (len <= 1) return 'day';
  if (len <= 7) return 'week';
  if (len <= 31) return 'month';
  return 'quarter';
}

/**
 * The range covering `count` whole periods of `grain` ending with the period that holds
 * the last day of `range`. It depends on the range alone (not on the data's last day), so
 * the trend can be asked for at once from a shared URL; periods the data does not cover
 * come back empty and the page leaves them out.
 */
export function trendRange(range: DateRange, grain: Grain, count: number): DateRange {
  const lastStart = startOfPeriod(addDays(range.to, -1), grain);
  return { from: addPeriods(lastStart, grain, 1 - count), to: addPeriods(lastStart, grain, 1) };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

export function weekdayName(date: string): string {
  return WEEKDAYS[isoWeekday(date) - 1]!;
}

/** `Mon 9 Nov 2026`. */
export function formatDate(date: string, withWeekday = true): string {
  const [y, m, d] = date.split('-');
  const text = `${+d!} ${MONTHS[+m! - 1]} ${y}`;
  return withWeekday ? `${weekdayName(date)} ${text}` : text;
}

/** A half-open range as people read it: `9–15 Nov 2026` (the exclusive end shown as its last day). */
export function formatRange(range: DateRange): string {
  const last = addDays(range.to, -1);
  if (last === range.from) return formatDate(range.from);
  const [fy, fm, fd] = range.from.split('-');
  const [ly, lm, ld] = last.split('-');
  if (fy === ly && fm === lm) return `${+fd!}–${+ld!} ${MONTHS[+lm! - 1]} ${ly}`;
  if (fy === ly) return `${+fd!} ${MONTHS[+fm! - 1]} – ${+ld!} ${MONTHS[+lm! - 1]} ${ly}`;
  return `${formatDate(range.from, false)} – ${formatDate(last, false)}`;
}

/** Short label of a period of `grain` starting at `date`: `9 Nov`, `Nov 2026`, `Q4 2026`. */
export function periodLabel(date: string, grain: Grain): string {
  const [y, m, d] = date.split('-');
  switch (grain) {
    case 'day':
    case 'week':
      return `${+d!} ${MONTHS[+m! - 1]}`;
    case 'month':
      return `${MONTHS[+m! - 1]} ${y}`;
    case 'quarter':
      return `Q${Math.floor((+m! - 1) / 3) + 1} ${y}`;
  }
}
