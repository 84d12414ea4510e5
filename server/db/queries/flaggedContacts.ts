/**
 * The contacts of a batch that were kept with flags (e.g. a CSAT of 9 dropped, an
 * ambiguous fall-back time): for the Data page's "flagged rows" list. No member data.
 */
import type { Database } from '../database.ts';

export interface FlaggedContact {
  contactId: string;
  queue: string;
  channel: string;
  /** The contact's offered_at as a UTC instant (`…Z`); the dashboard shows it in the site zone. */
  offeredAt: string;
  flags: string[];
}

export async function listFlaggedContacts(db: Database, batchId: number, limit: number, offset: number): Promise<{ total: number; contacts: FlaggedContact[] }> {
  const [t] = await db.query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM contacts WHERE batch_id = $id AND len(flags) > 0', { id: batchId });
  const rows = await db.query<FlaggedContact & Record<string, unknown>>(
    `SELECT contact_id AS "contactId", queue, channel,
       strftime(offered_at AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%SZ') AS "offeredAt", flags
     FROM contacts WHERE batch_id = $id AND len(flags) > 0
     ORDER BY offered_at, contact_id LIMIT $limit OFFSET $offset`,
    { id: batchId, limit, offset },
  );
  return { total: t!.n, contacts: rows.map((r) => ({ ...r, flags: Array.isArray(r.flags) ? r.flags.map(String) : [] })) };
}
