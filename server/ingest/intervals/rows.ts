/**
 * Header and rows of an interval report → interval aggregates, pure. Every value is parsed
 * explicitly; a row that breaks a rule is rejected with `invalid <field>: <problem>` (the
 * first rule it breaks); averages and percentages are turned back into sums and counts
 * where the report allows (values.ts), else the measure is NULL — unknown, never 0.
 */
import type { StagedInterval } from '../../db/queries/intervalAggregates.ts';
import { CHANNELS, LIMITS, SENTINEL_DATES } from '../../wfm/canonical.ts';
import { type LocalParts, localToUtc } from '../../wfm/timezone.ts';
import { HEADER_NAMES, type IntervalField, type IntervalFormat, namesOf, normalizeHeader, REQUIRED } from './fields.ts';
import { countFromPercent, parseCount, parsePercent, parseReportDate, parseSeconds, parseTimeOfDay, sumFromAverage } from './values.ts';

/** Interval lengths a report may use, minutes. */
export const INTERVAL_MINUTES = [5, 10, 15, 30, 60] as const;

/** Row flags: the row is kept; the flag says which of its sums is approximate. */
export const INTERVAL_FLAGS = {
  /** A wait or handle sum rebuilt as average × count from a rounded average. */
  sumFromAverage: 'sum_from_average',
} as const;

export interface HeaderPlan {
  /** Field → column index in the file. */
  index: Partial<Record<IntervalField, number>>;
  unknownColumns: string[];
}

/** Maps a header to fields; throws a message naming a missing column (or null when none is). */
export function planHeader(format: IntervalFormat, header: readonly string[]): HeaderPlan | { missing: string[] } {
  const byName = new Map<string, number>();
  header.forEach((h, i) => {
    const n = normalizeHeader(h);
    if (!byName.has(n)) byName.set(n, i);
  });
  const index: Partial<Record<IntervalField, number>> = {};
  const used = new Set<number>();
  for (const [field, names] of Object.entries(HEADER_NAMES[format]) as [IntervalField, readonly string[]][]) {
    for (const n of names) {
      const i = byName.get(n);
      if (i !== undefined && !used.has(i)) {
        index[field] = i;
        used.add(i);
        break;
      }
    }
  }
  const missing = REQUIRED[format].filter((alts) => alts.every((f) => index[f] === undefined)).map((alts) => namesOf(format, alts[0]!));
  if (missing.length) return { missing };
  return { index, unknownColumns: header.filter((_, i) => !used.has(i)) };
}

/** One parsed report row: the stored interval before its site-local buckets are worked out. */
export type IntervalAggregate = Omit<StagedInterval, 'localDate' | 'interval15Ms' | 'interval30Ms'>;

export type ParsedRow = { ok: true; value: IntervalAggregate } | { ok: false; row: number; reason: string; needsZone: boolean; raw: Record<string, string> };

export interface RowContext {
  format: IntervalFormat;
  plan: HeaderPlan;
  /** Declared zone of local times (CMS times are switch-local), or null. */
  timezone: string | null;
  /** epoch ms after which an interval is in the future (now + a day). */
  latestMs: number;
}

class RowError extends Error {
  constructor(
    message: string,
    readonly needsZone = false,
  ) {
    super(message);
  }
}
const bad = (field: string, problem: string): never => {
  throw new RowError(`invalid ${field}: ${problem}`);
};

const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?([Zz]|[+-]\d{2}(?::?\d{2})?)?$/;
/** A C0 control character or DEL (checked by code point: Biome refuses them in a regex). */
const hasControl = (s: string) => [...s].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f);

/** One data row (1-based `row`) → an aggregate or a reject. */
export function parseIntervalRow(fields: readonly string[], row: number, ctx: RowContext): ParsedRow {
  const raw: Record<string, string> = {};
  for (const [f, i] of Object.entries(ctx.plan.index)) raw[f] = fields[i!] ?? '';
  try {
    return { ok: true, value: parse(raw as Partial<Record<IntervalField, string>>, row, ctx) };
  } catch (e) {
    if (!(e instanceof RowError)) throw e;
    return { ok: false, row, reason: e.message, needsZone: e.needsZone, raw };
  }
}

function parse(v: Partial<Record<IntervalField, string>>, row: number, ctx: RowContext): IntervalAggregate {
  const flags: string[] = [];
  const queue = (v.queue ?? '').trim();
  if (queue === '') bad('queue', 'empty');
  if (hasControl(queue)) bad('queue', 'control character');
  if (queue.length > LIMITS.maxTextLength) bad('queue', `longer than ${LIMITS.maxTextLength} characters`);
  const channel = (v.channel ?? '').trim().toLowerCase() || 'voice';
  if (!(CHANNELS as readonly string[]).includes(channel)) bad('channel', `not one of ${CHANNELS.join(', ')}`);

  const { startMs, minutesFromRange, wallMinutes } = ctx.format === 'avaya-cms' ? cmsStart(v, ctx) : isoStart(v.interval_start ?? '', ctx);
  const lenText = (v.interval_minutes ?? '').trim();
  const minutes = lenText === '' ? minutesFromRange : Number(lenText);
  if (minutes === null) bad('interval_minutes', 'empty (and the start time gives no end)');
  if (!(INTERVAL_MINUTES as readonly number[]).includes(minutes!)) bad('interval_minutes', `not one of ${INTERVAL_MINUTES.join(', ')}`);
  if (minutesFromRange !== null && minutesFromRange !== minutes) bad('interval_minutes', 'disagrees with the end of the start time range');
  if (wallMinutes % minutes! !== 0) bad(ctx.format === 'avaya-cms' ? 'start_time' : 'interval_start', `not on a ${minutes}-minute boundary`);
  if (startMs > ctx.latestMs) bad('interval_start', 'in the future');

  const count = (f: IntervalField, label = f): number | null => {
    const c = parseCount(v[f] ?? '');
    if (c === null) bad(label, 'not a whole number ≥ 0');
    return c ?? null;
  };
  const secs = (f: IntervalField) => {
    const s = parseSeconds(v[f] ?? '');
    if (s === null) bad(f, 'not a number of seconds ≥ 0 (or H:MM:SS)');
    return s ?? null;
  };
  const offered = count('offered');
  if (offered === null) bad('offered', 'empty');
  const answered = count('answered');
  if (answered === null) bad('answered', 'empty');
  const abandoned = count('abandoned');
  if (abandoned === null) bad('abandoned', 'empty');
  if (answered! + abandoned! > offered!) bad('offered', 'fewer than answered + abandoned');

  // Service level: the count answered within the report's threshold, from ACCEPTABLE, or
  // from the percentage of offered when only one count fits it.
  let answeredWithin = count('answered_within');
  if (answeredWithin !== null && answered !== null && answeredWithin > answered) bad('answered_within', 'more than answered');
  if (answeredWithin === null && v.sl_percent !== undefined) {
    const p = parsePercent(v.sl_percent);
    if (p === null) bad('sl_percent', 'not a percentage 0–100');
    if (p) answeredWithin = countFromPercent(p.value, p.decimals, offered!);
  }
  const threshold = secs('sl_threshold_s');

  // Sums: given as totals (exact), or rebuilt from averages over their count (flagged).
  const sumOf = (total: IntervalField, avg: IntervalField | null, n: number | null): number | null => {
    const t = secs(total);
    if (t) return t.value;
    if (avg === null) return null;
    const a = secs(avg);
    if (!a || n === null) return null;
    flags.push(INTERVAL_FLAGS.sumFromAverage);
    return sumFromAverage(a, n).value;
  };
  const answeredWaitSum = sumOf('answered_wait_sum_s', 'asa_s', answered);
  const abandonedWaitSum = sumOf('abandoned_wait_sum_s', 'avg_abandon_s', abandoned);
  const talkSum = sumOf('talk_sum_s', 'avg_talk_s', answered);
  const acwSum = sumOf('acw_sum_s', 'avg_acw_s', answered);
  const holdSum = sumOf('hold_sum_s', null, answered);
  const handleGiven = sumOf('handle_sum_s', null, answered);
  // Handle time: generic reports — the handle sum, else talk + hold + acw (an empty part is
  // 0, as for contacts); CMS — ACD time + ACW time (ACD time includes hold, so HOLDTIME is
  // not added again), unknown without both.
  const handleSum =
    ctx.format === 'avaya-cms' ? (talkSum !== null && acwSum !== null ? talkSum + acwSum : null) : (handleGiven ?? (talkSum !== null ? talkSum + (holdSum ?? 0) + (acwSum ?? 0) : null));

  return {
    row,
    queue,
    channel,
    startMs,
    minutes: minutes!,
    offered: offered!,
    answered: answered!,
    abandoned: abandoned!,
    answeredWithin,
    slThreshold: threshold?.value ?? null,
    answeredWaitSum,
    abandonedWaitSum,
    talkSum,
    holdSum,
    acwSum,
    handleSum,
    flags: [...new Set(flags)],
  };
}

const isSentinel = (p: Pick<LocalParts, 'year' | 'month' | 'day'>) =>
  (SENTINEL_DATES as readonly string[]).includes(`${String(p.year).padStart(4, '0')}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`);

/** Resolves a wall-clock time in the declared zone: gap and fall-back hour reject the row. */
function resolveLocal(p: LocalParts, field: string, ctx: RowContext): number {
  if (ctx.timezone === null) throw new RowError(`invalid ${field}: no UTC offset and no declared time zone`, true);
  const r = localToUtc(p, ctx.timezone);
  if (r.status === 'gap') bad(field, 'nonexistent local time (daylight-saving gap)');
  if (r.status === 'ambiguous') bad(field, 'ambiguous local time (daylight-saving fall-back): the report does not say which of the two intervals');
  return (r as { utcMs: number }).utcMs;
}

interface Start {
  startMs: number;
  minutesFromRange: number | null;
  /** Wall-clock minutes since midnight (the boundary check). */
  wallMinutes: number;
}

function cmsStart(v: Partial<Record<IntervalField, string>>, ctx: RowContext): Start {
  const d = parseReportDate(v.date ?? '');
  if (d === undefined) bad('date', 'empty');
  if (d === null) bad('date', 'not a date YYYY-MM-DD or YYYYMMDD');
  if (isSentinel(d!)) bad('date', `a sentinel date (${SENTINEL_DATES.join(', ')}), not a recorded day`);
  const t = parseTimeOfDay(v.start_time ?? '');
  if (t === undefined) bad('start_time', 'empty');
  if (t === null) bad('start_time', 'not a time of day (HHMM, HH:MM, h:MM AM/PM, optionally with -end)');
  const length = t!.endMinutes === null ? null : t!.endMinutes - t!.minutes;
  const startMs = resolveLocal({ ...d!, hour: Math.floor(t!.minutes / 60), minute: t!.minutes % 60, second: 0 }, 'start_time', ctx);
  return { startMs, minutesFromRange: length, wallMinutes: t!.minutes };
}

function isoStart(s: string, ctx: RowContext): Start {
  const t = s.trim();
  if (t === '') bad('interval_start', 'empty');
  const m = ISO.exec(t);
  if (!m) bad('interval_start', 'not an ISO 8601 timestamp (YYYY-MM-DDTHH:MM[:SS][±HH:MM|Z])');
  const [, y, mo, d, h, mi, se, off] = m!;
  const p: LocalParts = { year: +y!, month: +mo!, day: +d!, hour: +h!, minute: +mi!, second: se ? +se : 0 };
  const check = new Date(Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second));
  if (check.getUTCMonth() !== p.month - 1 || check.getUTCDate() !== p.day || p.hour > 23) bad('interval_start', 'not a valid date and time');
  const wallMinutes = p.second === 0 ? p.hour * 60 + p.minute : 0.5;
  if (isSentinel(p)) bad('interval_start', `a sentinel date (${SENTINEL_DATES.join(', ')} or 1970-01-01T00:00:00Z), not a recorded time`);
  if (off === undefined) {
    if (p.year === 1970 && p.month === 1 && p.day === 1 && p.hour === 0 && p.minute === 0 && p.second === 0)
      bad('interval_start', `a sentinel date (${SENTINEL_DATES.join(', ')} or 1970-01-01T00:00:00Z), not a recorded time`);
    return { startMs: resolveLocal(p, 'interval_start', ctx), minutesFromRange: null, wallMinutes };
  }
  let offMin = 0;
  if (off !== 'Z' && off !== 'z') {
    const digits = off.slice(1).replace(':', '');
    offMin = (off[0] === '-' ? -1 : 1) * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0'));
  }
  const startMs = check.getTime() - offMin * 60_000;
  if (startMs === 0) bad('interval_start', `a sentinel date (${SENTINEL_DATES.join(', ')} or 1970-01-01T00:00:00Z), not a recorded time`);
  return { startMs, minutesFromRange: null, wallMinutes };
}
