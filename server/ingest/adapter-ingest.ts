/**
 * How a vendor export enters the canonical ingest: the adapter's records are read and
 * converted (./adapters), and the contacts are written as a canonical CSV in the form of the
 * pre-scan's repaired copy (LF endings, every value quoted as needed, the vendor record
 * number as the last column `__rn`), which index.ts then reads like any contact log. The
 * adapter's rejects join the ingest's rejects with their vendor record number and line, so
 * every promise of the canonical ingest holds: all or nothing per file, rejects kept with
 * reasons, no duplicates, member IDs keyed before anything is stored.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { readRecords } from './adapters/read.ts';
import { bufferedWriter } from './bufferedWriter.ts';
import type { AdaptedContact, AdapterOptions, CanonicalField, ContactAdapter, ContactRow, FileSample, StreamedOutput } from './adapters/types.ts';

/** What an adapter made of a file, for the batch result and its message. */
export interface AdapterSummary {
  format: string;
  label: string;
  /** Vendor records read (JSON values, CSV rows, log lines). */
  records: number;
  contacts: number;
  rejected: number;
  excluded: number;
  folded: number;
  excludedReasons: { reason: string; count: number }[];
}

export interface AdaptedFile {
  /** The canonical CSV: `header` then `__rn`. */
  csvPath: string;
  header: string[];
  rows: number;
  rejects: { row: number; line: number; reason: string }[];
  summary: AdapterSummary;
  /** Physical line of the file where a vendor record starts. */
  lineOf: (record: number) => number | null;
}

/** The first 64 KiB of a file as text, for detection. */
export function readSample(path: string): FileSample {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(64 * 1024);
    const n = readSync(fd, buf, 0, buf.length, 0);
    return {
      text: buf
        .subarray(0, n)
        .toString('utf8')
        .replace(/^\uFEFF/, ''),
    };
  } finally {
    closeSync(fd);
  }
}

/** One canonical CSV line: the row's values in `header` order (missing or null → empty), then `record`. */
export function csvLine(row: ContactRow, header: readonly CanonicalField[], record: number): string {
  let line = '';
  for (let k = 0; k < header.length; k++) {
    const v = row[header[k]!];
    if (v !== null && v !== undefined && v !== '') line += NEEDS_QUOTES.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
    line += ',';
  }
  return `${line}${record}\n`;
}
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * Reads and converts `path` with `adapter`, writing the canonical CSV into `dir`. A
 * converter that can hand its contacts on as it builds them (`finishEach`) has each written
 * at once instead of held until the end (a million contacts would be held otherwise).
 */
export async function adaptFile(path: string, adapter: ContactAdapter, options: AdapterOptions, dir: string): Promise<AdaptedFile> {
  const converter = adapter.start(options);
  const lines: number[] = [0];
  const records = await readRecords(path, { syntax: adapter.syntax, unwrap: adapter.unwrap?.bind(adapter) }, (r) => {
    lines[r.n] = r.line;
    converter.add(r);
  });
  const header = [...adapter.columns];
  const csvPath = join(dir, `${adapter.name}.csv`);
  const fd = openSync(csvPath, 'w');
  let out: StreamedOutput;
  try {
    const csv = bufferedWriter(fd);
    csv.write(`${[...header, '__rn'].join(',')}\n`);
    const onContact = (c: AdaptedContact) => csv.write(csvLine(c.row, header, c.record));
    if (converter.finishEach) out = converter.finishEach(onContact);
    else {
      const all = converter.finish();
      for (const c of all.contacts) onContact(c);
      out = { ...all, contacts: all.contacts.length };
    }
    csv.flush();
  } finally {
    closeSync(fd);
  }
  const excludedReasons = new Map<string, number>();
  for (const x of out.excluded) excludedReasons.set(x.reason, (excludedReasons.get(x.reason) ?? 0) + 1);
  const accounted = out.contacts + out.rejects.length + out.excluded.length + out.folded;
  if (accounted !== records) throw new Error(`adapter ${adapter.name}: ${records} records but ${accounted} accounted for`);
  return {
    csvPath,
    header,
    rows: out.contacts,
    rejects: out.rejects.map((r) => ({ row: r.record, line: lines[r.record] ?? 0, reason: r.reason })),
    summary: {
      format: adapter.name,
      label: adapter.label,
      records,
      contacts: out.contacts,
      rejected: out.rejects.length,
      excluded: out.excluded.length,
      folded: out.folded,
      excludedReasons: [...excludedReasons].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count),
    },
    lineOf: (record) => lines[record] ?? null,
  };
}

/** One sentence for the batch message: what the records became. */
export function summarySentence(s: AdapterSummary): string {
  const parts = [`${s.label}: ${s.records} record(s) → ${s.contacts} contact(s)`];
  if (s.folded) parts.push(`${s.folded} folded into another record's contact (re-deliveries, transfer legs, repeats)`);
  if (s.rejected) parts.push(`${s.rejected} rejected`);
  if (s.excluded) parts.push(`${s.excluded} excluded (${s.excludedReasons.map((r) => `${r.count} × ${r.reason.replace(/^excluded: /, '')}`).join('; ')})`);
  return `${parts.join('; ')}.`;
}
