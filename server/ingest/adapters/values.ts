/**
 * Value rules shared by the adapters: strict ISO 8601 instants (an impossible or malformed
 * time is a rejected record, never guessed), seconds as decimal text (milliseconds divided
 * once, here), and field access on parsed JSON that treats a missing key as null.
 */
import { InvalidJson } from './read.ts';

const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|z|[+-]\d{2}:?\d{2})$/;

/** Epoch milliseconds of an ISO 8601 instant (with `Z` or an offset), or null when it is not one or not a real time. */
export function parseInstant(text: unknown): number | null {
  if (typeof text !== 'string') return null;
  const fast = fastUtc(text);
  if (fast !== undefined) return fast;
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

const digit = (t: string, i: number) => {
  const d = t.charCodeAt(i) - 48;
  return d >= 0 && d <= 9 ? d : Number.NaN;
};
const two = (t: string, i: number) => digit(t, i) * 10 + digit(t, i + 1);

/**
 * The common shapes `YYYY-MM-DDTHH:MM:SSZ` and `YYYY-MM-DDTHH:MM:SS.mmmZ` read from the
 * character codes (a million records carry several each); undefined for any other shape,
 * which the general rule reads. Same answers, checked in the tests.
 */
function fastUtc(t: string): number | null | undefined {
  const len = t.length;
  if (!(len === 20 || len === 24) || t.charCodeAt(len - 1) !== 90 /* Z */) return undefined;
  if (t.charCodeAt(4) !== 45 || t.charCodeAt(7) !== 45 || t.charCodeAt(10) !== 84 || t.charCodeAt(13) !== 58 || t.charCodeAt(16) !== 58) return undefined; // - - T : :
  let ms = 0;
  if (len === 24) {
    if (t.charCodeAt(19) !== 46) return undefined; // .
    ms = digit(t, 20) * 100 + two(t, 21);
  }
  const year = two(t, 0) * 100 + two(t, 2);
  const month = two(t, 5);
  const day = two(t, 8);
  const hour = two(t, 11);
  const minute = two(t, 14);
  const second = two(t, 17);
  if (!Number.isFinite(year + month + day + hour + minute + second + ms) || year < 100) return undefined;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) return null;
  return daysFromCivil(year, month, day) * 86_400_000 + ((hour * 60 + minute) * 60 + second) * 1000 + ms;
}

/**
 * Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's `days_from_civil`): what
 * `Date.UTC` counts, in integer arithmetic, at half its cost per instant.
 */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400; // 0 … 399
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1; // 0 … 365, from 1 March
  return era * 146_097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719_468;
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
function daysInMonth(year: number, month: number): number {
  return month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : DAYS[month - 1]!;
}

/** ISO 8601 UTC text of an instant, without a zero fraction (`2026-08-21T16:00:12Z`). */
export function isoUtc(ms: number): string {
  const day = Math.floor(ms / 86_400_000);
  let date = DATE_TEXT.get(day);
  if (date === undefined) {
    if (ms < -62_135_596_800_000 || ms >= 253_402_300_800_000) return new Date(ms).toISOString().replace('.000Z', 'Z'); // outside years 0001-9999
    date = new Date(day * 86_400_000).toISOString().slice(0, 10);
    if (DATE_TEXT.size > 100_000) DATE_TEXT.clear();
    DATE_TEXT.set(day, date);
  }
  const inDay = ms - day * 86_400_000;
  const seconds = Math.floor(inDay / 1000);
  const millis = inDay - seconds * 1000;
  const hh = Math.floor(seconds / 3600);
  const mm = Math.floor((seconds % 3600) / 60);
  const ss = seconds % 60;
  const time = `${hh < 10 ? '0' : ''}${hh}:${mm < 10 ? '0' : ''}${mm}:${ss < 10 ? '0' : ''}${ss}`;
  return millis === 0 ? `${date}T${time}Z` : `${date}T${time}.${String(millis).padStart(3, '0')}Z`;
}

/** `YYYY-MM-DD` per UTC day number: a million instants fall on a few hundred days. */
const DATE_TEXT = new Map<number, string>();

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

/** A JSON record that parsed to an object (InvalidJson marks one that did not parse). */
export function isJsonObject(v: unknown): v is Record<string, unknown> {
  return isObject(v) && !(v instanceof InvalidJson);
}

/** Why a JSON record is no object to convert: its reject reason. */
export function notJsonObject(v: unknown): string {
  return v instanceof InvalidJson ? 'invalid record: not valid JSON' : 'invalid record: not a JSON object';
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
    /** The whole reason, when it was worded before (a problem found earlier and kept). */
    reason?: string,
  ) {
    super(reason ?? `invalid ${field}: ${problem}`);
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

/** `table[key]` when the table itself holds the key: a vendor value "toString" or "__proto__" is not a built-in. */
export function ownValue<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
