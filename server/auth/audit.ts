/**
 * Writing the audit trail: one row per event, with who, when, from where, what and the
 * outcome. Requests are recorded by the permission middleware when they finish
 * (server/api/permissions.ts); sign-in, user changes and the purge are recorded explicitly.
 */
import { userInfo } from 'node:os';
import type { Database } from '../db/database.ts';
import { type AuditEvent, appendAudit, purgeAuditBefore } from '../db/queries/audit.ts';

const DAY_MS = 86_400_000;

export type AuditInput = Partial<AuditEvent> & Pick<AuditEvent, 'action' | 'outcome' | 'at'>;

/** The full event, the fields not given null. */
export function auditEventOf(e: AuditInput): AuditEvent {
  return { actor: null, role: null, address: null, method: null, path: null, filters: null, status: null, detail: null, ...e };
}

export async function recordAudit(db: Database, e: AuditInput): Promise<void> {
  await appendAudit(db, auditEventOf(e));
}

/** The outcome of an HTTP status: 2xx/3xx ok; 401, 403, 429 denied; anything else failed. */
export function outcomeOf(status: number): AuditEvent['outcome'] {
  if (status < 400) return 'ok';
  if (status === 401 || status === 403 || status === 429) return 'denied';
  return 'failed';
}

/** Who acts from the command line: the operating-system user that could open the database file. */
export function cliActor(): string {
  let name = 'unknown';
  try {
    name = userInfo().username;
  } catch {
    /* no passwd entry */
  }
  return `os:${name}`;
}

/**
 * Deletes the audit rows older than the retention (days) and records the purge itself,
 * with the cut-off and the count, even when nothing was old enough.
 */
export async function purgeExpiredAudit(db: Database, retentionDays: number, now: Date, actor = 'system'): Promise<number> {
  const before = new Date(now.getTime() - retentionDays * DAY_MS);
  const n = await purgeAuditBefore(db, before);
  await recordAudit(db, { at: now, actor, action: 'audit.purge', outcome: 'ok', detail: `retention ${retentionDays} days: ${n} rows before ${before.toISOString()} deleted` });
  return n;
}
