/**
 * Ingests into one database run one after another: two files committing at once would race
 * on the (source, contact_id) anti-join and on next-contact links. A promise chain per
 * Database instance; a failed ingest does not block the next.
 */
import type { Database } from '../db/database.ts';

const tails = new WeakMap<Database, Promise<unknown>>();

export function serializeIngest<T>(db: Database, fn: () => Promise<T>): Promise<T> {
  const prev = tails.get(db) ?? Promise.resolve();
  const run = prev.then(fn, fn);
  tails.set(
    db,
    run.catch(() => undefined),
  );
  return run;
}
