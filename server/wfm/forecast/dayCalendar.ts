/**
 * Per-day calendar facts for a run of consecutive dates, computed once per forecast so the
 * models and the calendar effects index arrays instead of re-parsing date strings (a
 * backtest refits several times over the same days).
 */
import { federalHolidayOn } from '../calendar.ts';
import { parseDate } from '../timezone.ts';

/** Segments of the enrollment window in which the set of active seasons is constant. */
export const SEASON_SEGMENTS = [
  'Medicare annual enrollment (Oct 15–31)',
  'Medicare annual enrollment and Marketplace open enrollment (Nov 1–Dec 7)',
  'Marketplace open enrollment (Dec 8–Jan 1)',
  'Marketplace open enrollment and January ID-card spike (Jan 2–15)',
  'January ID-card spike (Jan 16–31)',
] as const;

export interface DayInfo {
  date: string;
  /** 0 = Monday … 6 = Sunday. */
  weekday: number;
  year: number;
  month: number;
  day: number;
  /** The holiday on the day (federal, or one the site observes), or null. */
  holiday: string | null;
  /**
   * What the site calendar says of the holiday: true closed (forecast 0), false open
   * (forecast as an open day), null nothing (learned from the history). Null on other days.
   */
  holidayClosed: boolean | null;
  /**
   * The enrollment window Oct 15 – Jan 31 that contains the day, named by the year of its
   * October (null outside the window), the day's offset from Oct 15 and its segment index.
   */
  seasonYear: number | null;
  seasonOffset: number;
  seasonSegment: number;
}

/**
 * The site's holiday rule: the holiday on a local date `YYYY-MM-DD` and whether the site
 * closes for it (true), stays open (false) or has not said (null: the history decides), or
 * null for no holiday. See holidayRules.ts.
 */
export type HolidayRule = (date: string) => { name: string; closed: boolean | null } | null;

/** The default rule: every observed US federal holiday, closure learned from the history. */
export const learnedFederalHolidays: HolidayRule = (date) => {
  const h = federalHolidayOn(date);
  return h ? { name: h.name, closed: null } : null;
};

const DAY_MS = 86_400_000;
const pad = (n: number) => String(n).padStart(2, '0');

/** Facts for `length` consecutive days from `start`, holidays by `holidayOn`. O(length). */
export function dayCalendar(start: string, length: number, holidayOn: HolidayRule = learnedFederalHolidays): DayInfo[] {
  const p = parseDate(start);
  if (!p) throw new Error(`invalid start: ${start} is not a YYYY-MM-DD date`);
  const out: DayInfo[] = new Array(length);
  let t = Date.UTC(p.year, p.month - 1, p.day);
  for (let i = 0; i < length; i++, t += DAY_MS) {
    const d = new Date(t);
    const year = d.getUTCFullYear();
    const month = d.getUTCMonth() + 1;
    const day = d.getUTCDate();
    const date = `${year}-${pad(month)}-${pad(day)}`;
    const js = d.getUTCDay();
    let seasonYear: number | null = null;
    let seasonOffset = -1;
    let seasonSegment = -1;
    if ((month === 10 && day >= 15) || month === 11 || month === 12) seasonYear = year;
    else if (month === 1) seasonYear = year - 1;
    if (seasonYear !== null) {
      seasonOffset = Math.round((t - Date.UTC(seasonYear, 9, 15)) / DAY_MS);
      seasonSegment = month === 10 ? 0 : month === 11 || (month === 12 && day <= 7) ? 1 : month === 12 || day === 1 ? 2 : day <= 15 ? 3 : 4;
    }
    const holiday = holidayOn(date);
    out[i] = {
      date,
      weekday: js === 0 ? 6 : js - 1,
      year,
      month,
      day,
      holiday: holiday?.name ?? null,
      holidayClosed: holiday?.closed ?? null,
      seasonYear,
      seasonOffset,
      seasonSegment,
    };
  }
  return out;
}

/** Length of the enrollment window Oct 15 – Jan 31 in days (17 + 30 + 31 + 31). */
export const SEASON_WINDOW_DAYS = 109;
