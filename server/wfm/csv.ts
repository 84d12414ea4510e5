/**
 * CSV read and written with d3-dsv (RFC 4180: quoted commas, doubled quotes and line breaks
 * inside quoted fields; LF or CRLF), for the CLI's input files and exports. The ingest of
 * contact logs has its own validating byte-level pre-scan (server/ingest/csv-scan.ts).
 *
 * Output is safe to open in a spreadsheet: a cell that starts with = + - @ (or a tab/CR) is
 * prefixed with a quote so it is shown as text, never run as a formula — except plain
 * numbers such as -3.5. Null is an empty cell.
 */
import { csvFormatRows, csvParseRows } from 'd3-dsv';

const FORMULA_START = /^[=+\-@\t\r]/;
const NUMBER = /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i;
const LINE_BREAK = /\r\n|\r|\n/g;

/** A cell's text before quoting: '' for null and non-finite numbers, formulas neutralised. */
function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : String(v);
  return FORMULA_START.test(s) && !NUMBER.test(s) ? `'${s}` : s;
}

/** One CSV cell, quoted when it needs it. */
export function csvCell(v: unknown): string {
  return csvFormatRows([[cellText(v)]]);
}

/** Rows as CSV with a header line, columns in the given order (default: the first row's keys). */
export function toCsv(rows: readonly object[], columns?: readonly string[]): string {
  const cols = columns ?? (rows[0] ? Object.keys(rows[0]) : []);
  const body = rows.map((r) => cols.map((c) => cellText((r as Record<string, unknown>)[c])));
  return csvFormatRows([cols.map(cellText), ...body]) + '\n';
}

/** A data record and the 1-based physical line where it starts. */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/**
 * Reads CSV text into its header and data records. A leading BOM is dropped; records whose
 * fields are all empty (blank lines, `,,`) are skipped; fields are as written (not trimmed).
 * `line` counts physical lines, so it stays right after a line break inside a quoted field
 * or a blank line (for messages that name the line).
 */
export function readCsvRecords(text: string): { header: string[]; records: CsvRecord[] } {
  let line = 1;
  let header: string[] | null = null;
  const records: CsvRecord[] = [];
  for (const fields of csvParseRows(text.replace(/^\uFEFF/, ''))) {
    const at = line;
    line += 1;
    for (const f of fields) line += f.match(LINE_BREAK)?.length ?? 0;
    if (fields.every((f) => f === '')) continue;
    if (header === null) header = fields;
    else records.push({ line: at, fields });
  }
  return { header: header ?? [], records };
}
