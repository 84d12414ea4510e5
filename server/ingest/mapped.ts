/**
 * Loading a file through a mapping profile (docs/ingest.md, "Mapping profiles"). A profile
 * that only renames headers is handed to the canonical reader as its column mapping; one
 * with value rules (delimiter, time pattern, duration unit, tokens, value maps, constants)
 * first rewrites the file into the canonical columns — one canonical row per data row, in
 * order, so reject row numbers are the file's data rows (blank lines not counted) — and the
 * canonical ingest then checks and loads that, recording the original file's name.
 */
import { makeTempDir } from './uploadTemp.ts';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dsvFormat } from 'd3-dsv';
import type { Database } from '../db/database.ts';
import { InputError } from '../wfm/inputError.ts';
import { applyMapping, headerIndex, mappedColumns } from '../wfm/mapping/apply.ts';
import { DELIMITERS, type MappingProfile, onlyRenamesColumns } from '../wfm/mapping/profile.ts';
import { type BatchResult, type IngestOptions, ingestFile } from './index.ts';

/** The file rewritten in canonical columns, as CSV text. Missing headers: InputError naming them. */
export function rewriteInCanonicalColumns(text: string, profile: MappingProfile): string {
  const rows = dsvFormat(DELIMITERS[profile.delimiter ?? 'comma'])
    .parseRows(text.replace(/^\uFEFF/, ''))
    .filter((r) => r.some((f) => f.trim() !== ''));
  const header = rows[0] ?? [];
  const { index, missing } = headerIndex(profile, header);
  if (missing.length) throw new InputError('mapping', `the file has no column ${missing.join(', ')}`);
  return canonicalCsv(
    rows.slice(1).map((r) => applyMapping(profile, index, r)),
    mappedColumns(profile),
  );
}

/** CSV without the export's formula guard: these values go to the ingest, not a spreadsheet. */
export function canonicalCsv(rows: Record<string, string>[], columns: string[]): string {
  const quote = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return `${[columns.join(','), ...rows.map((r) => columns.map((c) => quote(r[c] ?? '')).join(','))].join('\n')}\n`;
}

/** Ingests `path` read through `profile` (options as for ingestFile, without `mapping`). */
export async function ingestWithProfile(db: Database, path: string, profile: MappingProfile, options: Omit<IngestOptions, 'mapping'>): Promise<BatchResult> {
  const timezone = profile.timeZone ?? options.timezone;
  if (onlyRenamesColumns(profile)) return ingestFile(db, path, { ...options, timezone, mapping: { columns: profile.columns } });
  const dir = makeTempDir('ingest');
  try {
    const csvPath = join(dir, 'canonical.csv');
    writeFileSync(csvPath, rewriteInCanonicalColumns(readFileSync(path, 'utf8'), profile));
    return await ingestFile(db, csvPath, { ...options, format: 'csv', timezone, fileName: options.fileName ?? path.split(/[\\/]/).pop() });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
