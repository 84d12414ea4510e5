/**
 * The audit rows the command line wrote into a database file (address `cli`), oldest first,
 * and the actor they carry: `os:<user>` (server/auth/audit.ts `cliActor`).
 */
import { userInfo } from 'node:os';
import { Database } from '../../server/db/database.ts';

export interface CliAuditRow {
  actor: string;
  action: string;
  path: string;
  outcome: string;
  detail: string;
}

export const CLI_ACTOR = `os:${userInfo().username}`;

export async function cliAuditRows(dbPath: string): Promise<CliAuditRow[]> {
  const db = await Database.open(dbPath, { readOnly: true });
  try {
    return await db.query<CliAuditRow & Record<string, unknown>>("SELECT actor, action, path, outcome, detail FROM audit_log WHERE address = 'cli' ORDER BY occurred_at");
  } finally {
    db.close();
  }
}
