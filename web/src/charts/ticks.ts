/**
 * Axis ticks and the room they take, as pure functions so they can be tested without a
 * browser. Ticks are chosen in the unit the axis is labelled in (a duration axis picks
 * s / min / h / days from its largest value, and all its ticks share that unit), with as
 * few decimals as keep every label distinct: an axis never reads `1 s, 1 s, 1 s`.
 */
import { ticks as d3ticks } from 'd3';
import { durationIn, durationUnit, type DurationUnit, type Unit } from '../lib/format.ts';

export interface ValueTick {
  /** The value in the data's unit (seconds, fraction, count), for the scale. */
  value: number;
  label: string;
}

export interface AxisTicks {
  ticks: ValueTick[];
  /** The unit the labels are in, for the axis title: `s`, `min`, `h`, `days`, `%`, or ''. */
  unitLabel: string;
}

/** Units that only take whole values (no 2.5 contacts, no 0.5 agents). */
const WHOLE: ReadonlySet<Unit> = new Set<Unit>(['count', 'agents']);

const numberFmt = (decimals: number) => (v: number) => new Intl.NumberFormat('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(v);

function decimalsFor(step: number): number {
  if (!(step > 0) || !Number.isFinite(step)) return 0;
  return Math.max(0, Math.min(6, Math.ceil(-Math.log10(step) - 1e-9)));
}

function minus(s: string): string {
  if (/^-[0.,]*$/.test(s)) return s.slice(1);
  return s.replace(/^-/, '−');
}

/**
 * Ticks for a value axis over `domain` (in the data's unit) for `unit`, at most about
 * `maxTicks` of them, each label distinct. Durations (unit `seconds`) are shown in the
 * unit of the larger end of the domain.
 */
export function axisTicks(domain: readonly [number, number], unit: Unit, maxTicks = 5): AxisTicks {
  const lo = Math.min(domain[0], domain[1]);
  const hi = Math.max(domain[0], domain[1]);
  let factor = 1;
  let unitLabel = '';
  let du: DurationUnit | null = null;
  if (unit === 'seconds') {
    du = durationUnit(Math.max(Math.abs(lo), Math.abs(hi)));
    factor = durationIn(1, du);
    unitLabel = du;
  } else if (unit === 'fraction') {
    factor = 100;
    unitLabel = '%';
  } else if (unit === 'minutes') unitLabel = 'min';
  else if (unit === 'hours') unitLabel = 'h';
  else if (unit === 'dollars') unitLabel = '$';
  const dlo = lo * factor;
  const dhi = hi * factor;
  const thousands = (unit === 'count' || unit === 'agents' || unit === 'fte' || unit === 'dollars') && Math.max(Math.abs(dlo), Math.abs(dhi)) >= 10_000;

  const label = (v: number, decimals: number): string => {
    if (thousands) return `${minus(numberFmt(decimals)(v / 1000))}k`;
    const n = minus(numberFmt(decimals)(v));
    if (unit === 'fraction') return `${n}%`;
    if (du) return `${n} ${du}`;
    return n;
  };

  for (let count = Math.max(2, maxTicks); count >= 2; count--) {
    let vals = dlo === dhi ? [dlo] : d3ticks(dlo, dhi, count);
    if (WHOLE.has(unit)) vals = vals.filter((v) => Number.isInteger(v));
    if (vals.length < 2 && dlo !== dhi) continue;
    const step = vals.length >= 2 ? vals[1]! - vals[0]! : 1;
    const decimals = thousands ? decimalsFor(step / 1000) : WHOLE.has(unit) ? 0 : decimalsFor(step);
    const labels = vals.map((v) => label(v, decimals));
    if (new Set(labels).size === labels.length) return { ticks: vals.map((v, i) => ({ value: v / factor, label: labels[i]! })), unitLabel };
  }
  // A domain too narrow for two distinct labels at 6 decimals (or a single value): its ends.
  const ends = dlo === dhi ? [dlo] : WHOLE.has(unit) ? [...new Set([Math.floor(dlo), Math.ceil(dhi)])] : [dlo, dhi];
  const labels = ends.map((v) => label(v, WHOLE.has(unit) && !thousands ? 0 : 6));
  const seen = new Set<string>();
  const ticks: ValueTick[] = [];
  ends.forEach((v, i) => {
    if (seen.has(labels[i]!)) return;
    seen.add(labels[i]!);
    ticks.push({ value: v / factor, label: labels[i]! });
  });
  return { ticks, unitLabel };
}

/**
 * Estimated rendered width in pixels of a tick label at the charts' 11 px sans-serif
 * (DejaVu Sans/Liberation metrics, rounded up so the estimate errs wide): digits and most
 * letters 0.64 em, narrow punctuation and spaces 0.34 em, `%`, `m` and `w` 0.96 em.
 */
export function labelWidth(text: string, fontSize = 11): number {
  let em = 0;
  for (const ch of text) {
    if (' .,:;|!il1'.includes(ch)) em += ch === '1' ? 0.64 : 0.34;
    else if ('%mwMW—'.includes(ch)) em += 0.96;
    else em += 0.64;
  }
  return Math.ceil(em * fontSize);
}

/** Gap between the plot and a tick label, and between the labels and the axis title. */
export const TICK_GAP = 6;
const TITLE_GAP = 8;
/** Height of the 12 px axis title across the axis (ascent + descent), and the edge pad. */
const TITLE_BODY = 15;
const EDGE_PAD = 4;

/**
 * Where a vertical axis title goes and how wide the margin must be so that the title
 * never overlaps the widest tick label: `titleOffset` is the distance from the plot edge
 * to the title's centre line, `margin` the room the axis needs outside the plot.
 */
export function axisRoom(labels: readonly string[], hasTitle: boolean): { labelWidth: number; titleOffset: number; margin: number } {
  const w = Math.max(0, ...labels.map((l) => labelWidth(l)));
  const titleOffset = TICK_GAP + w + TITLE_GAP + TITLE_BODY / 2;
  const margin = hasTitle ? Math.ceil(titleOffset + TITLE_BODY / 2 + EDGE_PAD) : TICK_GAP + w + EDGE_PAD;
  return { labelWidth: w, titleOffset, margin };
}

/**
 * The baseline of a reference line's label (`target 80%`), which sits just above the line
 * unless a gridline (a tick) or the top of the plot is in the way, then just below it; when
 * both are blocked, on the side with more clearance. Text is 11 px: above it spans
 * [y − 14, y − 2], below [y + 2, y + 14].
 */
export function refLabelBaseline(lineY: number, tickYs: readonly number[], plotHeight: number): number {
  const clearance = (top: number, bottom: number) => {
    let c = Math.min(top - 0, plotHeight - bottom);
    for (const t of tickYs) {
      if (Math.abs(t - lineY) < 0.5) continue; // the reference line's own level
      c = Math.min(c, t < top ? top - t : t > bottom ? t - bottom : -1);
    }
    return c;
  };
  const above = clearance(lineY - 14, lineY - 2);
  const below = clearance(lineY + 2, lineY + 14);
  if (above >= 1) return lineY - 4;
  if (below >= 1) return lineY + 12;
  return above >= below ? lineY - 4 : lineY + 12;
}

/**
 * Label every k-th column of a band axis, k the smallest of 1, 2, 4, 8, 12, 16, 24, 48 that
 * leaves `minSpacing` pixels between labels: wide columns each get a label, narrow ones (a
 * week of quarter hours) one an hour or two.
 */
export function labelEvery(step: number, minSpacing = 44): number {
  for (const k of [1, 2, 4, 8, 12, 16, 24, 48]) if (k * step >= minSpacing) return k;
  return Math.max(1, Math.ceil(minSpacing / Math.max(step, 1e-9)));
}
