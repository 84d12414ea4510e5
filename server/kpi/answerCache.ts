/**
 * Answers cached per data version: the dashboard asks the same few questions over and over
 * (the scorecard of the last week, its trend), and the answer changes only when the data
 * does. The key is the question (function and checked parameters); the version is
 * `Database.version`, bumped by every commit, undo, target or calendar change (and by every
 * state-changing request: server/api/dataVersion.ts). An entry of another version is never
 * served. In-flight answers are shared, so 50 users asking at once cause one computation.
 *
 * Bounded: at most MAX_ENTRIES answers (least recently used dropped first), and answers
 * larger than MAX_CACHED_CHARS characters of JSON (or MAX_CACHED_ROWS rows) are not kept: a
 * big export is rare and would crowd out the dashboard's small answers. The API caches the
 * serialized JSON (server/api/cachedJson.ts), so a hit costs no serialization either.
 */
import type { Database } from '../db/database.ts';

export const MAX_ENTRIES = 500;
export const MAX_CACHED_ROWS = 20_000;
export const MAX_CACHED_CHARS = 4_000_000;

interface Entry {
  version: number;
  value: Promise<unknown>;
}

const caches = new WeakMap<Database, Map<string, Entry>>();

/** Counts for the tests and docs: hits, misses (computations). */
export const cacheStats = { hits: 0, misses: 0 };

const tooBig = (v: unknown): boolean =>
  typeof v === 'string' ? v.length > MAX_CACHED_CHARS : v && typeof v === 'object' && 'body' in v && typeof v.body === 'string' ? v.body.length > MAX_CACHED_CHARS : sizeOf(v) > MAX_CACHED_ROWS;
const sizeOf = (v: unknown): number => (Array.isArray(v) ? v.length : v && typeof v === 'object' && 'rows' in v && Array.isArray(v.rows) ? v.rows.length : 1);

/**
 * The answer to `key` at the database's current version, computed by `compute` at most once
 * per version. A failed computation is not kept.
 */
export function cachedAnswer<T>(db: Database, key: string, compute: () => Promise<T>): Promise<T> {
  // Inside a snapshot every part of an answer must come from that snapshot: no cache.
  if (db.inSnapshot) return compute();
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  const version = db.version;
  const hit = cache.get(key);
  if (hit && hit.version === version) {
    // Most recently used last.
    cache.delete(key);
    cache.set(key, hit);
    cacheStats.hits++;
    return hit.value as Promise<T>;
  }
  cacheStats.misses++;
  const value = compute();
  const entry: Entry = { version, value };
  cache.delete(key);
  cache.set(key, entry);
  while (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  value.then(
    (v) => {
      if (tooBig(v) && cache.get(key) === entry) cache.delete(key);
    },
    () => {
      if (cache.get(key) === entry) cache.delete(key);
    },
  );
  return value;
}
