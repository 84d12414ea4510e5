/**
 * The capacity planner's engine (server/wfm/capacity): the 15,000-member example worked by hand,
 * contract floors, the defaults against the guide's rule of thumb, and the scenario checks.
 */
import { describe, expect, it } from 'vitest';
import { CAPACITY_DEFAULTS } from '../../server/wfm/capacity/defaults.ts';
import { planCapacity } from '../../server/wfm/capacity/plan.ts';
import { FLAT_SCENARIO } from '../fixtures/capacity.ts';
import { parseScenario, type ScenarioInput } from '../../server/wfm/capacity/scenario.ts';
import { planTemps } from '../../server/wfm/capacity/supply.ts';
import { InputError } from '../../server/wfm/inputError.ts';
import { staffChat } from '../../server/wfm/nonVoice.ts';
import { staff } from '../../server/wfm/staffing.ts';

const FLAT: ScenarioInput = FLAT_SCENARIO;

function fieldOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof InputError) return e.field;
    throw e;
  }
  throw new Error('no InputError');
}

describe('planCapacity: the 15,000-member block by hand', () => {
  const plan = planCapacity(FLAT);
  const m = plan.months[0]!;

  it('contacts: members × rate × season', () => {
    // voice 15,000 × 0.1 = 1,500; email 15,000 × 0.004 = 60; portal 15,000 × 0.006 = 90.
    expect(m.contacts.voice).toBeCloseTo(1500, 9);
    expect(m.contacts.email).toBeCloseTo(60, 9);
    expect(m.contacts.portal).toBeCloseTo(90, 9);
    expect(m.contacts.chat).toBe(0);
  });

  it('Tier 1: Erlang C per interval, agent-hours a week, FTE', () => {
    // Voice: 1,500 calls a month ÷ (52/12) weeks = 346.15 a week; ÷ 5 days = 69.23 a day;
    // ÷ 20 intervals = 3.4615 calls per 30 min. A = 3.4615 × 420 s ÷ 1,800 s = 0.8077 Erlang.
    // Erlang B: B1 = A/(1+A) = 0.44681; B2 = A·B1/(2 + A·B1) = 0.36089/2.36089 = 0.15286;
    // B3 = A·B2/(3 + A·B2) = 0.12347/3.12347 = 0.039529.
    // N = 2: C = 2·B2/(2 − A(1 − B2)) = 0.30572/1.31576 = 0.23235;
    //   SL = 1 − C·e^(−(2 − A)·30/420) = 1 − 0.23235 × 0.91836 = 0.7866 < 0.80: fails.
    // N = 3: C = 3·B3/(3 − A(1 − B3)) = 0.118587/2.22423 = 0.053316;
    //   SL = 1 − 0.053316 × e^(−2.1923·30/420) = 1 − 0.053316 × 0.85505 = 0.9544: 3 agents.
    // Agent-hours a week = 3 agents × 0.5 h × 20 intervals × 5 days = 150 h.
    expect(m.workloadFte.tier1).toBeCloseTo(5 + 2 / 13, 9);
    // Deferred (email, portal), occupancy applied here once: (60 × 480 s + 90 × 360 s) ÷ 3,600 =
    // 17 h a month; × 12/52 = 3.9231 h a week; ÷ 0.85 = 4.6154 h (= 60/13).
    // FTE = (150 + 60/13) ÷ (40 × (1 − 0.25)) = 150/30 + (60/13)/30 = 5 + 2/13 = 5.1538.
    // Members per Tier-1 rep = 15,000 ÷ 5.1538 = 2,910: inside the guide's 2,500–3,500.
    expect(m.membersPerTier1Rep).toBeCloseTo(15_000 / (5 + 2 / 13), 6);
  });

  it('Tier 2 and Tier 3', () => {
    // Tier 2: escalations 1,650 contacts × 0.15 × 900 s ÷ 3,600 = 61.875 h, cases 15,000 × 0.003 ×
    // 1.5 h = 67.5 h: 129.375 h a month × 12/52 = 29.856 h a week ÷ 0.85 = 35.124 h ÷ 30 h =
    // 1.1708 FTE (the guide: 1–2 specialists).
    expect(m.requiredFte.tier2).toBeCloseTo((129.375 * 12) / 52 / 0.85 / 30, 9);
    expect(m.requiredFte.tier2).toBeCloseTo(1.17081, 4);
    // Tier 3: 1,650 × 0.01 × 0.5 h = 8.25 h a month → 0.075 FTE, below the 0.5 FTE minimum
    // (the guide's part-time compliance lead), so 0.5.
    expect(m.workloadFte.tier3).toBeCloseTo((8.25 * 12) / 52 / 0.85 / 30, 9);
    expect(m.requiredFte.tier3).toBe(0.5);
    expect(m.requiredFte.total).toBeCloseTo(5 + 2 / 13 + 1.17081 + 0.5, 4);
    expect(m.bindingConstraint).toBe('service level');
  });

  it('cost of the month', () => {
    // Default start heads: ⌈5.1538⌉ = 6 Tier 1, ⌈1.1708⌉ = 2 Tier 2; Tier 3 paid at 0.5 FTE.
    // People = (6 × 65,000 + 2 × 75,000 + 0.5 × 95,000) ÷ 12 = 587,500 ÷ 12 = 48,958.33.
    // Training: no hire starts; a total shrinkage was entered, so no ongoing training hours: 0.
    // Technology = 85,000 setup (first month) + 120,000 ÷ 12 = 95,000.
    // In-house = (48,958.33 + 95,000) × 1.15 = 165,552.08. Outsourced = 15,000 × $2.75 = 41,250.
    expect(m.paidHeads).toEqual({ tier1: 6, tier2: 2, tier3: 0.5 });
    expect(m.cost.people).toBeCloseTo(48_958.333333, 4);
    expect(m.cost.training).toBe(0);
    expect(m.cost.technology).toBe(95_000);
    expect(m.cost.inHouse).toBeCloseTo(165_552.083333, 4);
    expect(m.cost.outsourced).toBe(41_250);
    expect(m.cost.blended).toBeCloseTo(165_552.083333, 4); // no surge month: nothing overflows
    // Cost per contact = 165,552.08 ÷ 1,650 = 100.33; PMPM = 165,552.08 ÷ 15,000 = 11.04 (the setup month).
    expect(m.costPerContact).toBeCloseTo(165_552.083333 / 1650, 6);
    expect(m.costPmpm).toBeCloseTo(165_552.083333 / 15_000, 6);
  });

  it('a contract floor binds and is named', () => {
    // 1 Tier-1 FTE per 2,000 members: 15,000 ÷ 2,000 = 7.5 > 5.1538.
    const floored = planCapacity({ ...FLAT, contractFloors: [{ name: 'state contract', membersPerFte: 2000, applies: 'tier1' }] }).months[0]!;
    expect(floored.requiredFte.tier1).toBe(7.5);
    expect(floored.bindingConstraint).toBe('state contract');
    // A floor on the total: 15,000 ÷ 1,500 = 10 FTE; the workload gives 5.1538 + 1.1708 + 0.5 =
    // 6.8246, so Tier 1 gains 10 − 6.8246 = 3.1754 → 8.3292.
    const total = planCapacity({ ...FLAT, contractFloors: [{ name: 'Medicaid model', membersPerFte: 1500, applies: 'total' }] }).months[0]!;
    expect(total.requiredFte.total).toBeCloseTo(10, 9);
    expect(total.bindingConstraint).toBe('Medicaid model');
  });
});

describe('supply: transfers, attrition, hiring', () => {
  it('a transfer moves tenured heads between tiers at the start of its month', () => {
    // 10 Tier-1 heads, none in Tier 2, no attrition; 2 move to Tier 2 in month 1. No hire can
    // start within the 2 months (recruiting alone takes 2), so heads are 10/0, then 8/2.
    const plan = planCapacity({ ...FLAT, months: 2, supply: { startHeadcount: { tier1: 10, tier2: 0 }, attritionAnnual: 0, transfers: [{ month: 1, from: 'tier1', to: 'tier2', count: 2 }] } });
    expect(plan.months.map((m) => [m.paidHeads.tier1, m.paidHeads.tier2])).toEqual([
      [10, 0],
      [8, 2],
    ]);
    expect(plan.requisitions).toEqual([]);
    // Tier 2 needs 1.1708 FTE: short in month 0 (0 heads), covered in month 1 (2 heads).
    expect(plan.months[0]!.effectiveByTier.tier2).toBe(0);
    expect(plan.months[1]!.effectiveByTier.tier2).toBe(2);
  });

  it('attrition: 35% a year is 1 − 0.65^(1/12) = 3.527% a month', () => {
    // 10 heads, no hires possible in 3 months: 10, 10 × 0.96473, 10 × 0.96473².
    const plan = planCapacity({ ...FLAT, months: 3, supply: { startHeadcount: { tier1: 10, tier2: 2 } } });
    const r = 0.65 ** (1 / 12);
    expect(plan.months.map((m) => m.paidHeads.tier1)).toEqual([10, 10 * r, 10 * r * r].map((x) => expect.closeTo(x, 12)));
  });

  it('hires sized for when they are ramped; a class posted 5 months ahead is fully productive in the month it covers', () => {
    // No Tier-1 heads at the start; the requirement is 5.1538 FTE every month. Early attrition
    // 70% a year: survival after k months of service = 0.3^(k/12) (k ≤ 3), then × 0.65^(1/12) a month.
    // Month 2 is the first a hire can start (2 months recruiting): posted in month 0 (late),
    //   ⌈5.1538 ÷ 1⌉ = 6 hires. Month 3: 6 × 0.3^(1/12) = 5.428 heads ≥ 5.1538: none.
    // Month 4: 6 × 0.3^(2/12) = 4.909 < 5.1538: ⌈0.2445 ÷ 0.8182⌉ = 1 more in the same class timing.
    // Month 5: 7 × 0.3^(3/12) = 5.181: none. Month 6: 5.181 × 0.65^(1/12) = 4.998: the first need
    //   a full lead time away: posted in month 1, starts in month 3, ⌈0.156 ÷ 0.3^(3/12)⌉ = 1.
    // (Sized by ramped heads, not by effective FTE: the late class ramps at 0%, 50%, 75% in
    // months 2–4, which show a shortfall instead of 12 hires bought for good.)
    const plan = planCapacity({ ...FLAT, months: 8, supply: { startHeadcount: { tier1: 0, tier2: 2 } } });
    const t1 = plan.requisitions.filter((q) => q.tier === 'tier1').map(({ postMonth, startMonth, neededMonth, count, late }) => ({ postMonth, startMonth, neededMonth, count, late }));
    expect(t1).toEqual([
      { postMonth: 0, startMonth: 2, neededMonth: 2, count: 6, late: true },
      { postMonth: 0, startMonth: 2, neededMonth: 4, count: 1, late: true },
      { postMonth: 1, startMonth: 3, neededMonth: 6, count: 1, late: false },
    ]);
    // Month 3: both classes (6 + 1) started in month 2, at 50%: 7 × 0.3^(1/12) × 0.5 = 3.166, short.
    expect(plan.months[3]!.effectiveByTier.tier1).toBeCloseTo(7 * 0.3 ** (1 / 12) * 0.5, 9);
    for (const m of plan.months.slice(5)) expect(m.effectiveByTier.tier1).toBeGreaterThanOrEqual(5 + 2 / 13 - 1e-9);
    // Initial training: 8 Tier-1 hires (6 + 1 + 1), no Tier-2 or temps, × 40 h = 320 h.
    expect(plan.totals.hires).toBe(8);
    expect(plan.totals.newHireTrainingHours).toBe(320);
  });
});

describe('surge temporaries', () => {
  it('ramp, then their productivity; kept to the season end; onboarded the month before', () => {
    // Need (Tier-1 FTE the permanent staff leave uncovered): Feb 3.2, Mar 4.1, Apr 2.0, a season
    // of three months after a calm January. Defaults: first month at 60%, then 85%.
    // Feb: ⌈3.2 ÷ 0.6⌉ = ⌈5.33⌉ = 6 temps, producing 6 × 0.6 = 3.6 FTE; onboarded in January.
    // Mar: 6 × 0.85 = 5.1 ≥ 4.1: none added. Apr: 5.1 ≥ 2.0: the 6 stay to the season's end.
    // Posted 2 months before the season (month 1 − 2 < 0): month 0, late.
    const s = parseScenario({ members: 1, startMonth: '2027-01' });
    const t = planTemps(s, [0, 3.2, 4.1, 2.0], [false, true, true, true], 2);
    expect(t.temps).toEqual([0, 6, 6, 6]);
    expect(t.effective.map((x) => Number(x.toFixed(9)))).toEqual([0, 3.6, 5.1, 5.1]);
    expect(t.tempsOnboarding).toEqual([6, 0, 0, 0]);
    expect(t.requisitions).toEqual([{ tier: 'temp', postMonth: 0, startMonth: 0, neededMonth: 1, count: 6, late: true }]);
  });
});

describe('chat agents as staffChat counts them', () => {
  it('⌈Erlang C slots ÷ concurrency⌉ equals nonVoice.ts staffChat for every load', () => {
    // requirement.ts computes chat agents this way (staffChat builds an evaluator per call: 14× slower).
    for (let calls = 0.25; calls <= 120; calls += 0.75) {
      for (const concurrency of [1, 2, 3]) {
        const input = { calls, aht: 600, intervalMinutes: 30, answerWithin: 60, serviceLevel: 0.8 };
        expect(Math.ceil(staff(input).agents / concurrency)).toBe(staffChat({ ...input, concurrency }).agents);
      }
    }
  });
});

describe('planCapacity: the defaults against the rule of thumb', () => {
  // At the default (typical) contact rates, 0.12 contacts per member-month, with the default
  // weekly and intraday shape, the plan lands inside 15,000 ÷ 3,500 = 4.29 to 15,000 ÷ 2,500 =
  // 6 Tier-1 FTE, near the top: a block this small answers ~4 calls per half hour, and
  // Erlang C at 80/30 needs 2–3 agents for that where the workload alone is under 1 — the
  // rule of thumb has no such small-queue effect. Tier 2 lands at 1–2, Tier 3 at 0.5.
  const plan = planCapacity({ members: 15_000, startMonth: '2027-01' });
  it('Tier 1 within 4.29–6, Tier 2 within 1–2', () => {
    expect(plan.ruleOfThumb.verdict).toBe('within');
    expect(plan.ruleOfThumb.tier1Fte).toBeGreaterThanOrEqual(15_000 / 3500);
    expect(plan.ruleOfThumb.tier1Fte).toBeLessThanOrEqual(6);
    expect(plan.ruleOfThumb.tier2Fte).toBeGreaterThanOrEqual(1);
    expect(plan.ruleOfThumb.tier2Fte).toBeLessThanOrEqual(2);
    expect(plan.months.every((m) => m.requiredFte.tier3 === 0.5)).toBe(true);
  });
  it('a large block lands below the range, and says why', () => {
    // 150,000 members at the same rates: about 21 Tier-1 FTE against 42.9–60.
    const big = planCapacity({ members: 150_000, startMonth: '2027-01' });
    expect(big.ruleOfThumb.verdict).toBe('below');
    expect(big.ruleOfThumb.reasons.join(' ')).toContain('pools its contacts');
  });
  it('a plan outside the range says why', () => {
    const heavy = planCapacity({ members: 15_000, startMonth: '2027-01', contactRates: { voice: 0.4 } });
    expect(heavy.ruleOfThumb.verdict).toBe('above');
    expect(heavy.ruleOfThumb.reasons[0]).toContain('contacts per member a year');
  });
  it('the shrinkage breakdown adds up: 514 h of 2,080 = 24.71%', () => {
    // 120 + 40 + 130 + 52 + 120 + 52 = 514 h; 40 h × 52 = 2,080 paid hours.
    expect(plan.shrinkage.total).toBeCloseTo(514 / 2080, 12);
    expect(plan.shrinkage.lines.reduce((a, l) => a + l.hoursPerYear, 0)).toBe(514);
    expect(plan.shrinkage.lines.find((l) => l.component === 'breaks')!.share).toBe(130 / 2080);
  });
  it('the defaults object is the one the plan used', () => {
    expect(plan.scenario.cost.loadedAnnual).toEqual(CAPACITY_DEFAULTS.cost.loadedAnnual);
    expect(plan.months).toHaveLength(12);
  });
});

describe('parseScenario: invalid input names the field', () => {
  const ok = { members: 15_000, startMonth: '2027-01' };
  it.each([
    [{ ...ok, members: -1 }, 'members'],
    [{ ...ok, shrinkage: 1 }, 'shrinkage'],
    [{ ...ok, shrinkage: 1.2 }, 'shrinkage'],
    [{ ...ok, shrinkageHours: { breaks: 2100 } }, 'shrinkageHours'],
    [{ ...ok, contractFloors: [{ name: 'x', membersPerFte: 4000, applies: 'tier1', plan: 'nope' }] }, 'contractFloors.0.plan'],
    [{ startMonth: '2027-01', plans: [{ id: 'mcd', members: [-5] }] }, 'plans.0.members'],
    [{ startMonth: '2027-01', months: 1, plans: [{ id: 'mcd', members: [-5] }] }, 'plans.0.members.0'],
    [{ ...ok, contactRates: { fax: 0.1 } }, 'contactRates.fax'],
    [{ ...ok, colour: 'red' }, 'colour'],
    [{ ...ok, startMonth: '2027-13' }, 'startMonth'],
    [{ members: 15_000 }, 'startMonth'],
    [{ ...ok, months: 0 }, 'months'],
    [{ ...ok, cost: { contingency: 2 } }, 'cost.contingency'],
    [{ ...ok, supply: { ramp: [1.5] } }, 'supply.ramp.0'],
    [{ ...ok, surge: { months: [13] } }, 'surge.months.0'],
    [{}, 'startMonth'],
    [null, 'scenario'],
  ])('%j → %s', (input, field) => {
    expect(fieldOf(() => parseScenario(input))).toBe(field);
  });
  it('a load beyond the staffing engine is refused on members, not on its own field', () => {
    // 10¹⁰ members × 0.1 calls: ~5·10⁶ calls in a peak half hour, ~1.2·10⁶ Erlangs > 150,000.
    expect(fieldOf(() => planCapacity({ ...ok, members: 1e10 }))).toBe('members');
    expect(() => planCapacity({ ...ok, members: 1e10 })).toThrow(/^invalid members: voice in 2027-01 is beyond the staffing engine \(offered load/);
  });
  it('the message reads "invalid <field>: …"', () => {
    expect(() => parseScenario({ ...ok, members: -1 })).toThrow('invalid members: must be ≥ 0');
  });
  it('a start month from the caller when the scenario has none', () => {
    expect(parseScenario({ members: 10 }, '2030-04').startMonth).toBe('2030-04');
  });
});
