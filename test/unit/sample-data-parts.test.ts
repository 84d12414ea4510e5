/**
 * The building blocks of the sample-data generator: PRNG and distributions, the FCFS queue
 * with abandonment, Erlang C sizing, business-time delays, the callback pool, the local
 * calendar on daylight-saving days, surges and expected rates.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addBusinessTime } from '../../server/sample-data/deferred.ts';
import { dayCalendar, intervalIso, openWindow } from '../../server/sample-data/days.ts';
import { csvField, csvLine, isoUtc } from '../../server/sample-data/format.ts';
import { CallbackPool, memberId } from '../../server/sample-data/members.ts';
import { CHANNELS, QUEUES, REASONS } from '../../server/sample-data/model.ts';
import { simulateQueue } from '../../server/sample-data/queue-sim.ts';
import { cumulativeWeights, hashSeed, lognormalParams, logGamma, RandomStream } from '../../server/wfm/random.ts';
import { expectedDayTotal, expectedIntervalRates, surgeFactor } from '../../server/sample-data/rates.ts';
import { plannedSurge, serversForServiceLevel } from '../../server/sample-data/staffing.ts';
import { erlangC, erlangCMetrics } from '../../server/wfm/erlang.ts';

const erlangServiceLevel = (n: number, a: number, t: number, aht: number) => erlangCMetrics(n, a, aht, t).serviceLevel;

const TZ = 'America/Los_Angeles';
const [medicaid, medicare, marketplace] = QUEUES as [(typeof QUEUES)[0], (typeof QUEUES)[0], (typeof QUEUES)[0]];

describe('RandomStream', () => {
  it('draws the sequence the sample data was generated with (sfc32, seed 42, stream "voice:medicare")', () => {
    // Values of the generator's own class before it moved to server/wfm/random.ts: the sample
    // data for a seed must stay byte-identical.
    const r = new RandomStream(42, 'voice:medicare');
    expect([r.next(), r.next(), r.next()]).toEqual([0.8426078031770885, 0.48211875068955123, 0.19029104383662343]);
    expect([r.poisson(3.5), r.poisson(120), r.normal()]).toEqual([2, 127, 1.0241386444850786]);
  });

  it('repeats its sequence for the same seed and stream, and differs otherwise', () => {
    const draw = (seed: number, stream: string) => {
      const r = new RandomStream(seed, stream);
      return Array.from({ length: 5 }, () => r.next());
    };
    expect(draw(42, 'a')).toEqual(draw(42, 'a'));
    expect(draw(42, 'a')).not.toEqual(draw(43, 'a'));
    expect(draw(42, 'a')).not.toEqual(draw(42, 'b'));
    expect(hashSeed(42, 'a')).not.toBe(hashSeed(42, 'b'));
  });

  it('draws uniforms in [0, 1) and integers in [0, n)', () => {
    fc.assert(
      fc.property(fc.nat(), fc.integer({ min: 1, max: 1000 }), (seed, n) => {
        const r = new RandomStream(seed);
        for (let i = 0; i < 50; i++) {
          const u = r.next();
          const k = r.int(n);
          if (!(u >= 0 && u < 1) || !Number.isInteger(k) || k < 0 || k >= n) return false;
        }
        return true;
      }),
      { seed: 111 },
    );
  });

  it('Poisson draws have mean and variance lambda on both sides of the PTRS switch at 30', () => {
    for (const lambda of [0.3, 4, 25, 80, 400]) {
      const r = new RandomStream(7, `poisson ${lambda}`);
      const n = 20_000;
      let s = 0;
      let s2 = 0;
      for (let i = 0; i < n; i++) {
        const k = r.poisson(lambda);
        expect(Number.isInteger(k) && k >= 0).toBe(true);
        s += k;
        s2 += k * k;
      }
      const mean = s / n;
      const variance = s2 / n - mean * mean;
      // Standard error of the mean is sqrt(lambda / n); 5 of them is a generous band.
      expect(Math.abs(mean - lambda)).toBeLessThan(5 * Math.sqrt(lambda / n));
      expect(variance / lambda).toBeGreaterThan(0.93);
      expect(variance / lambda).toBeLessThan(1.07);
    }
    expect(new RandomStream(1).poisson(0)).toBe(0);
  });

  it('lognormal parameters reproduce the asked mean and coefficient of variation', () => {
    // mean 360, cv 0.5: sigma^2 = ln(1.25) = 0.22314, mu = ln 360 - 0.11157 = 5.77457
    const p = lognormalParams(360, 0.5);
    expect(p.sigma ** 2).toBeCloseTo(Math.log(1.25), 12);
    expect(p.mu).toBeCloseTo(Math.log(360) - Math.log(1.25) / 2, 12);
    expect(Math.exp(p.mu + p.sigma ** 2 / 2)).toBeCloseTo(360, 9);
    const r = new RandomStream(3);
    let s = 0;
    for (let i = 0; i < 40_000; i++) s += r.lognormal(p);
    expect(s / 40_000).toBeGreaterThan(355);
    expect(s / 40_000).toBeLessThan(365);
    expect(() => lognormalParams(0, 1)).toThrow('invalid mean');
  });

  it('logGamma matches known values', () => {
    // ln 4! = ln 24 = 3.1780538303479458; ln Γ(1/2) = ln √π = 0.5723649429247001;
    // ln Γ(100.5) = 361.4355404677776 (Python math.lgamma).
    expect(logGamma(5)).toBeCloseTo(3.1780538303479458, 12);
    expect(logGamma(0.5)).toBeCloseTo(0.5723649429247001, 12);
    expect(logGamma(100.5)).toBeCloseTo(361.4355404677776, 9);
  });

  it('pick follows the weights and rejects weights that sum to zero', () => {
    const cum = cumulativeWeights([1, 0, 3]);
    expect([...cum]).toEqual([1, 1, 4]);
    const r = new RandomStream(11);
    const counts = [0, 0, 0];
    for (let i = 0; i < 20_000; i++) counts[r.pick(cum)]!++;
    expect(counts[1]).toBe(0);
    expect(counts[2]! / 20_000).toBeGreaterThan(0.73);
    expect(counts[2]! / 20_000).toBeLessThan(0.77);
    expect(() => cumulativeWeights([0, 0])).toThrow('invalid weights');
  });
});

describe('simulateQueue', () => {
  it('serves first come first served and lets impatient callers go (worked by hand)', () => {
    // 2 servers from t=0. c0 t=0 -> server 0 until 100; c1 t=10 -> server 1 until 60;
    // c2 t=20 would start at 60 (wait 40 > patience 35): abandons; c3 t=30 starts at 60 on
    // server 1 (wait 30) until 70; c4 t=40 would start at 70 (wait 30 > 5): abandons.
    const r = simulateQueue({ arrival: [0, 10, 20, 30, 40], service: [100, 50, 30, 10, 10], patience: [Infinity, Infinity, 35, Infinity, 5] }, [{ at: 0, servers: 2 }]);
    expect([...r.start]).toEqual([0, 10, NaN, 60, NaN]);
    expect([...r.slot]).toEqual([0, 1, -1, 1, -1]);
  });

  it('puts agents who log in to work at once on the waiting callers', () => {
    // 1 server from 0, 2 from 50. c0 t=0 served 0..100; c1 t=10 waits for the second agent at
    // 50 (not for the first at 100); c2 t=20 takes the first agent when free at 100.
    const r = simulateQueue({ arrival: [0, 10, 20], service: [100, 100, 100], patience: [Infinity, Infinity, Infinity] }, [
      { at: 0, servers: 1 },
      { at: 50, servers: 2 },
      { at: 200, servers: 0 },
    ]);
    expect([...r.start]).toEqual([0, 50, 100]);
    expect([...r.slot]).toEqual([0, 1, 0]);
  });

  it('takes the agent who frees first off shift, and serves nobody after closing', () => {
    // 2 servers, 1 from t=30: the idle server 1 leaves; c1 (t=40) waits for server 0 at 100.
    const a = simulateQueue({ arrival: [0, 40, 45], service: [100, 10, 10], patience: [Infinity, Infinity, Infinity] }, [
      { at: 0, servers: 2 },
      { at: 30, servers: 1 },
    ]);
    expect([...a.start]).toEqual([0, 100, 110]);
    // Closed at 60: c1 (t=10) would start at 100, after closing, so it abandons.
    const b = simulateQueue({ arrival: [0, 10], service: [100, 10], patience: [Infinity, 1000] }, [
      { at: 0, servers: 1 },
      { at: 60, servers: 0 },
    ]);
    expect([...b.start]).toEqual([0, NaN]);
    expect(() => simulateQueue({ arrival: [5, 1], service: [1, 1], patience: [1, 1] }, [])).toThrow('invalid arrival');
  });

  const queueCase = fc
    .record({
      servers: fc.integer({ min: 1, max: 4 }),
      customers: fc.array(
        fc.record({
          gap: fc.integer({ min: 0, max: 60 }),
          service: fc.integer({ min: 1, max: 200 }),
          patience: fc.oneof(fc.integer({ min: 0, max: 300 }), fc.constant(Infinity)),
        }),
        { minLength: 1, maxLength: 40 },
      ),
    })
    .map(({ servers, customers }) => {
      let t = 0;
      const arrival = customers.map((c) => (t += c.gap));
      return { servers, arrival, service: customers.map((c) => c.service), patience: customers.map((c) => c.patience) };
    });

  it('laws: waits within patience, FCFS starts, never more busy than servers, abandons only when all are busy', () => {
    fc.assert(
      fc.property(queueCase, ({ servers, arrival, service, patience }) => {
        const { start } = simulateQueue({ arrival, service, patience }, [{ at: 0, servers }]);
        const served = arrival.map((_, k) => k).filter((k) => !Number.isNaN(start[k]!));
        let prev = -Infinity;
        for (const k of served) {
          if (start[k]! < arrival[k]! || start[k]! - arrival[k]! > patience[k]!) return false;
          if (start[k]! < prev) return false; // FCFS: service starts in arrival order
          prev = start[k]!;
        }
        const busyAt = (t: number) => served.filter((k) => start[k]! <= t && t < start[k]! + service[k]!).length;
        for (const k of served) if (busyAt(start[k]!) > servers) return false;
        for (let k = 0; k < arrival.length; k++) {
          if (Number.isNaN(start[k]!) && busyAt(arrival[k]! + patience[k]!) < servers) return false;
        }
        return true;
      }),
      { seed: 112 },
    );
  });

  it('law: with a server per caller nobody waits', () => {
    fc.assert(
      fc.property(queueCase, ({ arrival, service, patience }) => {
        const { start } = simulateQueue({ arrival, service, patience }, [{ at: 0, servers: arrival.length }]);
        return arrival.every((a, k) => start[k] === a);
      }),
      { seed: 113 },
    );
  });
});

describe("Erlang C sizing (the product's Erlang C, server/wfm/erlang.ts)", () => {
  it('matches the textbook value for 10 Erlangs on 12 agents', () => {
    // Erlang B recursion to B(12, 10) = 0.119739; C = 12·B / (12 − 10·(1 − B)) = 0.449388
    // (checked with the same recursion in Python).
    expect(erlangC(12, 10)).toBeCloseTo(0.4493882242982709, 12);
    expect(erlangC(10, 10)).toBe(1);
    expect(erlangC(5, 0)).toBe(0);
    // SL(20 s) with AHT 300 s: 1 − 0.449388·e^(−2·20/300) = 1 − 0.449388·0.875173 = 0.606707
    expect(erlangServiceLevel(12, 10, 20, 300)).toBeCloseTo(1 - 0.4493882242982709 * Math.exp(-40 / 300), 12);
  });

  it('sizes the smallest team that reaches the target', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.05, max: 200, noNaN: true }), fc.double({ min: 0.5, max: 0.95, noNaN: true }), (a, target) => {
        const n = serversForServiceLevel(a, target, 20, 400);
        return n > a && erlangServiceLevel(n, a, 20, 400) >= target && (n - 1 <= a || erlangServiceLevel(n - 1, a, 20, 400) < target);
      }),
      { seed: 11 },
    );
    expect(serversForServiceLevel(0, 0.8, 20, 300)).toBe(0);
    // 10 Erlangs, AHT 300 s, 80% in 20 s (checked with the Erlang B recursion in Python):
    // SL(12) = 0.6067; SL(13) = 1 − 0.285270·e^(−3·20/300) = 0.7664 < 0.8;
    // SL(14) = 1 − 0.174132·e^(−4·20/300) = 0.8666 ≥ 0.8 → 14 agents
    expect(serversForServiceLevel(10, 0.8, 20, 300)).toBe(14);
  });

  it('plans below the surge at its start and catches up five weeks in', () => {
    // Medicare AEP starts 2025-10-15 (+45 %): the plan covers 35 % of it on day one.
    expect(plannedSurge(medicare, '2025-10-15')).toBeCloseTo(1 + 0.35 * 0.45, 12);
    expect(plannedSurge(medicare, '2025-11-25')).toBeCloseTo(1.45, 12);
    expect(plannedSurge(medicare, '2025-09-01')).toBe(1);
  });
});

describe('surges and expected rates', () => {
  it('lifts each queue in its own seasons', () => {
    expect(surgeFactor(medicare, '2025-10-14')).toBe(1);
    expect(surgeFactor(medicare, '2025-10-15')).toBeCloseTo(1.45, 12);
    expect(surgeFactor(medicare, '2025-12-08')).toBe(1);
    expect(surgeFactor(medicaid, '2025-11-10')).toBe(1);
    expect(surgeFactor(marketplace, '2025-11-01')).toBeCloseTo(1.4, 12);
    // The ID-card spike runs Jan 2–31 (29 days) from +50 % down to +25 %.
    expect(surgeFactor(medicaid, '2026-01-02')).toBeCloseTo(1.5, 12);
    expect(surgeFactor(medicaid, '2026-01-31')).toBeCloseTo(1.25, 12);
    // Jan 10 on the marketplace line: max(open enrollment +40 %, ID cards 0.5·(1 − 0.5·8/29)
    // = +43.103 %) = 1.431034.
    expect(surgeFactor(marketplace, '2026-01-10')).toBeCloseTo(1 + 0.5 * (1 - 4 / 29), 12);
  });

  it('spreads the day total over open intervals only', () => {
    const wed = dayCalendar('2026-03-11', TZ);
    for (const q of QUEUES) {
      for (const ch of CHANNELS) {
        const rates = expectedIntervalRates(q, ch, wed, 1);
        const sum = rates.reduce((a, b) => a + b, 0);
        expect(sum).toBeCloseTo(expectedDayTotal(q, ch, wed, 1), 9);
        expect(sum).toBeGreaterThan(0);
      }
      const voice = expectedIntervalRates(q, 'voice', wed, 1);
      wed.minutes.forEach((m, i) => expect(voice[i]! > 0).toBe(m >= 480 && m < 1200));
      // Morning peak: 10:00 beats 08:00 and 16:00.
      expect(voice[20]!).toBeGreaterThan(voice[16]!);
      expect(voice[20]!).toBeGreaterThan(voice[32]!);
    }
    const sunday = dayCalendar('2026-03-15', TZ);
    const holiday = dayCalendar('2026-05-25', TZ); // Memorial Day
    for (const day of [sunday, holiday]) {
      expect(expectedDayTotal(medicaid, 'voice', day, 1)).toBe(0);
      expect(expectedDayTotal(medicaid, 'chat', day, 1)).toBe(0);
      expect(expectedDayTotal(medicaid, 'email', day, 1)).toBeGreaterThan(0);
    }
    // Scale multiplies the rates.
    expect(expectedDayTotal(medicaid, 'voice', wed, 10)).toBeCloseTo(10 * expectedDayTotal(medicaid, 'voice', wed, 1), 9);
  });
});

describe('local calendar', () => {
  it('has 48 intervals on an ordinary day and 46/50 on the daylight-saving days', () => {
    const ordinary = dayCalendar('2026-03-11', TZ);
    expect(ordinary.starts.length).toBe(48);
    expect(ordinary.minutes).toEqual(Array.from({ length: 48 }, (_, i) => i * 30));
    expect(intervalIso(ordinary, 20)).toBe('2026-03-11T10:00:00-07:00');

    const spring = dayCalendar('2025-03-09', TZ);
    expect(spring.starts.length).toBe(46);
    expect(spring.minutes.slice(0, 6)).toEqual([0, 30, 60, 90, 180, 210]); // 02:00–03:00 never happens
    expect(intervalIso(spring, 3)).toBe('2025-03-09T01:30:00-08:00');
    expect(intervalIso(spring, 4)).toBe('2025-03-09T03:00:00-07:00');

    const fall = dayCalendar('2025-11-02', TZ);
    expect(fall.starts.length).toBe(50);
    expect(fall.minutes.slice(0, 7)).toEqual([0, 30, 60, 90, 60, 90, 120]); // 01:00–02:00 twice
    expect(intervalIso(fall, 2)).toBe('2025-11-02T01:00:00-07:00');
    expect(intervalIso(fall, 4)).toBe('2025-11-02T01:00:00-08:00');
    expect(intervalIso(fall, 49)).toBe('2025-11-02T23:30:00-08:00');
    expect(fall.weekday).toBe(7);
  });

  it('opens 08:00–20:00 local on weekdays, whatever the offset', () => {
    // 2025-11-03 is PST (UTC−8): 08:00 local = 16:00Z.
    const w = openWindow(dayCalendar('2025-11-03', TZ), [480, 1200])!;
    expect(isoUtc(w[0])).toBe('2025-11-03T16:00:00Z');
    expect(isoUtc(w[1])).toBe('2025-11-04T04:00:00Z');
    expect(dayCalendar('2025-11-11', TZ).holiday).toBe(true); // Veterans Day
    expect(dayCalendar('2025-11-12', TZ).afterHoliday).toBe(true);
  });
});

describe('business-time delays', () => {
  const windows = [
    [100, 200],
    [300, 400],
  ] as const;
  it('counts only open time (worked by hand)', () => {
    expect(addBusinessTime(windows, 50, 30)).toBe(130); // waits for 100, then 30 s
    expect(addBusinessTime(windows, 150, 80)).toBe(330); // 50 s today, 30 s in the next window
    expect(addBusinessTime(windows, 250, 10)).toBe(310); // arrives in the gap
    expect(addBusinessTime(windows, 150, 50)).toBe(300); // the closing instant rolls to the next opening
    expect(() => addBusinessTime(windows, 150, 500)).toThrow('invalid windows');
    expect(() => addBusinessTime(windows, 150, -1)).toThrow('invalid seconds');
  });

  it('law: the result is inside a window and never earlier than the start plus the delay', () => {
    // Ten 100 s windows every 200 s: 100–200, 300–400, …, 1900–2000.
    const many = Array.from({ length: 10 }, (_, k) => [100 + 200 * k, 200 + 200 * k] as const);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 900 }), fc.integer({ min: 0, max: 400 }), (t, s) => {
        const r = addBusinessTime(many, t, s);
        const open = (x: number) => many.filter(([o, c]) => c > t && o < r).reduce((acc, [o, c]) => acc + Math.min(c, x) - Math.max(o, t), 0);
        return r >= t + s && many.some(([o, c]) => r >= o && r < c) && open(r) === s;
      }),
      { seed: 115 },
    );
  });
});

describe('callback pool', () => {
  it('hands out the oldest due callback and forgets expired ones', () => {
    const pool = new CallbackPool();
    pool.add({ due: 30, member: 3, reason: 'claims' });
    pool.add({ due: 10, member: 1, reason: 'billing' });
    pool.add({ due: 20, member: 2, reason: 'pharmacy' });
    pool.add({ due: 20, member: 4, reason: 'other' });
    expect(pool.takeDue(5, 100)).toBeNull();
    expect(pool.takeDue(25, 100)?.member).toBe(1);
    expect(pool.takeDue(25, 100)?.member).toBe(2); // same due time: first added first
    // At 200 with a 150 s expiry: member 4 (due 20, 180 s late) is dropped, member 3 (due 30,
    // 170 s late) too; nothing is left.
    expect(pool.takeDue(200, 150)).toBeNull();
    expect(pool.size).toBe(0);
  });
});

describe('formatting', () => {
  it('writes UTC instants and CSV fields', () => {
    expect(isoUtc(Date.UTC(2025, 10, 2, 9, 30, 12) / 1000)).toBe('2025-11-02T09:30:12Z');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4_102_444_800 }), (s) => isoUtc(s) === new Date(s * 1000).toISOString().slice(0, 19) + 'Z'),
      { seed: 116 },
    );
    expect(memberId(10412345)).toBe('M10412345');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvLine(['x', null, 3, true])).toBe('x,,3,true\n');
  });

  it('the model vocabulary never needs CSV quoting', () => {
    const words = [...QUEUES.flatMap((q) => [q.name, q.code, ...q.plans.map((p) => p[0]), ...q.states.map((s) => s[0])]), ...CHANNELS, ...REASONS];
    for (const w of words) expect(csvField(w)).toBe(w);
  });
});
