/** Rows as an aligned text table for the terminal: rates as %, seconds with one decimal. */
export function formatTable(rows: readonly object[], columns: readonly string[]): string {
  const cells = rows.map((r) => columns.map((c) => formatCell(c, (r as Record<string, unknown>)[c])));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((row) => row[i]!.length)));
  const line = (values: string[]) => values.map((v, i) => v.padStart(widths[i]!)).join('  ');
  return [line([...columns]), ...cells.map(line)].join('\n') + '\n';
}

const RATES = new Set(['serviceLevel', 'abandonRate', 'fcr', 'csat', 'transferRate', 'ivrContainment', 'occupancy', 'probWait', 'probAbandon']);

function formatCell(column: string, v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (typeof v !== 'number') return String(v);
  if (RATES.has(column)) return `${(v * 100).toFixed(1)}%`;
  return Number.isInteger(v) ? String(v) : v.toFixed(1);
}
