/** Red/amber/green of an SLA value against its target and amber band. Pure. */
import { directionOf, type SlaDefinition } from './definition.ts';

export type SlaStatus = 'green' | 'amber' | 'red';

/**
 * Higher-is-better (service level): green at ≥ target, amber at ≥ amber, else red.
 * Lower-is-better (abandon rate, average wait): green at ≤ target, amber at ≤ amber, else
 * red. Without an amber band a miss is red. Null without a value.
 */
export function slaStatus(def: Pick<SlaDefinition, 'metric' | 'target' | 'amber'>, value: number | null): SlaStatus | null {
  if (value === null) return null;
  if (directionOf(def.metric) === 'higher') {
    if (value >= def.target) return 'green';
    return def.amber !== null && value >= def.amber ? 'amber' : 'red';
  }
  if (value <= def.target) return 'green';
  return def.amber !== null && value <= def.amber ? 'amber' : 'red';
}

/** Value − target in the direction of good: positive when met (by how much), negative when missed. */
export function slaMargin(def: Pick<SlaDefinition, 'metric' | 'target'>, value: number | null): number | null {
  if (value === null) return null;
  return directionOf(def.metric) === 'higher' ? value - def.target : def.target - value;
}
