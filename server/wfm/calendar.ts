/**
 * The health-plan contact-center calendar: US federal holidays (as observed) and the
 * enrollment seasons that drive surges. Pure: dates in, dates out.
 *
 * Sources: 5 U.S.C. 6103 (federal holidays; a Saturday holiday is observed on the Friday
 * before, a Sunday one on the Monday after); CMS (Medicare annual enrollment period
 * Oct 15 – Dec 7); HealthCare.gov (Marketplace open enrollment Nov 1 – Jan 15).
 */
import { addDays, isoWeekday } from './timezone.ts';

export interface Holiday {
  date: string; // observed date, YYYY-MM-DD
  name: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const ymd = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;

/** The `nth` (1-based) ISO weekday `weekday` (1 = Monday) of a month. */
function nthWeekday(year: number, month: number, weekday: number, nth: number): string {
  const first = ymd(year, month, 1);
  const shift = (weekday - isoWeekday(first) + 7) % 7;
  return addDays(first, shift + 7 * (nth - 1));
}

/** The last ISO weekday `weekday` of a month. */
function lastWeekday(year: number, month: number, weekday: number): string {
  const nextFirst = month === 12 ? ymd(year + 1, 1, 1) : ymd(year, month + 1, 1);
  const last = addDays(nextFirst, -1);
  const back = (isoWeekday(last) - weekday + 7) % 7;
  return addDays(last, -back);
}

function observed(date: string): string {
  const wd = isoWeekday(date);
  if (wd === 6) return addDays(date, -1);
  if (wd === 7) return addDays(date, 1);
  return date;
}

const holidayCache = new Map<number, Holiday[]>();

/** Federal holidays observed in calendar year `year`, in date order. */
export function federalHolidays(year: number): Holiday[] {
  const cached = holidayCache.get(year);
  if (cached) return cached;
  const list: Holiday[] = [
    { date: observed(ymd(year, 1, 1)), name: "New Year's Day" },
    { date: nthWeekday(year, 1, 1, 3), name: 'Martin Luther King Jr. Day' },
    { date: nthWeekday(year, 2, 1, 3), name: "Washington's Birthday" },
    { date: lastWeekday(year, 5, 1), name: 'Memorial Day' },
    ...(year >= 2021 ? [{ date: observed(ymd(year, 6, 19)), name: 'Juneteenth' }] : []),
    { date: observed(ymd(year, 7, 4)), name: 'Independence Day' },
    { date: nthWeekday(year, 9, 1, 1), name: 'Labor Day' },
    { date: nthWeekday(year, 10, 1, 2), name: 'Columbus Day' },
    { date: observed(ymd(year, 11, 11)), name: 'Veterans Day' },
    { date: nthWeekday(year, 11, 4, 4), name: 'Thanksgiving Day' },
    { date: observed(ymd(year, 12, 25)), name: 'Christmas Day' },
  ];
  // New Year's Day of the next year observed on Dec 31 of this one.
  const nextNewYear = observed(ymd(year + 1, 1, 1));
  if (nextNewYear.startsWith(String(year))) list.push({ date: nextNewYear, name: "New Year's Day" });
  const inYear = list.filter((h) => h.date.startsWith(String(year))).sort((a, b) => a.date.localeCompare(b.date));
  holidayCache.set(year, inYear);
  return inYear;
}

/** The federal holiday observed on `date`, or null. */
export function federalHolidayOn(date: string): Holiday | null {
  return federalHolidays(Number(date.slice(0, 4))).find((h) => h.date === date) ?? null;
}

export type SeasonName = 'medicare_aep' | 'marketplace_oe' | 'january_id_cards';

export interface Season {
  name: SeasonName;
  label: string;
  start: string; // inclusive
  end: string; // inclusive
}

/**
 * Enrollment seasons that touch calendar year `year`:
 * Medicare annual enrollment Oct 15 – Dec 7; Marketplace open enrollment Nov 1 – Jan 15
 * (both the one that ends in January of `year` and the one that starts in November);
 * the January new-member ID-card spike, Jan 2 – Jan 31.
 */
export function enrollmentSeasons(year: number): Season[] {
  return [
    { name: 'marketplace_oe', label: 'Marketplace open enrollment', start: ymd(year - 1, 11, 1), end: ymd(year, 1, 15) },
    { name: 'january_id_cards', label: 'January ID-card spike', start: ymd(year, 1, 2), end: ymd(year, 1, 31) },
    { name: 'medicare_aep', label: 'Medicare annual enrollment', start: ymd(year, 10, 15), end: ymd(year, 12, 7) },
    { name: 'marketplace_oe', label: 'Marketplace open enrollment', start: ymd(year, 11, 1), end: ymd(year + 1, 1, 15) },
  ];
}

/** The seasons in force on `date`. */
export function seasonsOn(date: string): SeasonName[] {
  const year = Number(date.slice(0, 4));
  const names = new Set<SeasonName>();
  for (const s of enrollmentSeasons(year)) if (s.start <= date && date <= s.end) names.add(s.name);
  return [...names];
}

/** Seasons overlapping the inclusive range [from, to], deduplicated, in start order. */
export function seasonsBetween(from: string, to: string): Season[] {
  const out = new Map<string, Season>();
  for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)) + 1; y++) {
    for (const s of enrollmentSeasons(y)) if (s.start <= to && s.end >= from) out.set(`${s.name}:${s.start}`, s);
  }
  return [...out.values()].sort((a, b) => a.start.localeCompare(b.start));
}

/** Holidays observed in the inclusive range [from, to]. */
export function holidaysBetween(from: string, to: string): Holiday[] {
  const out: Holiday[] = [];
  for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++) {
    for (const h of federalHolidays(y)) if (h.date >= from && h.date <= to) out.push(h);
  }
  return out;
}
