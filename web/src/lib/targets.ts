/**
 * Reading targets and changes the way the metric registry states them, for display only
 * (status itself always comes from the API, so the page cannot disagree with it).
 */
import type { Direction, Target } from '../api/types.ts';
import { formatValue, type Unit } from './format.ts';

/** The green band: `≥ 80.0%`, `≤ 30 s`, `6.0 min–9.0 min`; '' without a target. */
export function describeTarget(target: Target | null | undefined, unit: Unit): string {
  if (!target) return '';
  switch (target.kind) {
    case 'higher':
      return `≥ ${formatValue(target.green, unit)}`;
    case 'lower':
      return `≤ ${formatValue(target.green, unit)}`;
    case 'range':
      return `${formatValue(target.low, unit)}–${formatValue(target.high, unit)}`;
  }
}

/** The amber band in words, for the metric definitions: `amber from 70.0%`. */
export function describeAmber(target: Target | null | undefined, unit: Unit): string {
  if (!target) return '';
  switch (target.kind) {
    case 'higher':
      return `amber ≥ ${formatValue(target.amber, unit)}, red below`;
    case 'lower':
      return `amber ≤ ${formatValue(target.amber, unit)}, red above`;
    case 'range':
      return `amber ${formatValue(target.amberLow, unit)}–${formatValue(target.amberHigh, unit)}, red outside`;
  }
}

/** Whether a change is good news: up for higher-is-better, down for lower-is-better. */
export function changeTone(change: number | null, direction: Direction | null): 'good' | 'bad' | 'neutral' {
  if (change === null || change === 0 || direction === null || direction === 'range') return 'neutral';
  return (change > 0) === (direction === 'higher') ? 'good' : 'bad';
}
