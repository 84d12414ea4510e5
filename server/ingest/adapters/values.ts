/**
 * Value rules shared by the adapters: strict ISO 8601 instants (an impossible or malformed
 * time is a rejected record, never guessed), seconds as decimal text (milliseconds divided
 * once, here), and field access on parsed JSON that treats a missing key as null.
 */

const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|z|[+-]\d{2}:?\d{2})$/;

/** Epoch milliseconds of an ISO 8601 instant (with `Z` or an offset), or null when it is not one or not a real time. */
export function parseInstant(text: unknown): number | null {
  if (typeof text !== 'string') return null;
  const m = ISO_INSTANT.exec(text);
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m.map((x) => (x === undefined ? '0' : x)) as string[];
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(Number(y), month)) return null;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return null;
  const zone = m[8]!;
  const ms = Date.parse(zone.length === 5 ? `${text.slice(0, -5)}${zone.slice(0, 3)}:${zone.slice(3)}` : text);
  return Number.isFinite(ms) ? ms : null;
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
function daysInMonth(year: number, month: number): number {
  return month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : DAYS[month - 1]!;
}

/** ISO 8601 UTC text of an instant, without a zero fraction (`2026-08-21T16:00:12Z`). */
export function isoUtc(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/** Seconds as decimal text from milliseconds (exact to the millisecond). */
export function secondsFromMs(ms: number): string {
  return String(Math.round(ms) / 1000);
}

/** A finite, non-negative number from a JSON number or numeric text, else null. */
export function numberOf(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string' && /^\s*[+-]?(\d+(\.\d*)?|\.\d+)\s*$/.test(v)) return Number(v);
  return null;
}

/** A non-empty trimmed string, else null. */
export function textOf(v: unknown): string | null {
  if (typeof v === 'string') {
    const t = v.trim();
    return t === '' ? null : t;
  }
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return null;
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `obj.a.b.c` with null for anything missing on the way. */
export function at(obj: unknown, ...path: string[]): unknown {
  let cur: unknown = obj;
  for (const k of path) {
    if (!isObject(cur)) return null;
    cur = cur[k];
  }
  return cur ?? null;
}

/** `"true"`/`"false"` for a known boolean, null for unknown. */
export const bool = (b: boolean | null): string | null => (b === null ? null : b ? 'true' : 'false');

/** A rejected record's reason for a field: `invalid <field>: <problem>`. */
export class RecordProblem extends Error {
  constructor(
    readonly field: string,
    readonly problem: string,
  ) {
    super(`invalid ${field}: ${problem}`);
  }
}

/** The instant of `field`, or a RecordProblem; null when absent and not `required`. */
export function instantField(value: unknown, field: string, required: boolean): number | null {
  if (value === null || value === undefined || value === '') {
    if (required) throw new RecordProblem(field, 'missing');
    return null;
  }
  const ms = parseInstant(value);
  if (ms === null) throw new RecordProblem(field, 'not an ISO 8601 timestamp with a UTC offset');
  return ms;
}

/** Seconds of `field` (a non-negative number), or a RecordProblem; null when absent. */
export function secondsField(value: unknown, field: string): number | null {
  if (value === null || value === undefined || value === '') return null;
  const n = numberOf(value);
  if (n === null) throw new RecordProblem(field, 'not a number');
  if (n < 0) throw new RecordProblem(field, 'negative');
  return n;
}

/** A record kept apart with a reason (outbound, agent task): not a queue's contact, not an error. */
export class Excluded extends Error {
  constructor(reason: string) {
    super(`excluded: ${reason}`);
  }
}
