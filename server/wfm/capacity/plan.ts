/**
 * `planCapacity(scenario)`: members → contacts → required FTE by tier → headcount, hires and
 * temporaries → cost, month by month, with totals and the check against the rule of thumb.
 * Pure (no I/O, no clock): the API, the CLI and the dashboard (in the browser, as inputs move)
 * run this same code. Formulas: demand.ts, requirement.ts, supply.ts, cost.ts; docs/capacity.md.
 *
 * Permanent targets: Tier 1 outside the surge months at its requirement; in surge months,
 * when temporaries are on, at the highest non-surge requirement of the horizon (the base),
 * the rest covered by temporaries. Tier 2 at its requirement every month (no temporaries).
 * Tier 3 is paid at its required FTE (no roll-forward: a part-time role).
 */
import { CHANNELS, type Channel, WEEKS_PER_MONTH } from './defaults.ts';
import { monthlyDemand } from './demand.ts';
import { monthCost, type MonthCost } from './cost.ts';
import { monthRequirement, type WeekCache } from './requirement.ts';
import { parseScenario, type Scenario, type ScenarioInput } from './scenario.ts';
import { shrinkageBreakdown, type ShrinkageLine } from './shrinkage.ts';
import { planSupply, planTemps, type Requisition } from './supply.ts';

export interface CapacityMonth {
  month: string;
  surge: boolean;
  members: number;
  contacts: Record<Channel, number>;
  requiredFte: { tier1: number; tier2: number; tier3: number; total: number };
  /** FTE from the workload before contract floors. */
  workloadFte: { tier1: number; tier2: number; tier3: number };
  /** Tier-1 agent-hours a week by channel (before shrinkage), and the peak agents of each queued channel. */
  agentHoursPerWeek: Record<Channel, number>;
  peakAgents: { voice: number; chat: number };
  /** What set Tier 1: 'service level' (the workload) or a contract floor's name. */
  bindingConstraint: string;
  /** What set each tier: Tier 1 as above; Tier 2 'workload'; Tier 3 'workload' or 'Tier-3 minimum'. */
  bindingByTier: { tier1: string; tier2: string; tier3: string };
  /** Case work of the month, hours by tier (part of the Tier-2/3 workload). */
  caseHours: { tier2: number; tier3: number };
  /** Permanent effective FTE + temporaries at their productivity + Tier 3. */
  effectiveFte: number;
  effectiveByTier: { tier1: number; tier2: number; tier3: number; temps: number };
  /** effectiveFte − requiredFte.total: positive over, negative short. */
  gap: number;
  /** Members ÷ required Tier-1 FTE (null with no Tier-1 requirement). */
  membersPerTier1Rep: number | null;
  paidHeads: { tier1: number; tier2: number; tier3: number };
  hires: { posted: number; starting: number };
  surgeTemps: number;
  cost: MonthCost;
  /** In-house cost ÷ handled contacts (null with none), and ÷ members (PMPM, null with none). */
  costPerContact: number | null;
  costPmpm: number | null;
}

export interface CapacityPlan {
  scenario: Scenario;
  shrinkage: { total: number; lines: ShrinkageLine[] };
  months: CapacityMonth[];
  requisitions: (Requisition & { postMonthLabel: string; startMonthLabel: string; neededMonthLabel: string })[];
  timings: { recruitMonths: number; onboardingMonths: number; leadMonths: number; tempLeadMonths: number };
  totals: {
    memberMonths: number;
    contacts: number;
    hires: number;
    tempHires: number;
    /** Initial training of every hire and temp: (hires + tempHires) × newHireTrainingHours (paid, not productive). */
    newHireTrainingHours: number;
    peakRequiredFte: number;
    cost: MonthCost;
    costPerContact: number | null;
    costPmpm: number | null;
  };
  ruleOfThumb: RuleOfThumbCheck;
}

/**
 * The guide's rules of thumb against the plan's non-surge months: 1 Tier-1 rep per 2,500–3,500
 * members, and for a 15,000-member block 1–2 Tier-2 specialists (scaled: members ÷ 15,000 to
 * 2 × members ÷ 15,000) and a part-time Tier-3 lead; where the plan lands, and why it differs.
 */
export interface RuleOfThumbCheck {
  /** Mean members over the non-surge months (all months when every month is a surge month). */
  members: number;
  tier1Range: [number, number];
  /** Mean required Tier-1 FTE over the same months. */
  tier1Fte: number;
  /** members ÷ tier1Fte (null with no Tier-1 requirement). */
  membersPerTier1Fte: number | null;
  verdict: 'within' | 'above' | 'below';
  tier2Range: [number, number];
  tier2Fte: number;
  tier2Verdict: 'within' | 'above' | 'below';
  tier3Fte: number;
  /** Voice workload hours ÷ voice agent-hours over the same months (null without voice): how busy the Erlang staffing keeps agents. */
  voiceOccupancy: number | null;
  /** Where the plan lands, in one sentence. */
  where: string;
  /** Why the plan differs from the rule of thumb's midpoint (3,000 members per rep), most telling first; empty when within 5% of it. */
  reasons: string[];
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

/**
 * The plan of a scenario as entered (checked by parseScenario: an InputError names the bad
 * field). `fallbackStartMonth` is used when the scenario has no startMonth.
 */
export function planCapacity(input: ScenarioInput | unknown, fallbackStartMonth?: string): CapacityPlan {
  const s = parseScenario(input, fallbackStartMonth);
  const demand = monthlyDemand(s);
  const weeks: WeekCache = new Map();
  const req = demand.map((d) => monthRequirement(s, d, weeks));
  const surge = demand.map((d) => d.surge);
  const useTemps = s.surge.temps && surge.some((x) => x) && surge.some((x) => !x);
  const base = useTemps ? Math.max(...req.filter((_, m) => !surge[m]).map((r) => r.requiredFte.tier1)) : Infinity;
  const targets = {
    tier1: req.map((r, m) => (useTemps && surge[m] ? Math.min(r.requiredFte.tier1, base) : r.requiredFte.tier1)),
    tier2: req.map((r) => r.requiredFte.tier2),
  };
  const supply = planSupply(s, targets);
  const uncovered = req.map((r, m) => Math.max(0, r.requiredFte.tier1 - supply.tiers.tier1.effective[m]!));
  const temps = useTemps
    ? planTemps(s, uncovered, surge, supply.tempLeadMonths)
    : { temps: uncovered.map(() => 0), effective: uncovered.map(() => 0), tempsOnboarding: uncovered.map(() => 0), requisitions: [] as Requisition[] };
  const requisitions = [...supply.requisitions, ...temps.requisitions];

  const months: CapacityMonth[] = demand.map((d, m) => {
    const r = req[m]!;
    const t1 = supply.tiers.tier1;
    const t2 = supply.tiers.tier2;
    const handled = CHANNELS.reduce((a, c) => a + d.contacts[c], 0);
    const tempFte = temps.effective[m]!;
    const effectiveByTier = { tier1: t1.effective[m]!, tier2: t2.effective[m]!, tier3: r.requiredFte.tier3, temps: tempFte };
    const effectiveFte = effectiveByTier.tier1 + effectiveByTier.tier2 + effectiveByTier.tier3 + tempFte;
    const paidHeads = { tier1: t1.paidHeads[m]!, tier2: t2.paidHeads[m]!, tier3: r.requiredFte.tier3 };
    const starting = t1.starting[m]! + t2.starting[m]!;
    const overflowShare = r.requiredFte.tier1 > 0 ? uncovered[m]! / r.requiredFte.tier1 : 0;
    const cost = monthCost(s, {
      index: m,
      members: d.members,
      handledContacts: handled,
      paidHeads,
      starting,
      temps: temps.temps[m]!,
      tempsOnboarding: temps.tempsOnboarding[m]!,
      overflowShare,
    });
    return {
      month: d.month,
      surge: d.surge,
      members: d.members,
      contacts: d.contacts,
      requiredFte: r.requiredFte,
      workloadFte: r.workloadFte,
      bindingConstraint: r.bindingConstraint,
      agentHoursPerWeek: r.agentHoursPerWeek,
      peakAgents: r.peakAgents,
      bindingByTier: r.bindingByTier,
      caseHours: r.caseHours,
      effectiveFte,
      effectiveByTier,
      gap: effectiveFte - r.requiredFte.total,
      membersPerTier1Rep: r.requiredFte.tier1 > 0 ? d.members / r.requiredFte.tier1 : null,
      paidHeads,
      hires: { posted: requisitions.filter((q) => q.tier !== 'temp' && q.postMonth === m).reduce((a, q) => a + q.count, 0), starting },
      surgeTemps: temps.temps[m]!,
      cost,
      costPerContact: handled > 0 ? cost.inHouse / handled : null,
      costPmpm: d.members > 0 ? cost.inHouse / d.members : null,
    };
  });

  const sum = (f: (m: CapacityMonth) => number) => months.reduce((a, m) => a + f(m), 0);
  const costKeys = Object.keys(months[0]!.cost) as (keyof MonthCost)[];
  const totalCost = Object.fromEntries(costKeys.map((k) => [k, sum((m) => m.cost[k])])) as unknown as MonthCost;
  const contacts = sum((m) => CHANNELS.reduce((a, c) => a + m.contacts[c], 0));
  const memberMonths = sum((m) => m.members);
  const label = (k: number) => (k < months.length ? months[k]!.month : `+${k}`);

  return {
    scenario: s,
    shrinkage: { total: s.shrinkage, lines: shrinkageBreakdown(s.shrinkageHours, s.shrinkage, s.paidHoursPerWeek) },
    months,
    requisitions: requisitions
      .sort((a, b) => a.postMonth - b.postMonth || a.neededMonth - b.neededMonth)
      .map((q) => ({ ...q, postMonthLabel: label(q.postMonth), startMonthLabel: label(q.startMonth), neededMonthLabel: label(q.neededMonth) })),
    timings: { recruitMonths: supply.recruitMonths, onboardingMonths: supply.onboardingMonths, leadMonths: supply.leadMonths, tempLeadMonths: supply.tempLeadMonths },
    totals: {
      memberMonths,
      contacts,
      hires: supply.requisitions.reduce((a, q) => a + q.count, 0),
      tempHires: temps.requisitions.reduce((a, q) => a + q.count, 0),
      newHireTrainingHours: (supply.requisitions.reduce((a, q) => a + q.count, 0) + temps.requisitions.reduce((a, q) => a + q.count, 0)) * s.supply.newHireTrainingHours,
      peakRequiredFte: Math.max(...months.map((m) => m.requiredFte.total)),
      cost: totalCost,
      costPerContact: contacts > 0 ? totalCost.inHouse / contacts : null,
      costPmpm: memberMonths > 0 ? totalCost.inHouse / memberMonths : null,
    },
    ruleOfThumb: ruleOfThumb(s, months),
  };
}

const verdictOf = (v: number, [lo, hi]: [number, number]) => (v < lo - 1e-9 ? 'below' : v > hi + 1e-9 ? 'above' : 'within');

function ruleOfThumb(s: Scenario, months: CapacityMonth[]): RuleOfThumbCheck {
  const calm = months.filter((m) => !m.surge);
  const use = calm.length ? calm : months;
  const members = mean(use.map((m) => m.members));
  const tier1Fte = mean(use.map((m) => m.requiredFte.tier1));
  const tier2Fte = mean(use.map((m) => m.requiredFte.tier2));
  const tier3Fte = mean(use.map((m) => m.requiredFte.tier3));
  const tier1Range: [number, number] = [members / 3500, members / 2500];
  const tier2Range: [number, number] = [members / 15_000, (2 * members) / 15_000];
  const verdict = verdictOf(tier1Fte, tier1Range);
  const tier2Verdict = verdictOf(tier2Fte, tier2Range);
  const voiceAht = s.aht.voice * (1 + s.deflection.ahtRise);
  const voiceWork = use.reduce((a, m) => a + ((m.contacts.voice / WEEKS_PER_MONTH) * voiceAht) / 3600, 0);
  const voiceHours = use.reduce((a, m) => a + m.agentHoursPerWeek.voice, 0);
  const voiceOccupancy = voiceHours > 0 ? voiceWork / voiceHours : null;
  const membersPerTier1Fte = tier1Fte > 0 ? members / tier1Fte : null;
  const midpoint = members / 3000;
  const offMid = midpoint > 0 ? tier1Fte / midpoint - 1 : 0;
  const f1 = (v: number) => v.toFixed(1);
  const whole = (v: number) => Math.round(v).toLocaleString('en-US');
  const where =
    `${f1(tier1Fte)} Tier-1 FTE for ${whole(members)} members${membersPerTier1Fte === null ? '' : ` (${whole(membersPerTier1Fte)} per FTE)`}: ` +
    `${verdict} the range ${f1(tier1Range[0])}–${f1(tier1Range[1])}, ${Math.abs(offMid) < 0.05 ? 'at' : `${Math.round(Math.abs(offMid) * 100)}% ${offMid > 0 ? 'above' : 'below'}`} its midpoint of ${f1(midpoint)}; ` +
    `Tier 2 ${f1(tier2Fte)} FTE (${tier2Verdict} ${f1(tier2Range[0])}–${f1(tier2Range[1])}); Tier 3 ${f1(tier3Fte)} FTE.`;
  const reasons: string[] = [];
  if (Math.abs(offMid) >= 0.05) {
    const contactsPerMemberYear = CHANNELS.reduce((a, c) => a + s.contactRates[c], 0) * 12 * (1 - s.deflection.share);
    reasons.push(
      `the rule of thumb assumes typical contact rates; this plan uses ${contactsPerMemberYear.toFixed(2)} contacts per member a year after deflection at a Tier-1 voice AHT of ${Math.round(voiceAht)} s`,
    );
    if (offMid > 0 && voiceOccupancy !== null && voiceOccupancy < 0.75) {
      reasons.push(
        `a queue this small keeps voice agents busy only ${Math.round(voiceOccupancy * 100)}% of their staffed time at the ${Math.round(s.serviceLevel.voice * 100)}% in ${s.answerWithin.voice} s target: Erlang C needs agents beyond the workload in every open interval, a small-queue effect the rule of thumb does not have`,
      );
    }
    if (offMid < 0) {
      reasons.push(
        `a large block pools its contacts: Erlang C needs relatively fewer agents per contact as volume grows (voice occupancy ${voiceOccupancy === null ? '—' : `${Math.round(voiceOccupancy * 100)}%`}), which a fixed members-per-rep ratio does not capture`,
      );
    }
    if (calm.some((m) => m.bindingConstraint !== 'service level')) reasons.push('a contract floor sets Tier 1 in some months');
    if (s.deflection.share > 0) reasons.push(`self-service deflects ${Math.round(s.deflection.share * 100)}% of contacts`);
    reasons.push(`shrinkage is ${(s.shrinkage * 100).toFixed(1)}% of paid hours (the rule of thumb does not say which it assumes)`);
  }
  return { members, tier1Range, tier1Fte, membersPerTier1Fte, verdict, tier2Range, tier2Fte, tier2Verdict, tier3Fte, voiceOccupancy, where, reasons };
}
