/**
 * The site calendar (server/wfm/siteCalendar.ts) stored as JSON per site, checked with
 * parseSiteCalendar on the way in and on the way out, so a row edited by hand cannot
 * reach the business-time arithmetic unchecked.
 */
import type { Database } from '../database.ts';
import { parseSiteCalendar, type SiteCalendar } from '../../wfm/siteCalendar.ts';

/** The one site of a database (a database is bound to one site zone: settings.ts). */
export const DEFAULT_SITE = 'default';

export interface StoredCalendar {
  calendar: SiteCalendar;
  /** ISO instant of the last save. */
  updatedAt: string;
}

/** The stored calendar of `site`, or null when none was saved (the default applies). */
export async function getSiteCalendar(db: Database, site = DEFAULT_SITE): Promise<StoredCalendar | null> {
  // A database opened read-only before migration 9 ran has no table: nothing stored.
  const table = await db.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE table_name = 'site_calendar'`);
  if (table[0]!.n === 0) return null;
  const rows = await db.query<{ calendar: string; updated_at: string }>(
    `SELECT calendar, strftime(updated_at AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%SZ') AS updated_at FROM site_calendar WHERE site = $site`,
    { site },
  );
  const row = rows[0];
  if (!row) return null;
  return { calendar: parseSiteCalendar(JSON.parse(row.calendar)), updatedAt: row.updated_at };
}

/** Saves the calendar of `site` after checking it; an invalid one throws InputError naming the field. */
export async function putSiteCalendar(db: Database, input: unknown, site = DEFAULT_SITE): Promise<SiteCalendar> {
  const calendar = parseSiteCalendar(input);
  await db.query('INSERT OR REPLACE INTO site_calendar (site, calendar, updated_at) VALUES ($site, $calendar, now())', { site, calendar: JSON.stringify(calendar) });
  return calendar;
}

export interface DailyContactCount {
  date: string;
  contacts: number;
}

/**
 * Offered contacts (IVR-contained excluded, as in history.ts) per local date with any, for
 * one queue and/or channel or the whole site, in date order. Dates without a row had none.
 */
export function dailyContactCounts(db: Database, filter: { queue?: string; channel?: string } = {}): Promise<DailyContactCount[]> {
  const parts = ['NOT coalesce(ivr_contained, false)'];
  const params: Record<string, string> = {};
  if (filter.queue) {
    parts.push('queue = $queue');
    params.queue = filter.queue;
  }
  if (filter.channel) {
    parts.push('channel = $channel');
    params.channel = filter.channel;
  }
  return db.query<DailyContactCount & Record<string, unknown>>(
    `SELECT strftime(local_date, '%Y-%m-%d') AS date, count(*)::INTEGER AS contacts
     FROM contacts WHERE ${parts.join(' AND ')}
     GROUP BY local_date ORDER BY local_date`,
    params,
  );
}
