/**
 * Writes to the tables of users, sessions and the audit trail. They change none of the
 * data the answer cache serves (server/kpi/answerCache.ts), so they must not bump the data
 * version as `Database.query` does for every write: an audit row after every request would
 * otherwise retire every cached answer.
 */
import { type Database, type Params, queryRows, type Row } from '../database.ts';

export function bookkeeping<T extends Row = Row>(db: Database, sql: string, params: Params = {}): Promise<T[]> {
  return db.withConnection((conn) => queryRows<T>(conn, sql, params));
}
