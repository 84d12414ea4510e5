/**
 * The one random-number module: seeded generators and the distributions drawn from them.
 * Never Math.random: the same seed gives the same answer on every machine and Node version.
 *
 * Generators (each a uniform draw in [0, 1), 32 bits of resolution):
 * - `createRng(seed)`: xoshiro128** (Blackman & Vigna, 2018; period 2^128 − 1, 32-bit
 *   operations only, so it is fast in JavaScript), seeded by splitmix32 so that nearby seeds
 *   give unrelated streams. The simulator's.
 * - `sfc32(seed, stream)`: Chris Doty-Humphrey's Small Fast Chaotic generator (128-bit state,
 *   passes PractRand to 2^40+), seeded through a MurmurHash3-style mixer so that nearby seeds
 *   and named streams (`seed 42, "voice:medicare"`) give unrelated sequences. The sample-data
 *   generator's, through `RandomStream`; kept (not replaced by xoshiro128**) because the
 *   sample data for a seed must stay byte-identical.
 * - `mulberry32(seed)`: a tiny generator for test and benchmark data.
 *
 * Distributions: `exponential`, `normalSampler` (Box–Muller), `poisson`, `lognormalParams`,
 * `cumulativeWeights` and `pick`; `RandomStream` bundles them over one sfc32 stream.
 */

/** A uniform draw in [0, 1) (32 bits of resolution). */
export type Rng = () => number;

/** xoshiro128** seeded from a 32-bit integer seed (any number; it is truncated to uint32). */
export function createRng(seed: number): Rng {
  const splitmix = splitmix32(seed);
  return xoshiro128ss(splitmix(), splitmix(), splitmix(), splitmix());
}

/** splitmix32 from a 32-bit seed: uint32 outputs, used only to spread a seed over a larger state. */
function splitmix32(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x = (x + 0x9e3779b9) | 0;
    let z = x;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** 32-bit hash of a seed and a stream name (MurmurHash3 finalizer over the characters). */
export function hashSeed(seed: number, stream: string): number {
  let h = (Math.imul(seed | 0, 0x9e3779b1) ^ (Math.floor(seed / 4294967296) | 0)) >>> 0;
  for (let i = 0; i < stream.length; i++) {
    h = Math.imul(h ^ stream.charCodeAt(i), 0x5bd1e995);
    h ^= h >>> 15;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** sfc32 for `seed` and a named stream (the first 12 outputs discarded); same arguments, same sequence. */
export function sfc32(seed: number, stream = ''): Rng {
  const splitmix = splitmix32(hashSeed(seed, stream));
  let a = splitmix();
  let b = splitmix();
  let c = splitmix();
  let d = splitmix();
  const next = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  return next;
}

/**
 * mulberry32 (Tommy Ettinger): a tiny 32-bit-state generator, good enough to make test and
 * benchmark data; the simulator uses xoshiro128**.
 */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** xoshiro128** from an explicit 128-bit state (not all zero), as uint32 outputs / 2^32. */
export function xoshiro128ss(s0: number, s1: number, s2: number, s3: number): Rng {
  let a = s0 | 0;
  let b = s1 | 0;
  let c = s2 | 0;
  let d = s3 | 0;
  if ((a | b | c | d) === 0) a = 1; // the all-zero state is the one fixed point
  return () => {
    const result = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
    const t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl(d, 11);
    return result / 4294967296;
  };
}

function rotl(v: number, k: number): number {
  return (v << k) | (v >>> (32 - k));
}

/** Exponential draw with the given mean: −mean·ln(1 − U), U ∈ [0, 1) so the log is finite. */
export function exponential(rng: Rng, mean: number): number {
  return -mean * Math.log(1 - rng());
}

/**
 * Poisson with mean `lambda`: inversion by sequential search for small means (one uniform),
 * Hörmann's PTRS transformed rejection for large ones (numpy uses the same split).
 * Hörmann, "The transformed rejection method for generating Poisson random variables",
 * Insurance: Mathematics and Economics 12 (1993). Expected O(1) for PTRS.
 */
export function poisson(rng: Rng, lambda: number): number {
  if (!(lambda > 0)) return 0;
  if (lambda < 30) {
    const u = rng();
    let p = Math.exp(-lambda);
    let cdf = p;
    let k = 0;
    while (u > cdf && k < 1000) {
      k++;
      p *= lambda / k;
      cdf += p;
    }
    return k;
  }
  const slam = Math.sqrt(lambda);
  const loglam = Math.log(lambda);
  const b = 0.931 + 2.53 * slam;
  const a = -0.059 + 0.02483 * b;
  const invAlpha = 1.1239 + 1.1328 / (b - 3.4);
  const vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const U = rng() - 0.5;
    const V = rng();
    const us = 0.5 - Math.abs(U);
    const k = Math.floor(((2 * a) / us + b) * U + lambda + 0.43);
    if (us >= 0.07 && V <= vr) return k;
    if (k < 0 || (us < 0.013 && V > us)) continue;
    if (Math.log(V) + Math.log(invAlpha) - Math.log(a / (us * us) + b) <= -lambda + k * loglam - logGamma(k + 1)) {
      return k;
    }
  }
}

export interface LognormalParams {
  mu: number;
  sigma: number;
}

/** Lognormal parameters for a given mean and coefficient of variation (sd / mean). */
export function lognormalParams(mean: number, cv: number): LognormalParams {
  if (!(mean > 0)) throw new Error(`invalid mean: ${mean} is not positive`);
  if (!(cv >= 0)) throw new Error(`invalid cv: ${cv} is negative`);
  const s2 = Math.log(1 + cv * cv);
  return { mu: Math.log(mean) - s2 / 2, sigma: Math.sqrt(s2) };
}

/** Running sums of non-negative weights, for `pick`. */
export function cumulativeWeights(weights: readonly number[]): Float64Array {
  const out = new Float64Array(weights.length);
  let s = 0;
  weights.forEach((w, i) => {
    if (!(w >= 0)) throw new Error(`invalid weight: ${w} at ${i}`);
    s += w;
    out[i] = s;
  });
  if (!(s > 0)) throw new Error('invalid weights: they sum to zero');
  return out;
}

/** An index drawn with probability proportional to `cumulative` (see `cumulativeWeights`). */
export function pick(rng: Rng, cumulative: Float64Array): number {
  const u = rng() * cumulative[cumulative.length - 1]!;
  for (let i = 0; i < cumulative.length; i++) if (u < cumulative[i]!) return i;
  return cumulative.length - 1;
}

/** ln Γ(x) for x > 0 (Lanczos, g = 7, n = 9; relative error below 1e-13). */
export function logGamma(x: number): number {
  const g = 7;
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const xx = x - 1;
  let a = c[0]!;
  const t = xx + g + 0.5;
  for (let i = 1; i < g + 2; i++) a += c[i]! / (xx + i);
  return 0.5 * Math.log(2 * Math.PI) + (xx + 0.5) * Math.log(t) - t + Math.log(a);
}

/**
 * Standard normal draws by the Box–Muller transform, keeping the second value of each pair
 * (no allocation per draw).
 */
export function normalSampler(rng: Rng): () => number {
  let spare = NaN;
  return () => {
    if (!Number.isNaN(spare)) {
      const v = spare;
      spare = NaN;
      return v;
    }
    const u = 1 - rng(); // (0, 1]
    const r = Math.sqrt(-2 * Math.log(u));
    const theta = 2 * Math.PI * rng();
    spare = r * Math.sin(theta);
    return r * Math.cos(theta);
  };
}

/**
 * One seeded stream (sfc32 for a seed and a stream name) with the draws the sample-data
 * generator makes; same arguments, same sequence.
 */
export class RandomStream {
  /** Uniform on [0, 1), 32 bits of resolution. */
  readonly next: Rng;
  private readonly normals: () => number;

  constructor(seed: number, stream = '') {
    this.next = sfc32(seed, stream);
    this.normals = normalSampler(this.next);
  }

  /** Integer uniform on [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** Standard normal (Box–Muller; the second value of each pair is kept for the next call). */
  normal(): number {
    return this.normals();
  }

  /** Exponential with the given mean. */
  exponential(mean: number): number {
    return exponential(this.next, mean);
  }

  /** Lognormal given by its own parameters (see `lognormalParams`). */
  lognormal(p: LognormalParams): number {
    return Math.exp(p.mu + p.sigma * this.normal());
  }

  /** Poisson with mean `lambda`. */
  poisson(lambda: number): number {
    return poisson(this.next, lambda);
  }

  /** An index drawn with probability proportional to `cumulative`. */
  pick(cumulative: Float64Array): number {
    return pick(this.next, cumulative);
  }
}
