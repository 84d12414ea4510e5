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
import { z } from 'zod';
import { ErlangBTable, erlangCMetricsFromB } from './erlang.ts';
import { erlangAFromLogB, erlangATermsEstimate, ERLANG_A_MAX_TERMS, type ErlangAMetrics } from './erlangA.ts';
import { InputError } from './inputError.ts';
import { fteFor, scheduledHeads } from './shrinkage.ts';

export type StaffingModel = 'erlang-c' | 'erlang-a' | 'erlang-b';
export const STAFFING_MODELS = ['erlang-c', 'erlang-a', 'erlang-b'] as const satisfies readonly StaffingModel[];

export type SlVariant =
  | 'answered_of_offered_excl_short'
  | 'answered_of_answered'
  | 'answered_or_abandoned_within_of_offered'
  | 'answered_of_offered_excl_abandoned_within';
export const SL_VARIANTS = [
  'answered_of_offered_excl_short',
  'answered_of_answered',
  'answered_or_abandoned_within_of_offered',
  'answered_of_offered_excl_abandoned_within',
] as const satisfies readonly SlVariant[];

export interface StaffingInput {
  calls: number; // arrivals in the interval (may be fractional)
  intervalMinutes: number; // 15, 30, 60 ...
  aht: number; // seconds
  answerWithin: number; // T, seconds
  serviceLevel?: number; // target fraction 0..1 (default 0.8)
  asa?: number; // ASA ceiling, seconds
  maxOccupancy?: number; // fraction
  maxAbandon?: number; // fraction (Erlang A)
  model?: StaffingModel; // default 'erlang-c'
  patience?: number; // mean patience seconds (Erlang A)
  shrinkage?: number; // fraction 0..<1
  agents?: number; // given: evaluate this staffing; absent: solve for required agents
  slVariant?: SlVariant; // how SL is defined under abandonment (default answered_of_offered_excl_short)
  /** Short-abandon threshold in seconds for the `..._excl_short` variant (default 0). */
  shortAbandon?: number;
  /** Blocking ceiling (Erlang B grade of service), fraction. */
  maxBlocking?: number;
}

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

/** Agents beyond this are refused (the solver gives up rather than hang). */
export const MAX_AGENTS = 200_000;
/** Offered load beyond this is refused. */
export const MAX_TRAFFIC = 150_000;
export const DEFAULT_SERVICE_LEVEL = 0.8;

/** Offered load in Erlangs: calls × AHT / interval length. */
export function trafficErlangs(calls: number, aht: number, intervalMinutes: number): number {
  return (calls * aht) / (intervalMinutes * 60);
}

// ---------------------------------------------------------------------------------------
// Validation: one set of rules, used by zod (API, CLI) and by `staff` itself (the browser).

const finite = (field: string) => z.number({ error: `${field} must be a number` }).finite();

const StaffingSchema = z
  .object({
    calls: finite('calls').min(0, 'must be ≥ 0'),
    intervalMinutes: finite('intervalMinutes').gt(0, 'must be > 0').max(1440, 'must be at most 1440 (a day)'),
    aht: finite('aht').gt(0, 'must be > 0 seconds'),
    answerWithin: finite('answerWithin').min(0, 'must be ≥ 0 seconds'),
    serviceLevel: finite('serviceLevel').min(0, 'must be in [0, 1)').lt(1, 'must be below 1: no finite staffing answers every contact within the threshold').optional(),
    asa: finite('asa').gt(0, 'must be > 0 seconds').optional(),
    maxOccupancy: finite('maxOccupancy').gt(0, 'must be in (0, 1]').max(1, 'must be in (0, 1]').optional(),
    maxAbandon: finite('maxAbandon').gt(0, 'must be in (0, 1)').lt(1, 'must be in (0, 1)').optional(),
    model: z.enum(STAFFING_MODELS, { error: `must be one of ${STAFFING_MODELS.join(', ')}` }).optional(),
    patience: finite('patience').gt(0, 'must be > 0 seconds').optional(),
    shrinkage: finite('shrinkage').min(0, 'must be in [0, 1)').lt(1, 'must be in [0, 1)').optional(),
    agents: finite('agents').int('must be a whole number').min(0, 'must be ≥ 0').max(MAX_AGENTS, `must be at most ${MAX_AGENTS}`).optional(),
    slVariant: z.enum(SL_VARIANTS, { error: `must be one of ${SL_VARIANTS.join(', ')}` }).optional(),
    shortAbandon: finite('shortAbandon').min(0, 'must be ≥ 0 seconds').optional(),
    maxBlocking: finite('maxBlocking').gt(0, 'must be in (0, 1)').lt(1, 'must be in (0, 1)').optional(),
  })
  .strict()
  .superRefine((input, ctx) => {
    const problem = crossFieldProblem(input);
    if (problem) ctx.addIssue({ code: 'custom', path: [problem.field], message: problem.problem });
  });

/**
 * Checks an unknown value (a request body, parsed CLI flags) and returns it typed. Throws a
 * ZodError whose first issue names the field: negative calls, AHT 0, a service-level target
 * of 1 or more, Erlang A without patience, …
 */
export function validateStaffingInput(input: unknown): StaffingInput {
  return StaffingSchema.parse(input) as StaffingInput;
}

/** The zod schema, for routes that embed a staffing input in a larger body. */
export const staffingInputSchema = StaffingSchema;

/** Rules that involve more than one field, or the offered load. */
function crossFieldProblem(input: StaffingInput): { field: string; problem: string } | null {
  const model = input.model ?? 'erlang-c';
  if (model === 'erlang-a' && input.patience === undefined) {
    return { field: 'patience', problem: 'required for model erlang-a (mean patience in seconds)' };
  }
  if (input.maxAbandon !== undefined && model !== 'erlang-a') {
    return { field: 'maxAbandon', problem: 'applies only to model erlang-a (the other models have no abandonment)' };
  }
  if (input.maxBlocking !== undefined && model !== 'erlang-b') {
    return { field: 'maxBlocking', problem: 'applies only to model erlang-b' };
  }
  const traffic = trafficErlangs(input.calls, input.aht, input.intervalMinutes);
  if (traffic > MAX_TRAFFIC) {
    return { field: 'calls', problem: `offered load ${Math.round(traffic)} Erlangs is above the supported ${MAX_TRAFFIC}` };
  }
  if (model === 'erlang-a' && input.patience !== undefined && input.agents !== undefined && input.agents > 0) {
    const terms = erlangATermsEstimate(input.agents, input.calls / (input.intervalMinutes * 60), input.aht, input.patience);
    if (terms > ERLANG_A_MAX_TERMS) {
      return { field: 'patience', problem: 'so long, with so few agents, that the modelled queue is too long to evaluate exactly' };
    }
  }
  return null;
}

/** The same rules as the zod schema, without zod's cost: `staff` runs this on every call. */
function assertValid(input: StaffingInput): void {
  const num = (field: keyof StaffingInput, ok: (v: number) => boolean, problem: string, optional = true) => {
    const v = input[field];
    if (v === undefined && optional) return;
    if (typeof v !== 'number' || !Number.isFinite(v) || !ok(v)) throw new InputError(field, problem);
  };
  num('calls', (v) => v >= 0, 'must be a number ≥ 0', false);
  num('intervalMinutes', (v) => v > 0 && v <= 1440, 'must be in (0, 1440] minutes', false);
  num('aht', (v) => v > 0, 'must be > 0 seconds', false);
  num('answerWithin', (v) => v >= 0, 'must be ≥ 0 seconds', false);
  num('serviceLevel', (v) => v >= 0 && v < 1, 'must be in [0, 1)');
  num('asa', (v) => v > 0, 'must be > 0 seconds');
  num('maxOccupancy', (v) => v > 0 && v <= 1, 'must be in (0, 1]');
  num('maxAbandon', (v) => v > 0 && v < 1, 'must be in (0, 1)');
  num('patience', (v) => v > 0, 'must be > 0 seconds');
  num('shrinkage', (v) => v >= 0 && v < 1, 'must be in [0, 1)');
  num('agents', (v) => Number.isInteger(v) && v >= 0 && v <= MAX_AGENTS, `must be a whole number in [0, ${MAX_AGENTS}]`);
  num('shortAbandon', (v) => v >= 0, 'must be ≥ 0 seconds');
  num('maxBlocking', (v) => v > 0 && v < 1, 'must be in (0, 1)');
  if (input.model !== undefined && !STAFFING_MODELS.includes(input.model)) {
    throw new InputError('model', `must be one of ${STAFFING_MODELS.join(', ')}`);
  }
  if (input.slVariant !== undefined && !SL_VARIANTS.includes(input.slVariant)) {
    throw new InputError('slVariant', `must be one of ${SL_VARIANTS.join(', ')}`);
  }
  const problem = crossFieldProblem(input);
  if (problem) throw new InputError(problem.field, problem.problem);
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

function contextOf(input: StaffingInput): Context {
  const traffic = trafficErlangs(input.calls, input.aht, input.intervalMinutes);
  return {
    input,
    model: input.model ?? 'erlang-c',
    traffic,
    arrivalRate: input.calls / (input.intervalMinutes * 60),
    slTarget: input.serviceLevel ?? DEFAULT_SERVICE_LEVEL,
    variant: input.slVariant ?? 'answered_of_offered_excl_short',
    table: new ErlangBTable(traffic, Math.ceil(traffic) + 16),
  };
}

/** Service level under a variant from the shares of arrivals (Erlang A, and B). */
function serviceLevelOf(
  variant: SlVariant,
  answeredWithin: number,
  abandoned: number,
  abandonedWithin: number,
  abandonedShort: number,
): number {
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
      model, trafficErlangs: traffic, agents: n,
      serviceLevel: m.serviceLevel, asa: m.asa, probWait: m.probWait, probAbandon: null,
      occupancy: m.occupancy, meetsTargets: false, avgWaitOfWaiting: m.avgWaitOfWaiting, queueLength: m.queueLength,
    });
  }
  if (model === 'erlang-b') {
    const blocked = ctx.table.b(n);
    const shortT = input.shortAbandon ?? 0;
    const sl = serviceLevelOf(ctx.variant, 1 - blocked, blocked, blocked, shortT > 0 ? blocked : 0);
    return withTargets(ctx, {
      model, trafficErlangs: traffic, agents: n,
      serviceLevel: sl, asa: blocked < 1 ? 0 : null, probWait: 0, probAbandon: null,
      occupancy: n > 0 ? (traffic * (1 - blocked)) / n : 0, meetsTargets: false,
      probBlocked: blocked, avgWaitOfWaiting: null, queueLength: 0,
    });
  }
  const a = erlangAAt(ctx, n);
  return withTargets(ctx, {
    model, trafficErlangs: traffic, agents: n,
    serviceLevel: serviceLevelOf(ctx.variant, a.answeredWithin, a.probAbandon, a.abandonedWithin, a.abandonedShort),
    asa: a.asa, probWait: a.probWait, probAbandon: a.probAbandon, occupancy: a.occupancy, meetsTargets: false,
    avgWaitOfWaiting: a.avgWaitOfWaiting, queueLength: a.queueLength,
  });
}

function erlangAAt(ctx: Context, n: number): ErlangAMetrics {
  const { input } = ctx;
  return erlangAFromLogB(
    {
      agents: n, arrivalRate: ctx.arrivalRate, aht: input.aht, patience: input.patience!,
      answerWithin: input.answerWithin, shortAbandon: input.shortAbandon ?? 0,
    },
    n > 0 ? ctx.table.logB(n - 1) : 0,
  );
}

/** No arrivals: nothing to answer, nobody needed; every target is met vacuously. */
function emptyInterval(model: StaffingModel, n: number): StaffingResult {
  return {
    model, trafficErlangs: 0, agents: n, serviceLevel: 1, asa: 0, probWait: 0,
    probAbandon: model === 'erlang-a' ? 0 : null, occupancy: 0, meetsTargets: true,
    ...(model === 'erlang-b' ? { probBlocked: 0 } : {}), avgWaitOfWaiting: null, queueLength: 0,
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
  if (input.maxOccupancy !== undefined && r.occupancy > input.maxOccupancy) return false;
  if (input.maxAbandon !== undefined && (r.probAbandon ?? 0) > input.maxAbandon) return false;
  if (input.maxBlocking !== undefined && (r.probBlocked ?? 0) > input.maxBlocking) return false;
  return true;
}

function withShrinkage(input: StaffingInput, r: StaffingResult): StaffingResult {
  if (input.shrinkage === undefined) return r;
  return { ...r, fte: fteFor(r.agents, input.shrinkage), scheduledAgents: scheduledHeads(r.agents, input.shrinkage) };
}

// ---------------------------------------------------------------------------------------
// Solving.

/** Smallest N meeting every target; throws when none up to MAX_AGENTS does. */
function solve(ctx: Context): StaffingResult {
  if (ctx.input.calls === 0) return evaluate(ctx, 0);
  if (ctx.model === 'erlang-a') return solveErlangA(ctx);
  // Erlang C needs N > A; Erlang B and C both need N ≥ 1. Walk upward from there: Erlang B
  // falls monotonically, so each step costs O(1).
  let n = ctx.model === 'erlang-c' ? Math.max(1, Math.floor(ctx.traffic) + 1) : 1;
  if (ctx.model === 'erlang-c' && ctx.input.maxOccupancy !== undefined) {
    // Occupancy = A/N, so every N below A/maxOcc fails: start just below it.
    n = Math.max(n, Math.floor((ctx.traffic / ctx.input.maxOccupancy) * (1 - 1e-12)));
  }
  for (; n <= MAX_AGENTS; n++) {
    const r = evaluate(ctx, n);
    if (r.meetsTargets) return r;
  }
  throw new InputError('serviceLevel', `no staffing up to ${MAX_AGENTS} agents meets the targets`);
}

/**
 * Erlang A: targets get no harder as N grows (SL, ASA, abandon and occupancy are monotone in
 * N; property-tested), so search from a good guess — the Erlang C answer for the same SL,
 * ASA and occupancy targets — galloping away from it and bisecting, at O(J) per candidate,
 * never below the N that a necessary condition rules out.
 */
function solveErlangA(ctx: Context): StaffingResult {
  const { input, traffic } = ctx;
  // Necessary conditions: answered ≤ N/A of arrivals, so SL (default variant, no short
  // abandons) ≤ N/A and P(abandon) ≥ 1 − N/A.
  let failsBelow = 1;
  if (ctx.variant === 'answered_of_offered_excl_short' && !(input.shortAbandon! > 0)) {
    failsBelow = Math.max(failsBelow, Math.floor(ctx.slTarget * traffic));
  }
  if (input.maxAbandon !== undefined) {
    failsBelow = Math.max(failsBelow, Math.floor((1 - input.maxAbandon) * traffic));
  }
  // Below this the exact pass would visit more queue states than it allows; such N are
  // deep in overload (queue ≈ (λ − Nμ)·θ) and cannot meet any target.
  const minUsable = Math.max(1, Math.ceil((ctx.arrivalRate - ERLANG_A_MAX_TERMS / (2 * input.patience!)) * input.aht));
  failsBelow = Math.max(failsBelow, minUsable);
  const guessCtx: Context = { ...ctx, model: 'erlang-c', input: { ...input, maxAbandon: undefined, model: 'erlang-c' } };
  const guess = Math.max(failsBelow, solve(guessCtx).agents);

  const cache = new Map<number, StaffingResult>();
  const at = (n: number): StaffingResult => {
    let r = cache.get(n);
    if (!r) {
      r = evaluate(ctx, n);
      cache.set(n, r);
    }
    return r;
  };
  let pass: number; // meets the targets
  let fail: number; // known to fail (failsBelow − 1 always does)
  if (at(guess).meetsTargets) {
    pass = guess;
    fail = failsBelow - 1;
    for (let step = 1; pass - step >= failsBelow; step *= 2) {
      const n = pass - step;
      if (at(n).meetsTargets) pass = n;
      else {
        fail = n;
        break;
      }
    }
  } else {
    fail = guess;
    pass = -1;
    for (let step = 1; ; step *= 2) {
      const n = Math.min(MAX_AGENTS, fail + step);
      if (at(n).meetsTargets) {
        pass = n;
        break;
      }
      if (n === MAX_AGENTS) throw new InputError('serviceLevel', `no staffing up to ${MAX_AGENTS} agents meets the targets`);
      fail = n;
    }
  }
  while (pass - fail > 1) {
    const mid = Math.floor((pass + fail) / 2);
    if (at(mid).meetsTargets) pass = mid;
    else fail = mid;
  }
  return at(pass);
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
  assertValid(input);
  const ctx = contextOf(input);
  const r = input.agents !== undefined ? evaluate(ctx, input.agents) : solve(ctx);
  return withShrinkage(input, r);
}

/**
 * One interval's inputs, ready to answer several questions while sharing one Erlang B walk:
 * the required agents and the metrics at any N (the interval plan asks for both, the chat
 * model for server counts that are multiples of the concurrency). `input.agents` is ignored.
 */
export interface StaffingEvaluator {
  /** Smallest N meeting every target (as `staff` without agents). */
  solve(): StaffingResult;
  /** Metrics at N agents (as `staff` with agents = N). */
  at(agents: number): StaffingResult;
}

export function createStaffingEvaluator(input: StaffingInput): StaffingEvaluator {
  const { agents: _ignored, ...rest } = input;
  assertValid(rest);
  const ctx = contextOf(rest);
  return {
    solve: () => withShrinkage(rest, solve(ctx)),
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
  const { agents: _ignored, ...rest } = input;
  assertValid(rest);
  if (!Number.isInteger(fromAgents) || fromAgents < 0) throw new InputError('fromAgents', 'must be a whole number ≥ 0');
  if (!Number.isInteger(toAgents) || toAgents < fromAgents || toAgents > MAX_AGENTS) {
    throw new InputError('toAgents', `must be a whole number in [fromAgents, ${MAX_AGENTS}]`);
  }
  const ctx = contextOf(rest);
  const out: StaffingResult[] = [];
  for (let n = fromAgents; n <= toAgents; n++) {
    assertErlangAFeasible(ctx, n, 'fromAgents');
    out.push(withShrinkage(rest, evaluate(ctx, n)));
  }
  return out;
}
