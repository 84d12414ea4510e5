/**
 * CSV export of what a page shows. Cells are quoted per RFC 4180, and a cell that a
 * spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, or a tab or
 * carriage return) is prefixed with a single quote: queue names and reject reasons come
 * from uploaded files, so they are untrusted text (CSV injection).
 */

import { recordExport } from '../api/client.ts';

export type Cell = string | number | boolean | null | undefined;

/** One cell, made inert and quoted when needed. */
export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  let s = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : String(value);
  // Numbers are written as numbers: a negative number is data, not a formula.
  if (typeof value !== 'number' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A whole table: a header row and data rows, lines ended by CRLF. */
export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** Offers `text` as a file download named `fileName`. */
export function downloadCsv(fileName: string, text: string): void {
  // A BOM so spreadsheet programs read the file as UTF-8 (em dashes, accents).
  const blob = new Blob(['\uFEFF', text], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
  // The export is in the audit trail (docs/security.md): file name, rows, page.
  recordExport(fileName, Math.max(0, text.split('\n').filter(Boolean).length - 1));
}

/**
 * CSV text (RFC 4180: quoted fields, doubled quotes, CRLF or LF) into rows of strings;
 * blank lines are dropped. The same reading as the CLI's (server/cli/commands/plan.ts), so a
 * file means the same in both.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const s = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (quoted) {
      if (ch === '"') {
        if (s[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && s[i + 1] === '\n') i++;
      row.push(field);
      if (row.some((f) => f !== '')) rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  row.push(field);
  if (row.some((f) => f !== '')) rows.push(row);
  return rows;
}

/**
 * A figure rounded for a CSV people read (the API keeps full precision): `digits` decimals,
 * no negative zero, null kept as an empty cell.
 */
export function roundForPeople(value: number | null | undefined, digits: number): number | null {
  if (value === null || value === undefined || !Number.isFinite(value)) return null;
  const f = 10 ** digits;
  const r = Math.round(value * f) / f;
  return r === 0 ? 0 : r;
}
