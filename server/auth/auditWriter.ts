/**
 * Audit rows written from request handlers without holding up the answer: each write is
 * kept until it has finished, so `flush()` (called before the audit trail is read, and at
 * shutdown) returns once every event recorded so far is in the table.
 */
import type { Database } from '../db/database.ts';
import { type AuditInput, recordAudit } from './audit.ts';

export class AuditWriter {
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly db: Database) {}

  record(e: AuditInput): void {
    const p = recordAudit(this.db, e).catch((err: unknown) => {
      // The event's content may carry filters: log only that a write failed.
      console.error(`[staffcast] audit write failed: ${err instanceof Error ? err.name : typeof err}`);
    });
    this.pending.add(p);
    void p.finally(() => this.pending.delete(p));
  }

  async flush(): Promise<void> {
    while (this.pending.size) await Promise.all([...this.pending]);
  }
}
