/**
 * Demand: members per month, and the contacts they make by channel.
 *   contacts[channel, m] = members[m] × rate[channel] × season[calendar month of m] × (1 − deflection)
 * with the seasonal index normalised to a mean of 1 (so twelve months keep the annual total
 * members × rate × 12), and the AHT of the contacts left after deflection raised by
 * `deflection.ahtRise` (the easy ones go to self-service). Contacts are expected values, not
 * whole numbers.
 */
import { CHANNELS, type Channel } from './defaults.ts';
import type { Scenario } from './scenario.ts';

/** `YYYY-MM` plus `k` months. */
export function addMonths(month: string, k: number): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7)) - 1 + k;
  const year = y + Math.floor(m / 12);
  const mm = ((m % 12) + 12) % 12;
  return `${String(year).padStart(4, '0')}-${String(mm + 1).padStart(2, '0')}`;
}

/** The month after the instant `now`, YYYY-MM, in UTC (callers pass their clock). */
export function monthAfter(now: Date): string {
  return addMonths(`${String(now.getUTCFullYear()).padStart(4, '0')}-${String(now.getUTCMonth() + 1).padStart(2, '0')}`, 1);
}

/** Calendar month 1–12 of `YYYY-MM`. */
export function calendarMonth(month: string): number {
  return Number(month.slice(5, 7));
}

export interface MonthDemand {
  month: string;
  members: number;
  /** Members of each plan this month, by plan id. */
  membersByPlan: Record<string, number>;
  contacts: Record<Channel, number>;
  /** Tier-1 AHT after deflection, seconds. */
  aht: Record<Channel, number>;
  surge: boolean;
}

export function monthlyDemand(s: Scenario): MonthDemand[] {
  const out: MonthDemand[] = [];
  const keep = 1 - s.deflection.share;
  for (let k = 0; k < s.months; k++) {
    const month = addMonths(s.startMonth, k);
    const cal = calendarMonth(month);
    const membersByPlan: Record<string, number> = {};
    let members = 0;
    for (const p of s.plans) {
      membersByPlan[p.id] = p.members[k]!;
      members += p.members[k]!;
    }
    const season = s.seasonality[cal - 1]!;
    const contacts = {} as Record<Channel, number>;
    const aht = {} as Record<Channel, number>;
    for (const c of CHANNELS) {
      contacts[c] = members * s.contactRates[c] * season * keep;
      aht[c] = s.aht[c] * (1 + s.deflection.ahtRise);
    }
    out.push({ month, members, membersByPlan, contacts, aht, surge: s.surge.months.includes(cal) });
  }
  return out;
}
