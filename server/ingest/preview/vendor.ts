/**
 * The preview of a platform's export (Amazon Connect, Genesys Cloud, Five9, …): the adapter
 * converts the slice's records into canonical contacts, and the real ingest (adapter
 * included) loads the same slice into a throwaway database, so each contact shown is
 * accepted or rejected exactly as the load would judge it. Rows are numbered by vendor
 * record, as the load's rejects are.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { csvParse } from 'd3-dsv';
import { listRejects } from '../../db/queries/ingest-rejects.ts';
import { adaptFile, summarySentence } from '../adapter-ingest.ts';
import type { ContactAdapter } from '../adapters/types.ts';
import { ingestFile } from '../index.ts';
import { IngestRefusal } from '../refusal.ts';
import { closeJsonSlice } from './jsonSlice.ts';
import { completeLines, inSandbox } from './sandbox.ts';
import { type Preview, type PreviewRow, previewOf } from './types.ts';

export interface VendorPreviewOptions {
  partial: boolean;
  timezone?: string;
  siteTimezone: string;
  rows: number;
  now?: Date;
}

export async function previewVendor(text: string, adapter: ContactAdapter, o: VendorPreviewOptions): Promise<Preview> {
  const body = o.partial ? (adapter.syntax === 'json' ? closeJsonSlice(text) : completeLines(text)) : text;
  const columns = [...adapter.columns];
  const base = previewOf({ format: { name: adapter.name, label: adapter.label }, numbering: 'record', columns });
  return inSandbox(body, `preview.${adapter.syntax === 'json' ? 'json' : 'txt'}`, async (db, path, dir) => {
    let adapted: Awaited<ReturnType<typeof adaptFile>>;
    try {
      adapted = await adaptFile(path, adapter, { timezone: o.timezone ?? o.siteTimezone }, dir);
    } catch (e) {
      if (e instanceof IngestRefusal) return { ...base, refusal: e.message };
      throw e;
    }
    const result = await ingestFile(db, path, { format: adapter.name, timezone: o.timezone, siteTimezone: o.siteTimezone, hmacKey: randomBytes(32), maxRejectShare: 1, now: o.now });
    // The sentence without its leading "<label>: " (the preview names the format apart).
    const summary = summarySentence(adapted.summary).replace(`${adapter.label}: `, '');
    if (result.outcome === 'refused') return { ...base, summary, refusal: result.message ?? 'refused' };
    const rejects = new Map((await listRejects(db, result.batchId, 1_000_000, 0)).rejects.map((r) => [r.rowNumber, r.reason]));
    // The contacts the adapter made, then the records it rejected (no contact to show), in record order.
    const contacts: PreviewRow[] = csvParse(readFileSync(adapted.csvPath, 'utf8')).map((c) => {
      const row = Number(c.__rn);
      const values = Object.fromEntries(columns.map((k) => [k, k === 'member_id' && c[k] ? '(hidden)' : (c[k] ?? '')]));
      const reason = rejects.get(row) ?? null;
      return { row, values, outcome: reason === null ? 'accepted' : 'rejected', reason };
    });
    const unconverted: PreviewRow[] = adapted.rejects.map((r) => ({ row: r.row, values: {}, outcome: 'rejected', reason: r.reason }));
    const rows = [...contacts, ...unconverted].sort((a, b) => a.row - b.row).slice(0, o.rows);
    const rejected = rows.filter((r) => r.outcome === 'rejected').length;
    return { ...base, summary, rows, accepted: rows.length - rejected, rejected };
  });
}
