/**
 * The seeded PRNG and the discrete-event simulator: determinism, hand-checked edge cases,
 * Student-t quantiles, and simulation against the Erlang C / Erlang A formulas within the
 * simulator's 99% confidence interval on a small grid of loads.
 */
import { describe, expect, it } from 'vitest';
import { createRng, normalSampler, xoshiro128ss } from '../../server/wfm/random.ts';
import { estimate, simulate, studentTQuantile, type SimInterval } from '../../server/wfm/simulate.ts';
import { erlangA } from '../../server/wfm/erlangA.ts';
import { erlangCMetrics } from '../../server/wfm/erlang.ts';

describe('random', () => {
  it('xoshiro128** reproduces the reference sequence from state (1, 2, 3, 4)', () => {
    // By hand from the algorithm (Blackman & Vigna, xoshiro128starstar.c):
    // out₁ = rotl(2·5, 7)·9 = 1280·9 = 11520; then s = (7, 0, 1026, 12288) → out₂ = rotl(0, 7)·9 = 0;
    // then s = (12295, 1029, 1029, 25165824) → out₃ = rotl(1029·5, 7)·9 = 658560·9 = 5927040.
    const rng = xoshiro128ss(1, 2, 3, 4);
    expect(rng() * 2 ** 32).toBe(11520);
    expect(rng() * 2 ** 32).toBe(0);
    expect(rng() * 2 ** 32).toBe(5927040);
  });

  it('is deterministic per seed, different across seeds, and uniform on [0, 1)', () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const xs = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c())).not.toEqual(xs);
    const r = createRng(7);
    let sum = 0;
    let sq = 0;
    let inRange = true;
    const n = 200_000;
    for (let i = 0; i < n; i++) {
      const u = r();
      if (!(u >= 0 && u < 1)) inRange = false;
      sum += u;
      sq += u * u;
    }
    expect(inRange).toBe(true);
    // Mean 1/2 ± 4·sqrt(1/12/n) = ±0.0026; variance 1/12 = 0.0833.
    expect(Math.abs(sum / n - 0.5)).toBeLessThan(0.0026);
    expect(Math.abs(sq / n - (sum / n) ** 2 - 1 / 12)).toBeLessThan(0.002);
    const z = normalSampler(createRng(8));
    let m = 0;
    let v = 0;
    for (let i = 0; i < n; i++) {
      const x = z();
      m += x;
      v += x * x;
    }
    expect(Math.abs(m / n)).toBeLessThan(0.01); // 4σ = 4/sqrt(n) ≈ 0.009
    expect(Math.abs(v / n - 1)).toBeLessThan(0.02);
  });
});

describe('Student t quantiles', () => {
  it('match the published two-sided 99% table', () => {
    // NIST/SEMATECH e-Handbook, Table 1.3.6.7.2 (upper 0.995 critical values).
    expect(studentTQuantile(0.99, 1)).toBeCloseTo(63.657, 3);
    expect(studentTQuantile(0.99, 2)).toBeCloseTo(9.925, 3);
    expect(studentTQuantile(0.99, 5)).toBeCloseTo(4.032, 3);
    expect(studentTQuantile(0.99, 10)).toBeCloseTo(3.169, 3);
    expect(studentTQuantile(0.99, 29)).toBeCloseTo(2.756, 3);
    expect(studentTQuantile(0.95, 30)).toBeCloseTo(2.042, 3);
    // ν = 2 in closed form: t = sqrt(2/(α(2−α)) − 2) with α = 0.01 → sqrt(2/0.0199 − 2) = 9.9248.
    expect(studentTQuantile(0.99, 2)).toBeCloseTo(Math.sqrt(2 / (0.01 * 1.99) - 2), 9);
  });

  it('estimate: mean ± t·s/√n', () => {
    // xs = 1, 2, 3, 4: mean 2.5, s = sqrt(5/3) = 1.29099, t(0.99, 3) = 5.8409 → ±3.7703.
    const e = estimate([1, 2, 3, 4], 0.99);
    expect(e.mean).toBe(2.5);
    expect(e.halfWidth!).toBeCloseTo((5.840909 * Math.sqrt(5 / 3)) / 2, 4);
    expect(estimate([], 0.99).mean).toBeNull();
  });
});

const steady = (intervals: number, calls: number, agents: number): SimInterval[] => Array.from({ length: intervals }, () => ({ calls, agents }));

describe('simulate: edge cases', () => {
  it('is reproducible for a seed', () => {
    const opts = { intervalMinutes: 30, aht: 180, answerWithin: 20, replications: 3 };
    const a = simulate(steady(2, 100, 12), opts, createRng(5));
    const b = simulate(steady(2, 100, 12), opts, createRng(5));
    expect(a).toEqual(b);
  });

  it('no calls: nothing simulated, ratios null rather than 0', () => {
    const r = simulate(steady(3, 0, 5), { intervalMinutes: 15, aht: 300, answerWithin: 20, replications: 2 }, createRng(1));
    expect(r.contacts).toBe(0);
    expect(r.serviceLevel.mean).toBeNull();
    expect(r.asa.mean).toBeNull();
    expect(r.occupancy.mean).toBe(0);
  });

  it('ample agents: nobody waits, SL 1, and occupancy is the offered load per agent', () => {
    // 60 calls / 30 min at 120 s = 4 Erlangs over 200 agents: occupancy ≈ 4/200 = 0.02
    // (mean of a random quantity; the CI must cover it).
    const r = simulate(steady(10, 60, 200), { intervalMinutes: 30, aht: 120, answerWithin: 0, replications: 20 }, createRng(2));
    expect(r.serviceLevel.mean).toBe(1);
    expect(r.asa.mean).toBe(0);
    expect(r.probWait.mean).toBe(0);
    expect(r.occupancy.low!).toBeLessThan(0.02);
    expect(r.occupancy.high!).toBeGreaterThan(0.02);
  });

  it('nobody staffed and impatient callers: everyone abandons', () => {
    const r = simulate([{ calls: 50, agents: 0 }], { intervalMinutes: 30, aht: 120, answerWithin: 20, patience: 30, replications: 5 }, createRng(3));
    expect(r.probAbandon.mean).toBe(1);
    expect(r.serviceLevel.mean).toBe(0);
    expect(r.asa.mean).toBeNull();
  });

  it('names the field of invalid input', () => {
    const o = { intervalMinutes: 30, aht: 180, answerWithin: 20 };
    expect(() => simulate([], o, createRng(1))).toThrow(/^invalid intervals:/);
    expect(() => simulate([{ calls: -1, agents: 2 }], o, createRng(1))).toThrow(/^invalid intervals\.0\.calls:/);
    expect(() => simulate([{ calls: 1, agents: 1.5 }], o, createRng(1))).toThrow(/^invalid intervals\.0\.agents:/);
    expect(() => simulate([{ calls: 1, agents: 0 }], o, createRng(1))).toThrow(/^invalid intervals\.0\.agents:/);
    expect(() => simulate(steady(1, 1, 1), { ...o, aht: 0 }, createRng(1))).toThrow(/^invalid aht:/);
    expect(() => simulate(steady(1, 1, 1), { ...o, replications: 1 }, createRng(1))).toThrow(/^invalid replications:/);
    expect(() => simulate(steady(1, 1e7, 1), { ...o, replications: 10 }, createRng(1))).toThrow(/^invalid replications:/);
  });
});

describe('simulate vs formulas (within the 99% CI)', () => {
  // 24 intervals of 30 min (12 h), the first 2 a warm-up; 25 replications. Erlang's
  // stationary values should sit inside the simulator's 99% confidence intervals.
  const opts = { intervalMinutes: 30, aht: 180, answerWithin: 20, replications: 25, warmupIntervals: 2 };
  const grid: [number, number][] = [
    // calls per 30 min, agents → A = calls·180/1800
    [50, 7], // A = 5
    [100, 13], // A = 10
    [200, 23], // A = 20
  ];
  it.each(grid)('Erlang C: %i calls / 30 min, %i agents', (calls, agents) => {
    const r = simulate(steady(24, calls, agents), opts, createRng(100 + agents));
    const f = erlangCMetrics(agents, (calls * 180) / 1800, 180, 20);
    for (const [name, est, value] of [
      ['SL', r.serviceLevel, f.serviceLevel],
      ['ASA', r.asa, f.asa!],
      ['P(wait)', r.probWait, f.probWait],
      ['occupancy', r.occupancy, f.occupancy],
    ] as const) {
      expect(value, name).toBeGreaterThanOrEqual(est.low!);
      expect(value, name).toBeLessThanOrEqual(est.high!);
    }
  });

  const gridA: [number, number, number][] = [
    [100, 12, 60], // A = 10, θ = 60 s (reference case A-COMP-01)
    [200, 18, 120], // A = 20 > N = 18: overloaded, held stable by abandonment
  ];
  it.each(gridA)('Erlang A: %i calls / 30 min, %i agents, patience %i s', (calls, agents, patience) => {
    const r = simulate(steady(24, calls, agents), { ...opts, patience }, createRng(200 + agents));
    const f = erlangA({ agents, arrivalRate: calls / 1800, aht: 180, patience, answerWithin: 20 });
    for (const [name, est, value] of [
      ['SL', r.serviceLevel, f.answeredWithin],
      ['ASA', r.asa, f.asa!],
      ['P(abandon)', r.probAbandon, f.probAbandon],
      ['occupancy', r.occupancy, f.occupancy],
    ] as const) {
      expect(value, name).toBeGreaterThanOrEqual(est.low!);
      expect(value, name).toBeLessThanOrEqual(est.high!);
    }
  });
});

describe('simulate: steady state by default', () => {
  // The case: 250 calls in 30 min at AHT 360 s on 57 agents. A = 250 × 360 / 1800 =
  // 50 Erlangs; Erlang C: SL(20 s) = 83.3%. One interval from an empty centre simulated
  // 97.1%, because the first calls find every agent free.
  const ivs = steady(8, 250, 57);
  const opts = { intervalMinutes: 30, aht: 360, answerWithin: 20 };
  const erlangC = erlangCMetrics(57, 50, 360, 20);

  it('the default run warms up first, and Erlang C lies inside its confidence interval', () => {
    expect(erlangC.serviceLevel).toBeCloseTo(0.8329, 4);
    const r = simulate(ivs, opts, createRng(1));
    // Warm-up: ⌈20 handle times × 360 s / 1800 s⌉ = 4 intervals at the first interval's load.
    expect(r.simulated).toEqual({ start: 'steady', leadIntervals: 4, warmupIntervals: 0, countedIntervals: 8, intervalMinutes: 30, replications: 30, note: null });
    expect(r.intervals).toHaveLength(8);
    expect(r.intervals[0]!.index).toBe(0);
    for (const [name, est, value] of [
      ['SL', r.serviceLevel, erlangC.serviceLevel],
      ['ASA', r.asa, erlangC.asa!],
      ['P(wait)', r.probWait, erlangC.probWait],
      ['occupancy', r.occupancy, erlangC.occupancy],
    ] as const) {
      expect(value, name).toBeGreaterThanOrEqual(est.low!);
      expect(value, name).toBeLessThanOrEqual(est.high!);
    }
  });

  it('an empty start is a transient, above the steady state, and says so', () => {
    const r = simulate(steady(1, 250, 57), { ...opts, start: 'empty' }, createRng(1));
    expect(r.simulated.start).toBe('empty');
    expect(r.simulated.leadIntervals).toBe(0);
    expect(r.serviceLevel.low!).toBeGreaterThan(erlangC.serviceLevel);
  });

  it('no steady state when the first interval is overloaded and nobody abandons: starts empty, with a note', () => {
    // 150 calls × 180 s / 1800 s = 15 Erlangs on 8 agents.
    const r = simulate(
      [
        { calls: 150, agents: 8 },
        { calls: 100, agents: 14 },
      ],
      { intervalMinutes: 30, aht: 180, answerWithin: 20, replications: 3 },
      createRng(2),
    );
    expect(r.simulated.start).toBe('empty');
    expect(r.simulated.note).toBe('the first interval has no steady state (offered load 15.00 Erlangs ≥ 8 agents and nobody abandons): started empty');
  });
});

describe('simulate: what the formulas miss', () => {
  it('a backlog carried from an overloaded interval depresses the next one', () => {
    // Interval 0: 150 calls on 8 agents (A = 15 > 8) builds a queue of patient callers;
    // interval 1 (100 calls, 14 agents) alone would reach Erlang C's 88.8%, but inherits it.
    const r = simulate(
      [
        { calls: 150, agents: 8 },
        { calls: 100, agents: 14 },
      ],
      { intervalMinutes: 30, aht: 180, answerWithin: 20, replications: 30 },
      createRng(9),
    );
    expect(r.intervals[1]!.serviceLevel!).toBeLessThan(0.5);
    expect(erlangCMetrics(14, 10, 180, 20).serviceLevel).toBeGreaterThan(0.88);
  });

  it('lognormal handle times: same mean load, but less variable handling waits less', () => {
    // Its own 2 warm-up intervals from an empty start (the run this test was checked with).
    const o = { intervalMinutes: 30, aht: 180, answerWithin: 20, replications: 20, warmupIntervals: 2, start: 'empty' as const };
    const ivs = steady(16, 100, 12);
    const expo = simulate(ivs, o, createRng(11));
    const steadyHandle = simulate(ivs, { ...o, handle: 'lognormal', handleCv: 0.3 }, createRng(11));
    // Occupancy depends on the mean only: both near A/N = 10/12.
    for (const r of [expo, steadyHandle]) {
      expect(r.occupancy.low!).toBeLessThan(10 / 12);
      expect(r.occupancy.high!).toBeGreaterThan(10 / 12);
    }
    // Kingman: queueing delay scales with (1 + cv²)/2 — about half for cv = 0.3 — which
    // Erlang C (cv = 1 by assumption) cannot see.
    expect(steadyHandle.asa.high!).toBeLessThan(expo.asa.low!);
    expect(steadyHandle.serviceLevel.mean!).toBeGreaterThan(expo.serviceLevel.mean!);
  });

  it('when staffing drops, busy agents finish their contacts (busy time may exceed the new roster)', () => {
    const r = simulate(
      [
        { calls: 300, agents: 40 },
        { calls: 0, agents: 0 },
        { calls: 5, agents: 2 },
      ],
      { intervalMinutes: 15, aht: 600, answerWithin: 20, replications: 5 },
      createRng(12),
    );
    // Contacts that started in interval 0 run on into interval 1, where nobody is rostered.
    expect(r.intervals[1]!.occupancy).toBeNull();
    expect(r.intervals[0]!.offered).toBeGreaterThan(250);
    expect(r.asa.mean).not.toBeNull();
  });
});
