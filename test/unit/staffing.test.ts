/**
 * The staffing entry point: solving and evaluating under Erlang C, A and B, targets,
 * validation, shrinkage to FTE and whole heads, and the laws of the solver.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createStaffingEvaluator, staff, staffingCurve, type StaffingInput } from '../../server/wfm/staffing.ts';
import { validateStaffingInput } from '../../server/wfm/staffingSchema.ts';
import { ceilExact, fteFromAgentHours, scheduledHeads, totalShrinkage } from '../../server/wfm/shrinkage.ts';
import { InputError } from '../../server/wfm/inputError.ts';

// Call Centre Helper worked example (https://www.callcentrehelper.com/erlang-c-formula-example-121281.htm;
// ../shared/reference-cases/erlang.json C-CCH-01): 100 calls in 30 minutes, AHT 180 s, 80% in
// 20 s, max occupancy 85%, shrinkage 30%.
const CCH: StaffingInput = {
  calls: 100,
  intervalMinutes: 30,
  aht: 180,
  answerWithin: 20,
  serviceLevel: 0.8,
  maxOccupancy: 0.85,
  shrinkage: 0.3,
};

describe('staff: Erlang C', () => {
  it('solves the worked example: 10 Erlangs → 14 agents → 20 scheduled after 30% shrinkage', () => {
    // A = 100 × 180 / 1800 = 10. SL(13) = 0.7956 < 0.8 ≤ SL(14) = 0.88835, so N = 14.
    // Occupancy 10/14 = 71.4% < 85%. FTE = 14 / (1 − 0.3) = 20 exactly — not 21, although
    // 14 / (1 − 0.3) is 20.000000000000004 in floating point.
    const r = staff(CCH);
    expect(r.model).toBe('erlang-c');
    expect(r.trafficErlangs).toBeCloseTo(10, 12);
    expect(r.agents).toBe(14);
    expect(Math.abs(r.serviceLevel - 0.88835)).toBeLessThan(0.0005);
    expect(Math.abs(r.probWait - 0.1741319)).toBeLessThan(0.0005);
    expect(Math.abs(r.asa! - 7.8359)).toBeLessThan(0.05);
    expect(Math.abs(r.occupancy - 0.7142857)).toBeLessThan(0.0005);
    expect(r.probAbandon).toBeNull();
    expect(r.fte).toBeCloseTo(20, 12);
    expect(r.scheduledAgents).toBe(20);
    expect(r.meetsTargets).toBe(true);
  });

  it('evaluates a given staffing, and says when it misses the targets', () => {
    const r13 = staff({ ...CCH, agents: 13 });
    expect(r13.agents).toBe(13);
    expect(Math.abs(r13.serviceLevel - 0.7955947884)).toBeLessThan(1e-9);
    expect(r13.meetsTargets).toBe(false);
    const r10 = staff({ ...CCH, agents: 10 }); // N = A: unstable
    expect(r10.serviceLevel).toBe(0);
    expect(r10.asa).toBeNull();
    expect(r10.probWait).toBe(1);
    expect(r10.meetsTargets).toBe(false);
  });

  it('the binding target decides: ASA 5 s needs 15 agents; occupancy 70% needs 15', () => {
    // ASA(14) = 7.84 s > 5; ASA(15) = 0.10204·180/5 = 3.67 s.
    expect(staff({ ...CCH, asa: 5 }).agents).toBe(15);
    // Occupancy 10/14 = 0.714 > 0.70; 10/15 = 0.667.
    expect(staff({ ...CCH, maxOccupancy: 0.7 }).agents).toBe(15);
    // SL target 0 still needs a stable queue: N > A.
    expect(staff({ ...CCH, serviceLevel: 0, maxOccupancy: undefined }).agents).toBe(11);
  });

  it('needs nobody for an empty interval', () => {
    const r = staff({ ...CCH, calls: 0 });
    expect(r.agents).toBe(0);
    expect(r.meetsTargets).toBe(true);
    expect(r.serviceLevel).toBe(1);
    expect(r.scheduledAgents).toBe(0);
  });

  it('handles fractional calls (forecasts): 33.3 calls / 15 min at 300 s = 11.1 Erlangs', () => {
    const r = staff({ calls: 33.3, intervalMinutes: 15, aht: 300, answerWithin: 20 });
    expect(r.trafficErlangs).toBeCloseTo(11.1, 12);
    const before = staff({ calls: 33.3, intervalMinutes: 15, aht: 300, answerWithin: 20, agents: r.agents - 1 });
    expect(before.serviceLevel).toBeLessThan(0.8);
    expect(r.serviceLevel).toBeGreaterThanOrEqual(0.8);
  });
});

describe('occupancy cap compared exactly', () => {
  it('153 calls × 360 s in 15 minutes at a cap of 85% needs 72 agents, not 73', () => {
    // A = 153 × 360 / 900 = 61.2 Erlangs; 61.2 / 72 = 0.85 exactly (153·360·100 = 5,508,000
    // = 85·72·900), though 61.2 / 72 is 0.8500000000000001 in floating point. 61.2 / 71 =
    // 0.862 > 0.85. With the SL target off (0), the cap decides: 72.
    const input: StaffingInput = { calls: 153, intervalMinutes: 15, aht: 360, answerWithin: 20, serviceLevel: 0, maxOccupancy: 0.85 };
    expect(staff(input).agents).toBe(72);
    const at72 = staff({ ...input, agents: 72 });
    expect(at72.meetsTargets).toBe(true);
    expect(staff({ ...input, agents: 71 }).meetsTargets).toBe(false);
    // Erlang A evaluates the same cap the same way (occupancy there is carried load / N).
    expect(staff({ ...input, model: 'erlang-a', patience: 1e9 }).agents).toBe(72);
  });

  it('law: the cap answer is the smallest N with A/N ≤ cap (and N > A), in integer arithmetic', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3000 }), fc.integer({ min: 30, max: 1200 }), fc.constantFrom(15, 30, 60), fc.integer({ min: 50, max: 100 }), (calls, aht, minutes, pct) => {
        const L = minutes * 60;
        const work = calls * aht; // A = work / L
        // A/N ≤ pct/100 ⇔ 100·work ≤ pct·N·L; N > A ⇔ work < N·L.
        let n = 1;
        while (!(100 * work <= pct * n * L && work < n * L)) n++;
        const r = staff({ calls, intervalMinutes: minutes, aht, answerWithin: 20, serviceLevel: 0, maxOccupancy: pct / 100 });
        expect(r.agents).toBe(n);
      }),
      { numRuns: 3000, seed: 85 },
    );
  });
});

describe('staff: Erlang A and B', () => {
  it('Erlang A on the worked example with 60 s patience needs 12 agents (A-COMP-01 at N = 12)', () => {
    // At N = 12: answered within 20 s / arrivals = 0.860300659648 ≥ 0.8, occupancy 0.770 ≤ 0.85.
    const r = staff({ ...CCH, model: 'erlang-a', patience: 60 });
    expect(r.agents).toBe(12);
    expect(Math.abs(r.serviceLevel - 0.860300659648)).toBeLessThan(1e-6);
    expect(Math.abs(r.probAbandon! - 0.0759017969335)).toBeLessThan(1e-6);
    expect(Math.abs(r.occupancy - 0.770081835889)).toBeLessThan(1e-6);
    expect(staff({ ...CCH, model: 'erlang-a', patience: 60, agents: 11 }).meetsTargets).toBe(false);
    // An abandon ceiling of 5% binds: P(ab) at 12 is 7.6%.
    const capped = staff({ ...CCH, model: 'erlang-a', patience: 60, maxAbandon: 0.05 });
    expect(capped.agents).toBeGreaterThan(12);
    expect(capped.probAbandon!).toBeLessThanOrEqual(0.05);
    expect(staff({ ...CCH, model: 'erlang-a', patience: 60, maxAbandon: 0.05, agents: capped.agents - 1 }).probAbandon!).toBeGreaterThan(0.05);
  });

  it('Erlang A service-level variants (A-COMP-01 values)', () => {
    const at = (slVariant: StaffingInput['slVariant']) => staff({ ...CCH, model: 'erlang-a', patience: 60, agents: 12, slVariant }).serviceLevel;
    expect(Math.abs(at('answered_of_answered') - 0.930962376934)).toBeLessThan(1e-6);
    expect(Math.abs(at('answered_of_offered_excl_abandoned_within') - 0.906917822129)).toBeLessThan(1e-6);
    // (answered within T + abandoned within T) / offered ≥ answered within T / offered.
    expect(at('answered_or_abandoned_within_of_offered')).toBeGreaterThan(0.860300659648);
  });

  it('Erlang B: lines for a blocking target; SL = 1 − B under the default variant', () => {
    // 10 Erlangs at 1% blocking need 18 lines (B(17,10) = 0.0129, B(18,10) = 0.0071;
    // the ITU table: 18 circuits carry 10.437 Erlangs at 1%, 17 carry 9.6516).
    const r = staff({ calls: 100, intervalMinutes: 30, aht: 180, answerWithin: 20, model: 'erlang-b', maxBlocking: 0.01, serviceLevel: 0 });
    expect(r.agents).toBe(18);
    expect(r.probBlocked!).toBeLessThan(0.01);
    expect(r.serviceLevel).toBeCloseTo(1 - r.probBlocked!, 15);
    expect(r.asa).toBe(0);
    // Occupancy = carried load / lines = 10·(1 − B)/18.
    expect(r.occupancy).toBeCloseTo((10 * (1 - r.probBlocked!)) / 18, 15);
  });
});

describe('validation names the field', () => {
  const bad: [Partial<StaffingInput> & Record<string, unknown>, string][] = [
    [{ calls: -1 }, 'calls'],
    [{ aht: 0 }, 'aht'],
    [{ serviceLevel: 1, answerWithin: 0 }, 'serviceLevel'],
    [{ serviceLevel: 1.2 }, 'serviceLevel'],
    [{ intervalMinutes: 0 }, 'intervalMinutes'],
    [{ answerWithin: -5 }, 'answerWithin'],
    [{ model: 'erlang-a' }, 'patience'],
    [{ maxAbandon: 0.05 }, 'maxAbandon'],
    [{ agents: 2.5 }, 'agents'],
    [{ shrinkage: 1 }, 'shrinkage'],
    [{ model: 'erlang-x' as never }, 'model'],
    [{ calls: 1e12 }, 'calls'],
  ];
  it.each(bad)('%o → %s', (patch, field) => {
    const input = { ...CCH, ...patch };
    try {
      validateStaffingInput(input);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).field).toBe(field);
      // staff() applies the same schema and refuses with the same message.
      expect(() => staff(input as StaffingInput)).toThrow((e as InputError).message);
    }
  });

  it('rejects unknown fields and non-numbers', () => {
    expect(() => validateStaffingInput({ ...CCH, foo: 1 })).toThrow('invalid foo: unknown field');
    expect(() => validateStaffingInput({ ...CCH, calls: '100' })).toThrow('invalid calls: must be a number');
    expect(validateStaffingInput(CCH)).toEqual(CCH);
  });

  it('refuses an Erlang A evaluation whose queue is too long to sum exactly, naming patience', () => {
    const input: StaffingInput = { calls: 50_000, intervalMinutes: 15, aht: 300, answerWithin: 20, model: 'erlang-a', patience: 1e9, agents: 10 };
    expect(() => staff(input)).toThrow(InputError);
    expect(() => staff(input)).toThrow(/^invalid patience:/);
  });
});

describe('shrinkage', () => {
  it('turns agents into FTE and whole heads exactly', () => {
    // The worked example: 14 / (1 − 0.3) = 20 heads.
    expect(scheduledHeads(14, 0.3)).toBe(20);
    // Where floating point does add a sliver: 2 / (1 − 0.8) is 10.000000000000002 and
    // 1 / (1 − 0.9) is 10.000000000000002, which Math.ceil makes 11. Exactly 10 each.
    expect(Math.ceil(2 / (1 - 0.8))).toBe(11);
    expect(scheduledHeads(2, 0.8)).toBe(10);
    expect(scheduledHeads(1, 0.9)).toBe(10);
    // 0.1 + 0.2 = 0.30000000000000004 as a breakdown total: still 20.
    expect(scheduledHeads(14, totalShrinkage({ breaks: 0.1, training: 0.2 }))).toBe(20);
    // A real fraction still rounds up: 15 / 0.7 = 21.43 → 22.
    expect(scheduledHeads(15, 0.3)).toBe(22);
    expect(ceilExact(3.0000001)).toBe(4);
    expect(ceilExact(19.999999999999982)).toBe(20);
  });

  it('adds a breakdown, or combines it multiplicatively', () => {
    // 0.0833 + 0.0625 + 0.04 + 0.03 + 0.06 + 0.04 + 0.02 = 0.3358
    const b = { breaks: 0.0833, lunch: 0.0625, training: 0.04, meetings: 0.03, pto: 0.06, absenteeism: 0.04, coaching: 0.02 };
    expect(totalShrinkage(b)).toBeCloseTo(0.3358, 12);
    // 1 − (1 − 0.1)(1 − 0.2) = 0.28
    expect(totalShrinkage({ pto: 0.1, absenteeism: 0.2 }, 'multiplicative')).toBeCloseTo(0.28, 12);
    expect(() => totalShrinkage({ pto: 0.6, absenteeism: 0.5 })).toThrow(/^invalid shrinkage:/);
    expect(() => totalShrinkage({ pto: -0.1 })).toThrow(/^invalid shrinkage\.pto:/);
  });

  it('converts agent-hours to paid FTE: 1,400 h / 0.7 / 40 h = 50', () => {
    expect(fteFromAgentHours(1400, 0.3, 40)).toBeCloseTo(50, 12);
  });

  it('law: whole heads are the least integer h with h·(1 − s) ≥ agents (up to float noise)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 0, max: 95 }), (agents, pct) => {
        const s = pct / 100;
        const heads = scheduledHeads(agents, s);
        // Exact integer arithmetic: heads·(100 − pct) ≥ 100·agents > (heads − 1)·(100 − pct).
        expect(heads * (100 - pct)).toBeGreaterThanOrEqual(100 * agents);
        if (heads > 0) expect((heads - 1) * (100 - pct)).toBeLessThan(100 * agents);
      }),
      { numRuns: 500, seed: 3 },
    );
  });
});

describe('staffingCurve and the evaluator', () => {
  it('gives the same numbers as staff() for every N', () => {
    const curve = staffingCurve(CCH, 9, 16);
    expect(curve.map((r) => r.agents)).toEqual([9, 10, 11, 12, 13, 14, 15, 16]);
    for (const r of curve) expect(r).toEqual(staff({ ...CCH, agents: r.agents }));
    expect(curve.find((r) => r.meetsTargets)!.agents).toBe(14);
    const a = { ...CCH, model: 'erlang-a' as const, patience: 90 };
    const ev = createStaffingEvaluator(a);
    expect(ev.solve()).toEqual(staff(a));
    expect(ev.at(13)).toEqual(staff({ ...a, agents: 13 }));
  });
});

describe('solver laws', () => {
  const arbInput = fc.record({
    calls: fc.double({ min: 0.5, max: 4000, noNaN: true }),
    intervalMinutes: fc.constantFrom(15, 30, 60),
    aht: fc.double({ min: 30, max: 900, noNaN: true }),
    answerWithin: fc.double({ min: 0, max: 120, noNaN: true }),
    serviceLevel: fc.double({ min: 0.5, max: 0.95, noNaN: true }),
    asa: fc.option(fc.double({ min: 5, max: 120, noNaN: true }), { nil: undefined }),
    maxOccupancy: fc.option(fc.double({ min: 0.7, max: 0.95, noNaN: true }), { nil: undefined }),
  });

  it('Erlang C: the required N meets the targets and N − 1 does not', () => {
    fc.assert(
      fc.property(arbInput, (input) => {
        const r = staff(input);
        expect(r.meetsTargets).toBe(true);
        expect(r.agents).toBeGreaterThan(r.trafficErlangs);
        expect(staff({ ...input, agents: r.agents - 1 }).meetsTargets).toBe(false);
      }),
      { numRuns: 200, seed: 21 },
    );
  });

  it('Erlang A: the required N meets the targets and N − 1 does not (with an abandon ceiling)', () => {
    fc.assert(
      fc.property(arbInput, fc.double({ min: 10, max: 600, noNaN: true }), fc.option(fc.double({ min: 0.01, max: 0.2, noNaN: true }), { nil: undefined }), (base, patience, maxAbandon) => {
        const input: StaffingInput = { ...base, model: 'erlang-a', patience, maxAbandon };
        const r = staff(input);
        expect(r.meetsTargets).toBe(true);
        if (r.agents > 1) expect(staff({ ...input, agents: r.agents - 1 }).meetsTargets).toBe(false);
        for (const v of [r.serviceLevel, r.probWait, r.probAbandon!, r.occupancy]) expect(Number.isFinite(v)).toBe(true);
      }),
      { numRuns: 120, seed: 22 },
    );
  });

  it('results are finite (or null where undefined) across the supported range', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 4900, noNaN: true }),
        fc.integer({ min: 0, max: 5000 }),
        fc.constantFrom('erlang-c', 'erlang-a', 'erlang-b') as fc.Arbitrary<'erlang-c' | 'erlang-a' | 'erlang-b'>,
        fc.double({ min: 1, max: 3600, noNaN: true }),
        (traffic, agents, model, aht) => {
          // Keep Erlang A inside its exact-evaluation budget (patience ≥ 1 s, queue ≤ 10⁶).
          const patience = 120;
          if (model === 'erlang-a' && (traffic / aht - agents / aht) * patience > 1e6) return;
          const r = staff({ calls: (traffic * 1800) / aht, intervalMinutes: 30, aht, answerWithin: 20, model, patience, agents });
          for (const [k, v] of Object.entries(r)) {
            if (v === null || typeof v !== 'number') continue;
            expect(Number.isFinite(v), k).toBe(true);
          }
          expect(r.serviceLevel).toBeGreaterThanOrEqual(0);
          expect(r.serviceLevel).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 150, seed: 23 },
    );
  });
});
