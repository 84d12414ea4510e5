/**
 * Text forms of the generated values: ISO 8601 UTC timestamps and RFC 4180 CSV lines.
 * Timestamps are formatted by arithmetic with a per-day prefix cache because
 * `Date#toISOString` for three timestamps on ten million rows is a measurable share of
 * the run.
 */

const TWO = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
const dayPrefix = new Map<number, string>();

/** `2025-11-02T09:30:12Z` for whole epoch seconds `sec`. */
export function isoUtc(sec: number): string {
  const day = Math.floor(sec / 86400);
  let prefix = dayPrefix.get(day);
  if (prefix === undefined) {
    prefix = new Date(day * 86_400_000).toISOString().slice(0, 11);
    dayPrefix.set(day, prefix);
  }
  let r = sec - day * 86400;
  const h = Math.floor(r / 3600);
  r -= h * 3600;
  const m = Math.floor(r / 60);
  return prefix + TWO[h] + ':' + TWO[m] + ':' + TWO[r - m * 60] + 'Z';
}

/** A CSV field: quoted (with doubled quotes) only when it holds a comma, quote or line break. */
export function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  const s = String(value);
  return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
}

/** One CSV record ending in LF. */
export function csvLine(values: readonly (string | number | boolean | null | undefined)[]): string {
  let out = '';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) out += ',';
    out += csvField(values[i]);
  }
  return out + '\n';
}
