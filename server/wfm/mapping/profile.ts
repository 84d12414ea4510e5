/**
 * A mapping profile: how to read a contact export that is in no format we know (issue 9) —
 * which column is which canonical field, and the value rules: time format and zone, duration
 * unit, delimiter, boolean tokens, and value maps for the coded columns. Saved by name, given
 * to the CLI as `--mapping FILE` or `--profile NAME`, edited on the Data page. Pure: the
 * browser validates and applies the same rules for its live preview (docs/ingest.md,
 * "Mapping profiles").
 *
 * A profile only rewrites values into the canonical form; the canonical ingest then checks
 * every row with its one set of rules, so a value the profile cannot read (a time that does
 * not fit the format) is passed on as written and rejected there with the column's reason.
 */
import { CANONICAL_COLUMNS, CANONICAL_NAMES } from '../canonical.ts';
import { InputError } from '../inputError.ts';
import { isValidTimeZone } from '../timezone.ts';

export const DELIMITERS = { comma: ',', semicolon: ';', tab: '\t', pipe: '|' } as const;
export type DelimiterName = keyof typeof DELIMITERS;

/** How durations are written: seconds, milliseconds, minutes, or `H:MM:SS[.mmm]`. */
export const DURATION_UNITS = ['s', 'ms', 'min', 'hms'] as const;
export type DurationUnit = (typeof DURATION_UNITS)[number];

/** The coded columns a profile may map values for. */
export const VALUE_MAPPED = ['queue', 'channel', 'plan', 'state', 'tier', 'reason'] as const;
export type ValueMapped = (typeof VALUE_MAPPED)[number];

export interface MappingProfile {
  /** Canonical column → the header it is read from (matched trimmed, case-insensitively). */
  columns: Record<string, string>;
  /** Canonical column → a value for every row (a file with no channel column: `voice`). */
  constants?: Record<string, string>;
  delimiter?: DelimiterName;
  /**
   * `iso` (default: ISO 8601, with or without an offset), `epoch_s`, `epoch_ms`, or a
   * pattern of `YYYY MM M DD D HH H hh h mm ss SSS A` and literal separators, e.g.
   * `MM/DD/YYYY hh:mm:ss A` or `DD.MM.YYYY HH:mm`.
   */
  timeFormat?: string;
  /** IANA zone (or `Etc/GMT+7`) of times written without an offset. */
  timeZone?: string;
  durationUnit?: DurationUnit;
  /** Extra tokens read as true / false (case-insensitive), besides the canonical ones. */
  booleans?: { true?: string[]; false?: string[] };
  /** Per coded column: the file's value (case-insensitive) → the canonical value. */
  values?: Partial<Record<ValueMapped, Record<string, string>>>;
}

const PATTERN_TOKENS = /YYYY|SSS|MM|DD|HH|hh|mm|ss|M|D|H|h|A/g;
const TIME_FORMAT_WORDS = new Set(['iso', 'epoch_s', 'epoch_ms']);
const MAX_TEXT = 200;

function text(field: string, v: unknown, max = MAX_TEXT): string {
  if (typeof v !== 'string') throw new InputError(field, 'must be text');
  if (v.length > max) throw new InputError(field, `must be at most ${max} characters`);
  return v;
}

function record(field: string, v: unknown): Record<string, unknown> {
  if (v === undefined) return {};
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new InputError(field, 'must be an object');
  return v as Record<string, unknown>;
}

/** The profile checked, or an InputError naming the field (`invalid columns.offered_at: …`). */
export function parseMappingProfile(input: unknown): MappingProfile {
  const p = record('mapping', input);
  for (const k of Object.keys(p)) {
    if (!['name', 'columns', 'constants', 'delimiter', 'timeFormat', 'timeZone', 'durationUnit', 'booleans', 'values'].includes(k)) throw new InputError(k, 'unknown mapping field');
  }
  const columns: Record<string, string> = {};
  const seen = new Map<string, string>();
  for (const [canonical, header] of Object.entries(record('columns', p.columns))) {
    if (!CANONICAL_NAMES.has(canonical)) throw new InputError(`columns.${canonical}`, 'not a canonical column (see docs/ingest.md)');
    const h = text(`columns.${canonical}`, header).trim();
    if (h === '') throw new InputError(`columns.${canonical}`, 'the header must not be empty');
    const key = h.toLowerCase();
    if (seen.has(key)) throw new InputError(`columns.${canonical}`, `"${h}" is already mapped to ${seen.get(key)}`);
    seen.set(key, canonical);
    columns[canonical] = h;
  }
  const constants: Record<string, string> = {};
  for (const [canonical, value] of Object.entries(record('constants', p.constants))) {
    if (!CANONICAL_NAMES.has(canonical)) throw new InputError(`constants.${canonical}`, 'not a canonical column');
    if (columns[canonical]) throw new InputError(`constants.${canonical}`, 'the column is mapped to a header too: choose one');
    if (canonical === 'contact_id' || canonical === 'member_id') throw new InputError(`constants.${canonical}`, 'must come from the file');
    constants[canonical] = text(`constants.${canonical}`, value);
  }
  for (const c of CANONICAL_COLUMNS) {
    if (c.required && !columns[c.name] && !constants[c.name]) throw new InputError(`columns.${c.name}`, 'a required column must be mapped');
  }
  const out: MappingProfile = { columns };
  if (Object.keys(constants).length) out.constants = constants;
  if (p.delimiter !== undefined) {
    if (typeof p.delimiter !== 'string' || !(p.delimiter in DELIMITERS)) throw new InputError('delimiter', `expected one of ${Object.keys(DELIMITERS).join(', ')}`);
    out.delimiter = p.delimiter as DelimiterName;
  }
  if (p.timeFormat !== undefined) {
    const f = text('timeFormat', p.timeFormat, 40);
    if (!TIME_FORMAT_WORDS.has(f)) {
      const tokens: string[] = f.match(PATTERN_TOKENS) ?? [];
      if (!tokens.some((t) => t === 'YYYY') || !tokens.some((t) => t === 'MM' || t === 'M') || !tokens.some((t) => t === 'DD' || t === 'D')) {
        throw new InputError('timeFormat', 'expected iso, epoch_s, epoch_ms, or a pattern with YYYY, MM and DD (e.g. MM/DD/YYYY hh:mm:ss A)');
      }
      if (tokens.includes('A') !== (tokens.includes('hh') || tokens.includes('h'))) throw new InputError('timeFormat', 'a 12-hour clock (hh) needs A (AM/PM), and A needs hh');
    }
    out.timeFormat = f;
  }
  if (p.timeZone !== undefined) {
    const z = text('timeZone', p.timeZone, 64);
    if (!isValidTimeZone(z)) throw new InputError('timeZone', `${z} is not an IANA time zone`);
    out.timeZone = z;
  }
  if (p.durationUnit !== undefined) {
    if (!DURATION_UNITS.includes(p.durationUnit as DurationUnit)) throw new InputError('durationUnit', `expected one of ${DURATION_UNITS.join(', ')}`);
    out.durationUnit = p.durationUnit as DurationUnit;
  }
  if (p.booleans !== undefined) {
    const b = record('booleans', p.booleans);
    const list = (k: 'true' | 'false') => {
      const v = b[k] ?? [];
      if (!Array.isArray(v) || v.length > 20) throw new InputError(`booleans.${k}`, 'must be a list of at most 20 tokens');
      return v.map((t, i) => text(`booleans.${k}[${i}]`, t, 40).trim().toLowerCase()).filter((t) => t !== '');
    };
    const t = list('true');
    const f = list('false');
    const both = t.find((x) => f.includes(x));
    if (both !== undefined) throw new InputError('booleans', `"${both}" cannot be both true and false`);
    out.booleans = { true: t, false: f };
  }
  if (p.values !== undefined) {
    const values: MappingProfile['values'] = {};
    for (const [col, map] of Object.entries(record('values', p.values))) {
      if (!VALUE_MAPPED.includes(col as ValueMapped)) throw new InputError(`values.${col}`, `values can be mapped for ${VALUE_MAPPED.join(', ')}`);
      const m: Record<string, string> = {};
      const entries = Object.entries(record(`values.${col}`, map));
      if (entries.length > 1000) throw new InputError(`values.${col}`, 'at most 1,000 values');
      for (const [from, to] of entries) m[from.trim().toLowerCase()] = text(`values.${col}.${from}`, to).trim();
      values[col as ValueMapped] = m;
    }
    out.values = values;
  }
  return out;
}

/** True when the profile only renames headers (the canonical reader applies it as is; its zone is the ingest's `timezone`). */
export function onlyRenamesColumns(p: MappingProfile): boolean {
  return !p.constants && !p.delimiter && (!p.timeFormat || p.timeFormat === 'iso') && !p.durationUnit && !p.booleans && !p.values;
}
