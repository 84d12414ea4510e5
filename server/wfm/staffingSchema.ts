/**
 * The one staffing input schema: a declarative table of the fields and their rules, checked
 * by the API and the CLI (`validateStaffingInput`: strict, unknown fields refused) and by the
 * engine itself (`assertStaffingInput`, run by `staff` on every call and in the browser's
 * what-if calculator), so every caller refuses the same inputs with the same message naming
 * the same field.
 *
 * Why not zod here: a parse with zod's smaller build (`zod/mini`, no JIT) costs ~14 µs, 30×
 * the 0.44 µs Erlang C solve it would guard (a plan checks every interval), and zod in the
 * browser's Staffing chunk would double it; this table is checked in well under 1 µs and
 * adds no dependency. The other request shapes of the staffing routes stay zod schemas.
 */
import { InputError } from './inputError.ts';
import { erlangATermsEstimate, ERLANG_A_MAX_TERMS } from './erlangA.ts';
import { SL_VARIANTS as KPI_SL_VARIANTS, type SlVariant as KpiSlVariant } from './kpi.ts';

export type StaffingModel = 'erlang-c' | 'erlang-a' | 'erlang-b';
export const STAFFING_MODELS = ['erlang-c', 'erlang-a', 'erlang-b'] as const satisfies readonly StaffingModel[];

/** Service level under abandonment: the KPI engine's variants, so modelled = measured. */
export type SlVariant = KpiSlVariant;
export const SL_VARIANTS = Object.keys(KPI_SL_VARIANTS) as [SlVariant, ...SlVariant[]];

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

/** Agents beyond this are refused (the solver gives up rather than hang). */
export const MAX_AGENTS = 200_000;
/** Offered load beyond this is refused. */
export const MAX_TRAFFIC = 150_000;
export const DEFAULT_SERVICE_LEVEL = 0.8;

/** Offered load in Erlangs: calls × AHT / interval length. */
export function trafficErlangs(calls: number, aht: number, intervalMinutes: number): number {
  return (calls * aht) / (intervalMinutes * 60);
}

/** Rules that involve more than one field, or the offered load. */
export function crossFieldProblem(input: StaffingInput): { field: string; problem: string } | null {
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

type Op = '>' | '≥' | '<' | '≤';
interface FieldRule {
  readonly required?: true;
  /** `number`: a finite number; `integer`: a whole number; `enum`: one of `values`. */
  readonly kind: 'number' | 'integer' | 'enum';
  readonly values?: readonly string[];
  /** Bounds in order, each with the message when it fails. */
  readonly bounds?: readonly (readonly [Op, number, string])[];
}

/** The fields of a StaffingInput and their rules (built on first use). */
function fields(): Record<keyof StaffingInput, FieldRule> {
  const fraction0: FieldRule = {
    kind: 'number',
    bounds: [
      ['≥', 0, 'must be in [0, 1)'],
      ['<', 1, 'must be in [0, 1)'],
    ],
  };
  const openFraction: FieldRule = {
    kind: 'number',
    bounds: [
      ['>', 0, 'must be in (0, 1)'],
      ['<', 1, 'must be in (0, 1)'],
    ],
  };
  const seconds = (op: '>' | '≥'): FieldRule => ({ kind: 'number', bounds: [[op, 0, `must be ${op} 0 seconds`]] });
  return {
    calls: { required: true, kind: 'number', bounds: [['≥', 0, 'must be ≥ 0']] },
    intervalMinutes: {
      required: true,
      kind: 'number',
      bounds: [
        ['>', 0, 'must be > 0'],
        ['≤', 1440, 'must be at most 1440 (a day)'],
      ],
    },
    aht: { ...seconds('>'), required: true },
    answerWithin: { ...seconds('≥'), required: true },
    serviceLevel: {
      kind: 'number',
      bounds: [
        ['≥', 0, 'must be in [0, 1)'],
        ['<', 1, 'must be below 1: no finite staffing answers every contact within the threshold'],
      ],
    },
    asa: seconds('>'),
    maxOccupancy: {
      kind: 'number',
      bounds: [
        ['>', 0, 'must be in (0, 1]'],
        ['≤', 1, 'must be in (0, 1]'],
      ],
    },
    maxAbandon: openFraction,
    model: { kind: 'enum', values: STAFFING_MODELS },
    patience: seconds('>'),
    shrinkage: fraction0,
    agents: {
      kind: 'integer',
      bounds: [
        ['≥', 0, 'must be ≥ 0'],
        ['≤', MAX_AGENTS, `must be at most ${MAX_AGENTS}`],
      ],
    },
    slVariant: { kind: 'enum', values: SL_VARIANTS },
    shortAbandon: seconds('≥'),
    maxBlocking: openFraction,
  };
}

type Problem = { field: string; problem: string };
type FieldCheck = (rec: Record<string, unknown>) => Problem | null;

/** One field's check as its own closure (so each reads one property name: a fast, monomorphic load). */
function fieldCheck(field: string, rule: FieldRule): FieldCheck {
  const typeProblem = { field, problem: rule.kind === 'integer' ? 'must be a whole number' : 'must be a number' };
  const bounds = (rule.bounds ?? []).map(([op, bound, problem]) => ({ op, bound, p: { field, problem } }));
  const values = rule.values;
  const enumProblem = values ? { field, problem: `must be one of ${values.join(', ')}` } : typeProblem;
  return (rec) => {
    const v = rec[field];
    if (v === undefined) return rule.required ? typeProblem : null;
    if (values) return values.includes(v as string) ? null : enumProblem;
    if (typeof v !== 'number' || !Number.isFinite(v) || (rule.kind === 'integer' && !Number.isInteger(v))) return typeProblem;
    for (let i = 0; i < bounds.length; i++) {
      const { op, bound, p } = bounds[i]!;
      if (!(op === '>' ? v > bound : op === '≥' ? v >= bound : op === '<' ? v < bound : v <= bound)) return p;
    }
    return null;
  };
}

let checks: FieldCheck[] | null = null;
let known: Set<string> | null = null;

/** The first problem of an input, as a field and a message; null when it is valid. */
export function staffingInputProblem(input: unknown, strict: boolean): Problem | null {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return { field: 'input', problem: 'must be an object' };
  const rec = input as Record<string, unknown>;
  if (checks === null) {
    const table = Object.entries(fields());
    checks = table.map(([f, rule]) => fieldCheck(f, rule));
    known = new Set(table.map(([f]) => f));
  }
  if (strict) for (const key of Object.keys(rec)) if (!known!.has(key)) return { field: key, problem: 'unknown field' };
  for (let i = 0; i < checks.length; i++) {
    const p = checks[i]!(rec);
    if (p) return p;
  }
  return crossFieldProblem(input as StaffingInput);
}

/**
 * Checks an unknown value (a request body, parsed CLI flags) and returns it typed. Throws an
 * InputError naming the field: negative calls, AHT 0, a service-level target of 1 or more,
 * Erlang A without patience, an unknown field, …
 */
export function validateStaffingInput(input: unknown): StaffingInput {
  const p = staffingInputProblem(input, true);
  if (p) throw new InputError(p.field, p.problem);
  return input as StaffingInput;
}

/** The engine's own check of a typed input (fields it does not know are ignored). */
export function assertStaffingInput(input: StaffingInput): void {
  const p = staffingInputProblem(input, false);
  if (p) throw new InputError(p.field, p.problem);
}
