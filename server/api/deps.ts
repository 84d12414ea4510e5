import type { Clock } from '../auth/clock.ts';
import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';

/** What every router needs: the process's one database and its configuration. */
export interface AppDeps {
  db: Database;
  config: Config;
  /** HMAC key for member-ID pseudonyms (never logged). */
  hmacKey: Buffer;
  /** The time for sessions, lockouts and the audit trail (default: the system clock; tests pass their own). */
  clock?: Clock;
}
