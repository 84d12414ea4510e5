/**
 * Seeded pseudo-random numbers for the simulator and tests: xoshiro128** (Blackman & Vigna,
 * 2018; period 2^128 − 1, 32-bit operations only, so it is fast in JavaScript), seeded by
 * splitmix32 so that nearby seeds give unrelated streams. Never Math.random: a simulation
 * with the same seed gives the same answer on every machine.
 */

/** A uniform draw in [0, 1) (32 bits of resolution). */
export type Rng = () => number;

/** xoshiro128** seeded from a 32-bit integer seed (any number; it is truncated to uint32). */
export function createRng(seed: number): Rng {
  let x = seed >>> 0;
  const splitmix = () => {
    x = (x + 0x9e3779b9) | 0;
    let z = x;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  return xoshiro128ss(splitmix(), splitmix(), splitmix(), splitmix());
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
