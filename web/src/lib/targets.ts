/**
 * Reading targets and changes the way the metric registry states them, for display only
 * (status itself always comes from the API, so the page cannot disagree with it).
 */
import { formatValue, type Unit } from './format.ts';

type Direction = 'higher' | 'lower' | 'range';

function bound(v: unknown, unit: Unit): string | null {
  if (typeof v === 'number') return formatValue(v, unit);
  if (Array.isArray(v) && v.length === 2 && v.every((x) => typeof x === 'number')) return `${formatValue(v[0] as number, unit)}–${formatValue(v[1] as number, unit)}`;
  return null;
}

/** `≥ 80.0%`, `≤ 30 s`, `6.0 min–9.0 min`, or '' when there is no target. */
export function describeTarget(target: unknown, direction: Direction, unit: Unit): string {
  if (target === null || target === undefined) return '';
  const direct = bound(target, unit);
  if (direct !== null) return direction === 'range' ? direct : `${direction === 'higher' ? '≥' : '≤'} ${direct}`;
  if (typeof target === 'object') {
    const t = target as Record<string, unknown>;
    if (typeof t.min === 'number' && typeof t.max === 'number') return `${formatValue(t.min, unit)}–${formatValue(t.max, unit)}`;
    const g = bound(t.green, unit);
    if (g !== null) return direction === 'range' || Array.isArray(t.green) ? g : `${direction === 'higher' ? '≥' : '≤'} ${g}`;
    if (typeof t.value === 'number') return `${direction === 'higher' ? '≥' : '≤'} ${formatValue(t.value, unit)}`;
  }
  return '';
}

/** Whether a change is good news: up for higher-is-better, down for lower-is-better. */
export function changeTone(change: number | null, direction: Direction): 'good' | 'bad' | 'neutral' {
  if (change === null || change === 0 || direction === 'range') return 'neutral';
  return (change > 0) === (direction === 'higher') ? 'good' : 'bad';
}
