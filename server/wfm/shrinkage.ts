/**
 * Shrinkage: the share of paid time in which an agent is not available for contacts
 * (breaks, lunch, training, meetings, PTO, absenteeism, coaching, …), and the conversion
 * from agents needed on the phones to staff to schedule:
 *   FTE = agents / (1 − shrinkage).
 * Whole heads are that figure rounded up *exactly*: floating point turns 14 / (1 − 0.3) into
 * 20.000000000000004, which a plain Math.ceil would make 21. A fractional part smaller than
 * one part in 10⁹ of the value is treated as that rounding noise (no real staffing question
 * has a billionth of a head in it).
 */
import { InputError } from './inputError.ts';

/** Components of shrinkage, each a fraction of paid time. */
export interface ShrinkageBreakdown {
  breaks?: number;
  lunch?: number;
  training?: number;
  meetings?: number;
  pto?: number;
  absenteeism?: number;
  coaching?: number;
  other?: number;
}

export const SHRINKAGE_COMPONENTS = ['breaks', 'lunch', 'training', 'meetings', 'pto', 'absenteeism', 'coaching', 'other'] as const satisfies readonly (keyof ShrinkageBreakdown)[];

/**
 * Total shrinkage from a single fraction or a breakdown. `additive` (the usual WFM
 * convention: each component is a share of paid time, so they add) or `multiplicative`
 * (each component applies to the time the previous ones leave: 1 − Π(1 − sᵢ)). The total
 * must stay below 1.
 */
export function totalShrinkage(shrinkage: number | ShrinkageBreakdown, combine: 'additive' | 'multiplicative' = 'additive'): number {
  if (typeof shrinkage === 'number') {
    checkFraction('shrinkage', shrinkage);
    return shrinkage;
  }
  let sum = 0;
  let keep = 1;
  for (const key of SHRINKAGE_COMPONENTS) {
    const v = shrinkage[key];
    if (v === undefined) continue;
    checkFraction(`shrinkage.${key}`, v);
    sum += v;
    keep *= 1 - v;
  }
  const total = combine === 'additive' ? sum : 1 - keep;
  if (!(total < 1)) throw new InputError('shrinkage', 'components add up to 100% or more');
  return total;
}

/** FTE (fractional heads on the schedule) for `agents` needed on the phones. */
export function fteFor(agents: number, shrinkage: number): number {
  checkFraction('shrinkage', shrinkage);
  return agents / (1 - shrinkage);
}

/** `x` rounded up, except that a float error just above an integer does not add one. */
export function ceilExact(x: number): number {
  const nearest = Math.round(x);
  if (Math.abs(x - nearest) <= 1e-9 * Math.max(1, Math.abs(x))) return nearest;
  return Math.ceil(x);
}

/**
 * `x ≤ limit`, except that floating-point noise above the limit does not count as above it:
 * 153 calls × 360 s in 15 minutes is 61.2 Erlangs, exactly 85% of 72 agents, but 61.2 / 72
 * is 0.8500000000000001 in floating point. A relative excess below 10⁻¹² is that noise (a
 * few ulps; the smallest real excess with whole calls, whole-second AHT and a cap in whole
 * percent is 1/(100·N·interval seconds), 2.8·10⁻¹⁰ at 10,000 agents in an hour).
 */
export function atMostExact(x: number, limit: number): boolean {
  return x <= limit || x - limit <= 1e-12 * Math.abs(limit);
}

/** Whole heads to schedule for `agents` on the phones: ceil(agents / (1 − shrinkage)), exactly. */
export function scheduledHeads(agents: number, shrinkage: number): number {
  return ceilExact(fteFor(agents, shrinkage));
}

/**
 * Paid FTE for a span of agent-hours: agentHours / (1 − shrinkage) / paidHoursPerFte.
 * Example: 1,400 agent-hours in a week at 30% shrinkage and 40 paid hours per FTE
 * = 1400 / 0.7 / 40 = 50 FTE.
 */
export function fteFromAgentHours(agentHours: number, shrinkage: number, paidHoursPerFte: number): number {
  if (!(paidHoursPerFte > 0 && Number.isFinite(paidHoursPerFte))) {
    throw new InputError('paidHoursPerFte', 'must be a positive number of hours');
  }
  return fteFor(agentHours, shrinkage) / paidHoursPerFte;
}

function checkFraction(field: string, v: number): void {
  if (!(Number.isFinite(v) && v >= 0 && v < 1)) throw new InputError(field, 'must be a fraction in [0, 1)');
}
