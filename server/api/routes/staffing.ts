/**
 * Staffing routes under /api/staffing. Pure computation: no database. Every body is checked
 * with zod (shape) and by the engine (meaning); either way an invalid input is a 400 that
 * names the field (`invalid intervals.3.calls: must be a number ≥ 0`).
 *
 * POST /api/staffing/erlang    StaffingInput [+ concurrency]        → StaffingResult
 * POST /api/staffing/curve     { input, fromAgents, toAgents }      → { points: StaffingResult[] }
 * POST /api/staffing/plan      { intervals: PlanInterval[], schedule?, options } → IntervalPlan
 * POST /api/staffing/simulate  { intervals, options, seed }         → SimResult
 * POST /api/staffing/deferred  DeferredInput                          → DeferredResult
 */
import { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../deps.ts';
import { route } from '../permissions.ts';
import { badRequest } from '../errors.ts';
import { InputError } from '../../wfm/inputError.ts';
import { applySchedule, planIntervals, type PlanOptions } from '../../wfm/intervalPlan.ts';
import { staffChat, staffDeferred } from '../../wfm/nonVoice.ts';
import { createRng } from '../../wfm/random.ts';
import { expectedSimulatedContacts, simulate, type SimOptions } from '../../wfm/simulate.ts';
import { staffingCurve, staff } from '../../wfm/staffing.ts';
import { validateStaffingInput } from '../../wfm/staffingSchema.ts';

/** Simulated contacts (calls × replications) one request may ask for: ~1 s of CPU at most. */
export const API_MAX_SIMULATED_CONTACTS = 2_000_000;
/** Intervals in one plan or simulation request (a year of 15-minute intervals fits). */
export const API_MAX_INTERVALS = 40_000;
/** Points in one curve request. */
export const API_MAX_CURVE_POINTS = 2_000;

const num = z.number({ error: 'must be a number' }).finite();

const ChatSchema = z.object({ concurrency: num.int('must be a whole number').min(1).max(20) }).passthrough();

const CurveSchema = z
  .object({
    input: z.record(z.string(), z.unknown()),
    fromAgents: num.int('must be a whole number').min(0, 'must be ≥ 0'),
    toAgents: num.int('must be a whole number').min(0, 'must be ≥ 0'),
  })
  .strict()
  .refine((b) => b.toAgents >= b.fromAgents, { path: ['toAgents'], message: 'must be ≥ fromAgents' })
  .refine((b) => b.toAgents - b.fromAgents < API_MAX_CURVE_POINTS, { path: ['toAgents'], message: `at most ${API_MAX_CURVE_POINTS} points per request` });

const PlanSchema = z
  .object({
    intervals: z
      .array(z.object({ period: z.string({ error: 'must be a string' }), calls: num, aht: num, scheduled: num.optional() }).strict(), { error: 'must be an array of intervals' })
      .max(API_MAX_INTERVALS, `at most ${API_MAX_INTERVALS} intervals per request`),
    /** A schedule given apart from the intervals, matched to them by instant (not wall-clock time). */
    schedule: z
      .array(z.object({ period: z.string({ error: 'must be a string' }), scheduled: num.min(0, 'must be ≥ 0') }).strict(), { error: 'must be an array of { period, scheduled }' })
      .max(API_MAX_INTERVALS, `at most ${API_MAX_INTERVALS} rows per request`)
      .optional(),
    options: z.record(z.string(), z.unknown(), { error: 'must be an object' }),
  })
  .strict();

const SimulateSchema = z
  .object({
    intervals: z
      .array(z.object({ calls: num, agents: num, aht: num.optional() }).strict(), { error: 'must be an array of intervals' })
      .min(1, 'at least one interval is needed')
      .max(API_MAX_INTERVALS, `at most ${API_MAX_INTERVALS} intervals per request`),
    options: z.record(z.string(), z.unknown(), { error: 'must be an object' }),
    seed: num.int('must be a whole number').default(1),
  })
  .strict();

const DeferredSchema = z
  .object({
    items: num,
    periodHours: num,
    aht: num,
    responseHours: num,
    backlog: num.optional(),
    productivity: num.optional(),
    shrinkage: num.optional(),
    agents: num.optional(),
  })
  .strict();

const SIM_OPTION_KEYS = new Set(['intervalMinutes', 'aht', 'handle', 'handleCv', 'patience', 'answerWithin', 'shortAbandon', 'slVariant', 'replications', 'warmupIntervals', 'confidence', 'start']);

/** Runs the engine, turning its InputError into a 400 naming the field (`rename` adds a prefix). */
function engine<T>(fn: () => T, rename: (field: string) => string = (f) => f): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof InputError) throw badRequest(rename(e.field), e.problem);
    throw e;
  }
}

/** Validates plan options as a staffing input (strict: unknown keys are errors). */
function checkPlanOptions(options: Record<string, unknown>): void {
  for (const key of ['calls', 'aht', 'agents']) {
    if (key in options) throw badRequest(`options.${key}`, 'belongs to each interval, not to the options');
  }
  const { paidHoursPerFte: _paid, operatingDaysPerWeek: _open, ...staffing } = options;
  engine(
    () => validateStaffingInput({ ...staffing, calls: 0, aht: 1 }),
    (f) => `options.${f}`,
  );
}

/** Plain JSON handler: the body is parsed by the handler, the result sent as JSON. */
function post(handler: (body: unknown) => unknown): RequestHandler {
  return (req, res) => {
    res.json(handler(req.body ?? {}));
  };
}

export function staffingRouter(_deps: AppDeps): Router {
  const router = Router();

  route(
    router,
    'post',
    '/staffing/erlang',
    'write:plan',
    post((body) => {
      if (body && typeof body === 'object' && 'concurrency' in body) {
        const { concurrency, ...rest } = ChatSchema.parse(body);
        const input = validateStaffingInput(rest);
        return engine(() => staffChat({ ...input, concurrency }));
      }
      return engine(() => staff(validateStaffingInput(body)));
    }),
  );

  route(
    router,
    'post',
    '/staffing/curve',
    'write:plan',
    post((body) => {
      const b = CurveSchema.parse(body);
      const input = engine(
        () => validateStaffingInput(b.input),
        (f) => `input.${f}`,
      );
      return { points: engine(() => staffingCurve(input, b.fromAgents, b.toAgents)) };
    }),
  );

  route(
    router,
    'post',
    '/staffing/plan',
    'write:plan',
    post((body) => {
      const b = PlanSchema.parse(body);
      checkPlanOptions(b.options);
      const intervals = b.schedule ? engine(() => applySchedule(b.intervals, b.schedule!)) : b.intervals;
      return engine(() => planIntervals(intervals, b.options as unknown as PlanOptions));
    }),
  );

  route(
    router,
    'post',
    '/staffing/simulate',
    'write:plan',
    post((body) => {
      const b = SimulateSchema.parse(body);
      for (const key of Object.keys(b.options)) {
        if (!SIM_OPTION_KEYS.has(key)) throw badRequest(`options.${key}`, 'unknown option');
      }
      const options = b.options as unknown as SimOptions;
      const field = (f: string) => (f.startsWith('intervals') ? f : `options.${f}`);
      // Steady start by default (options.start): the warm-up's contacts count too.
      const contacts = engine(() => expectedSimulatedContacts(b.intervals, options), field);
      if (contacts > API_MAX_SIMULATED_CONTACTS) {
        throw badRequest('options.replications', `calls × replications (warm-up included) must stay below ${API_MAX_SIMULATED_CONTACTS.toLocaleString('en-US')} per request`);
      }
      return engine(() => simulate(b.intervals, options, createRng(b.seed)), field);
    }),
  );

  route(
    router,
    'post',
    '/staffing/deferred',
    'write:plan',
    post((body) => engine(() => staffDeferred(DeferredSchema.parse(body)))),
  );

  return router;
}
