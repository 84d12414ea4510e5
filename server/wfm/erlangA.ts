/**
 * Erlang A (Palm's M/M/N+M queue): Poisson arrivals at rate λ, N agents with exponential
 * handle times (mean AHT = 1/μ), FCFS, and callers who give up after an exponential patience
 * with mean θ (rate γ = 1/θ). Exact, from the birth–death chain of the number in system —
 * not a heavy-traffic approximation — and stable when N < A (the open-enrollment case).
 *
 * The chain. With π_k the stationary probabilities, the states below N need no sum of their
 * own: Σ_{k<N} π_k / π_N = N / (A·B(N−1, A)) (Erlang B, by the same recursion as erlang.ts,
 * carried in log space). Above N the ratios are r_j = π_{N+j}/π_N with r_0 = 1 and
 *   r_j = r_{j−1} · λ / (Nμ + jγ),
 * summed until the tail is negligible (relative 1e−17), with rescaling so nothing
 * overflows when the queue is long (N ≪ A) and nothing divides by a vanishing Erlang B.
 *
 * Waits (for the service-level variants and ASA). An arrival that finds j callers waiting
 * ahead (PASTA: with probability π_{N+j}) advances one place at rate Nμ + iγ while i are
 * ahead (a completion or an abandonment ahead), so its virtual wait — the wait of an
 * infinitely patient caller — is S_j = Σ_{i=0..j} Exp(Nμ + iγ). With c = Nμ/γ, U = e^{−γ S_j}
 * is Beta(c, j+1) (Rényi's representation of exponential order statistics). Its own patience
 * τ ~ Exp(γ) is independent, and it is answered iff S_j < τ. Hence, with x = e^{−γT} and
 * I_x the regularized incomplete beta function:
 *   P(answered | j)            = E[U]                    = Nμ / (Nμ + (j+1)γ)
 *   P(answered, W ≤ T | j)     = E[U·1{U ≥ x}]           = P(answered | j) · (1 − I_x(c+1, j+1))
 *   P(S_j ≤ T)                 = 1 − I_x(c, j+1)
 *   P(abandoned, W ≤ T | j)    = (1−x)·I_x(c, j+1) + P(S_j ≤ T) − P(answered, W ≤ T | j)
 *   E[W·1{answered} | j]       = P(answered | j) · Σ_{i=0..j} 1 / (Nμ + (i+1)γ)
 * and I_x(a, j+1) for j = 0, 1, 2, … follows the negative-binomial recursion
 *   I_x(a, 1) = x^a,  I_x(a, b+1) = I_x(a, b) + t_b,  t_1 = a·(1−x)·x^a,
 *   t_{b+1} = t_b · (1−x)(a+b)/(b+1),
 * written with (1−x)·c = NμT·(1 − e^{−γT})/(γT) so that it stays exact as θ → ∞, where it
 * becomes the Poisson sum of Erlang C. The whole evaluation is one O(N + J) pass, J the
 * number of queue states that matter.
 *
 * References: Palm (1943); Mandelbaum & Zeltyn, "The Palm/Erlang-A queue, with applications
 * to call centers" (2007), whose incomplete-gamma formulas these sums reproduce; Garnett,
 * Mandelbaum & Reiman (2002), "Designing a call center with impatient customers".
 */
import { ErlangBCursor } from './erlang.ts';
import { InputError } from './inputError.ts';

export interface ErlangAInput {
  agents: number;
  /** Arrivals per second. */
  arrivalRate: number;
  /** Mean handle time, seconds. */
  aht: number;
  /** Mean patience θ, seconds (finite, > 0). */
  patience: number;
  /** Service-level threshold T, seconds. */
  answerWithin: number;
  /** Short-abandon threshold, seconds (0: none). */
  shortAbandon?: number;
}

/** Shares are of all arrivals; times in seconds. */
export interface ErlangAMetrics {
  /** P(an arrival finds all agents busy) = P(W > 0). */
  probWait: number;
  /** Share of arrivals that abandon = γ·E[queue]/λ. */
  probAbandon: number;
  /** Share of arrivals answered within T. */
  answeredWithin: number;
  /** Share of arrivals that abandon with a wait ≤ T. */
  abandonedWithin: number;
  /** Share of arrivals that abandon with a wait < the short-abandon threshold. */
  abandonedShort: number;
  /** Mean wait of answered contacts; null when none is answered. */
  asa: number | null;
  /** Mean wait of answered contacts that waited; null when none did. */
  avgWaitOfWaiting: number | null;
  /** Mean number waiting. */
  queueLength: number;
  /** λ·(1 − P(abandon))·AHT / N; 0 with no agents. */
  occupancy: number;
  /** Queue states summed (for diagnostics and cost estimates). */
  terms: number;
}

/** The pass gives up (rather than hang) beyond this many queue states. */
export const ERLANG_A_MAX_TERMS = 5_000_000;

/**
 * Rough count of queue states the exact pass visits: the queue's fluid level
 * max(0, (λ − Nμ)·θ) plus its spread. Used to refuse hopeless inputs up front.
 */
export function erlangATermsEstimate(agents: number, arrivalRate: number, aht: number, patience: number): number {
  const excess = Math.max(0, arrivalRate - agents / aht) * patience;
  return excess + 10 * Math.sqrt(arrivalRate * patience) + 100;
}

/** Erlang A metrics for one staffing (O(N + J)). */
export function erlangA(input: ErlangAInput): ErlangAMetrics {
  const traffic = input.arrivalRate * input.aht;
  const cursor = new ErlangBCursor(traffic);
  cursor.advanceTo(Math.max(0, input.agents - 1));
  return erlangAFromLogB(input, cursor.logB);
}

const RESCALE = 1e200;
const LOG_RESCALE = Math.log(RESCALE);
const INV_RESCALE = 1 / RESCALE;

/**
 * Regularized incomplete beta I_x(a, b) for b = 1, 2, … by the negative-binomial recursion,
 * carried with a scale factor so that x^a may start far below the smallest double. Plain
 * fields and a `next` the JIT inlines: this is the inner loop of every Erlang A evaluation.
 */
class IncompleteBetaWalk {
  private scaled: number; // I · e^{logScale}
  private term: number; // t_b · e^{logScale}
  private logScale: number;
  private factor: number; // e^{−logScale}
  private b = 1;
  /** I_x(a, b) for the current b. */
  value: number;

  /**
   * @param logXa ln x^a = −a·γT (≤ 0)
   * @param oneMinusXTimesA (1 − x)·a
   * @param oneMinusX 1 − x
   */
  constructor(
    logXa: number,
    private readonly oneMinusXTimesA: number,
    private readonly oneMinusX: number,
  ) {
    const start = walkStart(logXa);
    this.logScale = start.logScale;
    this.factor = start.factor;
    this.scaled = start.scaled;
    this.term = this.scaled * oneMinusXTimesA;
    this.value = Math.min(1, this.scaled * this.factor);
  }

  /** b → b + 1; `invNext` is 1/(b + 1), shared by the walks that step together. */
  next(invNext: number): void {
    const b = this.b++;
    this.scaled += this.term;
    this.term *= (this.oneMinusXTimesA + this.oneMinusX * b) * invNext;
    if (this.scaled > RESCALE && this.logScale > 0) {
      this.scaled *= INV_RESCALE;
      this.term *= INV_RESCALE;
      this.logScale -= LOG_RESCALE;
      this.factor = Math.exp(-this.logScale);
    }
    const v = this.scaled * this.factor;
    this.value = v < 1 ? v : 1;
  }
}

/** I_x(a, 1) = x^a as a scaled value: e^{logXa} directly, or 1 with the scale kept aside. */
function walkStart(logXa: number): { scaled: number; logScale: number; factor: number } {
  return logXa > -600 ? { scaled: Math.exp(logXa), logScale: 0, factor: 1 } : { scaled: 1, logScale: -logXa, factor: Math.exp(logXa) };
}

/** (1 − e^{−z})/z, equal to 1 at z = 0. */
function oneMinusExpOverZ(z: number): number {
  return z === 0 ? 1 : -Math.expm1(-z) / z;
}

/**
 * Erlang A metrics given ln B(N − 1, A), so a solver walking N upward reuses its Erlang B
 * recursion. Throws an InputError naming `patience` when the queue is too long to sum.
 */
export function erlangAFromLogB(input: ErlangAInput, logBPrev: number): ErlangAMetrics {
  const { agents: n, arrivalRate: lambda, aht, patience, answerWithin: t } = input;
  const ts = input.shortAbandon ?? 0;
  const gamma = 1 / patience;
  const oneMinusXT = -Math.expm1(-gamma * t);
  const oneMinusXS = -Math.expm1(-gamma * ts);

  if (lambda <= 0) {
    return {
      probWait: 0,
      probAbandon: 0,
      answeredWithin: 1,
      abandonedWithin: 0,
      abandonedShort: 0,
      asa: 0,
      avgWaitOfWaiting: null,
      queueLength: 0,
      occupancy: 0,
      terms: 0,
    };
  }
  if (n === 0) {
    // Nobody to answer: every caller waits until their patience runs out.
    return {
      probWait: 1,
      probAbandon: 1,
      answeredWithin: 0,
      abandonedWithin: oneMinusXT,
      abandonedShort: oneMinusXS,
      asa: null,
      avgWaitOfWaiting: null,
      queueLength: lambda * patience,
      occupancy: 0,
      terms: 0,
    };
  }
  if (erlangATermsEstimate(n, lambda, aht, patience) > ERLANG_A_MAX_TERMS) {
    throw new InputError('patience', `with ${n} agents the modelled queue (about ${Math.round((lambda - n / aht) * patience)} callers) is too long to evaluate exactly`);
  }

  const traffic = lambda * aht;
  const nMu = n / aht;
  // ln of Σ_{k<N} π_k / π_N.
  const logLower = Math.log(n) - Math.log(traffic) - logBPrev;

  // Incomplete-beta walks for a = c (P(S_j ≤ T)) and a = c + 1 (answered within T), and the
  // same at the short-abandon threshold.
  const cT = nMu * t * oneMinusExpOverZ(gamma * t); // (1 − x)·c
  // The two main walks are IncompleteBetaWalk written out in local variables: this is the
  // inner loop of every Erlang A evaluation, and locals run about twice as fast as fields.
  // c: a = c, d: a = c + 1; scaled values carry e^{logScale}, `factor` = e^{−logScale}.
  const aC = cT;
  const aD = cT + oneMinusXT;
  const startC = walkStart(-nMu * t);
  const startD = walkStart(-(nMu + gamma) * t);
  let cScaled = startC.scaled;
  let cLogScale = startC.logScale;
  let cFactor = startC.factor;
  let cTerm = cScaled * aC;
  let cValue = Math.min(1, cScaled * cFactor);
  let dScaled = startD.scaled;
  let dLogScale = startD.logScale;
  let dFactor = startD.factor;
  let dTerm = dScaled * aD;
  let dValue = Math.min(1, dScaled * dFactor);
  const withShort = ts > 0;
  const cS = nMu * ts * oneMinusExpOverZ(gamma * ts);
  const walkSC = withShort ? new IncompleteBetaWalk(-nMu * ts, cS, oneMinusXS) : null;
  const walkSC1 = withShort ? new IncompleteBetaWalk(-(nMu + gamma) * ts, cS + oneMinusXS, oneMinusXS) : null;

  // Sums over queue states j, all carrying the same scale e^{−logScale}.
  let r = 1;
  let logScale = 0;
  let sumR = 0; // Σ r_j
  let sumQ = 0; // Σ j·r_j
  let sumServed = 0; // Σ r_j·P(answered | j)
  let sumAband = 0; // Σ r_j·P(abandon | j)
  let sumWait = 0; // Σ r_j·E[W·1{answered} | j]
  let sumServedT = 0; // Σ r_j·P(answered, W ≤ T | j)
  let sumAbandT = 0; // Σ r_j·P(abandoned, W ≤ T | j)
  let sumAbandS = 0; // same at the short-abandon threshold
  let harmonic = 0; // Σ_{i=0..j} 1/(Nμ + (i+1)γ)
  let j = 0;
  for (;;) {
    // Rate of leaving the position with j ahead: a completion, an abandonment ahead, or its own.
    const inv = 1 / (nMu + (j + 1) * gamma);
    const pServed = nMu * inv;
    const pAband = (j + 1) * gamma * inv;
    harmonic += inv;
    sumR += r;
    sumQ += j * r;
    sumServed += r * pServed;
    sumAband += r * pAband;
    sumWait += r * pServed * harmonic;
    const servedT = pServed * (1 - dValue);
    const within = 1 - cValue; // P(S_j ≤ T)
    sumServedT += r * servedT;
    const abT = oneMinusXT * cValue + within - servedT;
    sumAbandT += r * (abT > 0 ? abT : 0);
    if (walkSC && walkSC1) {
      const servedS = pServed * (1 - walkSC1.value);
      const abS = oneMinusXS * walkSC.value + (1 - walkSC.value) - servedS;
      sumAbandS += r * (abS > 0 ? abS : 0);
    }

    const ratio = lambda * inv; // r_{j+1}/r_j
    if (ratio < 1) {
      // The ratios only fall from here, so the tail Σ_{m>j} m·r_m ≤ r·(j/q + 1/q²), q = 1 − ratio.
      const q = 1 - ratio;
      if (r * (j * q + 1) <= 1e-17 * sumR * q * q) break;
    }
    j++;
    if (j > ERLANG_A_MAX_TERMS) {
      throw new InputError('patience', 'the modelled queue is too long to evaluate exactly');
    }
    r *= ratio;
    if (r > RESCALE) {
      r *= INV_RESCALE;
      sumR *= INV_RESCALE;
      sumQ *= INV_RESCALE;
      sumServed *= INV_RESCALE;
      sumAband *= INV_RESCALE;
      sumWait *= INV_RESCALE;
      sumServedT *= INV_RESCALE;
      sumAbandT *= INV_RESCALE;
      sumAbandS *= INV_RESCALE;
      logScale += LOG_RESCALE;
    }
    const invNext = 1 / (j + 1);
    const b = j; // the walks go from I_x(a, b) to I_x(a, b + 1)
    cScaled += cTerm;
    cTerm *= (aC + oneMinusXT * b) * invNext;
    if (cScaled > RESCALE && cLogScale > 0) {
      cScaled *= INV_RESCALE;
      cTerm *= INV_RESCALE;
      cLogScale -= LOG_RESCALE;
      cFactor = Math.exp(-cLogScale);
    }
    cValue = Math.min(1, cScaled * cFactor);
    dScaled += dTerm;
    dTerm *= (aD + oneMinusXT * b) * invNext;
    if (dScaled > RESCALE && dLogScale > 0) {
      dScaled *= INV_RESCALE;
      dTerm *= INV_RESCALE;
      dLogScale -= LOG_RESCALE;
      dFactor = Math.exp(-dLogScale);
    }
    dValue = Math.min(1, dScaled * dFactor);
    if (walkSC && walkSC1) {
      walkSC.next(invNext);
      walkSC1.next(invNext);
    }
  }

  // P(queue part) = R/(L + R) and P(no wait) = L/(L + R), each without cancellation.
  const logQueue = logScale + Math.log(sumR);
  const probWait = 1 / (1 + Math.exp(logLower - logQueue));
  const probNoWait = 1 / (1 + Math.exp(logQueue - logLower));
  const perQueue = probWait / sumR; // turns a queue sum into a share of arrivals
  const probAbandon = sumAband * perQueue;
  const answered = probNoWait + sumServed * perQueue;
  const waitAnswered = sumWait * perQueue; // E[W·1{answered}]
  const waitedAnswered = sumServed * perQueue;
  return {
    probWait,
    probAbandon,
    answeredWithin: Math.min(1, probNoWait + sumServedT * perQueue),
    abandonedWithin: sumAbandT * perQueue,
    abandonedShort: withShort ? sumAbandS * perQueue : 0,
    asa: answered > 0 ? waitAnswered / answered : null,
    avgWaitOfWaiting: waitedAnswered > 0 ? waitAnswered / waitedAnswered : null,
    queueLength: sumQ * perQueue,
    occupancy: Math.min(1, (traffic * answered) / n),
    terms: j + 1,
  };
}
