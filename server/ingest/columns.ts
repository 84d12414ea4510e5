/**
 * Header checks: which column of the file holds each canonical field. Columns are matched
 * by name, never by position (DuckDB silently misloads a reordered header when given
 * `columns`), so a reordered export loads correctly and a missing or doubled name refuses
 * the file before any row is read.
 */
import { CANONICAL_COLUMNS, CANONICAL_NAMES } from '../wfm/canonical.ts';
import { IngestRefusal } from './refusal.ts';
import { detectIntervalReport } from './intervals/detect.ts';

export interface ColumnMapping {
  /** canonical name -> header name in the file */
  columns: Record<string, string>;
}

export interface ColumnPlan {
  /** canonical name -> 0-based position in the file */
  position: Map<string, number>;
  /** Header names that map to no canonical column (ignored, reported). */
  unknownColumns: string[];
}

const key = (s: string) => s.trim().normalize('NFC').toLowerCase();

/** Checks a mapping's shape: canonical names only, each file column used once. */
export function checkMapping(mapping: unknown): ColumnMapping {
  if (!mapping || typeof mapping !== 'object' || !('columns' in mapping)) {
    throw new IngestRefusal('invalid_mapping', 'invalid mapping: expected {"columns": {"<canonical name>": "<header in the file>"}}');
  }
  const cols = (mapping as { columns: unknown }).columns;
  if (!cols || typeof cols !== 'object' || Array.isArray(cols)) {
    throw new IngestRefusal('invalid_mapping', 'invalid mapping: "columns" must be an object of canonical name -> header name');
  }
  const seen = new Map<string, string>();
  for (const [canonical, header] of Object.entries(cols as Record<string, unknown>)) {
    if (!CANONICAL_NAMES.has(canonical)) {
      throw new IngestRefusal('invalid_mapping', `invalid mapping: "${canonical}" is not a canonical column (see docs/ingest.md)`);
    }
    if (typeof header !== 'string' || header.trim() === '') {
      throw new IngestRefusal('invalid_mapping', `invalid mapping: the header for "${canonical}" must be a non-empty string`);
    }
    const k = key(header);
    if (seen.has(k)) {
      throw new IngestRefusal('invalid_mapping', `invalid mapping: "${canonical}" and "${seen.get(k)}" both name the column "${header}"`);
    }
    seen.set(k, canonical);
  }
  return { columns: cols as Record<string, string> };
}

/** Resolves canonical columns to positions in `header`, or refuses the file. */
export function planColumns(header: readonly string[], mapping?: ColumnMapping): ColumnPlan {
  const names = header.map((h) => h.replace(/^\uFEFF/, ''));
  if (names.length === 0 || (names.length === 1 && names[0]!.trim() === '')) {
    throw new IngestRefusal('empty_file', 'empty file: no header row');
  }
  const byKey = new Map<string, number>();
  for (let i = 0; i < names.length; i++) {
    const k = key(names[i]!);
    if (k === '') continue;
    if (byKey.has(k)) {
      throw new IngestRefusal('invalid_header', `invalid header: the column name "${names[i]!.trim()}" appears twice (columns ${byKey.get(k)! + 1} and ${i + 1})`);
    }
    byKey.set(k, i);
  }

  const position = new Map<string, number>();
  const mapped = mapping?.columns ?? {};
  for (const [canonical, headerName] of Object.entries(mapped)) {
    const at = byKey.get(key(headerName));
    if (at === undefined) {
      throw new IngestRefusal('invalid_mapping', `invalid mapping: the file has no column "${headerName}" (mapped to ${canonical})`);
    }
    position.set(canonical, at);
  }
  const taken = new Set(position.values());
  for (const col of CANONICAL_COLUMNS) {
    if (position.has(col.name)) continue;
    const at = byKey.get(col.name);
    if (at !== undefined && !taken.has(at)) {
      position.set(col.name, at);
      taken.add(at);
    }
  }

  const missing = CANONICAL_COLUMNS.filter((c) => c.required && !position.has(c.name)).map((c) => c.name);
  if (missing.length) {
    let hint = '';
    if (names.length === 1) {
      const d = [';', '\t', '|'].find((x) => names[0]!.includes(x));
      if (d) hint = `; the header has one column: is the delimiter ${d === '\t' ? 'a tab' : `"${d}"`}? Only "," is read`;
    }
    // An interval report sent as a contact log: say which format reads it.
    const report = detectIntervalReport(names);
    if (report) hint += `; the columns are those of ${report.format === 'avaya-cms' ? 'an Avaya CMS interval report' : 'an interval report'}: load it with the format ${report.format}`;
    throw new IngestRefusal('missing_columns', `missing required column${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}${hint}`);
  }

  const unknownColumns = names
    .map((n, i) => ({ n: n.trim(), i }))
    .filter(({ i }) => !taken.has(i))
    .map(({ n, i }) => (n === '' ? `(unnamed column ${i + 1})` : n));
  return { position, unknownColumns };
}
