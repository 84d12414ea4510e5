/**
 * Cost of one month, in dollars.
 * In-house = (people + temporaries + training + technology) × (1 + contingency), where
 *   people        = Σ tiers paid heads × loadedAnnual[tier] ÷ 12 (Tier 3 at its required FTE);
 *   temporaries   = temps × tempHourly × paidHoursPerWeek × 52/12, plus their paid onboarding
 *                   (newHireTrainingHours × tempHourly each);
 *   training      = trainee hours × trainingCostPerHour: newHireTrainingHours per starting hire
 *                   or temp, plus the monthly ongoing hours (shrinkageHours.training ÷ 12) per head;
 *   technology    = technologySetup in the first month + technologyAnnual ÷ 12.
 * Outsourced = members × outsourcedPmpm, or handled contacts × outsourcedPerContact.
 * Blended = in-house without temporaries × (1 + contingency) + the vendor's price for the share
 *   of Tier-1 work above the permanent staff (overflow share = uncovered Tier-1 FTE ÷ required
 *   Tier-1 FTE): the vendor takes the surge instead of temporaries.
 */
import { WEEKS_PER_MONTH } from './defaults.ts';
import type { Scenario } from './scenario.ts';

export interface MonthCostInput {
  index: number;
  members: number;
  handledContacts: number;
  paidHeads: { tier1: number; tier2: number; tier3: number };
  starting: number;
  temps: number;
  tempsOnboarding: number;
  /** Share of Tier-1 work the permanent staff leave uncovered, 0..1. */
  overflowShare: number;
}

export interface MonthCost {
  people: number;
  temporaries: number;
  training: number;
  technology: number;
  contingency: number;
  inHouse: number;
  outsourced: number;
  blended: number;
}

export function monthCost(s: Scenario, x: MonthCostInput): MonthCost {
  const c = s.cost;
  const hours = s.supply.newHireTrainingHours;
  const people = (x.paidHeads.tier1 * c.loadedAnnual.tier1 + x.paidHeads.tier2 * c.loadedAnnual.tier2 + x.paidHeads.tier3 * c.loadedAnnual.tier3) / 12;
  const temporaries = x.temps * s.surge.tempHourly * s.paidHoursPerWeek * WEEKS_PER_MONTH + x.tempsOnboarding * hours * s.surge.tempHourly;
  const ongoingPerHead = (s.shrinkageHours?.training ?? 0) / 12;
  const permTraining = (x.starting * hours + (x.paidHeads.tier1 + x.paidHeads.tier2 + x.paidHeads.tier3) * ongoingPerHead) * c.trainingCostPerHour;
  const tempTraining = (x.tempsOnboarding * hours + x.temps * ongoingPerHead) * c.trainingCostPerHour;
  const technology = (x.index === 0 ? c.technologySetup : 0) + c.technologyAnnual / 12;
  const base = people + temporaries + permTraining + tempTraining + technology;
  const outsourced = c.outsourcedPricing === 'pmpm' ? x.members * c.outsourcedPmpm : x.handledContacts * c.outsourcedPerContact;
  const withoutTemps = (people + permTraining + technology) * (1 + c.contingency);
  return {
    people,
    temporaries,
    training: permTraining + tempTraining,
    technology,
    contingency: base * c.contingency,
    inHouse: base * (1 + c.contingency),
    outsourced,
    blended: withoutTemps + x.overflowShare * outsourced,
  };
}
