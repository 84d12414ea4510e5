/**
 * Erlang B (M/M/N/N, blocked calls lost) and Erlang C (M/M/N, blocked calls wait forever).
 *
 * Numerics: no factorials and no powers. Erlang B comes from the forward recursion
 *   B(0) = 1,  B(n) = A·B(n−1) / (n + A·B(n−1))
 * (equivalently 1/B(n) = 1 + (n/A)·1/B(n−1), the form pyworkforce uses). Every step is a
 * contraction of the relative error (the factor n/(n + A·B) is below 1), so the result is
 * exact to a few ulps for thousands of agents, and a B that is too small for a double
 * underflows smoothly to 0 instead of overflowing a factorial. `logErlangB` keeps going
 * in log space past that point for callers (Erlang A) that need ln B when B < 1e-300.
 * Erlang C follows from B without cancellation: C = N·B / (N − A + A·B).
 *
 * Units: traffic A in Erlangs (arrivals × AHT / interval length), times in seconds.
 * Complexity: O(N) for one N; `ErlangBCursor` walks N upward at O(1) per step.
 *
 * Reference: Cooper, "Introduction to Queueing Theory" (2nd ed., 1981), §2.5 (Erlang B
 * recursion) and §5.2 (Erlang C from Erlang B); Koole, "Call Center Optimization" (2013), ch. 5.
 */

/** Past this, 1/B is carried as a logarithm so nothing overflows (B < 1e-250). */
const INV_SWITCH = 1e250;

/**
 * Walks Erlang B upward one server at a time, starting at n = 0 (B = 1). The inner step is
 * the inverse form 1/B(n) = 1 + (n/A)·1/B(n−1): one multiply and one add on the dependency
 * chain (the forward form has a division there, about three times slower), with the same
 * contraction of relative error. Once 1/B passes 1e250 the cursor carries ln(1/B) instead.
 */
export class ErlangBCursor {
  n = 0;
  /** 1/B(n), or NaN once carried as `logInv`. */
  private inv = 1;
  private logInv = NaN;
  private logComp = 0;
  private readonly invTraffic: number;
  constructor(readonly traffic: number) {
    this.invTraffic = traffic > 0 ? 1 / traffic : Infinity;
  }

  /** B(n, A) (0 once it underflows). */
  get b(): number {
    if (this.traffic <= 0) return this.n === 0 ? 1 : 0;
    return Number.isNaN(this.inv) ? Math.exp(-this.logInv) : 1 / this.inv;
  }

  /** ln B(n, A): finite even when `b` has underflowed; −Infinity only for A = 0, n ≥ 1. */
  get logB(): number {
    if (this.traffic <= 0) return this.n === 0 ? 0 : -Infinity;
    return Number.isNaN(this.inv) ? -this.logInv : -Math.log(this.inv);
  }

  /** n → n + 1. */
  advance(): void {
    this.advanceTo(this.n + 1);
  }

  /** Advances to `target` (≥ current n). */
  advanceTo(target: number): void {
    if (this.traffic <= 0) {
      this.n = Math.max(this.n, target);
      return;
    }
    let n = this.n;
    let inv = this.inv;
    const invA = this.invTraffic;
    if (!Number.isNaN(inv)) {
      // Two steps at a time: 1/B(n+2) = (1 + c₂) + c₂·c₁·1/B(n), cᵢ = (n+i)/A, which halves
      // the dependency chain. `limit` keeps both steps clear of overflow.
      const cMax = target * invA;
      const limit = INV_SWITCH / Math.max(1, cMax * cMax);
      while (n + 2 <= target && inv < limit) {
        const c1 = (n + 1) * invA;
        const c2 = (n + 2) * invA;
        inv = 1 + c2 + c2 * c1 * inv;
        n += 2;
      }
      if (n < target && inv < limit) {
        n++;
        inv = 1 + n * invA * inv;
      }
      if (n < target) {
        this.logInv = Math.log(inv);
        inv = NaN;
      }
    }
    if (Number.isNaN(inv)) {
      // 1 is below one ulp of (n/A)/B: ln(1/B(n)) = ln(1/B(n−1)) + ln n − ln A exactly.
      // Compensated (Kahan) summation keeps thousands of steps at one rounding of ln(1/B).
      let logInv = this.logInv;
      let comp = this.logComp;
      const logA = Math.log(this.traffic);
      while (n < target) {
        n++;
        const y = Math.log(n) - logA - comp;
        const sum = logInv + y;
        comp = sum - logInv - y;
        logInv = sum;
      }
      this.logInv = logInv;
      this.logComp = comp;
    }
    this.n = n;
    this.inv = inv;
  }
}

/**
 * Erlang B for every n from 0 up, computed once and kept: what a solver needs when its
 * search moves down as well as up (Erlang A), at O(1) per new n and no logarithms until
 * asked. Stores 1/B(n) while below 1e250, −ln(1/B(n)) (a negative number, so never mistaken
 * for 1/B ≥ 1) from there on.
 */
export class ErlangBTable {
  private invs: Float64Array;
  private size = 1; // values known for n < size
  private logComp = 0; // Kahan compensation of the log-mode sum
  private readonly invA: number;
  constructor(readonly traffic: number, capacity = 64) {
    this.invs = new Float64Array(Math.max(2, capacity));
    this.invs[0] = 1;
    this.invA = traffic > 0 ? 1 / traffic : Infinity;
  }

  /** ln B(n, A). */
  logB(n: number): number {
    if (this.traffic <= 0) return n === 0 ? 0 : -Infinity;
    this.extendTo(n);
    const v = this.invs[n]!;
    return v < 0 ? v : -Math.log(v);
  }

  /** B(n, A). */
  b(n: number): number {
    if (this.traffic <= 0) return n === 0 ? 1 : 0;
    this.extendTo(n);
    const v = this.invs[n]!;
    return v < 0 ? Math.exp(v) : 1 / v;
  }

  private extendTo(n: number): void {
    if (n < this.size) return;
    if (n >= this.invs.length) {
      const grown = new Float64Array(Math.max(n + 1, this.invs.length * 2));
      grown.set(this.invs.subarray(0, this.size));
      this.invs = grown;
    }
    const invs = this.invs;
    const invA = this.invA;
    let k = this.size - 1;
    let inv = invs[k]!;
    while (k < n) {
      k++;
      const grow = k * invA;
      if (inv >= 0 && inv * grow < INV_SWITCH) {
        inv = 1 + grow * inv;
      } else {
        // Log mode: 1 is below one ulp of (k/A)/B, so ln(1/B) grows by ln k − ln A exactly;
        // compensated summation as in ErlangBCursor.
        const logInv = inv >= 0 ? Math.log(inv) : -inv;
        const y = Math.log(k) - Math.log(this.traffic) - this.logComp;
        const sum = logInv + y;
        this.logComp = sum - logInv - y;
        inv = -sum;
      }
      invs[k] = inv;
    }
    this.size = n + 1;
  }
}

/**
 * Erlang B blocking probability: the share of arrivals that find all `servers` busy and
 * are lost, for `traffic` Erlangs offered. B(0, A) = 1; B(N, 0) = 0 for N ≥ 1.
 */
export function erlangB(servers: number, traffic: number): number {
  checkServers(servers);
  checkTraffic(traffic);
  const c = new ErlangBCursor(traffic);
  c.advanceTo(servers);
  return c.b;
}

/** ln B(N, A), finite where B itself underflows to 0 (−Infinity only when A = 0, N ≥ 1). */
export function logErlangB(servers: number, traffic: number): number {
  checkServers(servers);
  checkTraffic(traffic);
  const c = new ErlangBCursor(traffic);
  c.advanceTo(servers);
  return c.logB;
}

/**
 * Erlang C from Erlang B at the same N: C = N·B / (N − A + A·B), defined for N > A; the
 * probability that an arrival waits. Overloaded (N ≤ A, N ≥ 1): 1 (the queue grows without
 * bound, so everyone waits). No agents and no traffic: 0.
 */
export function erlangCFromB(servers: number, traffic: number, b: number): number {
  if (traffic <= 0) return 0;
  if (servers <= traffic) return 1;
  return (servers * b) / (servers - traffic + traffic * b);
}

/** Erlang C probability of waiting P(W > 0) for `servers` agents and `traffic` Erlangs. */
export function erlangC(servers: number, traffic: number): number {
  return erlangCFromB(servers, traffic, erlangB(servers, traffic));
}

/** What Erlang C says about one (N, A, AHT, T). Times in seconds; null where undefined. */
export interface ErlangCMetrics {
  probWait: number;
  /** P(W ≤ T) = 1 − C·e^(−(N−A)·T/AHT); 0 when overloaded. */
  serviceLevel: number;
  /** Mean wait over all arrivals = C·AHT/(N − A); null when overloaded. */
  asa: number | null;
  /** Mean wait of those who wait = AHT/(N − A); null when overloaded. */
  avgWaitOfWaiting: number | null;
  /** Mean number waiting = C·A/(N − A); null when overloaded. */
  queueLength: number | null;
  /** A/N, capped at 1 (all agents always busy when overloaded); 0 with no agents. */
  occupancy: number;
}

/**
 * Erlang C metrics given B(N, A) (so a caller walking N upward pays O(1) per N).
 * `answerWithin` is T and `aht` the mean handle time, both seconds.
 */
export function erlangCMetricsFromB(
  servers: number,
  traffic: number,
  aht: number,
  answerWithin: number,
  b: number,
): ErlangCMetrics {
  if (traffic <= 0) {
    return { probWait: 0, serviceLevel: 1, asa: 0, avgWaitOfWaiting: null, queueLength: 0, occupancy: 0 };
  }
  const occupancy = servers > 0 ? Math.min(1, traffic / servers) : 0;
  if (servers <= traffic) {
    return { probWait: 1, serviceLevel: 0, asa: null, avgWaitOfWaiting: null, queueLength: null, occupancy };
  }
  const c = erlangCFromB(servers, traffic, b);
  const spare = servers - traffic;
  const avgWaitOfWaiting = aht / spare;
  return {
    probWait: c,
    serviceLevel: 1 - c * Math.exp((-spare * answerWithin) / aht),
    asa: c * avgWaitOfWaiting,
    avgWaitOfWaiting,
    queueLength: (c * traffic) / spare,
    occupancy,
  };
}

/** Erlang C metrics for one N (O(N)). */
export function erlangCMetrics(servers: number, traffic: number, aht: number, answerWithin: number): ErlangCMetrics {
  return erlangCMetricsFromB(servers, traffic, aht, answerWithin, erlangB(servers, traffic));
}

/**
 * Smallest number of servers whose Erlang B blocking is at most `gos` (grade of service),
 * found incrementally. Example: 1 Erlang at GoS 0.001 needs 6 servers.
 */
export function erlangBServers(traffic: number, gos: number): number {
  checkTraffic(traffic);
  if (!(gos > 0 && gos <= 1)) throw new RangeError('invalid gos: must be in (0, 1]');
  const c = new ErlangBCursor(traffic);
  while (c.b > gos) c.advance();
  return c.n;
}

/**
 * Largest offered traffic (Erlangs) that `servers` carry at blocking `gos`: the A with
 * B(N, A) = gos (B rises with A), by bisection to 1e-12 relative. This is the figure
 * Erlang B tables list (e.g. 15 circuits at 1% carry 8.108 Erlangs).
 */
export function erlangBTraffic(servers: number, gos: number): number {
  checkServers(servers);
  if (!(gos > 0 && gos < 1)) throw new RangeError('invalid gos: must be in (0, 1)');
  if (servers === 0) return 0;
  let lo = 0;
  let hi = Math.max(1, servers);
  while (erlangB(servers, hi) < gos) hi *= 2;
  while (hi - lo > 1e-12 * hi) {
    const mid = (lo + hi) / 2;
    if (erlangB(servers, mid) < gos) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

function checkServers(n: number): void {
  if (!Number.isInteger(n) || n < 0) throw new RangeError('invalid servers: must be a whole number ≥ 0');
}

function checkTraffic(a: number): void {
  if (!(Number.isFinite(a) && a >= 0)) throw new RangeError('invalid traffic: must be a finite number ≥ 0');
}
