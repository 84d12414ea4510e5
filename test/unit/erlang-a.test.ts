/**
 * Erlang A (M/M/N+M): reference cases, an independent brute-force computation (the chain's
 * stationary distribution summed directly, and the tagged caller's position chain integrated
 * as an ODE), and the laws.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { erlangA, type ErlangAMetrics } from '../../server/wfm/erlangA.ts';
import { erlangCMetrics } from '../../server/wfm/erlang.ts';

/** Brute force: π over k = 0..kMax in log space, then the tagged caller's ODE with RK4. */
function bruteForce(n: number, lambda: number, aht: number, patience: number, t: number) {
  const mu = 1 / aht;
  const gamma = 1 / patience;
  const death = (k: number) => Math.min(k, n) * mu + Math.max(0, k - n) * gamma;
  const logw = [0];
  let k = 0;
  // Stop once the weights have fallen 60 nats below their peak (and we are past it).
  let peak = 0;
  while (k < n + 5 || logw[k]! > peak - 60) {
    k++;
    logw.push(logw[k - 1]! + Math.log(lambda) - Math.log(death(k)));
    peak = Math.max(peak, logw[k]!);
  }
  const pi = logw.map((w) => Math.exp(w - peak));
  const z = pi.reduce((s, v) => s + v, 0);
  for (let i = 0; i < pi.length; i++) pi[i]! /= z;
  const probWait = pi.slice(n).reduce((s, v) => s + v, 0);
  const queue = pi.reduce((s, v, i) => s + Math.max(0, i - n) * v, 0);
  const busy = pi.reduce((s, v, i) => s + Math.min(i, n) * v, 0);

  // Tagged caller: p[i] = P(still waiting with i ahead) at time τ, starting at π_{N+i};
  // dp_i/dτ = −(Nμ + (i+1)γ)·p_i + (Nμ + (i+1)γ)·p_{i+1}; served at rate Nμ·p_0, abandons at
  // γ·Σp. Classical RK4 with typed arrays; "within T" figures are read at τ = T.
  const jMax = pi.length - n;
  const rate = Float64Array.from({ length: jMax + 1 }, (_, i) => n * mu + (i + 1) * gamma);
  const p = Float64Array.from({ length: jMax }, (_, i) => pi[n + i]!);
  const ks = [0, 1, 2, 3].map(() => new Float64Array(jMax));
  const tmp = new Float64Array(jMax);
  const deriv = (q: Float64Array, out: Float64Array) => {
    for (let i = 0; i < jMax; i++) out[i] = rate[i]! * (i + 1 < jMax ? q[i + 1]! - q[i]! : -q[i]!);
  };
  const flows = (q: Float64Array): [number, number] => {
    let sum = 0;
    for (let i = 0; i < jMax; i++) sum += q[i]!;
    return [n * mu * q[0]!, gamma * sum];
  };
  let served = 0,
    abandoned = 0,
    waitServed = 0;
  const step = (time: number, dt: number) => {
    const [k1, k2, k3, k4] = ks as [Float64Array, Float64Array, Float64Array, Float64Array];
    const f1 = flows(p);
    deriv(p, k1);
    for (let i = 0; i < jMax; i++) tmp[i] = p[i]! + (dt / 2) * k1[i]!;
    const f2 = flows(tmp);
    deriv(tmp, k2);
    for (let i = 0; i < jMax; i++) tmp[i] = p[i]! + (dt / 2) * k2[i]!;
    const f3 = flows(tmp);
    deriv(tmp, k3);
    for (let i = 0; i < jMax; i++) tmp[i] = p[i]! + dt * k3[i]!;
    const f4 = flows(tmp);
    deriv(tmp, k4);
    served += (dt / 6) * (f1[0] + 2 * f2[0] + 2 * f3[0] + f4[0]);
    abandoned += (dt / 6) * (f1[1] + 2 * f2[1] + 2 * f3[1] + f4[1]);
    waitServed += (dt / 6) * (time * f1[0] + 2 * (time + dt / 2) * (f2[0] + f3[0]) + (time + dt) * f4[0]);
    for (let i = 0; i < jMax; i++) p[i]! += (dt / 6) * (k1[i]! + 2 * k2[i]! + 2 * k3[i]! + k4[i]!);
  };
  // Steps small against the fastest rate that carries mass; the horizon long enough for the
  // waiting mass (which decays at least like e^(−γτ)) to vanish.
  const dtMax = 0.2 / (n * mu + 30 * gamma);
  const tSteps = Math.ceil(t / dtMax);
  for (let s = 0; s < tSteps; s++) step((s * t) / tSteps, t / tSteps);
  const servedT = served;
  const abandonedT = abandoned;
  const horizon = 40 / (gamma + n * mu * (1 - Math.min(0.9, lambda / (n * mu))));
  const rest = Math.ceil(horizon / dtMax);
  for (let s = 0; s < rest; s++) step(t + (s * horizon) / rest, horizon / rest);
  const noWait = 1 - probWait;
  return {
    probWait,
    probAbandon: (gamma * queue) / lambda,
    probAbandonOde: abandoned,
    answeredWithin: noWait + servedT,
    abandonedWithin: abandonedT,
    asa: waitServed / (noWait + served),
    queueLength: queue,
    occupancy: busy / n,
  };
}

function expectClose(m: ErlangAMetrics, ref: ReturnType<typeof bruteForce>, tol: number) {
  expect(Math.abs(m.probWait - ref.probWait)).toBeLessThan(tol);
  expect(Math.abs(m.probAbandon - ref.probAbandon)).toBeLessThan(tol);
  expect(Math.abs(m.probAbandon - ref.probAbandonOde)).toBeLessThan(tol);
  expect(Math.abs(m.answeredWithin - ref.answeredWithin)).toBeLessThan(tol);
  expect(Math.abs(m.abandonedWithin - ref.abandonedWithin)).toBeLessThan(tol);
  expect(Math.abs(m.queueLength - ref.queueLength)).toBeLessThan(tol * Math.max(1, ref.queueLength));
  expect(Math.abs(m.occupancy - ref.occupancy)).toBeLessThan(tol);
  expect(Math.abs(m.asa! - ref.asa)).toBeLessThan(tol * Math.max(1, ref.asa));
}

describe('Erlang A reference cases (../shared/reference-cases/erlang.json)', () => {
  it('A-COMP-01: CCH inputs, patience 60 s, 12 agents (computed independently; units minutes there)', () => {
    // λ = 100/30 per minute, AHT 3 min, θ = 1 min, N = 12, T = 20 s.
    const m = erlangA({ agents: 12, arrivalRate: 100 / 1800, aht: 180, patience: 60, answerWithin: 20 });
    expect(Math.abs(m.probWait - 0.240426108356)).toBeLessThan(1e-6);
    expect(Math.abs(m.probAbandon - 0.0759017969335)).toBeLessThan(1e-6);
    expect(Math.abs(m.occupancy - 0.770081835889)).toBeLessThan(1e-6);
    // Mean wait of served, minutes.
    expect(Math.abs(m.asa! / 60 - 0.0586638734765)).toBeLessThan(1e-6);
    // Mean wait of all arrivals = E[Q]/λ (Little) = 0.0759 min (= P(ab)·θ with θ = 1 min).
    expect(Math.abs(m.queueLength / (100 / 30) - 0.0759017969335)).toBeLessThan(1e-6);
    // Service-level variants.
    expect(Math.abs(m.answeredWithin - 0.860300659648)).toBeLessThan(1e-6);
    expect(Math.abs(m.answeredWithin / (1 - m.probAbandon) - 0.930962376934)).toBeLessThan(1e-6);
    expect(Math.abs(m.answeredWithin / (1 - m.abandonedWithin) - 0.906917822129)).toBeLessThan(1e-6);
  });

  it('A-LIMIT-15: Erlang A with patience 10⁶ minutes is Erlang C (pyworkforce test_abandonment.py)', () => {
    const m = erlangA({ agents: 15, arrivalRate: 100 / 1800, aht: 180, patience: 60e6, answerWithin: 20 });
    expect(Math.abs(m.probWait - 0.102042367008)).toBeLessThan(1e-4);
    expect(Math.abs(m.occupancy - 0.666666666667)).toBeLessThan(1e-4);
    expect(Math.abs(m.answeredWithin - 0.941452842869)).toBeLessThan(1e-3);
  });
});

describe('Erlang A against brute force', () => {
  const cases = [
    // N, λ per s, AHT, θ, T
    [12, 100 / 1800, 180, 60, 20],
    [3, 1 / 60, 240, 90, 30], // small: A = 4 > N = 3 (overloaded, stable thanks to abandonment)
    [20, 30 / 300, 300, 45, 15], // A = 30, N = 20
    [8, 6 / 600, 420, 600, 60],
  ] as const;
  it.each(cases)('N=%i λ=%d AHT=%i θ=%i T=%i', (n, lambda, aht, patience, t) => {
    const m = erlangA({ agents: n, arrivalRate: lambda, aht, patience, answerWithin: t });
    expectClose(m, bruteForce(n, lambda, aht, patience, t), 2e-7);
  });
});

describe('Erlang A behaviour', () => {
  it('is stable and near the fluid limit deep in overload (N = 100, A = 400)', () => {
    // Fluid (efficiency-driven) limit: agents all busy, so P(abandon) → 1 − N/A = 0.75 and
    // the queue → (λ − Nμ)·θ = (400/300 − 100/300)·120 = 120.
    const m = erlangA({ agents: 100, arrivalRate: 400 / 300, aht: 300, patience: 120, answerWithin: 20 });
    expect(m.probWait).toBeCloseTo(1, 12);
    expect(Math.abs(m.probAbandon - 0.75)).toBeLessThan(0.01);
    expect(Math.abs(m.queueLength - 120)).toBeLessThan(2);
    expect(m.occupancy).toBeCloseTo(1, 6);
  });

  it('stays finite where the first queue weights underflow (N·T/AHT ≫ 700)', () => {
    // x^a = e^(−NμT) = e^(−5000·60/60) underflows: the incomplete-beta walk starts scaled.
    const m = erlangA({ agents: 5000, arrivalRate: 5100 / 60, aht: 60, patience: 30, answerWithin: 60 });
    for (const v of Object.values(m)) expect(Number.isFinite(v)).toBe(true);
    expect(m.probAbandon).toBeGreaterThan(0.01);
  });

  it('counts short abandons (wait < threshold) — the same ODE integrated only to the threshold', () => {
    const m = erlangA({ agents: 12, arrivalRate: 100 / 1800, aht: 180, patience: 60, answerWithin: 20, shortAbandon: 5 });
    const ref = bruteForce(12, 100 / 1800, 180, 60, 5);
    expect(Math.abs(m.abandonedShort - ref.abandonedWithin)).toBeLessThan(2e-7);
  });

  it('laws: SL rises, ASA, P(abandon) and occupancy fall with N; all finite; P(ab) = γ·E[Q]/λ', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.5, max: 800, noNaN: true }), // offered load
        fc.double({ min: 30, max: 900, noNaN: true }), // AHT
        fc.double({ min: 5, max: 1800, noNaN: true }), // patience
        fc.double({ min: 0, max: 120, noNaN: true }), // T
        fc.double({ min: 0.3, max: 1.3, noNaN: true }), // first N as a share of A
        (a, aht, patience, t, share) => {
          const lambda = a / aht;
          const first = Math.max(1, Math.floor(a * share));
          let prev: ErlangAMetrics | null = null;
          for (let n = first; n < first + 6; n++) {
            const m = erlangA({ agents: n, arrivalRate: lambda, aht, patience, answerWithin: t });
            for (const v of Object.values(m)) expect(Number.isFinite(v)).toBe(true);
            expect(Math.abs(m.probAbandon - m.queueLength / (lambda * patience))).toBeLessThanOrEqual(1e-9 * Math.max(1e-6, m.probAbandon) + 1e-15);
            if (prev) {
              expect(m.answeredWithin).toBeGreaterThanOrEqual(prev.answeredWithin - 1e-12);
              expect(m.asa!).toBeLessThanOrEqual(prev.asa! * (1 + 1e-9) + 1e-12);
              expect(m.probAbandon).toBeLessThanOrEqual(prev.probAbandon * (1 + 1e-9) + 1e-15);
              expect(m.occupancy).toBeLessThanOrEqual(prev.occupancy + 1e-12);
            }
            prev = m;
          }
        },
      ),
      { numRuns: 150, seed: 11 },
    );
  });

  it('law: tends to Erlang C as patience grows', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.5, max: 300, noNaN: true }),
        fc.integer({ min: 1, max: 20 }),
        fc.double({ min: 30, max: 900, noNaN: true }),
        fc.double({ min: 0, max: 120, noNaN: true }),
        (a, extra, aht, t) => {
          // Keep N − A ≥ 0.5: at the critical point convergence is real but slow (the queue
          // Erlang C predicts is ~A/(N − A) long, and θ must dwarf its wait).
          const n = Math.ceil(a + 0.5) + extra - 1;
          const c = erlangCMetrics(n, a, aht, t);
          let lastGap = Infinity;
          for (const patience of [1e3 * aht, 1e5 * aht, 1e8 * aht]) {
            const m = erlangA({ agents: n, arrivalRate: a / aht, aht, patience, answerWithin: t });
            const gap = Math.max(Math.abs(m.probWait - c.probWait), Math.abs(m.answeredWithin - c.serviceLevel), Math.abs(m.occupancy - c.occupancy));
            expect(gap).toBeLessThanOrEqual(lastGap + 1e-12);
            lastGap = gap;
          }
          expect(lastGap).toBeLessThan(1e-5);
        },
      ),
      { numRuns: 60, seed: 5 },
    );
  });
});
