/**
 * Audit rows written from request handlers without holding up the answer: each write is
 * kept until it has finished, so `flush()` (called before the audit trail is read, and at
 * shutdown) returns once every event recorded so far is in the table.
 *
 * Group commit: events recorded while a write is running wait for it and are then written
 * together in one transaction (one commit for many rows). Under load every read is audited,
 * and a commit per row was the dashboard's bottleneck (docs/reliability.md); alone, an event
 * is written at once, as before. No timer: a batch is whatever arrived during the last write.
 */
import { type Database, transaction } from '../db/database.ts';
import { appendAuditOn } from '../db/queries/audit.ts';
import { type AuditInput, auditEventOf } from './audit.ts';

export class AuditWriter {
  private queue: AuditInput[] = [];
  private running: Promise<void> | null = null;

  constructor(private readonly db: Database) {}

  record(e: AuditInput): void {
    this.queue.push(e);
    if (!this.running) this.running = this.drain();
  }

  private async drain(): Promise<void> {
    while (this.queue.length) {
      const batch = this.queue;
      this.queue = [];
      try {
        // On a connection of its own, not db.transaction: audit rows are no data change (the
        // answer cache keeps its version).
        await this.db.withConnection((conn) =>
          transaction(conn, async () => {
            for (const e of batch) await appendAuditOn(conn, auditEventOf(e));
          }),
        );
      } catch (err) {
        // The events' content may carry filters: log only that a write failed.
        console.error(`[staffcast] audit write failed (${batch.length} events): ${err instanceof Error ? err.name : typeof err}`);
      }
    }
    this.running = null;
  }

  async flush(): Promise<void> {
    while (this.running) await this.running;
  }
}
