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
 * Walks Erlang B upward, starting at n = 0 (B = 1), by the inverse form
 * 1/B(n) = 1 + (n/A)·1/B(n−1) — the same contraction of relative error as the forward form,
 * without its division — taken two steps at a time from even n:
 *   1/B(n+2) = 1 + c₂ + c₂·c₁·1/B(n),   cᵢ = (n+i)/A,
 * which halves the dependency chain (this loop is most of the cost of solving an interval);
 * an odd n is read off the even one before it, 1/B(n+1) = 1 + c₁·1/B(n). Once a double step
 * would carry 1/B past 1e250 the cursor switches, at that even n, to ln(1/B), adding
 * ln n − ln A per step with compensated (Kahan) summation. Every rule depends on n and the
 * values only, so every walk — the cursor to any n, ErlangBTable from any base — gives
 * bit-identical B(n): a solver and a later evaluation of the same N never disagree.
 */
export class ErlangBCursor {
  n = 0;
  /** Linear mode: 1/B at `evenN` (n is evenN or evenN + 1). NaN in log mode. */
  private inv = 1;
  private evenN = 0;
  /** Log mode: ln(1/B(n)) and its Kahan compensation. */
  private logInv = NaN;
  private logComp = 0;
  private readonly invTraffic: number;
  private readonly logTraffic: number;
  constructor(readonly traffic: number) {
    this.invTraffic = traffic > 0 ? 1 / traffic : Infinity;
    this.logTraffic = Math.log(traffic);
  }

  /** 1/B(n) while in linear mode, else −ln(1/B(n)) (negative): ErlangBTable's encoding. */
  get encoded(): number {
    if (Number.isNaN(this.inv)) return -this.logInv;
    return this.n === this.evenN ? this.inv : 1 + this.n * this.invTraffic * this.inv;
  }

  /** B(n, A) (0 once it underflows). */
  get b(): number {
    if (this.traffic <= 0) return this.n === 0 ? 1 : 0;
    const e = this.encoded;
    return e < 0 ? Math.exp(e) : 1 / e;
  }

  /** ln B(n, A): finite even when `b` has underflowed; −Infinity only for A = 0, n ≥ 1. */
  get logB(): number {
    if (this.traffic <= 0) return this.n === 0 ? 0 : -Infinity;
    const e = this.encoded;
    return e < 0 ? e : -Math.log(e);
  }

  /** n → n + 1. */
  advance(): void {
    this.advanceTo(this.n + 1);
  }

  /** Advances to `target` (≥ current n; a smaller target is ignored). */
  advanceTo(target: number): void {
    if (target <= this.n) return;
    if (this.traffic <= 0) {
      this.n = target;
      return;
    }
    if (!Number.isNaN(this.inv)) {
      const invA = this.invTraffic;
      let inv = this.inv;
      let even = this.evenN;
      let linear = true;
      while (even + 1 <= target) {
        const c1 = (even + 1) * invA;
        const c2 = (even + 2) * invA;
        if (!(inv * c1 * c2 < INV_SWITCH)) {
          linear = false;
          break;
        }
        if (even + 2 > target) break; // target = even + 1: read it off `even`
        inv = 1 + c2 + c2 * c1 * inv;
        even += 2;
      }
      this.inv = inv;
      this.evenN = even;
      if (linear) {
        this.n = target;
        return;
      }
      // Switch at `even`: from here on, ln(1/B).
      this.logInv = Math.log(inv);
      this.logComp = 0;
      this.inv = NaN;
      this.n = even;
    }
    // 1 is below one ulp of (n/A)/B: ln(1/B(n)) = ln(1/B(n−1)) + ln n − ln A exactly.
    let n = this.n;
    let logInv = this.logInv;
    let comp = this.logComp;
    const logA = this.logTraffic;
    while (n < target) {
      n++;
      const y = Math.log(n) - logA - comp;
      const sum = logInv + y;
      comp = sum - logInv - y;
      logInv = sum;
    }
    this.logInv = logInv;
    this.logComp = comp;
    this.n = n;
  }
}

/**
 * Erlang B for every n from `base` up, computed once and kept: what a solver needs when its
 * search moves down as well as up (Erlang A), at O(1) per new n and no logarithms until
 * asked. The walk up to `base` (the solver's first candidate, near A) stores nothing; an n
 * below `base` is computed afresh (the solvers never ask, but it is correct). Values are the
 * cursor's, bit for bit, whatever the base. `reset` reuses the buffer for another traffic.
 */
export class ErlangBTable {
  private encoded: Float64Array; // 1/B(n) while below 1e250, else −ln(1/B(n)) (negative)
  private base = 0;
  private cursor: ErlangBCursor;

  constructor(traffic: number, base = 0, capacity = 64) {
    this.encoded = new Float64Array(Math.max(2, capacity));
    this.cursor = new ErlangBCursor(traffic);
    this.reset(traffic, base);
  }

  get traffic(): number {
    return this.cursor.traffic;
  }

  /** Starts over for another traffic (keeping the buffer). */
  reset(traffic: number, base = 0): void {
    this.cursor = new ErlangBCursor(traffic);
    this.base = Math.max(0, Math.floor(base));
    this.cursor.advanceTo(this.base);
    this.encoded[0] = this.cursor.encoded;
  }

  /** ln B(n, A). */
  logB(n: number): number {
    if (this.traffic <= 0) return n === 0 ? 0 : -Infinity;
    if (n < this.base) return logErlangB(n, this.traffic);
    this.extendTo(n);
    const v = this.encoded[n - this.base]!;
    return v < 0 ? v : -Math.log(v);
  }

  /** B(n, A). */
  b(n: number): number {
    if (this.traffic <= 0) return n === 0 ? 1 : 0;
    if (n < this.base) return erlangB(n, this.traffic);
    this.extendTo(n);
    const v = this.encoded[n - this.base]!;
    return v < 0 ? Math.exp(v) : 1 / v;
  }

  private extendTo(n: number): void {
    const cursor = this.cursor;
    if (n <= cursor.n) return;
    const i = n - this.base;
    if (i >= this.encoded.length) {
      const grown = new Float64Array(Math.max(i + 1, this.encoded.length * 2));
      grown.set(this.encoded.subarray(0, cursor.n - this.base + 1));
      this.encoded = grown;
    }
    const encoded = this.encoded;
    while (cursor.n < n) {
      cursor.advanceTo(cursor.n + 1);
      encoded[cursor.n - this.base] = cursor.encoded;
    }
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
export function erlangCMetricsFromB(servers: number, traffic: number, aht: number, answerWithin: number, b: number): ErlangCMetrics {
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
