/**
 * The preview of an interval report (Avaya CMS, or the generic interval columns): the real
 * interval ingest loads the slice into a throwaway database, and the first intervals are
 * shown as stored (instants in UTC, sums in seconds), each rejected row with its reason.
 */
import { listRejects } from '../../db/queries/ingest-rejects.ts';
import { batchIntervalsAsText, INTERVAL_PREVIEW_COLUMNS } from '../../db/queries/intervalAggregates.ts';
import { INTERVAL_FORMAT_LIST } from '../adapters/index.ts';
import { type IntervalFormat, ingestIntervalReport } from '../intervals/index.ts';
import { completeLines, inSandbox } from './sandbox.ts';
import { type Preview, type PreviewRow, previewOf } from './types.ts';

export interface IntervalPreviewOptions {
  partial: boolean;
  timezone?: string;
  siteTimezone: string;
  rows: number;
}

export async function previewIntervals(text: string, format: IntervalFormat, o: IntervalPreviewOptions): Promise<Preview> {
  const label = INTERVAL_FORMAT_LIST.find((f) => f.name === format)?.label ?? format;
  const base = previewOf({ format: { name: format, label }, columns: [...INTERVAL_PREVIEW_COLUMNS] });
  return inSandbox(o.partial ? completeLines(text) : text, 'preview.csv', async (db, path) => {
    const result = await ingestIntervalReport(db, path, { format, timezone: o.timezone, siteTimezone: o.siteTimezone, maxRejectShare: 1 });
    if (result.outcome === 'refused') return { ...base, refusal: result.message ?? 'refused' };
    const stored: PreviewRow[] = (await batchIntervalsAsText(db, result.batchId, o.rows)).map((r) => ({ ...r, outcome: 'accepted', reason: null }));
    const rejected: PreviewRow[] = (await listRejects(db, result.batchId, o.rows, 0)).rejects.map((r) => ({ row: r.rowNumber, values: {}, outcome: 'rejected', reason: r.reason }));
    const rows = [...stored, ...rejected].sort((a, b) => a.row - b.row).slice(0, o.rows);
    const nRejected = rows.filter((r) => r.outcome === 'rejected').length;
    const summary = `${result.rowsRead} row(s) read: ${result.rowsAccepted} interval(s), ${result.rowsRejected} rejected.`;
    return { ...base, summary, rows, accepted: rows.length - nRejected, rejected: nRejected };
  });
}
