/**
 * Number formatting with units, one place for the whole dashboard so a figure reads the
 * same on a tile, in a table, in a tooltip and in a CSV export. `null` (no data, e.g. a
 * ratio with a zero denominator) is shown as an em dash, never as 0.
 */

/** Units the metric registry uses, plus the staffing ones. */
export type Unit = 'count' | 'fraction' | 'seconds' | 'score' | 'nps' | 'agents' | 'fte' | 'erlangs' | 'minutes' | 'hours' | 'dollars';

export const NO_DATA = '—';

const intFmt = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const oneFmt = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const twoFmt = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/**
 * Replaces the ASCII hyphen of negative numbers by a true minus sign, and drops it when
 * the number rounds to zero (Intl prints −0.3 at no decimals as "-0").
 */
function minus(s: string): string {
  if (/^-[0.,]*$/.test(s)) return s.slice(1);
  return s.replace(/^-/, '−');
}

/** The units a duration is shown in, smallest first. */
export type DurationUnit = 's' | 'min' | 'h' | 'days';

const DURATION_SECONDS: Record<DurationUnit, number> = { s: 1, min: 60, h: 3600, days: 86_400 };

/**
 * The unit a duration of `seconds` reads best in: under 2 minutes in seconds, under 2 hours
 * in minutes, under 2 days in hours, otherwise in days (`45 s`, `6.5 min`, `11.6 h`,
 * `2.3 days`). Give the largest magnitude of a set (an axis, a table column) to show the
 * whole set in one unit.
 */
export function durationUnit(seconds: number): DurationUnit {
  const a = Math.abs(seconds);
  // A value moves up a unit where its rounded figure would reach 120 of the smaller one:
  // 119.5 s prints as 120 s, so it is 2.0 min; 119.95 min (7,197 s) is 2.0 h; 47.95 h is 2.0 days.
  if (!(a >= 119.5)) return 's';
  if (a < 7_197) return 'min';
  if (a < 172_620) return 'h';
  return 'days';
}

/** The one unit for a set of durations: the unit of the largest magnitude among them. */
export function durationUnitOf(values: Iterable<number | null | undefined>): DurationUnit {
  let max = 0;
  for (const v of values) if (v !== null && v !== undefined && Number.isFinite(v)) max = Math.max(max, Math.abs(v));
  return durationUnit(max);
}

/** Seconds expressed in `unit` (`durationIn(90, 'min')` = 1.5). */
export function durationIn(seconds: number, unit: DurationUnit): number {
  return seconds / DURATION_SECONDS[unit];
}

/**
 * The one duration formatter of the dashboard (waits, handle times, ASA, on tiles, tables,
 * tooltips and axes): seconds as whole numbers, larger units with one decimal, in `unit`
 * when given (so a column or an axis keeps one unit), otherwise in the unit its magnitude
 * calls for (durationUnit).
 */
export function formatDuration(seconds: number, unit: DurationUnit = durationUnit(seconds)): string {
  if (unit === 's') return `${minus(intFmt.format(Math.round(seconds)))} s`;
  return `${minus(oneFmt.format(durationIn(seconds, unit)))} ${unit}`;
}

/** Seconds as people read a wait or a handle time; see formatDuration. */
export function formatSeconds(s: number): string {
  return formatDuration(s);
}

/** A fraction 0..1 as a percentage with one decimal: `0.8123` -> `81.2%`. */
export function formatPercent(f: number, digits = 1): string {
  const fmt = digits === 0 ? intFmt : digits === 1 ? oneFmt : twoFmt;
  return `${minus(fmt.format(f * 100))}%`;
}

/**
 * A value with its unit; `null`/`undefined`/NaN is `—`. A duration (`seconds`) is shown in
 * `durationUnit` when given, so a table column or a tooltip series keeps one unit
 * (durationUnitOf picks it from the column's values).
 */
export function formatValue(value: number | null | undefined, unit: Unit, inUnit?: DurationUnit): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return NO_DATA;
  switch (unit) {
    case 'count':
      return minus(intFmt.format(value));
    case 'fraction':
      return formatPercent(value);
    case 'seconds':
      return formatDuration(value, inUnit);
    case 'minutes':
      return formatDuration(value * 60, 'min');
    case 'hours':
      return formatDuration(value * 3600, 'h');
    case 'score':
      return minus(twoFmt.format(value));
    case 'nps':
      return value > 0 ? `+${intFmt.format(Math.round(value))}` : minus(intFmt.format(Math.round(value)));
    case 'agents':
      return `${minus(intFmt.format(value))} agents`;
    case 'fte':
      return `${minus(oneFmt.format(value))} FTE`;
    case 'erlangs':
      return `${minus(oneFmt.format(value))} Erl`;
    case 'dollars':
      return minus(`$${intFmt.format(Math.round(value))}`);
  }
}

/**
 * A change between two periods in the unit people compare it in: percentage points for
 * rates (`+1.2 pts`), seconds for times, plain difference for scores, and for counts the
 * relative change (`+4.5%`), which needs the previous value.
 */
export function formatChange(change: number | null | undefined, unit: Unit, previous?: number | null): string {
  if (change === null || change === undefined || !Number.isFinite(change)) return NO_DATA;
  const sign = change > 0 ? '+' : change < 0 ? '−' : '±';
  const abs = Math.abs(change);
  switch (unit) {
    case 'fraction':
      return `${sign}${oneFmt.format(abs * 100)} pts`;
    case 'seconds':
      return `${sign}${formatDuration(abs)}`;
    case 'score':
      return `${sign}${twoFmt.format(abs)}`;
    case 'nps':
      return `${sign}${intFmt.format(Math.round(abs))}`;
    case 'count': {
      if (previous === null || previous === undefined || previous === 0) return `${sign}${intFmt.format(abs)}`;
      return `${sign}${oneFmt.format((abs / Math.abs(previous)) * 100)}%`;
    }
    default:
      return `${sign}${oneFmt.format(abs)}`;
  }
}

/** A compact axis tick for a unit (`80%`, `30 s`, `1.2k`). */
export function formatTick(value: number, unit: Unit): string {
  switch (unit) {
    case 'fraction':
      return `${intFmt.format(value * 100)}%`;
    case 'seconds':
      return `${intFmt.format(value)} s`;
    case 'dollars':
      return Math.abs(value) >= 1_000_000 ? `$${oneFmt.format(value / 1_000_000)}M` : Math.abs(value) >= 10_000 ? `$${intFmt.format(value / 1000)}k` : minus(`$${intFmt.format(value)}`);
    case 'count':
    case 'agents':
    case 'fte':
      return Math.abs(value) >= 10_000 ? `${intFmt.format(value / 1000)}k` : minus(intFmt.format(value));
    default:
      return minus(String(Math.round(value * 100) / 100));
  }
}

/** The plain unit word for axis titles: `%`, `s`, `agents`. */
export function unitSuffix(unit: Unit): string {
  switch (unit) {
    case 'fraction':
      return '%';
    case 'seconds':
      return 's';
    case 'count':
      return 'contacts';
    case 'agents':
      return 'agents';
    case 'fte':
      return 'FTE';
    case 'erlangs':
      return 'Erlangs';
    case 'minutes':
      return 'min';
    case 'hours':
      return 'h';
    case 'nps':
      return 'NPS';
    case 'score':
      return 'score';
    case 'dollars':
      return '$';
  }
}

/**
 * A staffing gap (scheduled − required) in words: `3 over`, `2 short`, `0` when even;
 * `unit` `hours` for agent-hours (`0.5 h over`).
 */
export function formatGap(gap: number | null | undefined, unit: 'count' | 'hours' = 'count'): string {
  if (gap === null || gap === undefined || !Number.isFinite(gap)) return NO_DATA;
  const abs = unit === 'hours' ? formatValue(Math.abs(gap), 'hours') : intFmt.format(Math.abs(gap));
  if (abs === '0' || abs === '0.0 h') return unit === 'hours' ? '0.0 h (even)' : '0 (even)';
  return `${abs} ${gap > 0 ? 'over' : 'short'}`;
}

/**
 * AHT is shown in minutes everywhere (tiles, tables, tooltips, sliders, axes), so a 95 s
 * chat and a 7-minute call compare at a glance: `1.6 min`, `7.0 min`.
 */
export const AHT_UNIT: DurationUnit = 'min';

/** An AHT in seconds, shown in minutes (AHT_UNIT). */
export function formatAht(seconds: number | null | undefined): string {
  return formatValue(seconds, 'seconds', AHT_UNIT);
}

/**
 * An instant (ISO 8601 with `Z` or an offset) as the site's local wall clock, with the zone's
 * abbreviation: `2026-12-03 01:37:12 PST`. The page names the zone itself (`America/Los_Angeles`)
 * in the column header.
 */
export function formatInstant(iso: string | null | undefined, timeZone: string): string {
  if (!iso) return NO_DATA;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return NO_DATA;
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', timeZoneName: 'short' })
      .formatToParts(d)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second} ${parts.timeZoneName}`;
}
