/**
 * Laws of the capacity planner, property-tested with fixed seeds: more members, a higher
 * contact rate or more shrinkage never lowers required FTE or cost; no requisition is posted
 * and no hire starts after the month that needs it; the surge months need more than the others.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planCapacity, type CapacityPlan } from '../../server/wfm/capacity/plan.ts';
import type { ScenarioInput } from '../../server/wfm/capacity/scenario.ts';

const base = (members: number, extra: Partial<ScenarioInput> = {}): ScenarioInput => ({ members, startMonth: '2027-03', months: 12, ...extra });

function noLower(lo: CapacityPlan, hi: CapacityPlan): void {
  lo.months.forEach((m, k) => {
    const h = hi.months[k]!;
    expect(h.requiredFte.tier1).toBeGreaterThanOrEqual(m.requiredFte.tier1 - 1e-9);
    expect(h.requiredFte.tier2).toBeGreaterThanOrEqual(m.requiredFte.tier2 - 1e-9);
    expect(h.requiredFte.total).toBeGreaterThanOrEqual(m.requiredFte.total - 1e-9);
  });
  expect(hi.totals.cost.inHouse).toBeGreaterThanOrEqual(lo.totals.cost.inHouse - 1e-6);
  expect(hi.totals.cost.outsourced).toBeGreaterThanOrEqual(lo.totals.cost.outsourced - 1e-6);
  expect(hi.totals.cost.blended).toBeGreaterThanOrEqual(lo.totals.cost.blended - 1e-6);
}

describe('capacity: monotonicity', () => {
  it('more members never lowers FTE or cost', () => {
    fc.assert(
      fc.property(fc.integer({ min: 500, max: 120_000 }), fc.integer({ min: 1, max: 30_000 }), (members, more) => {
        noLower(planCapacity(base(members)), planCapacity(base(members + more)));
      }),
      { seed: 1201, numRuns: 25 },
    );
  });
  it('a higher contact rate never lowers FTE or cost', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1000, max: 80_000 }),
        fc.double({ min: 0.01, max: 0.4, noNaN: true }),
        fc.double({ min: 0, max: 0.2, noNaN: true }),
        fc.constantFrom('voice', 'chat', 'email', 'portal'),
        (members, rate, more, channel) => {
          const lo = planCapacity(base(members, { contactRates: { [channel]: rate } }));
          const hi = planCapacity(base(members, { contactRates: { [channel]: rate + more } }));
          noLower(lo, hi);
        },
      ),
      { seed: 1202, numRuns: 25 },
    );
  });
  it('more shrinkage never lowers FTE or cost', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1000, max: 80_000 }), fc.double({ min: 0, max: 0.5, noNaN: true }), fc.double({ min: 0, max: 0.3, noNaN: true }), (members, shrinkage, more) => {
        noLower(planCapacity(base(members, { shrinkage })), planCapacity(base(members, { shrinkage: shrinkage + more })));
      }),
      { seed: 1203, numRuns: 25 },
    );
  });
});

describe('capacity: hiring', () => {
  it('no requisition is posted, and no hire starts, after the month that needs it; every need is met or the month is before the lead time', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1000, max: 100_000 }),
        fc.integer({ min: 1, max: 12 }),
        fc.double({ min: 0, max: 0.6, noNaN: true }),
        fc.integer({ min: 0, max: 20 }),
        (members, startCal, attrition, recruitWeeks) => {
          const plan = planCapacity({
            members,
            startMonth: `2027-${String(startCal).padStart(2, '0')}`,
            months: 18,
            supply: { attritionAnnual: attrition, recruitWeeks, startHeadcount: { tier1: 0, tier2: 0 } },
          });
          for (const q of plan.requisitions) {
            expect(q.postMonth).toBeLessThanOrEqual(q.neededMonth);
            expect(q.startMonth).toBeLessThanOrEqual(q.neededMonth);
            // Posted a full lead time ahead unless the plan starts too late for that.
            if (q.tier !== 'temp' && !q.late) expect(q.neededMonth - q.postMonth).toBe(plan.timings.leadMonths);
          }
          // Once a first hire can be fully productive, permanent staff meet the permanent target.
          plan.months.forEach((m, k) => {
            if (k < plan.timings.leadMonths) return;
            expect(m.effectiveByTier.tier2).toBeGreaterThanOrEqual(m.requiredFte.tier2 - 1e-9);
            expect(m.effectiveByTier.tier1 + m.effectiveByTier.temps).toBeGreaterThanOrEqual(m.requiredFte.tier1 - 1e-9);
          });
        },
      ),
      { seed: 1204, numRuns: 25 },
    );
  });

  it('a hire class posted 5 months ahead: 2 months to recruit, 1 onboarding, 2 ramping', () => {
    // recruit ⌈6 ÷ 4.333⌉ = 2; onboarding ⌈(40 h ÷ 40 h + 2 weeks) ÷ 4.333⌉ = 1; ramp 50%, 75%: 2.
    const plan = planCapacity(base(15_000));
    expect(plan.timings).toEqual({ recruitMonths: 2, onboardingMonths: 1, leadMonths: 5, tempLeadMonths: 2 });
  });
});

describe('capacity: the surge', () => {
  it('every surge month needs more FTE than every other month (flat enrollment)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2000, max: 150_000 }), fc.integer({ min: 1, max: 12 }), (members, startCal) => {
        const plan = planCapacity({ members, startMonth: `2028-${String(startCal).padStart(2, '0')}`, months: 12 });
        const surge = plan.months.filter((m) => m.surge).map((m) => m.requiredFte.total);
        const calm = plan.months.filter((m) => !m.surge).map((m) => m.requiredFte.total);
        expect(surge).toHaveLength(4);
        expect(Math.min(...surge)).toBeGreaterThan(Math.max(...calm));
      }),
      { seed: 1205, numRuns: 20 },
    );
  });
  it('temporaries cover the surge above the permanent base, posted 2 months before the season', () => {
    const plan = planCapacity({ members: 150_000, startMonth: '2027-02', months: 12 });
    const temps = plan.requisitions.filter((q) => q.tier === 'temp');
    expect(temps.length).toBeGreaterThan(0);
    // The season starts in October (index 8): posted in August (index 6), 7 weeks → ⌈7 ÷ 4.333⌉ = 2 months.
    for (const q of temps) expect(q.postMonth).toBe(6);
    expect(plan.months.filter((m) => m.surgeTemps > 0).every((m) => m.surge)).toBe(true);
  });
});
