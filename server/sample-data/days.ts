/**
 * The local calendar of one simulated day: its 30-minute intervals (46, 48 or 50 across
 * daylight-saving changes, from server/wfm/timezone.ts), the local minute of day at which
 * each starts, and whether the day is a weekend or a federal holiday.
 */
import { federalHolidayOn } from '../wfm/calendar.ts';
import { addDays, isoWeekday, localDayIntervals, localParts } from '../wfm/timezone.ts';

export const INTERVAL_SECONDS = 1800;

export interface DayCalendar {
  date: string;
  /** ISO weekday, 1 = Monday … 7 = Sunday. */
  weekday: number;
  holiday: boolean;
  /** Was yesterday a federal holiday (volume carried over to today)? */
  afterHoliday: boolean;
  /** Interval starts, epoch seconds. */
  starts: number[];
  /** Local minute of day (0..1439) at each interval start; the fall-back hour repeats. */
  minutes: number[];
}

export function dayCalendar(date: string, timeZone: string): DayCalendar {
  const starts = localDayIntervals(date, timeZone, 30).map((ms) => ms / 1000);
  const minuteOf = (s: number) => {
    const p = localParts(s * 1000, timeZone);
    return p.hour * 60 + p.minute;
  };
  // Intl is slow (~20 µs a call): on an ordinary 48-interval day whose first and last
  // intervals are 00:00 and 23:30 the clock cannot have jumped, so the grid is i x 30 min.
  const n = starts.length;
  const ordinary = n === 48 && minuteOf(starts[0]!) === 0 && minuteOf(starts[n - 1]!) === 23 * 60 + 30;
  const minutes = ordinary ? starts.map((_, i) => i * 30) : starts.map(minuteOf);
  return {
    date,
    weekday: isoWeekday(date),
    holiday: federalHolidayOn(date) !== null,
    afterHoliday: federalHolidayOn(addDays(date, -1)) !== null,
    starts,
    minutes,
  };
}

const two = (n: number) => String(n).padStart(2, '0');

/**
 * The local start of interval `i` as ISO 8601 with its UTC offset, e.g.
 * `2025-11-02T01:30:00-08:00` (the repeated fall-back hour stays unambiguous).
 */
export function intervalIso(cal: DayCalendar, i: number): string {
  const m = cal.minutes[i]!;
  const [y, mo, d] = cal.date.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, mo - 1, d) / 1000 + m * 60;
  const off = Math.round((wall - cal.starts[i]!) / 60);
  const a = Math.abs(off);
  const offset = `${off < 0 ? '-' : '+'}${two(Math.floor(a / 60))}:${two(a % 60)}`;
  return `${cal.date}T${two(Math.floor(m / 60))}:${two(m % 60)}:00${offset}`;
}

/** The open window [open, close) of `hours` on day `cal` as epoch seconds, or null if closed. */
export function openWindow(cal: DayCalendar, hours: readonly [number, number] | null): [number, number] | null {
  if (!hours) return null;
  let open = -1;
  let close = -1;
  for (let i = 0; i < cal.starts.length; i++) {
    const m = cal.minutes[i]!;
    if (m >= hours[0] && m < hours[1]) {
      if (open < 0) open = cal.starts[i]!;
      close = cal.starts[i]! + INTERVAL_SECONDS;
    }
  }
  return open < 0 ? null : [open, close];
}
