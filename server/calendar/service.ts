/**
 * The site calendar as the API and the CLI answer it: the stored calendar or the default,
 * and the closed days learned from history beside it (docs/calendar.md). The arithmetic is
 * in server/wfm (siteCalendar.ts, proposeClosures.ts); the SQL in server/db/queries/calendar.ts.
 */
import type { Database } from '../db/database.ts';
import { dailyContactCounts, getSiteCalendar, putSiteCalendar } from '../db/queries/calendar.ts';
import { InputError } from '../wfm/inputError.ts';
import { holidaysFor } from '../wfm/holidays.ts';
import { type CalendarComparison, compareWithCalendar, fillCoverage, proposeClosures } from '../wfm/proposeClosures.ts';
import { ANY, defaultCalendar, type SiteCalendar, weeklyOpenDays } from '../wfm/siteCalendar.ts';

export interface CalendarAnswer {
  calendar: SiteCalendar;
  source: 'stored' | 'default';
  /** ISO instant of the last save; null for the default. */
  updatedAt: string | null;
}

/** The stored calendar, or the default one in the site zone. */
export async function loadSiteCalendar(db: Database, timeZone: string): Promise<CalendarAnswer> {
  const stored = await getSiteCalendar(db);
  return stored ? { calendar: stored.calendar, source: 'stored', updatedAt: stored.updatedAt } : { calendar: defaultCalendar(timeZone), source: 'default', updatedAt: null };
}

/**
 * Checks and stores a calendar; its zone must be the site zone, in which the contacts'
 * local dates are stored. An invalid calendar throws InputError naming the field.
 */
export async function saveSiteCalendar(db: Database, timeZone: string, input: unknown): Promise<CalendarAnswer> {
  const zone = typeof input === 'object' && input !== null ? (input as { timeZone?: unknown }).timeZone : undefined;
  if (typeof zone === 'string' && zone !== timeZone) throw new InputError('timeZone', `${zone} is not the site time zone ${timeZone} (STAFFCAST_TIMEZONE)`);
  await putSiteCalendar(db, input);
  return loadSiteCalendar(db, timeZone);
}

export interface CalendarProposals extends CalendarComparison {
  queue: string;
  channel: string;
  /** The dates of history read, first and last; null when there is none. */
  from: string | null;
  to: string | null;
}

/**
 * Closed weekdays and holidays proposed from the daily offered contacts of a queue and/or
 * channel (the whole site without), every date from the first to the last with data, a date
 * without contacts as 0; beside what the calendar says.
 */
export async function calendarProposals(db: Database, timeZone: string, filter: { queue?: string; channel?: string }): Promise<CalendarProposals> {
  const { calendar: cal } = await loadSiteCalendar(db, timeZone);
  const history = fillCoverage(await dailyContactCounts(db, filter));
  const queue = filter.queue ?? ANY;
  const channel = filter.channel ?? ANY;
  const openWeekdays = weeklyOpenDays(cal, queue, channel);
  const proposals = proposeClosures(history, { closedHolidays: cal.holidays, openWeekdays, customHolidays: cal.customHolidays });
  return { queue, channel, from: history[0]?.date ?? null, to: history.at(-1)?.date ?? null, ...compareWithCalendar(proposals, openWeekdays, cal.holidays) };
}

export interface HolidayChoice {
  id: string;
  name: string;
  kind: 'federal' | 'common' | 'plan';
  /** Observed dates in the year asked for. */
  dates: string[];
  /** Does the site close for it? */
  closed: boolean;
}

/** Every holiday a site can choose (the catalogue and its own), with its dates in `year`. */
export async function holidayChoices(db: Database, timeZone: string, year: number): Promise<HolidayChoice[]> {
  const { calendar } = await loadSiteCalendar(db, timeZone);
  const closed = new Set(calendar.holidays);
  return holidaysFor(calendar.customHolidays).map((h) => ({ id: h.id, name: h.name, kind: h.kind, dates: h.datesIn(year), closed: closed.has(h.id) }));
}
