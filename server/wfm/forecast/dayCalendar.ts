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
  /** Observed federal holiday name, or null. */
  holiday: string | null;
  /**
   * The enrollment window Oct 15 – Jan 31 that contains the day, named by the year of its
   * October (null outside the window), the day's offset from Oct 15 and its segment index.
   */
  seasonYear: number | null;
  seasonOffset: number;
  seasonSegment: number;
}

const DAY_MS = 86_400_000;
const pad = (n: number) => String(n).padStart(2, '0');

/** Facts for `length` consecutive days from `start`. O(length). */
export function dayCalendar(start: string, length: number): DayInfo[] {
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
    out[i] = {
      date,
      weekday: js === 0 ? 6 : js - 1,
      year,
      month,
      day,
      holiday: federalHolidayOn(date)?.name ?? null,
      seasonYear,
      seasonOffset,
      seasonSegment,
    };
  }
  return out;
}

/** Length of the enrollment window Oct 15 – Jan 31 in days (17 + 30 + 31 + 31). */
export const SEASON_WINDOW_DAYS = 109;
