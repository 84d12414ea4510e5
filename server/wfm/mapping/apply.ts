/**
 * Applying a mapping profile to one record of the file: its values rewritten into the
 * canonical form (docs/ingest.md, "Mapping profiles"). What cannot be read is passed on as
 * written, so the canonical validation rejects the row with the column's own reason.
 */
import { CANONICAL_COLUMNS } from '../canonical.ts';
import type { MappingProfile } from './profile.ts';

const KIND = new Map(CANONICAL_COLUMNS.map((c) => [c.name, c.kind]));
const DURATION_COLUMNS = new Set(['talk_s', 'hold_s', 'acw_s']);

/** The canonical columns a profile fills (mapped or constant), in canonical order. */
export function mappedColumns(p: MappingProfile): string[] {
  return CANONICAL_COLUMNS.map((c) => c.name).filter((n) => p.columns[n] !== undefined || p.constants?.[n] !== undefined);
}

/**
 * For a file's header: the index of each mapped canonical column's header (trimmed,
 * case-insensitive), or the headers that are missing.
 */
export function headerIndex(p: MappingProfile, header: readonly string[]): { index: Map<string, number>; missing: string[] } {
  const byName = new Map(header.map((h, i) => [h.trim().toLowerCase(), i]));
  const index = new Map<string, number>();
  const missing: string[] = [];
  for (const [canonical, h] of Object.entries(p.columns)) {
    const i = byName.get(h.trim().toLowerCase());
    if (i === undefined) missing.push(`${h} (for ${canonical})`);
    else index.set(canonical, i);
  }
  return { index, missing };
}

/** One record's canonical values, every mapped column present ('' = empty). */
export function applyMapping(p: MappingProfile, index: ReadonlyMap<string, number>, record: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of mappedColumns(p)) {
    const i = index.get(name);
    const raw = i === undefined ? (p.constants?.[name] ?? '') : (record[i] ?? '');
    out[name] = convertValue(p, name, raw);
  }
  return out;
}

function convertValue(p: MappingProfile, name: string, raw: string): string {
  const v = raw.trim();
  if (v === '') return '';
  const kind = KIND.get(name);
  const map = p.values?.[name as keyof NonNullable<MappingProfile['values']>];
  if (map) {
    const hit = map[v.toLowerCase()];
    if (hit !== undefined) return hit;
  }
  if (kind === 'timestamp') return convertTime(v, p.timeFormat ?? 'iso');
  if (DURATION_COLUMNS.has(name)) return convertDuration(v, p.durationUnit ?? 's');
  if (kind === 'boolean' && p.booleans) {
    const t = v.toLowerCase();
    if (p.booleans.true?.includes(t)) return 'true';
    if (p.booleans.false?.includes(t)) return 'false';
  }
  return v;
}

/** Seconds as text: exact decimal places kept (1234 ms → `1.234`). Unreadable: as written. */
export function convertDuration(v: string, unit: 'ms' | 's' | 'min' | 'hms'): string {
  if (unit === 's') return v;
  if (unit === 'hms') {
    const m = /^(\d+):([0-5]\d):([0-5]\d)(\.\d{1,3})?$/.exec(v) ?? /^()([0-5]?\d):([0-5]\d)(\.\d{1,3})?$/.exec(v);
    if (!m) return v;
    const whole = Number(m[1] || 0) * 3600 + Number(m[2]) * 60 + Number(m[3]);
    return m[4] ? `${whole}${m[4]}` : String(whole);
  }
  if (!/^-?\d+(\.\d+)?$/.test(v)) return v;
  const n = Number(v);
  return String(unit === 'ms' ? n / 1000 : n * 60);
}

/**
 * A time as the canonical reader takes it: ISO 8601 with its offset when the value has one,
 * else local `YYYY-MM-DDTHH:MM:SS[.mmm]` (the profile's zone is the ingest's). Epoch values
 * become UTC. A value that does not fit the pattern is returned as written.
 */
export function convertTime(v: string, format: string): string {
  if (format === 'iso') return v;
  if (format === 'epoch_s' || format === 'epoch_ms') {
    if (!/^\d+(\.\d+)?$/.test(v)) return v;
    const ms = Number(v) * (format === 'epoch_s' ? 1000 : 1);
    const d = new Date(ms);
    return Number.isNaN(d.getTime()) ? v : d.toISOString();
  }
  const re = patternRegex(format);
  const m = re.regex.exec(v);
  if (!m) return v;
  const part = (t: string) => {
    const i = re.tokens.indexOf(t);
    return i < 0 ? undefined : m[i + 1];
  };
  const year = part('YYYY');
  const month = part('MM') ?? part('M');
  const day = part('DD') ?? part('D');
  let hour = Number(part('HH') ?? part('H') ?? part('hh') ?? part('h') ?? 0);
  const ampm = part('A')?.toUpperCase();
  if (ampm) {
    if (hour < 1 || hour > 12) return v;
    hour = (hour % 12) + (ampm === 'PM' ? 12 : 0);
  }
  const minute = part('mm') ?? '00';
  const second = part('ss') ?? '00';
  const ms = part('SSS');
  const pad = (s: string | number) => String(s).padStart(2, '0');
  return `${year}-${pad(month!)}-${pad(day!)}T${pad(hour)}:${pad(minute)}:${pad(second)}${ms ? `.${ms}` : ''}`;
}

const TOKEN_RE: Record<string, string> = {
  YYYY: '(\\d{4})',
  MM: '(\\d{2})',
  M: '(\\d{1,2})',
  DD: '(\\d{2})',
  D: '(\\d{1,2})',
  HH: '(\\d{2})',
  H: '(\\d{1,2})',
  hh: '(\\d{2})',
  h: '(\\d{1,2})',
  mm: '(\\d{2})',
  ss: '(\\d{2})',
  SSS: '(\\d{3})',
  A: '([AaPp][Mm])',
};

const cache = new Map<string, { regex: RegExp; tokens: string[] }>();

function patternRegex(format: string): { regex: RegExp; tokens: string[] } {
  const hit = cache.get(format);
  if (hit) return hit;
  const tokens: string[] = [];
  let src = '';
  let last = 0;
  for (const m of format.matchAll(/YYYY|SSS|MM|DD|HH|hh|mm|ss|M|D|H|h|A/g)) {
    src += escapeLiteral(format.slice(last, m.index)) + TOKEN_RE[m[0]]!;
    tokens.push(m[0]);
    last = m.index! + m[0].length;
  }
  src += escapeLiteral(format.slice(last));
  const out = { regex: new RegExp(`^${src}$`), tokens };
  cache.set(format, out);
  return out;
}

const escapeLiteral = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+');
