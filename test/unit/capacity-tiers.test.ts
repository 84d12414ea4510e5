/**
 * The capacity planner's tiers (server/wfm/capacity/requirement.ts): Tier-2 and Tier-3 handle
 * time per channel, case work by type as deferred work per tier, each queued channel's own
 * weekly and intraday shape, and which constraint binds each tier each month — worked by hand on
 * the flat 15,000-member scenario (test/fixtures/capacity.ts: voice 1,500, email 60, portal 90
 * contacts a month, no chat, shrinkage 25%, deferred occupancy 0.85).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planCapacity } from '../../server/wfm/capacity/plan.ts';
import type { ScenarioInput } from '../../server/wfm/capacity/scenario.ts';
import { InputError } from '../../server/wfm/inputError.ts';
import { staff } from '../../server/wfm/staffing.ts';
import { FLAT_SCENARIO } from '../fixtures/capacity.ts';

const FLAT: ScenarioInput = FLAT_SCENARIO;
/** Deferred hours a month → FTE: × 12 ÷ 52 weeks, ÷ 0.85 occupancy, ÷ (40 h × (1 − 0.25)) = × 12 ÷ 1,326. */
const fteOfMonthlyHours = (h: number) => (h * 12) / (52 * 0.85 * 30);

function fieldOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof InputError) return e.field;
    throw e;
  }
  throw new Error('no InputError');
}

describe('Tier 2 and Tier 3: AHT per channel and case work by type', () => {
  it('the defaults: one AHT for every channel, appeals and grievances on Tier 2', () => {
    const m = planCapacity(FLAT).months[0]!;
    // Escalations: 1,650 contacts × 0.15 × 900 s ÷ 3,600 = 61.875 h; cases: 15,000 × 0.003 × 1.5 h
    // = 67.5 h; 129.375 h a month × 12 ÷ 1,326 = 1.17081 FTE.
    expect(m.caseHours).toEqual({ tier2: 67.5, tier3: 0 });
    expect(m.requiredFte.tier2).toBeCloseTo(fteOfMonthlyHours(129.375), 12);
    expect(m.requiredFte.tier2).toBeCloseTo(1.170814, 6);
    expect(m.bindingByTier.tier2).toBe('workload');
  });

  it('per-channel Tier-2 AHT and two case types on two tiers', () => {
    const m = planCapacity({
      ...FLAT,
      tierAht: { tier2: { voice: 1200, email: 600, portal: 600 } },
      cases: [
        { type: 'appeals', perThousandMembers: 2, hoursEach: 3, tier: 'tier2' },
        { type: 'grievances', perThousandMembers: 1, hoursEach: 2, tier: 'tier3' },
      ],
    }).months[0]!;
    // Tier-2 escalations: voice 1,500 × 0.15 × 1,200 ÷ 3,600 = 75 h; email 60 × 0.15 × 600 ÷ 3,600
    // = 1.5 h; portal 90 × 0.15 × 600 ÷ 3,600 = 2.25 h; = 78.75 h. Appeals: 15 thousand members × 2
    // × 3 h = 90 h. 168.75 h × 12 ÷ 1,326 = 2,025 ÷ 1,326 = 1.527149 FTE.
    expect(m.caseHours).toEqual({ tier2: 90, tier3: 30 });
    expect(m.requiredFte.tier2).toBeCloseTo(2025 / 1326, 12);
    // Tier 3: 1,650 × 0.01 × 1,800 ÷ 3,600 = 8.25 h + grievances 15 × 1 × 2 h = 30 h → 38.25 h ×
    // 12 ÷ 1,326 = 459 ÷ 1,326 = 0.346154 FTE, under the 0.5 minimum, which binds.
    expect(m.workloadFte.tier3).toBeCloseTo(459 / 1326, 12);
    expect(m.requiredFte.tier3).toBe(0.5);
    expect(m.bindingByTier.tier3).toBe('Tier-3 minimum');
  });

  it('Tier 3 above its minimum: the workload binds', () => {
    const m = planCapacity({ ...FLAT, cases: [{ type: 'grievances', perThousandMembers: 1, hoursEach: 2, tier: 'tier3' }], tiers: { tier3MinFte: 0.2 } }).months[0]!;
    // 8.25 + 30 = 38.25 h → 0.346154 FTE > 0.2.
    expect(m.requiredFte.tier3).toBeCloseTo(459 / 1326, 12);
    expect(m.bindingByTier.tier3).toBe('workload');
  });

  it.each([
    [{ cases: [{ type: 'appeals', perThousandMembers: -1, hoursEach: 2 }] }, 'cases.0.perThousandMembers'],
    [{ cases: [{ type: 'appeals', perThousandMembers: 1, hoursEach: 2, tier: 'tier1' }] }, 'cases.0.tier'],
    [{ cases: [{ type: '', perThousandMembers: 1, hoursEach: 2 }] }, 'cases.0.type'],
    [{ cases: [{ type: 'a', perThousandMembers: 1, hoursEach: 2, deadline: 30 }] }, 'cases.0.deadline'],
    [{ cases: [], tiers: { caseHours: 2 } }, 'cases'],
    [{ tierAht: { tier2: { fax: 300 } } }, 'tierAht.tier2.fax'],
    [{ tierAht: { tier2: { voice: 0 } } }, 'tierAht.tier2.voice'],
    [{ tierAht: { tier1: {} } }, 'tierAht.tier1'],
    [{ shapes: { email: {} } }, 'shapes.email'],
    [{ shapes: { voice: { weekdayShares: [1, 1, 1] } } }, 'shapes.voice.weekdayShares'],
    [{ shapes: { chat: { openingTime: '8am' } } }, 'shapes.chat.openingTime'],
    [{ shapes: { chat: { intradayProfile: [0, 0] } } }, 'shapes.chat.intradayProfile'],
  ])('%j → names %s', (patch, field) => {
    expect(fieldOf(() => planCapacity({ ...FLAT, ...patch } as ScenarioInput))).toBe(field);
  });

  it('more case work never lowers Tier-2 or Tier-3 FTE', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 20, noNaN: true }),
        fc.double({ min: 0, max: 20, noNaN: true }),
        fc.double({ min: 0, max: 8, noNaN: true }),
        fc.constantFrom('tier2' as const, 'tier3' as const),
        (rate, more, hours, tier) => {
          const lo = planCapacity({ ...FLAT, cases: [{ type: 'appeals', perThousandMembers: rate, hoursEach: hours, tier }] }).months[0]!;
          const hi = planCapacity({ ...FLAT, cases: [{ type: 'appeals', perThousandMembers: rate + more, hoursEach: hours, tier }] }).months[0]!;
          expect(hi.requiredFte.tier2).toBeGreaterThanOrEqual(lo.requiredFte.tier2 - 1e-12);
          expect(hi.requiredFte.tier3).toBeGreaterThanOrEqual(lo.requiredFte.tier3 - 1e-12);
          expect(hi.requiredFte.total).toBeGreaterThanOrEqual(lo.requiredFte.total - 1e-12);
        },
      ),
      { seed: 1212, numRuns: 40 },
    );
  });
});

describe('each queued channel on its own shape and target', () => {
  it('a voice shape equal to the scenario shape changes nothing', () => {
    const same = planCapacity({ ...FLAT, shapes: { voice: { weekdayShares: [1, 1, 1, 1, 1, 0, 0], intradayProfile: Array.from({ length: 20 }, () => 1) } } });
    expect(same.months[0]!.requiredFte).toEqual(planCapacity(FLAT).months[0]!.requiredFte);
  });

  it('voice all on Mondays: one day of twenty equal intervals, by the staffing engine', () => {
    const m = planCapacity({ ...FLAT, shapes: { voice: { weekdayShares: [1, 0, 0, 0, 0, 0, 0] } } }).months[0]!;
    // A week's 1,500 × 12 ÷ 52 = 346.15 calls all on Monday, ÷ 20 intervals = 17.31 calls a
    // half-hour at 420 s, 80% in 30 s: N agents (Erlang C), N × 20 × 0.5 h a week.
    const n = staff({ calls: (1500 * 12) / 52 / 20, aht: 420, intervalMinutes: 30, answerWithin: 30, serviceLevel: 0.8 }).agents;
    expect(n).toBe(7);
    // Voice 7 × 10 h = 70 h a week (the flat week needs 3 agents × 50 h = 150 h: one busy day pools
    // the week's calls, so fewer agent-hours in all but 7 agents at once, not 3); email 60 × 480 s and portal 90 × 360 s a month =
    // (8 + 9) h × 12 ÷ 52 ÷ 0.85 = 4.6154 h a week; Tier 1 = (70 + 4.6154) ÷ 30 FTE.
    expect(m.requiredFte.tier1).toBeCloseTo((70 + (17 * 12) / 52 / 0.85) / 30, 9);
  });

  it('a chat shape leaves voice alone, and chat is sized on its own target', () => {
    const withChat: ScenarioInput = { ...FLAT, contactRates: { ...FLAT.contactRates, chat: 0.02 } };
    const a = planCapacity(withChat).months[0]!;
    const b = planCapacity({ ...withChat, shapes: { chat: { weekdayShares: [0, 0, 0, 0, 0, 1, 1] } }, serviceLevel: { chat: 0.5 } }).months[0]!;
    expect(b.contacts).toEqual(a.contacts);
    expect(b.peakAgents.voice).toBe(a.peakAgents.voice);
    expect(b.agentHoursPerWeek.voice).toBe(a.agentHoursPerWeek.voice);
    expect(b.agentHoursPerWeek.chat).not.toBe(a.agentHoursPerWeek.chat);
  });
});

describe('binding constraints month by month', () => {
  it('a contract floor of 1 member-services FTE per 3,500 enrollees binds only in the month it exceeds the workload', () => {
    const plan = planCapacity({
      ...FLAT,
      members: undefined,
      months: 2,
      plans: [{ id: 'mcd', members: [8000, 40_000] }],
      contractFloors: [{ name: 'Medicaid model contract', membersPerFte: 3500, applies: 'total' }],
    } as ScenarioInput);
    const [small, large] = plan.months as [(typeof plan.months)[0], (typeof plan.months)[0]];
    // 8,000 members: floor 8,000 ÷ 3,500 = 2.29 FTE, below the workload's 4.54 in all (Tier 3 at
    // its 0.5 minimum): the service level sets Tier 1, the minimum sets Tier 3.
    expect(small.bindingConstraint).toBe('service level');
    expect(small.bindingByTier).toEqual({ tier1: 'service level', tier2: 'workload', tier3: 'Tier-3 minimum' });
    expect(small.requiredFte.tier1).toBe(small.workloadFte.tier1);
    // 40,000 members: floor 40,000 ÷ 3,500 = 11.428571 FTE against a workload total of
    // tier1 + tier2 + 0.5; the shortfall goes to Tier 1, so the total is the floor exactly.
    const workloadTotal = large.workloadFte.tier1 + large.workloadFte.tier2 + 0.5;
    expect(workloadTotal).toBeLessThan(40_000 / 3500);
    expect(large.bindingConstraint).toBe('Medicaid model contract');
    expect(large.bindingByTier.tier1).toBe('Medicaid model contract');
    expect(large.requiredFte.tier1).toBeCloseTo(large.workloadFte.tier1 + 40_000 / 3500 - workloadTotal, 12);
    expect(large.requiredFte.total).toBeCloseTo(40_000 / 3500, 12);
  });
});

describe('the check against the rule of thumb: where and why', () => {
  it('the flat block by hand: at the midpoint, nothing to explain', () => {
    const r = planCapacity(FLAT).ruleOfThumb;
    // Tier 1 = 5 + 2/13 = 5.1538 FTE (test/unit/capacity.test.ts); 15,000 ÷ 5.1538 = 2,910 members
    // per FTE; the midpoint 15,000 ÷ 3,000 = 5.0, 3.1% below it: within 5%, so no reasons.
    // Voice occupancy: 1,500 × 12 ÷ 52 = 346.15 calls a week × 420 s = 40.385 h of work over the
    // 150 agent-hours Erlang C staffs = 26.9%.
    expect(r.tier1Fte).toBeCloseTo(5 + 2 / 13, 12);
    expect(r.voiceOccupancy).toBeCloseTo((((1500 * 12) / 52) * 420) / 3600 / 150, 12);
    expect(r.tier2Range).toEqual([1, 2]);
    expect(r.where).toBe('5.2 Tier-1 FTE for 15,000 members (2,910 per FTE): within the range 4.3–6.0, at its midpoint of 5.0; Tier 2 1.2 FTE (within 1.0–2.0); Tier 3 0.5 FTE.');
    expect(r.reasons).toEqual([]);
  });

  it('the defaults: within, near the top, because the queue is small', () => {
    const r = planCapacity({ members: 15_000, startMonth: '2027-01' }).ruleOfThumb;
    expect(r.verdict).toBe('within');
    expect(r.tier2Verdict).toBe('within');
    expect(r.where).toMatch(
      /^5\.7 Tier-1 FTE for 15,000 members \(2,613 per FTE\): within the range 4\.3–6\.0, 15% above its midpoint of 5\.0; Tier 2 1\.1 FTE \(within 1\.0–2\.0\); Tier 3 0\.5 FTE\.$/,
    );
    expect(r.reasons[1]).toMatch(/^a queue this small keeps voice agents busy only 30% of their staffed time at the 80% in 30 s target/);
  });
});

describe('deflection and tier handle times: monotone', () => {
  const base = (extra: Partial<ScenarioInput>): ScenarioInput => ({ members: 15_000, startMonth: '2027-03', months: 4, ...extra });
  it('more net deflection never raises FTE; a larger AHT rise of the contacts left never lowers it', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 0.6, noNaN: true }), fc.double({ min: 0, max: 0.3, noNaN: true }), fc.double({ min: 0, max: 0.5, noNaN: true }), (share, more, rise) => {
        const lo = planCapacity(base({ deflection: { share, ahtRise: rise } }));
        const hi = planCapacity(base({ deflection: { share: share + more, ahtRise: rise } }));
        const harder = planCapacity(base({ deflection: { share, ahtRise: rise + more } }));
        lo.months.forEach((m, k) => {
          expect(hi.months[k]!.requiredFte.total).toBeLessThanOrEqual(m.requiredFte.total + 1e-9);
          expect(harder.months[k]!.requiredFte.total).toBeGreaterThanOrEqual(m.requiredFte.total - 1e-9);
        });
      }),
      { seed: 1213, numRuns: 20 },
    );
  });
  it('a longer Tier-2 handle time on any channel never lowers Tier-2 FTE', () => {
    fc.assert(
      fc.property(fc.integer({ min: 60, max: 3600 }), fc.integer({ min: 0, max: 1800 }), fc.constantFrom('voice', 'chat', 'email', 'portal'), (aht, more, channel) => {
        const lo = planCapacity(base({ tierAht: { tier2: { [channel]: aht } } }));
        const hi = planCapacity(base({ tierAht: { tier2: { [channel]: aht + more } } }));
        lo.months.forEach((m, k) => expect(hi.months[k]!.requiredFte.tier2).toBeGreaterThanOrEqual(m.requiredFte.tier2 - 1e-12));
      }),
      { seed: 1214, numRuns: 30 },
    );
  });
});
