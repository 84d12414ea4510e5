/**
 * Number formatting with units, one place for the whole dashboard so a figure reads the
 * same on a tile, in a table, in a tooltip and in a CSV export. `null` (no data, e.g. a
 * ratio with a zero denominator) is shown as an em dash, never as 0.
 */

/** Units the metric registry uses, plus the staffing ones. */
export type Unit = 'count' | 'fraction' | 'seconds' | 'score' | 'nps' | 'agents' | 'fte' | 'erlangs' | 'minutes' | 'hours';

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

/**
 * Seconds as people read a wait or a handle time: under two minutes in seconds (`27 s`),
 * otherwise in minutes with one decimal (`7.4 min`).
 */
export function formatSeconds(s: number): string {
  if (Math.abs(s) < 120) return `${minus(intFmt.format(Math.round(s)))} s`;
  return `${minus(oneFmt.format(s / 60))} min`;
}

/** A fraction 0..1 as a percentage with one decimal: `0.8123` -> `81.2%`. */
export function formatPercent(f: number, digits = 1): string {
  const fmt = digits === 0 ? intFmt : digits === 1 ? oneFmt : twoFmt;
  return `${minus(fmt.format(f * 100))}%`;
}

/** A value with its unit; `null`/`undefined`/NaN is `—`. */
export function formatValue(value: number | null | undefined, unit: Unit): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return NO_DATA;
  switch (unit) {
    case 'count':
      return minus(intFmt.format(value));
    case 'fraction':
      return formatPercent(value);
    case 'seconds':
      return formatSeconds(value);
    case 'minutes':
      return `${minus(oneFmt.format(value))} min`;
    case 'hours':
      return `${minus(oneFmt.format(value))} h`;
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
      return abs < 120 ? `${sign}${intFmt.format(Math.round(abs))} s` : `${sign}${oneFmt.format(abs / 60)} min`;
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
  }
}
