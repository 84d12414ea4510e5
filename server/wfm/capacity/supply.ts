/**
 * Supply: the headcount roll-forward by month and the hiring plan that keeps it at the
 * requirement. Heads are full-time (1 head = 1 FTE); figures are expected values (attrition
 * makes fractions), hires whole.
 *
 * - Tenured heads: start × (1 − monthly attrition) each month, with transfers between tiers at
 *   the start of their month. Monthly rate = 1 − (1 − annual)^(1/12).
 * - A hire class posted in month p starts (paid) recruitMonths later, where recruitMonths =
 *   ⌈recruitWeeks ÷ (52/12)⌉; spends onboardingMonths = ⌈(newHireTrainingHours ÷ paidHoursPerWeek +
 *   nestingWeeks) ÷ (52/12)⌉ at 0% productivity; then ramps by `ramp` (50%, 75%) to 100%. In its
 *   first 3 months (90 days) it leaves at the early attrition rate, later at the annual one.
 * - Hiring plan: month by month, where the heads (tenured + every class started, after
 *   attrition) fall short of the target, a class is posted leadMonths = recruit + onboarding +
 *   ramp months earlier, so its hires are fully productive in the month that needs them; the
 *   count is ⌈shortfall ÷ survival at that month⌉. A need closer than the lead time to the
 *   start of the plan is posted in month 0 (`late`) if its hires can start by the month that
 *   needs it (else that month stays short); they are sized for when they are ramped, so the
 *   months of their ramp show a shortfall rather than buying extra heads for good. No
 *   requisition is posted, and no hire starts, after the month that needs it.
 * - Surge temporaries (Tier 1, surge months): enough to cover requirement − permanent effective
 *   at their productivity (a ramp, then tempProductivity), kept to the season's end, posted
 *   ⌈tempLeadWeeks ÷ (52/12)⌉ months before the season's first month and onboarded
 *   (newHireTrainingHours, paid) the month before they start (planTemps).
 */
import { WEEKS_PER_MONTH } from './defaults.ts';
import type { Scenario } from './scenario.ts';

export type HiringTier = 'tier1' | 'tier2';

export interface Requisition {
  tier: HiringTier | 'temp';
  /** Month indexes (0 = the plan's first month). */
  postMonth: number;
  startMonth: number;
  /** The month whose shortfall it covers. */
  neededMonth: number;
  count: number;
  /** Posted in month 0 because the need is closer than the lead time. */
  late: boolean;
}

export interface TierSupply {
  /** Paid heads (tenured + hires started, after attrition). */
  paidHeads: number[];
  /** Effective FTE: tenured + hires × productivity. */
  effective: number[];
  /** Hires starting (paid from) each month. */
  starting: number[];
}

export interface SupplyPlan {
  tiers: Record<HiringTier, TierSupply>;
  temps: number[];
  /** Temporaries starting their onboarding each month. */
  tempsOnboarding: number[];
  requisitions: Requisition[];
  recruitMonths: number;
  onboardingMonths: number;
  leadMonths: number;
  tempLeadMonths: number;
}

const EPS = 1e-9;

export function monthlyRate(annual: number): number {
  return 1 - (1 - annual) ** (1 / 12);
}

export function supplyTimings(s: Scenario): { recruitMonths: number; onboardingMonths: number; leadMonths: number; tempLeadMonths: number } {
  const p = s.supply;
  const recruitMonths = Math.ceil(p.recruitWeeks / WEEKS_PER_MONTH - EPS);
  const onboardingMonths = Math.ceil((p.newHireTrainingHours / s.paidHoursPerWeek + p.nestingWeeks) / WEEKS_PER_MONTH - EPS);
  return {
    recruitMonths,
    onboardingMonths,
    leadMonths: recruitMonths + onboardingMonths + p.ramp.length,
    tempLeadMonths: Math.ceil(s.surge.tempLeadWeeks / WEEKS_PER_MONTH - EPS),
  };
}

/**
 * The roll-forward for permanent targets by tier (`targets[tier][m]`), then the temporaries
 * for `tempNeed[m]` (Tier-1 FTE the permanent staff leave uncovered in surge months, computed by
 * the caller from this plan's effective FTE: see planCapacity).
 */
export function planSupply(s: Scenario, targets: Record<HiringTier, number[]>): Omit<SupplyPlan, 'temps' | 'tempsOnboarding'> {
  const n = s.months;
  const t = supplyTimings(s);
  const late = monthlyRate(s.supply.attritionAnnual);
  const early = monthlyRate(s.supply.earlyAttritionAnnual);
  const survival = (k: number) => (k <= 3 ? (1 - early) ** k : (1 - early) ** 3 * (1 - late) ** (k - 3));
  const productivity = (k: number) => {
    if (k < t.onboardingMonths) return 0;
    const j = k - t.onboardingMonths;
    return j < s.supply.ramp.length ? s.supply.ramp[j]! : 1;
  };

  // Tenured heads with transfers; the default start covers the requirement until a first hire could be fully productive.
  const start = (tier: HiringTier) => {
    const given = s.supply.startHeadcount?.[tier];
    if (given !== undefined) return given;
    const horizon = Math.min(n, t.leadMonths + 1);
    let need = 0;
    for (let m = 0; m < horizon; m++) need = Math.max(need, targets[tier][m]! / (1 - late) ** m);
    return Math.ceil(need - EPS);
  };
  const tenured: Record<HiringTier, number[]> = { tier1: [], tier2: [] };
  let t1 = start('tier1');
  let t2 = start('tier2');
  for (let m = 0; m < n; m++) {
    if (m > 0) {
      t1 *= 1 - late;
      t2 *= 1 - late;
    }
    for (const x of s.supply.transfers) {
      if (x.month !== m) continue;
      const from = x.from === 'tier1' ? t1 : t2;
      const moved = Math.min(x.count, from);
      if (x.from === 'tier1') {
        t1 -= moved;
        t2 += moved;
      } else {
        t2 -= moved;
        t1 += moved;
      }
    }
    tenured.tier1.push(t1);
    tenured.tier2.push(t2);
  }

  const requisitions: Requisition[] = [];
  const tiers = {} as Record<HiringTier, TierSupply>;
  for (const tier of ['tier1', 'tier2'] as const) {
    const classes: Requisition[] = [];
    const effectiveAt = (m: number) => {
      let e = tenured[tier][m]!;
      for (const c of classes) if (m >= c.startMonth) e += c.count * survival(m - c.startMonth) * productivity(m - c.startMonth);
      return e;
    };
    // Heads once ramped: tenured + every class started by m at its survival. The hiring
    // decision uses this, not the effective FTE, so a class still ramping (only late ones are,
    // in the month they cover) is not topped up by another: that would buy heads for a few
    // months' ramp and carry them for good. Those months show their shortfall instead.
    const rampedAt = (m: number) => {
      let e = tenured[tier][m]!;
      for (const c of classes) if (m >= c.startMonth) e += c.count * survival(m - c.startMonth);
      return e;
    };
    for (let m = 0; m < n; m++) {
      const gap = targets[tier][m]! - rampedAt(m);
      if (gap <= EPS) continue;
      const post = Math.max(0, m - t.leadMonths);
      const startMonth = post + t.recruitMonths;
      if (startMonth > m) continue; // no hire could start in time: the month stays short
      const count = Math.ceil(gap / survival(m - startMonth) - EPS);
      classes.push({ tier, postMonth: post, startMonth, neededMonth: m, count, late: m - t.leadMonths < 0 });
    }
    const paidHeads: number[] = [];
    const effective: number[] = [];
    const starting: number[] = Array.from({ length: n }, () => 0);
    for (let m = 0; m < n; m++) {
      let paid = tenured[tier][m]!;
      for (const c of classes) if (m >= c.startMonth) paid += c.count * survival(m - c.startMonth);
      paidHeads.push(paid);
      effective.push(effectiveAt(m));
    }
    for (const c of classes) starting[c.startMonth]! += c.count;
    tiers[tier] = { paidHeads, effective, starting };
    requisitions.push(...classes);
  }
  return { tiers, requisitions, ...t };
}

/**
 * Temporaries for the surge: `need[m]` Tier-1 FTE uncovered in month m (0 outside the surge).
 * Temps are hired for the season (a run of consecutive surge months) and stay to its end. In
 * their first working months they produce `tempRamp` (e.g. 60%) of a tenured rep, then
 * tempProductivity. Month by month, where the season's temps so far produce less than the need,
 * ⌈shortfall ÷ first-month productivity⌉ more are added. A season posts its temps
 * tempLeadMonths before its first month; each group is onboarded (paid training) the month
 * before it starts working (month 0 when that falls before the plan).
 */
export function planTemps(s: Scenario, need: number[], surge: boolean[], tempLeadMonths: number): { temps: number[]; effective: number[]; tempsOnboarding: number[]; requisitions: Requisition[] } {
  const n = need.length;
  const ramp = s.surge.tempRamp;
  const productivity = (k: number) => (k < ramp.length ? ramp[k]! : s.surge.tempProductivity);
  const temps = Array.from({ length: n }, () => 0);
  const effective = Array.from({ length: n }, () => 0);
  const tempsOnboarding = Array.from({ length: n }, () => 0);
  const requisitions: Requisition[] = [];
  let seasonStart = -1;
  let cohorts: { first: number; count: number }[] = [];
  for (let m = 0; m < n; m++) {
    if (!surge[m]) {
      seasonStart = -1;
      cohorts = [];
      continue;
    }
    if (seasonStart < 0) seasonStart = m;
    const produce = () => cohorts.reduce((a, c) => a + c.count * productivity(m - c.first), 0);
    const short = need[m]! - produce();
    if (short > EPS) {
      const added = Math.ceil(short / productivity(0) - EPS);
      cohorts.push({ first: m, count: added });
      const onboard = Math.max(0, m - 1);
      tempsOnboarding[onboard]! += added;
      const post = Math.max(0, seasonStart - tempLeadMonths);
      requisitions.push({ tier: 'temp', postMonth: post, startMonth: onboard, neededMonth: m, count: added, late: seasonStart - tempLeadMonths < 0 });
    }
    temps[m] = cohorts.reduce((a, c) => a + c.count, 0);
    effective[m] = produce();
  }
  return { temps, effective, tempsOnboarding, requisitions };
}
