/**
 * Reading targets and changes the way the metric registry states them, for display only
 * (status itself always comes from the API, so the page cannot disagree with it).
 */
import type { Direction, Target } from '../api/types.ts';
import { formatValue, type Unit } from './format.ts';
import { displayUnit, formatMetric } from './names.ts';

/**
 * The green band: `≥ 80.0%`, `≤ 30 s`, `6.0–9.0 min`; '' without a target. With the
 * metric's name, in its display unit (AHT in minutes, names.ts).
 */
export function describeTarget(target: Target | null | undefined, unit: Unit, metric?: string): string {
  if (!target) return '';
  const f = (v: number) => (metric ? formatMetric(metric, v, unit) : formatValue(v, unit));
  switch (target.kind) {
    case 'higher':
      return `≥ ${f(target.green)}`;
    case 'lower':
      return `≤ ${f(target.green)}`;
    case 'range':
      return joinRange(f(target.low), f(target.high));
  }
}

/** `6.0 min` and `9.0 min` → `6.0–9.0 min`: one unit for both ends when they share it. */
function joinRange(low: string, high: string): string {
  const unitOf = (s: string) => /\s(\S+)$/.exec(s)?.[1];
  return unitOf(low) && unitOf(low) === unitOf(high) ? `${low.replace(/\s\S+$/, '')}–${high}` : `${low}–${high}`;
}

/** The amber band in words, for the metric definitions: `amber ≥ 70.0%, red below`. */
export function describeAmber(target: Target | null | undefined, unit: Unit, metric?: string): string {
  if (!target) return '';
  const f = (v: number) => (metric ? formatMetric(metric, v, unit) : formatValue(v, unit));
  switch (target.kind) {
    case 'higher':
      return `amber ≥ ${f(target.amber)}, red below`;
    case 'lower':
      return `amber ≤ ${f(target.amber)}, red above`;
    case 'range':
      return `amber ${joinRange(f(target.amberLow), f(target.amberHigh))}, red outside`;
  }
}

export interface ChangeText {
  /** `+1.2 pts`, `−0.4 min`, `+4.5%`, or `no change` when it rounds to zero; `—` without a change. */
  text: string;
  /** ▲ or ▼, '' for no change or none. */
  arrow: string;
  /** The change as shown, rounded: its sign decides the arrow and the tone. */
  shown: number | null;
}

const one = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const two = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const int = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/**
 * A change between two periods in the unit the metric is shown in (names.ts), rounded to
 * what is printed, so a change too small to print reads `no change` with no arrow, never
 * `▼ −0 s`. Rates in percentage points, AHT in minutes, waits in seconds, scores and NPS
 * as differences, counts as the relative change (which needs the previous value).
 */
export function describeChange(metric: string, change: number | null | undefined, unit: Unit, previous?: number | null): ChangeText {
  if (change === null || change === undefined || !Number.isFinite(change)) return { text: '—', arrow: '', shown: null };
  const d = displayUnit(metric, unit);
  let shown: number;
  let text: (abs: number) => string;
  switch (d.unit) {
    case 'fraction':
      shown = Math.round(change * 1000) / 10;
      text = (a) => `${one.format(a)} pts`;
      break;
    case 'minutes':
      shown = Math.round(change * d.factor * 10) / 10;
      text = (a) => `${one.format(a)} min`;
      break;
    case 'seconds':
      // Waits: in the unit the value is printed in (format.ts: minutes from two minutes
      // up), so `64.3 min` changes by `−0.4 min`, not `−26 s`.
      if (Math.max(Math.abs(change), previous === null || previous === undefined ? 0 : Math.max(Math.abs(previous), Math.abs(previous + change))) >= 120) {
        shown = Math.round(change / 6) / 10;
        text = (a) => `${one.format(a)} min`;
      } else {
        shown = Math.round(change);
        text = (a) => `${int.format(a)} s`;
      }
      break;
    case 'score':
      shown = Math.round(change * 100) / 100;
      text = (a) => two.format(a);
      break;
    case 'nps':
      shown = Math.round(change);
      text = (a) => int.format(a);
      break;
    case 'count':
      if (previous !== null && previous !== undefined && previous !== 0) {
        shown = Math.round((change / Math.abs(previous)) * 1000) / 10;
        text = (a) => `${one.format(a)}%`;
      } else {
        shown = Math.round(change);
        text = (a) => int.format(a);
      }
      break;
    default:
      shown = Math.round(change * 10) / 10;
      text = (a) => one.format(a);
  }
  if (shown === 0) return { text: 'no change', arrow: '', shown: 0 };
  return { text: `${shown > 0 ? '+' : '−'}${text(Math.abs(shown))}`, arrow: shown > 0 ? '▲' : '▼', shown };
}

/** Whether a change is good news: up for higher-is-better, down for lower-is-better. */
export function changeTone(change: number | null, direction: Direction | null): 'good' | 'bad' | 'neutral' {
  if (change === null || change === 0 || direction === null || direction === 'range') return 'neutral';
  return change > 0 === (direction === 'higher') ? 'good' : 'bad';
}
