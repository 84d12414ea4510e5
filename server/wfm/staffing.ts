/**
 * The single entry point of the staffing math: evaluate a staffing (`agents` given) or solve
 * for the smallest number of agents that meets every target given, under Erlang C (M/M/N),
 * Erlang A (M/M/N+M, with abandonment) or Erlang B (lost calls). Pure: the API, the CLI and
 * the dashboard's what-if calculator (in the browser) all call this same code.
 *
 * Definitions follow the KPI engine, so a modelled figure means what a measured one does:
 * - serviceLevel: per `slVariant` (default `answered_of_offered_excl_short` with a short-
 *   abandon threshold of 0 s, i.e. contacts answered within T / all arrivals);
 * - asa: mean wait of answered contacts (seconds); null when the queue is unstable;
 * - probAbandon: share of arrivals that abandon (Erlang A), null for Erlang C and B;
 * - occupancy: λ·(1 − P(abandon))·AHT / N (= A/N for Erlang C).
 * Erlang C has no abandonment, so its four service-level variants coincide. Under Erlang B a
 * blocked call counts as an abandon with zero wait.
 *
 * Required agents are solved incrementally: Erlang B is walked upward once (O(N) for the
 * whole solve) and each candidate costs O(1) (Erlang C, B) or O(J) queue states (Erlang A),
 * with the Erlang A search started from the Erlang C answer.
 */
import { ErlangBTable, erlangCFromB, erlangCMetricsFromB } from './erlang.ts';
import { erlangAFromLogB, erlangATermsEstimate, ERLANG_A_MAX_TERMS, type ErlangAMetrics } from './erlangA.ts';
import { InputError } from './inputError.ts';
import { assertStaffingInput, DEFAULT_SERVICE_LEVEL, MAX_AGENTS, type SlVariant, type StaffingInput, type StaffingModel, trafficErlangs } from './staffingSchema.ts';

// The input's type, constants and rules live with its schema (staffingSchema.ts).
export {
  crossFieldProblem,
  DEFAULT_SERVICE_LEVEL,
  MAX_AGENTS,
  MAX_TRAFFIC,
  SL_VARIANTS,
  type SlVariant,
  STAFFING_MODELS,
  type StaffingInput,
  type StaffingModel,
  trafficErlangs,
} from './staffingSchema.ts';
import { atMostExact, fteFor, scheduledHeads } from './shrinkage.ts';

export interface StaffingResult {
  model: StaffingModel;
  trafficErlangs: number;
  agents: number;
  serviceLevel: number;
  asa: number | null;
  probWait: number;
  probAbandon: number | null;
  occupancy: number;
  fte?: number;
  scheduledAgents?: number;
  meetsTargets: boolean;
  probBlocked?: number;
  avgWaitOfWaiting?: number | null;
  queueLength?: number | null;
}

// ---------------------------------------------------------------------------------------
// Evaluation at one N.

/** Everything the evaluation needs, fixed for one interval. */
interface Context {
  input: StaffingInput;
  model: StaffingModel;
  traffic: number;
  arrivalRate: number; // per second
  slTarget: number;
  variant: SlVariant;
  table: ErlangBTable;
}

/**
 * The context of one interval. The Erlang B table starts at the lowest N the question can
 * touch (the agents given, or the solver's first candidate): the walk up to it stores
 * nothing and runs at full speed. `table` lets `staff` reuse one buffer across calls.
 */
function contextOf(input: StaffingInput, table?: ErlangBTable): Context {
  const traffic = trafficErlangs(input.calls, input.aht, input.intervalMinutes);
  const model = input.model ?? 'erlang-c';
  const slTarget = input.serviceLevel ?? DEFAULT_SERVICE_LEVEL;
  const variant = input.slVariant ?? 'answered_of_offered_excl_short';
  let base: number;
  if (input.agents !== undefined) base = input.agents - 1;
  else if (model === 'erlang-c') base = Math.floor(traffic);
  else if (model === 'erlang-b') base = 0;
  else base = erlangALowerBound(input, traffic, slTarget, variant) - 2;
  base = Math.max(0, base);
  if (table) table.reset(traffic, base);
  else table = new ErlangBTable(traffic, base, Math.max(16, Math.ceil(traffic - base) + 32));
  return { input, model, traffic, arrivalRate: input.calls / (input.intervalMinutes * 60), slTarget, variant, table };
}

/**
 * Erlang A necessary conditions: answered ≤ N/A of arrivals, so SL under the default
 * variant (no short abandons) ≤ N/A and P(abandon) ≥ 1 − N/A. Every N below the result fails.
 */
function erlangALowerBound(input: StaffingInput, traffic: number, slTarget: number, variant: SlVariant): number {
  let bound = 1;
  if (variant === 'answered_of_offered_excl_short' && !(input.shortAbandon! > 0)) {
    bound = Math.max(bound, Math.floor(slTarget * traffic));
  }
  if (input.maxAbandon !== undefined) bound = Math.max(bound, Math.floor((1 - input.maxAbandon) * traffic));
  return bound;
}

/** One table reused by every `staff` call (synchronous, so never shared by two at once). */
const scratchTable = new ErlangBTable(0, 0, 1024);

/** Service level under a variant from the shares of arrivals (Erlang A, and B). */
function serviceLevelOf(variant: SlVariant, answeredWithin: number, abandoned: number, abandonedWithin: number, abandonedShort: number): number {
  let sl: number;
  switch (variant) {
    case 'answered_of_offered_excl_short':
      sl = abandonedShort < 1 ? answeredWithin / (1 - abandonedShort) : 0;
      break;
    case 'answered_of_answered':
      sl = abandoned < 1 ? answeredWithin / (1 - abandoned) : 0;
      break;
    case 'answered_or_abandoned_within_of_offered':
      sl = answeredWithin + abandonedWithin;
      break;
    case 'answered_of_offered_excl_abandoned_within':
      sl = abandonedWithin < 1 ? answeredWithin / (1 - abandonedWithin) : 0;
      break;
  }
  return Math.min(1, Math.max(0, sl));
}

function evaluate(ctx: Context, n: number): StaffingResult {
  const { input, traffic, model } = ctx;
  if (input.calls === 0) return emptyInterval(model, n);
  if (model === 'erlang-c') {
    const m = erlangCMetricsFromB(n, traffic, input.aht, input.answerWithin, ctx.table.b(n));
    return withTargets(ctx, {
      model,
      trafficErlangs: traffic,
      agents: n,
      serviceLevel: m.serviceLevel,
      asa: m.asa,
      probWait: m.probWait,
      probAbandon: null,
      occupancy: m.occupancy,
      meetsTargets: false,
      avgWaitOfWaiting: m.avgWaitOfWaiting,
      queueLength: m.queueLength,
    });
  }
  if (model === 'erlang-b') {
    const blocked = ctx.table.b(n);
    const shortT = input.shortAbandon ?? 0;
    const sl = serviceLevelOf(ctx.variant, 1 - blocked, blocked, blocked, shortT > 0 ? blocked : 0);
    return withTargets(ctx, {
      model,
      trafficErlangs: traffic,
      agents: n,
      serviceLevel: sl,
      asa: blocked < 1 ? 0 : null,
      probWait: 0,
      probAbandon: null,
      occupancy: n > 0 ? (traffic * (1 - blocked)) / n : 0,
      meetsTargets: false,
      probBlocked: blocked,
      avgWaitOfWaiting: null,
      queueLength: 0,
    });
  }
  const a = erlangAAt(ctx, n);
  return withTargets(ctx, {
    model,
    trafficErlangs: traffic,
    agents: n,
    serviceLevel: serviceLevelOf(ctx.variant, a.answeredWithin, a.probAbandon, a.abandonedWithin, a.abandonedShort),
    asa: a.asa,
    probWait: a.probWait,
    probAbandon: a.probAbandon,
    occupancy: a.occupancy,
    meetsTargets: false,
    avgWaitOfWaiting: a.avgWaitOfWaiting,
    queueLength: a.queueLength,
  });
}

function erlangAAt(ctx: Context, n: number): ErlangAMetrics {
  const { input } = ctx;
  return erlangAFromLogB(
    {
      agents: n,
      arrivalRate: ctx.arrivalRate,
      aht: input.aht,
      patience: input.patience!,
      answerWithin: input.answerWithin,
      shortAbandon: input.shortAbandon ?? 0,
    },
    n > 0 ? ctx.table.logB(n - 1) : 0,
  );
}

/** No arrivals: nothing to answer, nobody needed; every target is met vacuously. */
function emptyInterval(model: StaffingModel, n: number): StaffingResult {
  return {
    model,
    trafficErlangs: 0,
    agents: n,
    serviceLevel: 1,
    asa: 0,
    probWait: 0,
    probAbandon: model === 'erlang-a' ? 0 : null,
    occupancy: 0,
    meetsTargets: true,
    ...(model === 'erlang-b' ? { probBlocked: 0 } : {}),
    avgWaitOfWaiting: null,
    queueLength: 0,
  };
}

/** Sets `meetsTargets`: every target given is met, and (with calls) there is an agent and, for Erlang C, a stable queue. */
function withTargets(ctx: Context, r: StaffingResult): StaffingResult {
  r.meetsTargets = meets(ctx, r);
  return r;
}

function meets(ctx: Context, r: StaffingResult): boolean {
  const { input } = ctx;
  if (input.calls > 0 && r.agents < 1) return false;
  if (ctx.model === 'erlang-c' && r.agents <= ctx.traffic && input.calls > 0) return false;
  if (r.serviceLevel < ctx.slTarget) return false;
  if (input.asa !== undefined && (r.asa === null || r.asa > input.asa)) return false;
  if (input.maxOccupancy !== undefined && !atMostExact(r.occupancy, input.maxOccupancy)) return false;
  if (input.maxAbandon !== undefined && (r.probAbandon ?? 0) > input.maxAbandon) return false;
  if (input.maxBlocking !== undefined && (r.probBlocked ?? 0) > input.maxBlocking) return false;
  return true;
}

/** Adds FTE and whole heads to a fresh result (in place: object spread is slow here). */
function withShrinkage(input: StaffingInput, r: StaffingResult): StaffingResult {
  if (input.shrinkage === undefined) return r;
  r.fte = fteFor(r.agents, input.shrinkage);
  r.scheduledAgents = scheduledHeads(r.agents, input.shrinkage);
  return r;
}

// ---------------------------------------------------------------------------------------
// Solving.

/** Smallest N meeting every target; throws when none up to MAX_AGENTS does. */
function solve(ctx: Context, hint?: SolveHint): StaffingResult {
  if (ctx.input.calls === 0) return evaluate(ctx, 0);
  if (ctx.model === 'erlang-a') return solveErlangA(ctx, hint);
  // Erlang C needs N > A; Erlang B and C both need N ≥ 1. Walk upward from there: Erlang B
  // falls monotonically, so each step costs O(1).
  let n = ctx.model === 'erlang-c' ? Math.max(1, Math.floor(ctx.traffic) + 1) : 1;
  if (ctx.model === 'erlang-c' && ctx.input.maxOccupancy !== undefined) {
    // Occupancy = A/N, so every N below A/maxOcc fails: start just below it.
    n = Math.max(n, Math.floor((ctx.traffic / ctx.input.maxOccupancy) * (1 - 1e-12)));
  }
  for (; n <= MAX_AGENTS; n++) {
    // Erlang C: a lean check first (no objects), then the full evaluation of the winner.
    if (ctx.model === 'erlang-c' && !erlangCPasses(ctx, n)) continue;
    const r = evaluate(ctx, n);
    if (r.meetsTargets) return r;
  }
  throw new InputError('serviceLevel', `no staffing up to ${MAX_AGENTS} agents meets the targets`);
}

/**
 * Whether Erlang C at N meets the targets — the same arithmetic as erlangCMetricsFromB and
 * `meets`, without building result objects (the solver calls it for every candidate).
 */
function erlangCPasses(ctx: Context, n: number): boolean {
  const { traffic, input } = ctx;
  if (n <= traffic || n < 1) return false;
  if (input.maxOccupancy !== undefined && !atMostExact(Math.min(1, traffic / n), input.maxOccupancy)) return false;
  const b = ctx.table.b(n);
  const c = erlangCFromB(n, traffic, b);
  const spare = n - traffic;
  if (1 - c * Math.exp((-spare * input.answerWithin) / input.aht) < ctx.slTarget) return false;
  if (input.asa !== undefined && c * (input.aht / spare) > input.asa) return false;
  return true;
}

/**
 * How far a result is from failing (negative: fails), as the smallest margin over the targets
 * given, each on a scale where it is nearly linear in N — ln(1 − SL), ln ASA and ln P(abandon)
 * fall about linearly as agents are added (1 − SL ≈ C·e^(−(N−A)T/AHT)), occupancy ≈ A/N — so
 * the secant search lands within an agent or two. Only steers the Erlang A search;
 * `meetsTargets` decides.
 */
function slack(ctx: Context, r: StaffingResult): number {
  const { input } = ctx;
  let s = lnFloor(1 - ctx.slTarget) - lnFloor(1 - r.serviceLevel);
  if (input.asa !== undefined) s = Math.min(s, r.asa === null ? -50 : lnFloor(input.asa) - lnFloor(r.asa));
  if (input.maxOccupancy !== undefined) s = Math.min(s, input.maxOccupancy - r.occupancy);
  if (input.maxAbandon !== undefined) s = Math.min(s, lnFloor(input.maxAbandon) - lnFloor(r.probAbandon ?? 0));
  return s;
}

function lnFloor(x: number): number {
  return Math.log(x > 1e-300 ? x : 1e-300);
}

/**
 * Carried from one solve to the next by a caller solving many similar intervals in a row
 * (an interval plan): how far the Erlang A answer sat from the Erlang C one last time, which
 * makes a better first guess than the Erlang C answer alone (two or three evaluations
 * instead of about five). Only a starting point: the answer does not depend on it.
 */
export interface SolveHint {
  erlangAOffset?: number;
}

/**
 * Erlang A: targets get no harder as N grows (SL, ASA, abandon and occupancy are monotone in
 * N; property-tested), so the answer is the point where the smallest target margin crosses
 * zero. Search from a good guess — the Erlang C answer for the same SL, ASA and occupancy
 * targets, shifted by the last interval's Erlang A − Erlang C gap when a plan passes a hint —
 * by the secant method on that margin, safeguarded by a bracket [fail, pass] that always
 * shrinks (bisection if the secant has not finished in six rounds): about 4 evaluations at
 * O(J) each from a cold start, 2–3 with a hint, sharing one Erlang B table. Never below the N
 * that a necessary condition rules out.
 */
function solveErlangA(ctx: Context, hint?: SolveHint): StaffingResult {
  const { input, traffic } = ctx;
  let failsBelow = erlangALowerBound(input, traffic, ctx.slTarget, ctx.variant);
  // Below this the exact pass would visit more queue states than it allows; such N are
  // deep in overload (queue ≈ (λ − Nμ)·θ) and cannot meet any target.
  const minUsable = Math.max(1, Math.ceil((ctx.arrivalRate - ERLANG_A_MAX_TERMS / (2 * input.patience!)) * input.aht));
  failsBelow = Math.max(failsBelow, minUsable);
  const guessCtx = erlangCContext(ctx);
  const erlangCAnswer = solve(guessCtx).agents;
  const guess = Math.max(failsBelow, erlangCAnswer + Math.round(hint?.erlangAOffset ?? 0));

  const search = new Search(ctx, failsBelow - 1);
  let x0 = guess;
  const passes0 = search.record(x0);
  // First step: Newton on the margin with the slope Erlang C shows at the guess (its margins
  // move with N much as Erlang A's do), instead of a blind ±1.
  let x1 = passes0 ? x0 - 1 : x0 + 1;
  const slopeC = slack(guessCtx, evaluate(guessCtx, x0)) - slack(guessCtx, evaluate(guessCtx, x0 - 1));
  if (slopeC > 0 && Number.isFinite(slopeC)) {
    const newton = Math.ceil(x0 - search.slackAt(x0) / slopeC - 1e-9);
    if (passes0 && newton < x0) x1 = Math.max(failsBelow, newton);
    if (!passes0 && newton > x0) x1 = newton;
  }
  let iteration = 0;
  while (search.pass - search.fail > 1) {
    if (x1 > MAX_AGENTS) throw new InputError('serviceLevel', `no staffing up to ${MAX_AGENTS} agents meets the targets`);
    search.record(x1);
    const { pass, fail } = search;
    if (pass - fail <= 1) break;
    const s0 = search.slackAt(x0);
    const s1 = search.slackAt(x1);
    let next: number;
    // Secant while it behaves (it converges in a few steps on these near-linear margins);
    // bisection after six rounds guarantees the end on any pathological input.
    if (s1 !== s0 && Number.isFinite(s0) && Number.isFinite(s1) && ++iteration <= 6) {
      next = Math.ceil(x1 - (s1 * (x1 - x0)) / (s1 - s0) - 1e-9);
    } else if (pass === Infinity) {
      next = x1 + Math.max(1, 2 * Math.abs(x1 - x0)); // gallop up
    } else {
      next = Math.floor((fail + pass) / 2); // bisect
    }
    if (pass === Infinity) next = Math.min(next, x1 + Math.max(1, 4 * Math.abs(x1 - x0)));
    // Stay strictly inside the bracket and off the points already known.
    next = Math.max(fail + 1, Math.min(next, pass - 1));
    if (search.has(next)) next = search.has(pass - 1) ? fail + 1 : pass - 1;
    x0 = x1;
    x1 = next;
  }
  if (hint) hint.erlangAOffset = search.pass - erlangCAnswer;
  return search.at(search.pass);
}

/** The same interval under Erlang C, for the Erlang A search's guess (one literal: no spread). */
function erlangCContext(ctx: Context): Context {
  const i = ctx.input;
  const input: StaffingInput = {
    calls: i.calls,
    aht: i.aht,
    intervalMinutes: i.intervalMinutes,
    answerWithin: i.answerWithin,
    serviceLevel: i.serviceLevel,
    asa: i.asa,
    maxOccupancy: i.maxOccupancy,
    model: 'erlang-c',
    shrinkage: i.shrinkage,
    slVariant: i.slVariant,
    shortAbandon: i.shortAbandon,
  };
  return {
    input,
    model: 'erlang-c',
    traffic: ctx.traffic,
    arrivalRate: ctx.arrivalRate,
    slTarget: ctx.slTarget,
    variant: ctx.variant,
    table: ctx.table,
  };
}

/**
 * The points an Erlang A search has evaluated (a handful: a list beats a Map) and its
 * bracket: `fail` is the largest N known to fail, `pass` the smallest known to pass.
 */
class Search {
  private readonly ns: number[] = [];
  private readonly results: StaffingResult[] = [];
  pass = Infinity;
  constructor(
    private readonly ctx: Context,
    public fail: number,
  ) {}

  has(n: number): boolean {
    return this.ns.includes(n);
  }

  at(n: number): StaffingResult {
    const k = this.ns.indexOf(n);
    if (k >= 0) return this.results[k]!;
    const r = evaluate(this.ctx, n);
    this.ns.push(n);
    this.results.push(r);
    return r;
  }

  slackAt(n: number): number {
    return slack(this.ctx, this.at(n));
  }

  /** Evaluates N, narrows the bracket, and says whether N meets the targets. */
  record(n: number): boolean {
    const ok = this.at(n).meetsTargets;
    if (ok) this.pass = Math.min(this.pass, n);
    else this.fail = Math.max(this.fail, n);
    return ok;
  }
}

// ---------------------------------------------------------------------------------------
// Public entry points.

/**
 * Evaluates `input.agents` when given, otherwise solves for the smallest number of agents
 * that meets every target given (service level at T — default 80% —, ASA ceiling, abandon
 * ceiling, occupancy ceiling, blocking ceiling). Adds FTE and whole scheduled heads when
 * shrinkage is given. Throws an InputError naming the field for invalid input.
 */
export function staff(input: StaffingInput): StaffingResult {
  assertStaffingInput(input);
  const ctx = contextOf(input, scratchTable);
  const r = input.agents !== undefined ? evaluate(ctx, input.agents) : solve(ctx);
  return withShrinkage(input, r);
}

/**
 * One interval's inputs, ready to answer several questions while sharing one Erlang B walk:
 * the required agents and the metrics at any N (the interval plan asks for both, the chat
 * model for server counts that are multiples of the concurrency). `input.agents` is ignored.
 */
export interface StaffingEvaluator {
  /**
   * Smallest N meeting every target (as `staff` without agents). `hint`, shared across calls
   * for neighbouring intervals, speeds up the Erlang A search without changing its answer.
   */
  solve(hint?: SolveHint): StaffingResult;
  /** Metrics at N agents (as `staff` with agents = N). */
  at(agents: number): StaffingResult;
}

export function createStaffingEvaluator(input: StaffingInput): StaffingEvaluator {
  // (No object rest here: it takes V8's slow path, and a plan builds one evaluator per interval.)
  const rest = input.agents === undefined ? input : withoutAgents(input);
  assertStaffingInput(rest);
  const ctx = contextOf(rest);
  return {
    solve: (hint?: SolveHint) => withShrinkage(rest, solve(ctx, hint)),
    at: (agents: number) => {
      if (!Number.isInteger(agents) || agents < 0 || agents > MAX_AGENTS) {
        throw new InputError('agents', `must be a whole number in [0, ${MAX_AGENTS}]`);
      }
      assertErlangAFeasible(ctx, agents, 'agents');
      return withShrinkage(rest, evaluate(ctx, agents));
    },
  };
}

function assertErlangAFeasible(ctx: Context, n: number, field: string): void {
  if (ctx.model === 'erlang-a' && n > 0 && erlangATermsEstimate(n, ctx.arrivalRate, ctx.input.aht, ctx.input.patience!) > ERLANG_A_MAX_TERMS) {
    throw new InputError(field, `too few agents (${n}) for an exact Erlang A evaluation at this patience`);
  }
}

/**
 * The same evaluation for every N in [fromAgents, toAgents], for charts: one Erlang B walk
 * for the whole range (O(toAgents) plus O(1) per N for Erlang C and B, O(J) for Erlang A).
 * `input.agents` is ignored.
 */
export function staffingCurve(input: StaffingInput, fromAgents: number, toAgents: number): StaffingResult[] {
  const rest = withoutAgents(input);
  assertStaffingInput(rest);
  if (!Number.isInteger(fromAgents) || fromAgents < 0) throw new InputError('fromAgents', 'must be a whole number ≥ 0');
  if (!Number.isInteger(toAgents) || toAgents < fromAgents || toAgents > MAX_AGENTS) {
    throw new InputError('toAgents', `must be a whole number in [fromAgents, ${MAX_AGENTS}]`);
  }
  const ctx = contextOf(rest);
  ctx.table.reset(ctx.traffic, Math.max(0, fromAgents - 1)); // the curve's own first N
  const out: StaffingResult[] = [];
  for (let n = fromAgents; n <= toAgents; n++) {
    assertErlangAFeasible(ctx, n, 'fromAgents');
    out.push(withShrinkage(rest, evaluate(ctx, n)));
  }
  return out;
}

function withoutAgents(input: StaffingInput): StaffingInput {
  const copy = { ...input };
  delete copy.agents;
  return copy;
}

/**
 * A staffing input for one interval of a plan: the shared options with this interval's
 * calls and AHT, built as one literal (a fixed object shape; spreading a caller's options
 * object per interval takes V8's slow path and dominates the cost of a year-long plan).
 */
export function intervalInput(options: Omit<StaffingInput, 'calls' | 'aht' | 'agents'>, calls: number, aht: number): StaffingInput {
  return {
    calls,
    aht,
    intervalMinutes: options.intervalMinutes,
    answerWithin: options.answerWithin,
    serviceLevel: options.serviceLevel,
    asa: options.asa,
    maxOccupancy: options.maxOccupancy,
    maxAbandon: options.maxAbandon,
    model: options.model,
    patience: options.patience,
    shrinkage: options.shrinkage,
    slVariant: options.slVariant,
    shortAbandon: options.shortAbandon,
    maxBlocking: options.maxBlocking,
  };
}
