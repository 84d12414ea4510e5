/**
 * Writes to the tables of users, sessions and the audit trail. They change none of the
 * data the answer cache serves (server/kpi/answerCache.ts), so they must not retire it:
 * `Database.query` recognises them (BOOKKEEPING_WRITE) and leaves the data version alone,
 * while a write to sessions or users bumps the auth version, so a session row kept in memory
 * (server/auth/sessions.ts) is read again after a sign-out, a touch, a disable or a lockout.
 */
import type { Database, Params, Row } from '../database.ts';

export function bookkeeping<T extends Row = Row>(db: Database, sql: string, params: Params = {}): Promise<T[]> {
  return db.query<T>(sql, params);
}
