/** Settings kept in the database itself, such as the site zone its local columns were built in. */
import type { Database } from '../database.ts';

export async function getSetting(db: Database, key: string): Promise<string | null> {
  const rows = await db.query<{ value: string }>('SELECT value FROM settings WHERE key = $key', { key });
  return rows[0]?.value ?? null;
}

export async function setSetting(db: Database, key: string, value: string): Promise<void> {
  await db.query('INSERT OR REPLACE INTO settings VALUES ($key, $value)', { key, value });
}

/**
 * The local dates and intervals stored with each contact are computed in the site zone, so
 * a database is bound to the zone it was first built in: a different STAFFCAST_TIMEZONE
 * later would mislabel every period. The first call records the zone; later calls check it.
 */
export async function ensureSiteTimezone(db: Database, timezone: string): Promise<void> {
  const stored = await getSetting(db, 'site_timezone');
  if (stored === null) await setSetting(db, 'site_timezone', timezone);
  else if (stored !== timezone) {
    throw new Error(`the database ${db.path} was built for the site time zone ${stored}, but STAFFCAST_TIMEZONE is ${timezone}: ` + `use ${stored}, or a new database file`);
  }
}
