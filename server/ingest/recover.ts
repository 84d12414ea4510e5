/**
 * At start (the server, and `staffcast ingest` before its files): an ingest recorded as
 * started and never ended belongs to a process that was killed (kill -9, power loss). Its
 * transaction never committed, so none of its rows are stored; it is recorded as a failed
 * batch saying so, and the same file can be sent again (a failed batch is not a duplicate).
 */
import type { Database } from '../db/database.ts';
import { insertBatch, NOTHING_READ } from '../db/queries/ingest-batches.ts';
import { clearIngestRunning, listRunningIngests } from '../db/queries/ingest-running.ts';

export const INTERRUPTED_MESSAGE = 'interrupted: the process stopped before the file committed (killed or crashed); nothing from it was loaded; send the file again';

/** Records each interrupted ingest as a failed batch; returns their file names. */
export async function recoverInterruptedIngests(db: Database): Promise<string[]> {
  return db.transaction(async (conn) => {
    const running = await listRunningIngests(conn);
    for (const r of running) {
      await insertBatch(conn, {
        source: r.source,
        fileName: r.fileName,
        fileSize: r.fileSize ?? 0,
        sha256: null,
        format: r.format,
        startedAt: r.startedAt,
        outcome: 'failed',
        message: INTERRUPTED_MESSAGE,
        refusal: null,
        ...NOTHING_READ,
        unknownColumns: [],
        duplicateOf: null,
      });
      await clearIngestRunning(conn, r.id);
    }
    return running.map((r) => r.fileName);
  });
}
