/**
 * Undo a committed batch: its contacts removed, the links and rollups they fed recomputed,
 * the batch kept in the history as `undone` (docs/ingest.md, "Undo"). Runs in the ingest
 * queue, so it never interleaves with a file being committed, and in one transaction.
 */
import type { Database } from '../db/database.ts';
import { getBatch } from '../db/queries/ingest-batches.ts';
import { laterOverlappingBatches, markBatchUndone, removeBatchContacts, type UndoCounts } from '../db/queries/ingest-undo.ts';
import { serializeIngest } from './queue.ts';
import { undoSummary } from './undoSummary.ts';

export class UndoRefused extends Error {
  constructor(
    readonly status: 404 | 409,
    message: string,
  ) {
    super(message);
    this.name = 'UndoRefused';
  }
}

export interface UndoResult extends UndoCounts {
  batchId: number;
  fileName: string;
  /**
   * Later batches of the same source that skipped rows as already present: some of those
   * rows may have been this batch's and left with it; load those files again to restore them.
   */
  laterOverlapping: { batchId: number; fileName: string; rowsAlreadyPresent: number }[];
}

export function undoBatch(db: Database, batchId: number): Promise<UndoResult> {
  return serializeIngest(db, async () => {
    const batch = await getBatch(db, batchId);
    if (!batch) throw new UndoRefused(404, `no batch ${batchId}`);
    if (batch.outcome === 'undone') throw new UndoRefused(409, `batch ${batchId} (${batch.fileName}) is already undone`);
    if (batch.outcome !== 'committed') throw new UndoRefused(409, `batch ${batchId} (${batch.fileName}) was ${batch.outcome.replace('_', ' ')}: it loaded nothing to undo`);
    if ((batch.rowsReplaced ?? 0) > 0) {
      throw new UndoRefused(
        409,
        `batch ${batchId} (${batch.fileName}) replaced ${batch.rowsReplaced} stored contacts; undoing it cannot bring their earlier values back. Load the earlier file again with replace instead`,
      );
    }
    return db.transaction(async (conn) => {
      const laterOverlapping = await laterOverlappingBatches(conn, batchId);
      const counts = await removeBatchContacts(conn, batchId);
      const note = undoSummary(counts);
      await markBatchUndone(conn, batchId, note);
      return { batchId, fileName: batch.fileName, ...counts, laterOverlapping };
    });
  });
}
