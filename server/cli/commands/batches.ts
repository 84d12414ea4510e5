/**
 * `staffcast batches [list] [--limit N]` lists the ingest batches, newest first;
 * `staffcast batches undo ID` removes a committed batch's contacts (docs/ingest.md, "Undo").
 * `--json` prints what the API answers (GET /api/ingest/batches, POST …/:id/undo). Both open
 * the database directly, so not while `serve` holds it: undo from the Data page then.
 */
import type { Command } from 'commander';
import { openForCli } from '../database.ts';
import { action, UsageError } from '../errors.ts';
import type { BatchRow } from '../../db/queries/ingest-batches.ts';
import type { UndoResult } from '../../ingest/undo.ts';
import { undoSummary } from '../../ingest/undoSummary.ts';

export function formatBatches(rows: readonly BatchRow[]): string {
  if (rows.length === 0) return 'No batches yet.\n';
  const lines = rows.map(
    (b) =>
      `${String(b.batchId).padStart(5)}  ${(b.finishedAt ?? b.startedAt).slice(0, 19).replace('T', ' ')}  ${b.outcome.padEnd(14)} ${String(b.rowsAccepted).padStart(9)} loaded  ${b.source} / ${b.fileName}`,
  );
  return `${['   id  finished (UTC)        outcome           contacts', ...lines].join('\n')}\n`;
}

export function formatUndo(r: UndoResult): string {
  const lines = [`Batch ${r.batchId} (${r.fileName}) undone: ${undoSummary(r)}.`];
  for (const l of r.laterOverlapping) {
    lines.push(`Note: batch ${l.batchId} (${l.fileName}) skipped ${l.rowsAlreadyPresent} rows as already present; those that were this batch's left with it: load that file again to restore them.`);
  }
  return `${lines.join('\n')}\n`;
}

export function registerBatches(program: Command): void {
  program
    .command('batches')
    .description('ingest batches: list them, or undo one (list | undo ID)')
    .argument('[action]', 'list (default) or undo', 'list')
    .argument('[id]', 'for undo: the batch id')
    .option('--limit <n>', 'for list: how many, newest first (default 50)', '50')
    .option('--json', 'print JSON, as the API answers')
    .action(
      action(async (verb: string, id: string | undefined, opts: { json?: boolean; limit: string }) => {
        if (verb !== 'list' && verb !== 'undo') throw new UsageError(`invalid action: expected list or undo, got "${verb}"`);
        const batchId = Number(id);
        if (verb === 'undo' && !(Number.isInteger(batchId) && batchId > 0)) throw new UsageError('invalid id: batches undo needs a positive integer batch id');
        if (verb === 'list' && id !== undefined) throw new UsageError('invalid id: batches list takes no id');
        const limit = Number(opts.limit);
        if (!(Number.isInteger(limit) && limit > 0 && limit <= 10_000)) throw new UsageError('invalid --limit: expected an integer from 1 to 10000');
        const [{ listBatches }, { UndoRefused, undoBatch }, { cliActor, recordAudit }] = await Promise.all([
          import('../../db/queries/ingest-batches.ts'),
          import('../../ingest/undo.ts'),
          import('../../auth/audit.ts'),
        ]);
        const { db } = await openForCli(program, { readOnly: verb === 'list' });
        try {
          if (verb === 'list') {
            const rows = await listBatches(db, limit, 0);
            process.stdout.write(opts.json ? `${JSON.stringify({ batches: rows }, null, 2)}\n` : formatBatches(rows));
            return;
          }
          // The command line on the database file is its operator's: any batch, audited as the OS user.
          const audit = (outcome: 'ok' | 'failed', detail: string) =>
            recordAudit(db, { at: new Date(), actor: cliActor(), address: 'cli', action: 'batch.undo', path: String(batchId), outcome, detail });
          try {
            const r = await undoBatch(db, batchId);
            await audit('ok', `batch ${batchId} undone`);
            process.stdout.write(opts.json ? `${JSON.stringify(r, null, 2)}\n` : formatUndo(r));
          } catch (e) {
            if (e instanceof UndoRefused) {
              await audit('failed', e.message);
              throw new UsageError(`invalid id: ${e.message}`);
            }
            throw e;
          }
        } finally {
          db.close();
        }
      }),
    );
}
